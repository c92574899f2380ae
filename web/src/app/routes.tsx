/** Client routes; every screen is its own chunk (React.lazy), loaded when first opened. */
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { PageHeader } from '../components/ui';
import { Layout, NavList } from './Layout';
import { useLiveUpdates } from './live-updates';

const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) => lazy(async () => ({ default: (await load())[name] }));

const DashboardPage = page(() => import('../features/dashboard/components/DashboardPage'), 'DashboardPage');
const CatalogPage = page(() => import('../features/catalog/components/CatalogPage'), 'CatalogPage');
const SkuCreatePage = page(() => import('../features/catalog/components/SkuEditPage'), 'SkuCreatePage');
const SkuEditPage = page(() => import('../features/catalog/components/SkuEditPage'), 'SkuEditPage');
const SkuPage = page(() => import('../features/sku/components/SkuPage'), 'SkuPage');
const OperationsPage = page(() => import('../features/operations/components/OperationsPage'), 'OperationsPage');
const ReceivePage = page(() => import('../features/operations/components/ReceivePage'), 'ReceivePage');
const CountPage = page(() => import('../features/operations/components/CountPage'), 'CountPage');
const DamagePage = page(() => import('../features/operations/components/DamagePage'), 'DamagePage');
const WriteOffPage = page(() => import('../features/operations/components/DamagePage'), 'WriteOffPage');
const ReturnPage = page(() => import('../features/operations/components/ReturnPage'), 'ReturnPage');
const TransferPage = page(() => import('../features/operations/components/TransferPage'), 'TransferPage');
const TransferReceivePage = page(() => import('../features/operations/components/TransferReceivePage'), 'TransferReceivePage');
const FulfilPage = page(() => import('../features/operations/components/FulfilPage'), 'FulfilPage');
const ReservationsPage = page(() => import('../features/reservations/components/ReservationsPage'), 'ReservationsPage');
const ReservationPage = page(() => import('../features/reservations/components/ReservationPage'), 'ReservationPage');
const WarehousesPage = page(() => import('../features/warehouses/components/WarehousesPage'), 'WarehousesPage');
const UsersPage = page(() => import('../features/users/components/UsersPage'), 'UsersPage');
const ApiKeysPage = page(() => import('../features/users/components/ApiKeysPage'), 'ApiKeysPage');
const AuditPage = page(() => import('../features/audit/components/AuditPage'), 'AuditPage');
const WebhooksPage = page(() => import('../features/webhooks/components/WebhooksPage'), 'WebhooksPage');
const WebhookPage = page(() => import('../features/webhooks/components/WebhookPage'), 'WebhookPage');

const MorePage = () => (
  <>
    <PageHeader title="More" />
    <nav aria-label="All sections" className="card">
      <NavList />
    </nav>
  </>
);

const NotFound = () => (
  <>
    <PageHeader title="Not found" />
    <p>There is no page here. Pick a section from the menu.</p>
  </>
);

export const AppRoutes = () => {
  const live = useLiveUpdates();
  return (
    <Layout live={live}>
      <Routes>
        <Route path="/" element={<DashboardPage />} />
        <Route path="/catalog" element={<CatalogPage />} />
        <Route path="/catalog/new" element={<SkuCreatePage />} />
        <Route path="/skus/:sku" element={<SkuPage />} />
        <Route path="/skus/:sku/edit" element={<SkuEditPage />} />
        <Route path="/operations" element={<OperationsPage />} />
        <Route path="/operations/receive" element={<ReceivePage />} />
        <Route path="/operations/count" element={<CountPage />} />
        <Route path="/operations/damage" element={<DamagePage />} />
        <Route path="/operations/write-off" element={<WriteOffPage />} />
        <Route path="/operations/return" element={<ReturnPage />} />
        <Route path="/operations/transfer" element={<TransferPage />} />
        <Route path="/operations/transfer-receive" element={<TransferReceivePage />} />
        <Route path="/operations/fulfil" element={<FulfilPage />} />
        <Route path="/reservations" element={<ReservationsPage />} />
        <Route path="/reservations/:id" element={<ReservationPage />} />
        <Route path="/warehouses" element={<WarehousesPage />} />
        <Route path="/users" element={<UsersPage />} />
        <Route path="/api-keys" element={<ApiKeysPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="/webhooks" element={<WebhooksPage />} />
        <Route path="/webhooks/:id" element={<WebhookPage />} />
        <Route path="/more" element={<MorePage />} />
        <Route path="/sign-in" element={<Navigate to="/" replace />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
};
