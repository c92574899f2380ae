/**
 * CSV for the catalog, in the CLI's format (`stockroom import skus`): the same columns and rules,
 * checked line by line in the browser before anything is sent, so a person sees every problem first.
 */
export const skuColumns = ['sku', 'name', 'productId', 'unit', 'barcode', 'weightGrams', 'lengthMm', 'widthMm', 'heightMm', 'backorderAllowed', 'backorderLimit', 'attributes'] as const;

export const importLinesMax = 10_000;
const codeRegExp = /^(?!\.{1,2}$)[A-Za-z0-9._-]{1,64}$/;
const quantityMax = 1_000_000_000;

/** RFC 4180: quoted fields, doubled quotes, CRLF or LF. Returns rows of cells. */
export const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0]?.trim() === ''));
};

const quote = (value: string) => (/[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
/** Cells that a spreadsheet would run as a formula are prefixed with ' (CSV injection). */
const neutralise = (value: string) => (/^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value);

export const toCsv = (rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>): string =>
  rows.map((r) => r.map((v) => quote(neutralise(v === null ? '' : String(v)))).join(',')).join('\r\n') + '\r\n';

export interface SkuInput {
  sku: string;
  name: string;
  productId?: string;
  unit?: string;
  barcode?: string;
  weightGrams?: number;
  dimensionsMm?: { length: number; width: number; height: number };
  backorder?: { allowed: boolean; limit: number };
  attributes?: Record<string, string>;
}

export type PlannedLine = { line: number; ok: true; input: SkuInput } | { line: number; ok: false; problem: string };

class LineError extends Error {}

export const planImport = (text: string): { lines: PlannedLine[]; headerProblem?: string } => {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = rows[0]?.map((h) => h.trim());
  if (!header) return { lines: [], headerProblem: 'The file is empty.' };
  const unknown = header.filter((h) => !(skuColumns as readonly string[]).includes(h));
  if (unknown.length > 0) return { lines: [], headerProblem: `Unknown columns: ${unknown.join(', ')}. Use: ${skuColumns.join(', ')}.` };
  for (const needed of ['sku', 'name']) if (!header.includes(needed)) return { lines: [], headerProblem: `The header needs a "${needed}" column.` };
  if (rows.length - 1 > importLinesMax) return { lines: [], headerProblem: `At most ${importLinesMax.toLocaleString()} lines per import (this file has ${(rows.length - 1).toLocaleString()}); split it, or use \`stockroom import skus\`.` };
  const seen = new Set<string>();
  const lines = rows.slice(1).map((cells, index): PlannedLine => {
    const line = index + 2;
    try {
      const get = (column: string) => {
        const value = cells[header.indexOf(column)]?.trim() ?? '';
        // eslint-disable-next-line no-control-regex -- refusing control characters is the point
        if (/[\u0000-\u001f\u007f]/.test(value)) throw new LineError(`${column} contains control characters`);
        return value === '' ? undefined : value;
      };
      const text = (column: string, max: number) => {
        const value = get(column);
        if (value !== undefined && value.length > max) throw new LineError(`${column} is longer than ${max} characters`);
        return value;
      };
      const integer = (column: string) => {
        const value = get(column);
        if (value === undefined) return undefined;
        if (!/^\d+$/.test(value) || Number(value) > quantityMax) throw new LineError(`${column} must be a whole number, got "${value}"`);
        return Number(value);
      };
      const sku = get('sku');
      if (!sku) throw new LineError('sku is required');
      if (!codeRegExp.test(sku)) throw new LineError(`sku "${sku}" is not a valid code (1–64 letters, digits, - _ .)`);
      if (seen.has(sku)) throw new LineError(`sku "${sku}" appears twice in the file`);
      seen.add(sku);
      const name = text('name', 200);
      if (!name) throw new LineError('name is required');
      const input: SkuInput = { sku, name };
      const productId = text('productId', 64);
      if (productId) input.productId = productId;
      const unit = text('unit', 32);
      if (unit) input.unit = unit;
      const barcode = text('barcode', 64);
      if (barcode && !/^[\x21-\x7e]+$/.test(barcode)) throw new LineError(`barcode "${barcode}" must be printable ASCII without spaces`);
      if (barcode) input.barcode = barcode;
      const weight = integer('weightGrams');
      if (weight !== undefined) input.weightGrams = weight;
      const dims = [integer('lengthMm'), integer('widthMm'), integer('heightMm')];
      const given = dims.filter((d) => d !== undefined).length;
      if (given !== 0 && given !== 3) throw new LineError('lengthMm, widthMm and heightMm go together');
      if (given === 3) input.dimensionsMm = { length: dims[0] as number, width: dims[1] as number, height: dims[2] as number };
      const allowed = get('backorderAllowed')?.toLowerCase();
      const limit = integer('backorderLimit');
      if (allowed !== undefined && allowed !== 'true' && allowed !== 'false') throw new LineError(`backorderAllowed must be true or false, got "${allowed}"`);
      if (allowed === undefined && limit !== undefined) throw new LineError('backorderLimit needs backorderAllowed');
      if (allowed === 'true' && limit === undefined) throw new LineError('backorderAllowed=true needs backorderLimit');
      if (allowed !== undefined) input.backorder = { allowed: allowed === 'true', limit: limit ?? 0 };
      const attrs = text('attributes', 20_000);
      if (attrs) {
        const out: Record<string, string> = {};
        for (const pair of attrs.split(';').filter((p) => p.trim() !== '')) {
          const at = pair.indexOf('=');
          const key = pair.slice(0, Math.max(at, 0)).trim();
          if (at < 0 || key === '') throw new LineError(`attributes must look like key=value;key=value, got "${pair}"`);
          out[key] = pair.slice(at + 1).trim();
        }
        input.attributes = out;
      }
      return { line, ok: true, input };
    } catch (error) {
      if (error instanceof LineError) return { line, ok: false, problem: error.message };
      throw error;
    }
  });
  return { lines };
};
