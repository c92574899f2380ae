/** Ship an order: find its reservation by number or order reference, check the lines, ship all or part. */
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, ErrorNote, PageHeader, StatusBadge, SuccessNote, TextField } from '../../../components/ui';
import type { Schemas } from '../../../lib/api';
import { formatNumber, formatUnits } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useErrorText, useWarehouseName } from '../../../lib/warehouses';
import { findReservation } from '../api/find-reservation';
import { useFulfilReservation } from '../api/fulfil-reservation';
import { LineQuantities, useLineQuantities } from './LineQuantities';

export const FulfilPage = () => {
  const [text, setText] = useState('');
  const [reservation, setReservation] = useState<Schemas['Reservation'] | null>(null);
  const [lookupError, setLookupError] = useState<unknown>(null);
  const [looking, setLooking] = useState(false);
  const fulfil = useFulfilReservation();
  const can = useCan();
  const errorText = useErrorText();
  const warehouseName = useWarehouseName();

  const find = async (event: FormEvent) => {
    event.preventDefault();
    setLooking(true);
    setLookupError(null);
    fulfil.reset();
    try {
      setReservation(await findReservation(text));
    } catch (error) {
      setReservation(null);
      setLookupError(error);
    } finally {
      setLooking(false);
    }
  };

  const r = reservation;
  const shippable = r && (r.status === 'allocated' || r.status === 'partially_fulfilled');
  const notMine = r?.lines.find((l) => !can('reservations.fulfil', l.warehouse));
  const open = shippable ? r.lines.filter((l) => l.fulfilled < l.quantity) : [];
  const quantities = useLineQuantities(
    open.map((l) => ({ key: `${r?.id}:${l.sku}:${l.warehouse}`, sku: l.sku, warehouse: l.warehouse, label: `${l.sku} from ${warehouseName(l.warehouse)} (${l.quantity - l.fulfilled} to ship)`, open: l.quantity - l.fulfilled })),
  );
  return (
    <div className="op-form">
      <PageHeader title="Fulfil order" actions={<Link to="/operations">All operations</Link>} />
      <form onSubmit={(e) => void find(e)} className="card" aria-label="Find an order">
        <div className="big-input">
          <TextField label="Reservation number or order reference" value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" spellCheck={false} autoFocus />
        </div>
        <Button type="submit" variant="primary" busy={looking}>
          Find
        </Button>
      </form>
      <ErrorNote>{lookupError ? errorText(lookupError) : null}</ErrorNote>
      {r && (
        <Card title={r.reference} actions={<StatusBadge status={r.status} />}>
          <ul className="list">
            {r.lines.map((l) => (
              <li key={`${l.sku}:${l.warehouse}`} className="row">
                <span>
                  <span className="code">{l.sku}</span> from {warehouseName(l.warehouse)}
                </span>
                <span>
                  {formatNumber(l.fulfilled)} of {formatNumber(l.quantity)} shipped
                </span>
              </li>
            ))}
          </ul>
          {fulfil.isSuccess && <SuccessNote>Shipped. The order is {fulfil.data.status.replace(/_/g, ' ')}.</SuccessNote>}
          <ErrorNote>{fulfil.error ? errorText(fulfil.error) : null}</ErrorNote>
          {!shippable && !fulfil.isSuccess && <p className="hint">Only confirmed (allocated) orders can be shipped; this one is {r.status.replace(/_/g, ' ')}.</p>}
          {shippable &&
            (notMine ? (
              <ErrorNote>This order ships from {warehouseName(notMine.warehouse)}, which is not one of your warehouses.</ErrorNote>
            ) : (
              <LineQuantities
                quantities={quantities}
                busy={fulfil.isPending}
                onSubmit={() => fulfil.mutate({ id: r.id, ...(quantities.partial && { lines: quantities.lines }) }, { onSuccess: (updated) => (quantities.reset(), setReservation(updated)) })}
              >
                {quantities.partial ? `Ship ${formatUnits(quantities.total)}` : 'Ship everything'}
              </LineQuantities>
            ))}
        </Card>
      )}
    </div>
  );
};
