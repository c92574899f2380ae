/** Reservations by status, newest first, with a live countdown to each hold's expiry. */
import { Link, useSearchParams } from 'react-router';
import { Countdown } from '../../../components/Countdown';
import { Button, Card, Empty, ErrorNote, Loading, PageHeader, StatusBadge } from '../../../components/ui';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useErrorText } from '../../../lib/warehouses';
import { type ReservationStatus, useReservations } from '../api/list-reservations';

const statuses: Array<{ value: ReservationStatus; label: string }> = [
  { value: 'active', label: 'Held' },
  { value: 'allocated', label: 'Confirmed' },
  { value: 'partially_fulfilled', label: 'Part shipped' },
  { value: 'fulfilled', label: 'Shipped' },
  { value: 'released', label: 'Released' },
  { value: 'expired', label: 'Expired' },
];

export const ReservationsPage = () => {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'active') as ReservationStatus;
  const list = useReservations(status);
  const errorText = useErrorText();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title="Reservations" />
      <div className="tabs" role="group" aria-label="Status">
        {statuses.map((s) => (
          <Button key={s.value} aria-pressed={status === s.value} onClick={() => setParams({ status: s.value }, { replace: true })}>
            {s.label}
          </Button>
        ))}
      </div>
      <Card>
        <ErrorNote>{list.error ? errorText(list.error) : null}</ErrorNote>
        {list.isPending ? (
          <Loading />
        ) : items.length === 0 ? (
          <Empty>No reservations with this status.</Empty>
        ) : (
          <ul className="list" data-testid="reservations">
            {items.map((r) => (
              <li key={r.id}>
                <Link className="row" to={`/reservations/${r.id}`}>
                  <span className="row-main">
                    <strong>{r.reference}</strong> {r.channel && <span className="sub">· {r.channel}</span>}
                    <br />
                    <span className="sub">
                      {r.lines.map((l) => `${formatNumber(l.quantity)} × ${l.sku}`).join(', ')} · {formatDateTime(r.createdAt)}
                    </span>
                  </span>
                  {r.status === 'active' ? <Countdown to={r.expiresAt} /> : <StatusBadge status={r.status} />}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {list.hasNextPage && (
          <div className="actions">
            <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
              Load more
            </Button>
          </div>
        )}
      </Card>
    </>
  );
};
