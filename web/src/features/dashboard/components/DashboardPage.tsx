/** What is low and what moved: totals, counts, a 30-day chart and the low-stock list. */
import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Empty, ErrorNote, Loading, PageHeader, SelectField, StockBadge } from '../../../components/ui';
import { formatNumber } from '../../../lib/format';
import { useErrorText, useWarehouseName, useWarehouses } from '../../../lib/warehouses';
import { useLowStock } from '../api/list-low-stock';
import { useMovementsDaily } from '../api/get-movements-daily';
import { useSummary } from '../api/get-summary';
import { MovementsChart } from './MovementsChart';

const Stat = ({ label, value, tone, to }: { label: string; value: number | undefined; tone?: 'bad' | 'warn'; to?: string }) => {
  const body = (
    <>
      <div className="value">{value === undefined ? '…' : formatNumber(value)}</div>
      <div className="label">{label}</div>
    </>
  );
  return <div className={`stat${tone && value ? ` stat-${tone}` : ''}`}>{to?.startsWith('#') ? <a href={to}>{body}</a> : to ? <Link to={to}>{body}</Link> : body}</div>;
};

export const DashboardPage = () => {
  const [warehouse, setWarehouse] = useState('');
  const filter = warehouse || undefined;
  const warehouses = useWarehouses();
  const warehouseName = useWarehouseName();
  const errorText = useErrorText();
  const summary = useSummary(filter);
  const daily = useMovementsDaily(30, filter);
  const low = useLowStock(filter);
  const s = summary.data;
  const statusLink = (status: string) => `/catalog?status=${status}${filter ? `&warehouse=${filter}` : ''}`;

  return (
    <>
      <PageHeader title="Dashboard">
        <p>{filter ? `Warehouse ${warehouseName(filter)}` : 'All warehouses'}</p>
      </PageHeader>
      <div style={{ maxWidth: 320 }}>
        <SelectField label="Warehouse" value={warehouse} onChange={(e) => setWarehouse(e.target.value)}>
          <option value="">All warehouses</option>
          {warehouses.data?.map((w) => (
            <option key={w.code} value={w.code}>
              {w.name} ({w.code})
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorNote>{summary.error ? errorText(summary.error) : null}</ErrorNote>
      <section aria-label="Units" className="grid" style={{ marginBottom: 12 }} data-testid="units">
        <Stat label="Units on hand" value={s?.totals.onHand} />
        <Stat label="Available" value={s?.totals.available} />
        <Stat label="Reserved" value={s?.totals.reserved} />
        <Stat label="Allocated" value={s?.totals.allocated} />
      </section>
      <section aria-label="Attention" className="grid" style={{ marginBottom: 16 }}>
        <Stat label="SKUs out of stock" value={s?.skusOutOfStock} tone="bad" to={statusLink('out_of_stock')} />
        <Stat label="SKUs at or below a reorder point" value={s?.skusLow} tone="warn" to="#low-stock" />
        <Stat label="Open transfers" value={s?.openTransfers} to="/operations/transfer-receive" />
        <Stat label="Holds expiring within 1 h" value={s?.reservationsExpiringSoon} tone="warn" to="/reservations?status=active" />
      </section>
      <div className="grid-2">
        <Card title="Movements per day, last 30 days">
          {daily.isPending ? <Loading /> : daily.error ? <ErrorNote>{errorText(daily.error)}</ErrorNote> : <MovementsChart report={daily.data} />}
        </Card>
        <Card title="Low stock" id="low-stock" actions={<Link to={statusLink('low_stock')}>Catalog</Link>}>
          {low.isPending ? (
            <Loading />
          ) : low.error ? (
            <ErrorNote>{errorText(low.error)}</ErrorNote>
          ) : low.data.items.length === 0 ? (
            <Empty>Nothing is below its reorder point.</Empty>
          ) : (
            <ul className="list" data-testid="low-stock">
              {low.data.items.map((level) => (
                <li key={`${level.sku}:${level.warehouse}`}>
                  <Link className="row" to={`/skus/${encodeURIComponent(level.sku)}`}>
                    <span className="row-main">
                      <span className="code">{level.sku}</span>
                      <br />
                      <span className="sub">
                        {warehouseName(level.warehouse)} · {formatNumber(level.available)} available, reorder at {formatNumber(level.reorderPoint)}
                      </span>
                    </span>
                    <StockBadge status={level.status} />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
};
