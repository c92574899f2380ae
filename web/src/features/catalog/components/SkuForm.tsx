/** The SKU form: code (on create), name, unit, barcode, dimensions, weight, backorder policy, attributes. */
import { type FormEvent, useState } from 'react';
import { Button, ErrorNote, TextField } from '../../../components/ui';
import type { Schemas } from '../../../lib/api';
import { parseCount } from '../../../lib/format';

type Sku = Schemas['Sku'];

export interface SkuFormValues {
  sku: string;
  name: string;
  unit: string;
  barcode: string;
  productId: string;
  weightGrams: string;
  length: string;
  width: string;
  height: string;
  backorderAllowed: boolean;
  backorderLimit: string;
  attributes: Array<{ key: string; value: string }>;
}

export const valuesOf = (sku?: Sku): SkuFormValues => ({
  sku: sku?.sku ?? '',
  name: sku?.name ?? '',
  unit: sku?.unit ?? 'each',
  barcode: sku?.barcode ?? '',
  productId: sku?.productId ?? '',
  weightGrams: sku?.weightGrams?.toString() ?? '',
  length: sku?.dimensionsMm?.length.toString() ?? '',
  width: sku?.dimensionsMm?.width.toString() ?? '',
  height: sku?.dimensionsMm?.height.toString() ?? '',
  backorderAllowed: sku?.backorder.allowed ?? false,
  backorderLimit: sku?.backorder.limit.toString() ?? '0',
  attributes: Object.entries(sku?.attributes ?? {}).map(([key, value]) => ({ key, value })),
});

export interface SkuFields {
  name: string;
  unit: string;
  barcode: string | null;
  productId: string | null;
  weightGrams: number | null;
  dimensionsMm: { length: number; width: number; height: number } | null;
  backorder: { allowed: boolean; limit: number };
  attributes: Record<string, string>;
}

/** The form's values as API fields, or the problems per field. */
export const validate = (v: SkuFormValues, creating: boolean): { fields: SkuFields; errors: Record<string, string> } => {
  const errors: Record<string, string> = {};
  if (creating && !/^(?!\.{1,2}$)[A-Za-z0-9._-]{1,64}$/.test(v.sku.trim())) errors.sku = 'Use 1–64 letters, digits, - _ or .';
  if (!v.name.trim()) errors.name = 'A name is required.';
  if (!v.unit.trim()) errors.unit = 'A unit is required (e.g. each, kg).';
  if (v.barcode.trim() && !/^[\x21-\x7e]{1,64}$/.test(v.barcode.trim())) errors.barcode = 'Printable characters without spaces, up to 64.';
  const count = (text: string, field: string) => {
    if (!text.trim()) return null;
    const n = parseCount(text);
    if (n === null || n < 0) {
      errors[field] = 'A whole number, 0 or more.';
      return null;
    }
    return n;
  };
  const weightGrams = count(v.weightGrams, 'weightGrams');
  const dims = [count(v.length, 'length'), count(v.width, 'width'), count(v.height, 'height')];
  const given = dims.filter((d) => d !== null).length;
  if (given !== 0 && given !== 3) errors.length = 'Give length, width and height together (or none).';
  const limit = count(v.backorderLimit, 'backorderLimit') ?? 0;
  const attributes: Record<string, string> = {};
  v.attributes.forEach(({ key, value }, i) => {
    if (!key.trim() && !value.trim()) return;
    if (!key.trim()) errors[`attr${i}`] = 'Give the attribute a name.';
    else if (attributes[key.trim()] !== undefined) errors[`attr${i}`] = `“${key.trim()}” is given twice.`;
    else attributes[key.trim()] = value.trim();
  });
  return {
    errors,
    fields: {
      name: v.name.trim(),
      unit: v.unit.trim(),
      barcode: v.barcode.trim() || null,
      productId: v.productId.trim() || null,
      weightGrams,
      dimensionsMm: given === 3 ? { length: dims[0] as number, width: dims[1] as number, height: dims[2] as number } : null,
      backorder: { allowed: v.backorderAllowed, limit: v.backorderAllowed ? limit : 0 },
      attributes,
    },
  };
};

export const SkuForm = ({ initial, creating, busy, error, onSubmit }: { initial: SkuFormValues; creating: boolean; busy: boolean; error: string | null; onSubmit: (sku: string, fields: SkuFields) => void }) => {
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof SkuFormValues>(key: K, value: SkuFormValues[K]) => setV((old) => ({ ...old, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validate(v, creating);
    setErrors(result.errors);
    if (Object.keys(result.errors).length === 0) onSubmit(v.sku.trim(), result.fields);
  };

  return (
    <form onSubmit={submit} className="card" aria-label={creating ? 'New SKU' : 'Edit SKU'} noValidate>
      <div className="form-row">
        <TextField label="SKU code" value={v.sku} onChange={(e) => set('sku', e.target.value)} disabled={!creating} required error={errors.sku} autoComplete="off" hint={creating ? 'Never changes once created.' : undefined} />
        <TextField label="Name" value={v.name} onChange={(e) => set('name', e.target.value)} required error={errors.name} />
      </div>
      <div className="form-row">
        <TextField label="Unit" value={v.unit} onChange={(e) => set('unit', e.target.value)} error={errors.unit} hint="each, kg, m, box of 12…" />
        <TextField label="Barcode" value={v.barcode} onChange={(e) => set('barcode', e.target.value)} error={errors.barcode} autoComplete="off" inputMode="text" />
      </div>
      <div className="form-row">
        <TextField label="Product id" value={v.productId} onChange={(e) => set('productId', e.target.value)} hint="Groups variants of one product (optional)." />
        <TextField label="Weight (g)" value={v.weightGrams} onChange={(e) => set('weightGrams', e.target.value)} inputMode="numeric" error={errors.weightGrams} />
      </div>
      <fieldset>
        <legend>Dimensions (mm)</legend>
        <div className="form-row form-row-3">
          <TextField label="Length" value={v.length} onChange={(e) => set('length', e.target.value)} inputMode="numeric" error={errors.length} />
          <TextField label="Width" value={v.width} onChange={(e) => set('width', e.target.value)} inputMode="numeric" error={errors.width} />
          <TextField label="Height" value={v.height} onChange={(e) => set('height', e.target.value)} inputMode="numeric" error={errors.height} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Backorders</legend>
        <label className="checkbox">
          <input type="checkbox" checked={v.backorderAllowed} onChange={(e) => set('backorderAllowed', e.target.checked)} /> Allow reservations beyond the stock on hand
        </label>
        {v.backorderAllowed && (
          <TextField label="Backorder limit (units below zero)" value={v.backorderLimit} onChange={(e) => set('backorderLimit', e.target.value)} inputMode="numeric" error={errors.backorderLimit} />
        )}
      </fieldset>
      <fieldset>
        <legend>Attributes</legend>
        {v.attributes.map((attribute, i) => (
          <div className="form-row" key={i}>
            <TextField label={`Attribute ${i + 1} name`} value={attribute.key} error={errors[`attr${i}`]} onChange={(e) => set('attributes', v.attributes.map((a, j) => (j === i ? { ...a, key: e.target.value } : a)))} />
            <TextField label={`Attribute ${i + 1} value`} value={attribute.value} onChange={(e) => set('attributes', v.attributes.map((a, j) => (j === i ? { ...a, value: e.target.value } : a)))} />
          </div>
        ))}
        <Button variant="ghost" onClick={() => set('attributes', [...v.attributes, { key: '', value: '' }])}>
          Add an attribute
        </Button>
      </fieldset>
      <ErrorNote>{error}</ErrorNote>
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {creating ? 'Create SKU' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
};
