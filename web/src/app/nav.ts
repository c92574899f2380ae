/** The app's sections and what a user must be allowed to see them. */
import { Boxes, Clock, KeyRound, LayoutDashboard, type LucideIcon, Package, ScanLine, ScrollText, Users, Warehouse, Webhook } from 'lucide-react';

export interface Section {
  to: string;
  label: string;
  icon: LucideIcon;
  /** Any one of these permissions shows the section. */
  anyOf: string[];
  /** On the phone's bottom bar (the rest are under "More"). */
  primary?: boolean;
}

export const operationPermissions = ['stock.receive', 'stock.adjust', 'stock.damage', 'stock.transfer', 'stock.return', 'reservations.fulfil'];

export const sections: Section[] = [
  { to: '/', label: 'Dashboard', icon: LayoutDashboard, anyOf: ['reports.read'], primary: true },
  { to: '/catalog', label: 'Catalog', icon: Package, anyOf: ['catalog.read'], primary: true },
  { to: '/operations', label: 'Operations', icon: ScanLine, anyOf: operationPermissions, primary: true },
  { to: '/reservations', label: 'Reservations', icon: Clock, anyOf: ['reservations.read'], primary: true },
  { to: '/warehouses', label: 'Warehouses', icon: Warehouse, anyOf: ['warehouses.read'] },
  { to: '/users', label: 'Users', icon: Users, anyOf: ['users.read'] },
  { to: '/api-keys', label: 'API keys', icon: KeyRound, anyOf: ['api_keys.read'] },
  { to: '/audit', label: 'Audit log', icon: ScrollText, anyOf: ['audit.read'] },
  { to: '/webhooks', label: 'Webhooks', icon: Webhook, anyOf: ['webhooks.read'] },
];

export const moreIcon = Boxes;
