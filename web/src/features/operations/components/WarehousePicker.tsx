/** The warehouse to work in: only those the user may use for the operation; remembered on this device. */
import { useMemo, useState } from 'react';
import { ErrorNote, SelectField } from '../../../components/ui';
import { useCan } from '../../../lib/session';
import { useWarehouses } from '../../../lib/warehouses';

const storageKey = 'stockroom.warehouse';

export interface WarehouseChoice {
  /** The chosen warehouse, else the one remembered on this device, else the first allowed ('' while loading). */
  value: string;
  set(code: string): void;
  options: Array<{ code: string; name: string }>;
  isPending: boolean;
}

/** Derived, not synchronised with an effect: a choice made while the list loads is never overwritten. */
export const useWarehouseChoice = (permission: string, options: { exclude?: string; remember?: boolean } = {}): WarehouseChoice => {
  const can = useCan();
  const warehouses = useWarehouses();
  const [chosen, setChosen] = useState('');
  const allowed = useMemo(
    () => warehouses.data?.filter((w) => w.active && can(permission, w.code) && w.code !== options.exclude) ?? [],
    [warehouses.data, can, permission, options.exclude],
  );
  const remembered = options.remember === false || typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  const value = allowed.some((w) => w.code === chosen) ? chosen : (allowed.find((w) => w.code === remembered)?.code ?? allowed[0]?.code ?? '');
  return {
    value,
    set(code) {
      setChosen(code);
      if (options.remember !== false) localStorage.setItem(storageKey, code);
    },
    options: allowed,
    isPending: warehouses.isPending,
  };
};

export const WarehousePicker = ({ label = 'Warehouse', choice }: { label?: string; choice: WarehouseChoice }) => {
  if (!choice.isPending && choice.options.length === 0) return <ErrorNote>There is no warehouse you may use for this.</ErrorNote>;
  return (
    <SelectField label={label} value={choice.value} onChange={(e) => choice.set(e.target.value)}>
      {choice.options.map((w) => (
        <option key={w.code} value={w.code}>
          {w.name} ({w.code})
        </option>
      ))}
    </SelectField>
  );
};
