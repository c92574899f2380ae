/** The catalog: instant search, filters by warehouse and status, infinite scroll, import and export. */
import { Download, Plus, Upload } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Empty, ErrorNote, Loading, PageHeader, SelectField, StockBadge, TextField } from '../../../components/ui';
import { formatNumber } from '../../../lib/format';
import { useCan } from '../../../lib/session';
import { useErrorText, useWarehouses } from '../../../lib/warehouses';
import { exportCatalog } from '../api/export-catalog';
import { type CatalogFilter, type StockStatusFilter, useCatalog } from '../api/list-catalog';
import { CsvImport } from './CsvImport';

const useDebounced = <T,>(value: T, ms: number) => {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
};

const download = (csv: string, name: string) => {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

export const CatalogPage = () => {
  const [params, setParams] = useSearchParams();
  const can = useCan();
  const errorText = useErrorText();
  const warehouses = useWarehouses();
  const [search, setSearch] = useState(params.get('search') ?? '');
  const debouncedSearch = useDebounced(search, 200);
  const filter: CatalogFilter = { search: debouncedSearch, warehouse: params.get('warehouse') ?? '', status: (params.get('status') ?? '') as StockStatusFilter };
  const catalog = useCatalog(filter);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState<number | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const autoFetches = useRef(0);

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  useEffect(() => {
    if ((params.get('search') ?? '') !== debouncedSearch) setParam('search', debouncedSearch);
    autoFetches.current = 0;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch]);

  const items = catalog.data?.pages.flatMap((p) => p.items) ?? [];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = catalog;

  // Infinite scroll: fetch the next page when the end of the list comes into view.
  useEffect(() => {
    const element = sentinel.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && hasNextPage && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  // A rare status can leave pages short (the server scans a bounded number of SKUs per request): keep looking a while.
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && items.length < 20 && autoFetches.current < 25) {
      autoFetches.current += 1;
      void fetchNextPage();
    }
  }, [hasNextPage, isFetchingNextPage, items.length, fetchNextPage]);

  const runExport = async () => {
    setExportError(null);
    setExporting(0);
    try {
      const { csv, truncated } = await exportCatalog(filter, setExporting);
      download(csv, `stockroom-catalog-${new Date().toISOString().slice(0, 10)}.csv`);
      if (truncated) setExportError(new Error('The export stopped at 50,000 rows: narrow the filters, or use `stockroom export skus` for everything.'));
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(null);
    }
  };

  return (
    <>
      <PageHeader
        title="Catalog"
        actions={
          <>
            {can('catalog.write') && (
              <Link className="btn btn-primary" to="/catalog/new">
                <Plus size={18} aria-hidden="true" /> New SKU
              </Link>
            )}
            {can('catalog.write') && (
              <Button onClick={() => setImporting((v) => !v)} aria-expanded={importing}>
                <Upload size={18} aria-hidden="true" /> Import CSV
              </Button>
            )}
            <Button onClick={() => void runExport()} busy={exporting !== null}>
              <Download size={18} aria-hidden="true" /> {exporting !== null ? `Exporting ${formatNumber(exporting)}…` : 'Export CSV'}
            </Button>
          </>
        }
      />
      <ErrorNote>{exportError ? errorText(exportError) : null}</ErrorNote>
      {importing && <CsvImport onClose={() => setImporting(false)} />}
      <Card>
        <div className="filters" role="search">
          <TextField label="Search" type="search" placeholder="Code, name or barcode" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
          <SelectField label="Warehouse" value={filter.warehouse} onChange={(e) => setParam('warehouse', e.target.value)}>
            <option value="">All warehouses</option>
            {warehouses.data?.map((w) => (
              <option key={w.code} value={w.code}>
                {w.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Stock status" value={filter.status} onChange={(e) => setParam('status', e.target.value)}>
            <option value="">Any</option>
            <option value="in_stock">In stock</option>
            <option value="low_stock">Low stock</option>
            <option value="out_of_stock">Out of stock</option>
          </SelectField>
        </div>
        <ErrorNote>{catalog.error ? errorText(catalog.error) : null}</ErrorNote>
        {catalog.isPending ? (
          <Loading />
        ) : items.length === 0 && !hasNextPage ? (
          <Empty>No SKUs match. {can('catalog.write') ? <Link to="/catalog/new">Create one</Link> : null}</Empty>
        ) : (
          <div className="table-wrap">
            <table className="data stack" aria-label="SKUs" aria-busy={catalog.isFetching}>
              <thead>
                <tr>
                  <th>SKU</th>
                  <th>Name</th>
                  <th>Barcode</th>
                  <th className="num">On hand</th>
                  <th className="num">Available</th>
                  <th className="num">Reserved</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.sku.sku}>
                    <td data-label="SKU">
                      <Link className="code" to={`/skus/${encodeURIComponent(item.sku.sku)}`}>
                        {item.sku.sku}
                      </Link>
                    </td>
                    <td data-label="Name">{item.sku.name}</td>
                    <td data-label="Barcode" className="code hide-phone">
                      {item.sku.barcode ?? '—'}
                    </td>
                    <td data-label="On hand" className="num">
                      {formatNumber(item.onHand)}
                    </td>
                    <td data-label="Available" className="num">
                      {formatNumber(item.available)}
                    </td>
                    <td data-label="Reserved" className="num hide-phone">
                      {formatNumber(item.reserved)}
                    </td>
                    <td data-label="Status">
                      <StockBadge status={item.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div ref={sentinel} />
        {hasNextPage && (
          <div className="actions">
            <Button onClick={() => void fetchNextPage()} busy={isFetchingNextPage}>
              Load more
            </Button>
          </div>
        )}
      </Card>
    </>
  );
};
