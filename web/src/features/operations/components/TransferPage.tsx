/** Ship stock to another warehouse: from, to, scan lines, send; the transfer number goes with the goods. */
import { Trash2 } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, ErrorNote, PageHeader, SelectField, SuccessNote, TextField } from '../../../components/ui';
import type { Schemas } from '../../../lib/api';
import { formatNumber, parseCount } from '../../../lib/format';
import { useErrorText, useWarehouseName, useWarehouses } from '../../../lib/warehouses';
import { useCreateTransfer } from '../api/create-transfer';
import { useStockLevel } from '../api/get-stock-level';
import { FoundSku } from './FoundSku';
import { QuantityField, quantityError } from './QuantityField';
import { ScanField, type ScanFieldHandle } from './ScanField';
import { useWarehouseChoice, WarehousePicker } from './WarehousePicker';

export const TransferPage = () => {
  const fromChoice = useWarehouseChoice('stock.transfer');
  const from = fromChoice.value;
  const [to, setTo] = useState('');
  const [sku, setSku] = useState<Schemas['Sku'] | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [lines, setLines] = useState<Array<{ sku: string; quantity: number }>>([]);
  const [reference, setReference] = useState('');
  const [created, setCreated] = useState<{ id: string; to: string } | null>(null);
  const scan = useRef<ScanFieldHandle>(null);
  const transfer = useCreateTransfer();
  const warehouses = useWarehouses();
  const errorText = useErrorText();
  const warehouseName = useWarehouseName();
  const level = useStockLevel(sku?.sku, from);
  const n = parseCount(quantity);

  const addLine = () => {
    if (!sku || n === null || n < 1) return;
    setLines((old) => {
      const existing = old.find((l) => l.sku === sku.sku);
      return existing ? old.map((l) => (l.sku === sku.sku ? { ...l, quantity: l.quantity + n } : l)) : [...old, { sku: sku.sku, quantity: n }];
    });
    setSku(null);
    setQuantity('1');
    scan.current?.clear();
    scan.current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (lines.length === 0 || !to) return;
    transfer.mutate(
      { from, to, lines, ...(reference.trim() && { reference: reference.trim() }) },
      {
        onSuccess: (result) => {
          setCreated({ id: result.id, to: result.to });
          setLines([]);
          setReference('');
        },
      },
    );
  };

  return (
    <div className="op-form">
      <PageHeader title="Transfer" actions={<Link to="/operations">All operations</Link>} />
      {created && (
        <SuccessNote>
          On its way to {warehouseName(created.to)}. Transfer number: <span className="code" data-testid="transfer-id">{created.id}</span> — receive it there under “Receive transfer”.
        </SuccessNote>
      )}
      <form onSubmit={submit} aria-label="Create a transfer">
        <Card>
          <WarehousePicker label="From" choice={fromChoice} />
          <SelectField label="To" value={to} onChange={(e) => setTo(e.target.value)} required>
            <option value="">Choose…</option>
            {warehouses.data
              ?.filter((w) => w.active && w.code !== from)
              .map((w) => (
                <option key={w.code} value={w.code}>
                  {w.name} ({w.code})
                </option>
              ))}
          </SelectField>
          <ScanField ref={scan} autoFocus={false} onSku={(found) => (setSku(found), found && setCreated(null))} />
          {sku && (
            <>
              <FoundSku sku={sku} level={level} />
              <QuantityField label={`Quantity (${sku.unit})`} value={quantity} onChange={setQuantity} error={quantityError(quantity)} />
              <Button onClick={addLine} disabled={n === null || n < 1}>
                Add to transfer
              </Button>
            </>
          )}
        </Card>
        {lines.length > 0 && (
          <Card title={`${lines.length} line${lines.length === 1 ? '' : 's'}`}>
            <ul className="list">
              {lines.map((l) => (
                <li key={l.sku} className="row">
                  <span>
                    <span className="code">{l.sku}</span> × {formatNumber(l.quantity)}
                  </span>
                  <Button variant="ghost" onClick={() => setLines((old) => old.filter((x) => x.sku !== l.sku))} aria-label={`Remove ${l.sku}`}>
                    <Trash2 size={18} aria-hidden="true" />
                  </Button>
                </li>
              ))}
            </ul>
            <TextField label="Reference (optional)" value={reference} onChange={(e) => setReference(e.target.value)} />
            <ErrorNote>{transfer.error ? errorText(transfer.error) : null}</ErrorNote>
            <Button type="submit" variant="primary" big busy={transfer.isPending} disabled={!to || !from}>
              Send to {to ? warehouseName(to) : '…'}
            </Button>
          </Card>
        )}
      </form>
    </div>
  );
};
