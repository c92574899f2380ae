/** The warehouse to work in: only those the user may use for the operation; remembered on this device. */
import { useEffect, useMemo } from 'react';
import { ErrorNote, SelectField } from '../../../components/ui';
import { useCan } from '../../../lib/session';
import { useWarehouses } from '../../../lib/warehouses';

const storageKey = 'stockroom.warehouse';

export const useAllowedWarehouses = (permission: string) => {
  const can = useCan();
  const warehouses = useWarehouses();
  const data = useMemo(() => warehouses.data?.filter((w) => w.active && can(permission, w.code)), [warehouses.data, can, permission]);
  return { ...warehouses, data };
};

export const WarehousePicker = ({ label = 'Warehouse', permission, value, onChange, exclude }: { label?: string; permission: string; value: string; onChange: (code: string) => void; exclude?: string }) => {
  const { data, isPending } = useAllowedWarehouses(permission);
  const options = useMemo(() => data?.filter((w) => w.code !== exclude) ?? [], [data, exclude]);
  useEffect(() => {
    if (value || options.length === 0) return;
    const remembered = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
    onChange(options.find((w) => w.code === remembered)?.code ?? options[0]?.code ?? '');
  }, [value, options, onChange]);
  if (!isPending && options.length === 0) return <ErrorNote>There is no warehouse you may use for this.</ErrorNote>;
  return (
    <SelectField
      label={label}
      value={value}
      onChange={(e) => {
        onChange(e.target.value);
        if (!exclude) localStorage.setItem(storageKey, e.target.value);
      }}
    >
      {options.map((w) => (
        <option key={w.code} value={w.code}>
          {w.name} ({w.code})
        </option>
      ))}
    </SelectField>
  );
};
