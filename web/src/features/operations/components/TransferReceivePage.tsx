/** Receive a transfer at its destination: type or scan its number, check the lines, receive all or part. */
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, ErrorNote, PageHeader, StatusBadge, SuccessNote, TextField } from '../../../components/ui';
import { formatNumber, formatUnits } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useErrorText, useWarehouseName } from '../../../lib/warehouses';
import { useTransfer } from '../api/get-transfer';
import { useOpenTransfers } from '../api/list-open-transfers';
import { useReceiveTransfer } from '../api/receive-transfer';
import { LineQuantities, useLineQuantities } from './LineQuantities';

export const TransferReceivePage = () => {
  const [text, setText] = useState('');
  const [id, setId] = useState<string | null>(null);
  const transfer = useTransfer(id);
  const receive = useReceiveTransfer(id ?? '');
  const can = useCan();
  const errorText = useErrorText();
  const warehouseName = useWarehouseName();
  const incoming = useOpenTransfers();
  const t = transfer.data;
  const receivable = incoming.data?.items.filter((x) => can('stock.receive', x.to)) ?? [];
  const open = t?.lines.filter((l) => l.received < l.quantity) ?? [];
  const allowedHere = t ? can('stock.receive', t.to) : false;
  const quantities = useLineQuantities(open.map((l) => ({ key: `${t?.id}:${l.sku}`, sku: l.sku, label: `${l.sku} arrived (${l.quantity - l.received} on the way)`, open: l.quantity - l.received })));

  const find = (event: FormEvent) => {
    event.preventDefault();
    receive.reset();
    setId(text.trim() || null);
  };

  return (
    <div className="op-form">
      <PageHeader title="Receive transfer" actions={<Link to="/operations">All operations</Link>} />
      <form onSubmit={find} className="card" aria-label="Find a transfer">
        <div className="big-input">
          <TextField label="Transfer number" value={text} onChange={(e) => setText(e.target.value)} placeholder="trf_…" autoComplete="off" spellCheck={false} autoFocus />
        </div>
        <Button type="submit" variant="primary">
          Find
        </Button>
      </form>
      {!id && receivable.length > 0 && (
        <Card title="On its way to you">
          <ul className="list" data-testid="incoming">
            {receivable.map((x) => (
              <li key={x.id}>
                <button type="button" className="row row-button" onClick={() => (setText(x.id), setId(x.id))}>
                  <span className="row-main">
                    {warehouseName(x.from)} → <strong>{warehouseName(x.to)}</strong>
                    <br />
                    <span className="sub">
                      {x.lines.map((l) => `${formatNumber(l.quantity - l.received)} × ${l.sku}`).join(', ')}
                      {x.reference ? ` · ${x.reference}` : ''}
                    </span>
                  </span>
                  <StatusBadge status={x.status} />
                </button>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <ErrorNote>{transfer.error ? errorText(transfer.error) : null}</ErrorNote>
      {t && (
        <Card title={`${warehouseName(t.from)} → ${warehouseName(t.to)}`} actions={<StatusBadge status={t.status} />}>
          <ul className="list">
            {t.lines.map((l) => (
              <li key={l.sku} className="row">
                <span className="code">{l.sku}</span>
                <span>
                  {formatNumber(l.received)} of {formatNumber(l.quantity)} received
                </span>
              </li>
            ))}
          </ul>
          {receive.isSuccess && <SuccessNote>Received. The units are on hand in {warehouseName(t.to)}.</SuccessNote>}
          <ErrorNote>{receive.error ? errorText(receive.error) : null}</ErrorNote>
          {open.length > 0 &&
            (allowedHere ? (
              <LineQuantities quantities={quantities} busy={receive.isPending} onSubmit={() => receive.mutate(quantities.partial ? quantities.lines : undefined, { onSuccess: quantities.reset })}>
                Receive {formatUnits(quantities.total)} in {warehouseName(t.to)}
              </LineQuantities>
            ) : (
              <ErrorNote>This transfer goes to {warehouseName(t.to)}, which is not one of your warehouses: someone there receives it.</ErrorNote>
            ))}
        </Card>
      )}
    </div>
  );
};
