/** Checkboxes for the warehouses a user or key is limited to. */
import { useWarehouses } from '../../../lib/warehouses';

export const WarehouseChoice = ({ value, onChange, legend }: { value: string[]; onChange: (codes: string[]) => void; legend: string }) => {
  const warehouses = useWarehouses();
  return (
    <fieldset>
      <legend>{legend}</legend>
      {warehouses.data?.map((w) => (
        <label key={w.code} className="checkbox">
          <input type="checkbox" checked={value.includes(w.code)} onChange={(e) => onChange(e.target.checked ? [...value, w.code] : value.filter((c) => c !== w.code))} /> {w.name} ({w.code})
        </label>
      ))}
    </fieldset>
  );
};
