/** One SKU: its details, levels per warehouse, history chart, movements and open reservations. */
import { Archive, ArchiveRestore, Pencil } from 'lucide-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Countdown } from '../../../components/Countdown';
import { Button, Card, Empty, ErrorNote, Loading, PageHeader, SelectField, StatusBadge, StockBadge } from '../../../components/ui';
import { formatNumber } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useErrorText, useWarehouseName } from '../../../lib/warehouses';
import { useSku } from '../../../lib/skus';
import { useSetSkuArchived } from '../api/archive-sku';
import { useSkuHistory } from '../api/get-sku-history';
import { useStock } from '../api/get-stock';
import { useSkuReservations } from '../api/list-sku-reservations';
import { HistoryChart } from './HistoryChart';
import { LevelsTable } from './LevelsTable';
import { MovementHistory } from './MovementHistory';

export const SkuPage = () => {
  const { sku = '' } = useParams();
  const can = useCan();
  const errorText = useErrorText();
  const warehouseName = useWarehouseName();
  const details = useSku(sku);
  const stock = useStock(sku);
  const [days, setDays] = useState(30);
  const history = useSkuHistory(sku, days);
  const reservations = useSkuReservations(sku);
  const setArchived = useSetSkuArchived(sku);
  const s = details.data;
  const totals = stock.data?.totals;
  const status = totals ? (totals.available <= 0 ? 'out_of_stock' : totals.reorderPoint > 0 && totals.available <= totals.reorderPoint ? 'low_stock' : 'in_stock') : null;

  if (details.error) return <ErrorNote>{errorText(details.error)}</ErrorNote>;
  return (
    <>
      <PageHeader
        title={s ? s.name : sku}
        actions={
          can('catalog.write') && s ? (
            <>
              <Link className="btn" to={`/skus/${encodeURIComponent(sku)}/edit`}>
                <Pencil size={16} aria-hidden="true" /> Edit
              </Link>
              {s.archived ? (
                <Button busy={setArchived.isPending} onClick={() => setArchived.mutate(false)}>
                  <ArchiveRestore size={16} aria-hidden="true" /> Restore
                </Button>
              ) : (
                <Button
                  busy={setArchived.isPending}
                  onClick={() => window.confirm(`Archive ${sku}? It leaves the catalog and can no longer be received or reserved; you can restore it later.`) && setArchived.mutate(true)}
                >
                  <Archive size={16} aria-hidden="true" /> Archive
                </Button>
              )}
            </>
          ) : null
        }
      >
        <p>
          <span className="code">{sku}</span> {status && <StockBadge status={status} />} {s?.archived && <StatusBadge status="archived" />}
        </p>
        <ErrorNote>{setArchived.error ? errorText(setArchived.error) : null}</ErrorNote>
      </PageHeader>
      {s && (
        <Card title="Details">
          <dl className="kv">
            <dt>Unit</dt>
            <dd>{s.unit}</dd>
            <dt>Barcode</dt>
            <dd className="code">{s.barcode ?? '—'}</dd>
            {s.productId && (
              <>
                <dt>Product</dt>
                <dd>{s.productId}</dd>
              </>
            )}
            <dt>Dimensions</dt>
            <dd>{s.dimensionsMm ? `${s.dimensionsMm.length} × ${s.dimensionsMm.width} × ${s.dimensionsMm.height} mm` : '—'}</dd>
            <dt>Weight</dt>
            <dd>{s.weightGrams !== null ? `${formatNumber(s.weightGrams)} g` : '—'}</dd>
            <dt>Backorders</dt>
            <dd>{s.backorder.allowed ? `allowed, up to ${formatNumber(s.backorder.limit)} below zero` : 'not allowed'}</dd>
            {Object.entries(s.attributes).map(([k, v]) => (
              <Fragmentless key={k} k={k} v={v} />
            ))}
          </dl>
        </Card>
      )}
      <Card title="Stock per warehouse">
        {stock.isPending ? (
          <Loading />
        ) : stock.error ? (
          <ErrorNote>{errorText(stock.error)}</ErrorNote>
        ) : stock.data.warehouses.length === 0 ? (
          <Empty>No stock anywhere yet. Receive some under Operations.</Empty>
        ) : (
          <>
            <p data-testid="totals">
              In total: <strong>{formatNumber(stock.data.totals.onHand)}</strong> on hand, <strong data-testid="total-available">{formatNumber(stock.data.totals.available)}</strong> available,{' '}
              <strong data-testid="total-reserved">{formatNumber(stock.data.totals.reserved)}</strong> reserved, {formatNumber(stock.data.totals.allocated)} allocated.
            </p>
            <LevelsTable levels={stock.data.warehouses} />
          </>
        )}
      </Card>
      <div className="grid-2">
        <Card
          title="On hand and available"
          actions={
            <SelectField label="Period" value={String(days)} onChange={(e) => setDays(Number(e.target.value))}>
              <option value="7">7 days</option>
              <option value="30">30 days</option>
              <option value="90">90 days</option>
            </SelectField>
          }
        >
          {history.isPending ? <Loading /> : history.error ? <ErrorNote>{errorText(history.error)}</ErrorNote> : <HistoryChart points={history.data.points} />}
          {history.data?.truncated && <p className="hint">Showing the latest 2,000 movements only.</p>}
        </Card>
        <Card title="Open reservations">
          {reservations.isPending ? (
            <Loading />
          ) : reservations.error ? (
            <ErrorNote>{errorText(reservations.error)}</ErrorNote>
          ) : reservations.items.length === 0 ? (
            <Empty>No open reservations.</Empty>
          ) : (
            <ul className="list" data-testid="sku-reservations">
              {reservations.items.map((r) => (
                <li key={r.id}>
                  <Link className="row" to={`/reservations/${r.id}`}>
                    <span className="row-main">
                      {r.reference}
                      <br />
                      <span className="sub">
                        {r.lines
                          .filter((l) => l.sku === sku)
                          .map((l) => `${formatNumber(l.quantity - l.fulfilled)} in ${warehouseName(l.warehouse)}`)
                          .join(', ')}{' '}
                        · {r.status === 'active' ? <Countdown to={r.expiresAt} /> : null}
                      </span>
                    </span>
                    <StatusBadge status={r.status} />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      {can('movements.read') && (
        <Card title="Movements">
          <MovementHistory sku={sku} />
        </Card>
      )}
    </>
  );
};

const Fragmentless = ({ k, v }: { k: string; v: string }) => (
  <>
    <dt>{k}</dt>
    <dd>{v}</dd>
  </>
);
