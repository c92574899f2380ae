/**
 * CSV import of SKUs and stock. Every row is validated first; a file with errors applies nothing
 * unless `skipInvalid`. Valid rows go through the command bus in chunks, so they group-commit.
 */
import { parse } from 'csv-parse/sync';
import type { CommandInput, CommandName } from '../app/commands/index.js';
import { isValidCode, quantityMax } from '../domain/codes.js';
import type { CliContext } from './context.js';

export interface ImportReport {
  applied: number;
  skipped: number;
  errors: Array<{ line: number; message: string }>;
}

export interface ImportOptions {
  skipInvalid: boolean;
  onProgress?: (done: number, total: number) => void;
}

export const importRowsMax = 100_000;
const chunkSize = 200;

export const skuColumns = ['sku', 'name', 'productId', 'unit', 'barcode', 'weightGrams', 'lengthMm', 'widthMm', 'heightMm', 'backorderAllowed', 'backorderLimit', 'attributes'] as const;
export const stockColumns = ['sku', 'warehouse', 'onHand', 'safetyStock', 'reorderPoint', 'reorderQuantity'] as const;

type Row = Record<string, string>;
type Step = { name: CommandName; input: unknown };
type Planned = { line: number; steps: (ctx: CliContext) => Promise<Step[]> };

class RowError extends Error {}

const text = (row: Row, column: string, maxLength: number, required = false): string | undefined => {
  const value = row[column]?.trim() ?? '';
  if (value === '') {
    if (required) throw new RowError(`${column} is required`);
    return undefined;
  }
  if (value.length > maxLength) throw new RowError(`${column} is longer than ${maxLength} characters`);
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new RowError(`${column} contains control characters`);
  return value;
};

const code = (row: Row, column: string): string => {
  const value = text(row, column, 64, true)!;
  if (!isValidCode(value)) throw new RowError(`${column} "${value}" is not a valid code (1–64 letters, digits, - _ .)`);
  return value;
};

const integer = (row: Row, column: string, max = quantityMax): number | undefined => {
  const value = row[column]?.trim() ?? '';
  if (value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new RowError(`${column} must be a whole number from 0 to ${max}, got "${value}"`);
  return Number(value);
};

const boolean = (row: Row, column: string): boolean | undefined => {
  const value = row[column]?.trim().toLowerCase() ?? '';
  if (value === '') return undefined;
  if (value !== 'true' && value !== 'false') throw new RowError(`${column} must be true or false, got "${value}"`);
  return value === 'true';
};

const attributes = (row: Row): Record<string, string> | undefined => {
  const value = row.attributes?.trim() ?? '';
  if (value === '') return undefined;
  const out: Record<string, string> = {};
  for (const pair of value.split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new RowError(`attributes must look like key=value;key=value, got "${pair}"`);
    out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return out;
};

const planSku = (row: Row) => {
  const sku = code(row, 'sku');
  const [length, width, height] = [integer(row, 'lengthMm'), integer(row, 'widthMm'), integer(row, 'heightMm')];
  const dims = [length, width, height].filter((v) => v !== undefined).length;
  if (dims !== 0 && dims !== 3) throw new RowError('lengthMm, widthMm and heightMm go together');
  const allowed = boolean(row, 'backorderAllowed');
  const limit = integer(row, 'backorderLimit');
  const fields = {
    name: text(row, 'name', 200, true)!,
    ...(text(row, 'productId', 64) !== undefined && { productId: text(row, 'productId', 64) }),
    ...(text(row, 'unit', 32) !== undefined && { unit: text(row, 'unit', 32) }),
    ...(text(row, 'barcode', 64) !== undefined && { barcode: text(row, 'barcode', 64) }),
    ...(integer(row, 'weightGrams') !== undefined && { weightGrams: integer(row, 'weightGrams') }),
    ...(dims === 3 && { dimensionsMm: { length: length!, width: width!, height: height! } }),
    ...((allowed !== undefined || limit !== undefined) && { backorder: { allowed: allowed ?? false, limit: limit ?? 0 } }),
    ...(attributes(row) !== undefined && { attributes: attributes(row) }),
  };
  return async (ctx: CliContext): Promise<Step[]> =>
    (await ctx.reads.skus.byCode(sku))
      ? [{ name: 'sku.update', input: { sku, changes: fields } satisfies CommandInput<'sku.update'> }]
      : [{ name: 'sku.create', input: { sku, ...fields } satisfies CommandInput<'sku.create'> }];
};

const planStock = (row: Row) => {
  const sku = code(row, 'sku');
  const warehouse = code(row, 'warehouse');
  const onHand = integer(row, 'onHand');
  const settings = {
    ...(integer(row, 'safetyStock') !== undefined && { safetyStock: integer(row, 'safetyStock') }),
    ...(integer(row, 'reorderPoint') !== undefined && { reorderPoint: integer(row, 'reorderPoint') }),
    ...(integer(row, 'reorderQuantity') !== undefined && { reorderQuantity: integer(row, 'reorderQuantity') }),
  };
  const steps: Step[] = [];
  if (onHand !== undefined) {
    steps.push({ name: 'stock.adjust', input: { warehouse, sku, countedQuantity: onHand, reason: 'cycle_count', note: 'csv import' } satisfies CommandInput<'stock.adjust'> });
  }
  if (Object.keys(settings).length > 0) steps.push({ name: 'stock.settings', input: { sku, warehouse, settings } satisfies CommandInput<'stock.settings'> });
  return async (): Promise<Step[]> => steps;
};

export const importCsv = async (ctx: CliContext, kind: 'skus' | 'stock', csv: string, options: ImportOptions): Promise<ImportReport> => {
  const known: readonly string[] = kind === 'skus' ? skuColumns : stockColumns;
  const required = kind === 'skus' ? ['sku', 'name'] : ['sku', 'warehouse'];
  let records: Array<{ record: Row; info: { lines: number } }>;
  try {
    records = parse(csv, { columns: true, info: true, skip_empty_lines: true, bom: true, trim: false }) as typeof records;
  } catch (error) {
    const e = error as { message: string; lines?: number };
    return { applied: 0, skipped: 0, errors: [{ line: e.lines ?? 1, message: e.message }] };
  }
  const header = Object.keys(records[0]?.record ?? {});
  const unknown = header.filter((c) => !known.includes(c));
  const missing = required.filter((c) => !header.includes(c));
  if (records.length > 0 && (unknown.length > 0 || missing.length > 0)) {
    const problems = [...(unknown.length ? [`unknown columns: ${unknown.join(', ')}`] : []), ...(missing.length ? [`missing columns: ${missing.join(', ')}`] : [])];
    return { applied: 0, skipped: records.length, errors: [{ line: 1, message: `${problems.join('; ')} (expected ${known.join(',')})` }] };
  }
  if (records.length > importRowsMax) {
    return { applied: 0, skipped: records.length, errors: [{ line: 1, message: `the file has ${records.length} rows; import at most ${importRowsMax} at a time` }] };
  }

  const errors: ImportReport['errors'] = [];
  const planned: Planned[] = [];
  for (const { record, info } of records) {
    try {
      planned.push({ line: info.lines, steps: kind === 'skus' ? planSku(record) : planStock(record) });
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      errors.push({ line: info.lines, message: error.message });
    }
  }
  if (errors.length > 0 && !options.skipInvalid) return { applied: 0, skipped: records.length, errors };

  let applied = 0;
  let done = 0;
  for (let i = 0; i < planned.length; i += chunkSize) {
    const chunk = planned.slice(i, i + chunkSize);
    const results = await Promise.all(
      chunk.map(async (row) => {
        for (const step of await row.steps(ctx)) {
          const { outcome } = await ctx.bus.execute(step.name, step.input as never, { actor: ctx.actor });
          if (!outcome.ok) return { line: row.line, message: `${outcome.code}: ${outcome.message}` };
        }
        return null;
      }),
    );
    for (const failure of results) {
      if (failure) errors.push(failure);
      else applied += 1;
    }
    done += chunk.length;
    options.onProgress?.(done, planned.length);
  }
  errors.sort((a, b) => a.line - b.line);
  return { applied, skipped: records.length - applied, errors };
};
