/** One reservation: its lines and lifecycle, with confirm / extend / release / ship for permitted roles. */
import { useState } from 'react';
import { useParams } from 'react-router';
import { Countdown } from '../../../components/Countdown';
import { Button, Card, ErrorNote, Loading, PageHeader, SelectField, StatusBadge } from '../../../components/ui';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useErrorText, useWarehouseName } from '../../../lib/warehouses';
import { useConfirmReservation } from '../api/confirm-reservation';
import { useExtendReservation } from '../api/extend-reservation';
import { useFulfilReservation } from '../api/fulfil-reservation';
import { useReservation } from '../api/get-reservation';
import { useReleaseReservation } from '../api/release-reservation';

/** How long an extended hold lasts from now (the API allows 1 s … 7 days). */
const extensions = [
  { seconds: 15 * 60, label: '15 minutes' },
  { seconds: 60 * 60, label: '1 hour' },
  { seconds: 24 * 60 * 60, label: '1 day' },
  { seconds: 7 * 24 * 60 * 60, label: '7 days' },
];

export const ReservationPage = () => {
  const { id = '' } = useParams();
  const reservation = useReservation(id);
  const confirm = useConfirmReservation(id);
  const release = useReleaseReservation(id);
  const fulfil = useFulfilReservation(id);
  const extend = useExtendReservation(id);
  const [extendBy, setExtendBy] = useState(String(extensions[1]?.seconds));
  const can = useCan();
  const errorText = useErrorText();
  const warehouseName = useWarehouseName();
  if (reservation.isPending) return <Loading />;
  if (reservation.error) return <ErrorNote>{errorText(reservation.error)}</ErrorNote>;
  const r = reservation.data;
  const error = confirm.error ?? release.error ?? fulfil.error ?? extend.error;
  const busy = confirm.isPending || release.isPending || fulfil.isPending || extend.isPending;
  const open = r.status === 'active' || r.status === 'allocated' || r.status === 'partially_fulfilled';
  const everywhere = (permission: string) => r.lines.every((l) => can(permission, l.warehouse));
  return (
    <>
      <PageHeader title={`Reservation ${r.reference}`}>
        <p>
          <StatusBadge status={r.status} /> {r.status === 'active' && <Countdown to={r.expiresAt} />}
        </p>
      </PageHeader>
      <Card title="Lines">
        <div className="table-wrap">
          <table className="data stack">
            <thead>
              <tr>
                <th>SKU</th>
                <th>Warehouse</th>
                <th className="num">Quantity</th>
                <th className="num">Shipped</th>
                <th className="num">Backordered</th>
              </tr>
            </thead>
            <tbody>
              {r.lines.map((l) => (
                <tr key={`${l.sku}:${l.warehouse}`}>
                  <td data-label="SKU" className="code">
                    {l.sku}
                  </td>
                  <td data-label="Warehouse">{warehouseName(l.warehouse)}</td>
                  <td data-label="Quantity" className="num">
                    {formatNumber(l.quantity)}
                  </td>
                  <td data-label="Shipped" className="num">
                    {formatNumber(l.fulfilled)}
                  </td>
                  <td data-label="Backordered" className="num">
                    {formatNumber(l.backordered)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <dl className="kv">
          <dt>Number</dt>
          <dd className="code">{r.id}</dd>
          <dt>Channel</dt>
          <dd>{r.channel ?? '—'}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(r.createdAt)}</dd>
          <dt>Expires</dt>
          <dd>{formatDateTime(r.expiresAt)}</dd>
        </dl>
        <ErrorNote>{error ? errorText(error) : null}</ErrorNote>
        {open && (
          <div className="actions">
            {r.status === 'active' && can('reservations.write') && (
              <Button variant="primary" busy={busy} onClick={() => confirm.mutate()}>
                Confirm (payment received)
              </Button>
            )}
            {r.status === 'active' && can('reservations.write') && (
              <span className="inline-action">
                <SelectField label="Hold for" value={extendBy} onChange={(e) => setExtendBy(e.target.value)}>
                  {extensions.map((x) => (
                    <option key={x.seconds} value={x.seconds}>
                      {x.label} from now
                    </option>
                  ))}
                </SelectField>
                <Button busy={busy} onClick={() => extend.mutate(Number(extendBy))}>
                  Extend hold
                </Button>
              </span>
            )}
            {r.status !== 'active' && can('reservations.fulfil') && everywhere('reservations.fulfil') && (
              <Button variant="primary" busy={busy} onClick={() => fulfil.mutate()}>
                Ship everything
              </Button>
            )}
            {can('reservations.write') && (
              <Button variant="danger" busy={busy} onClick={() => window.confirm('Release this reservation? The units become available again.') && release.mutate()}>
                Release
              </Button>
            )}
          </div>
        )}
      </Card>
    </>
  );
};
