/** The operations a person may do, as big tiles for thumbs. */
import { ArrowLeftRight, Ban, ClipboardCheck, PackageCheck, PackagePlus, Trash2, Truck, Undo2, type LucideIcon } from 'lucide-react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/ui';
import { useCan } from '../../../lib/session';

const operations: Array<{ to: string; label: string; icon: LucideIcon; permission: string }> = [
  { to: '/operations/receive', label: 'Receive', icon: PackagePlus, permission: 'stock.receive' },
  { to: '/operations/count', label: 'Count', icon: ClipboardCheck, permission: 'stock.adjust' },
  { to: '/operations/damage', label: 'Damage', icon: Ban, permission: 'stock.damage' },
  { to: '/operations/write-off', label: 'Write off', icon: Trash2, permission: 'stock.write_off' },
  { to: '/operations/transfer', label: 'Transfer', icon: ArrowLeftRight, permission: 'stock.transfer' },
  { to: '/operations/transfer-receive', label: 'Receive transfer', icon: Truck, permission: 'stock.receive' },
  { to: '/operations/return', label: 'Return', icon: Undo2, permission: 'stock.return' },
  { to: '/operations/fulfil', label: 'Fulfil order', icon: PackageCheck, permission: 'reservations.fulfil' },
];

export const OperationsPage = () => {
  const can = useCan();
  return (
    <>
      <PageHeader title="Operations">
        <p>Scan with a scanner or the camera, or type a code.</p>
      </PageHeader>
      <nav className="op-grid" aria-label="Operations">
        {operations
          .filter((o) => can(o.permission))
          .map(({ to, label, icon: Icon }) => (
            <Link key={to} to={to} className="op-tile">
              <Icon size={32} aria-hidden="true" />
              {label}
            </Link>
          ))}
      </nav>
    </>
  );
};
