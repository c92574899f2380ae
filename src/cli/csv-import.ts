/**
 * CSV import of SKUs and stock. Every row is validated first; a file with errors applies nothing
 * unless `skipInvalid`. Valid rows go through the command bus in chunks, so they group-commit.
 * An empty cell means "not given": a new SKU gets the default, an existing one keeps its value.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { CommandInput, CommandName } from '../app/commands/index.js';
import { isValidCode, quantityMax } from '../domain/codes.js';
import type { Outcome } from '../domain/result.js';
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
/** The limits of the HTTP API (src/http/routes/catalog.ts), so both doors accept the same data. */
const weightGramsMax = 100_000_000;
const attributesMax = 50;

export const skuColumns = ['sku', 'name', 'productId', 'unit', 'barcode', 'weightGrams', 'lengthMm', 'widthMm', 'heightMm', 'backorderAllowed', 'backorderLimit', 'attributes'] as const;
export const stockColumns = ['sku', 'warehouse', 'onHand', 'safetyStock', 'reorderPoint', 'reorderQuantity'] as const;
const columns = { skus: skuColumns, stock: stockColumns } as const;
const required = { skus: ['sku', 'name'], stock: ['sku', 'warehouse'] } as const;

type Cells = Record<string, string>;
/** A validated row: `key` spots duplicates; `apply` runs its commands and returns the deciding outcome. */
interface Plan {
  key: string;
  label: string;
  apply(ctx: CliContext): Promise<Outcome<unknown>>;
}

class RowError extends Error {}

const run = async <K extends CommandName>(ctx: CliContext, name: K, input: CommandInput<K>): Promise<Outcome<unknown>> =>
  (await ctx.bus.execute(name, input, { actor: ctx.actor })).outcome;

// --- cells ---------------------------------------------------------------------------------------

const cell = (cells: Cells, column: string): string | undefined => {
  const value = cells[column]?.trim() ?? '';
  return value === '' ? undefined : value;
};

const text = (cells: Cells, column: string, maxLength: number): string | undefined => {
  const value = cell(cells, column);
  if (value === undefined) return undefined;
  if (value.length > maxLength) throw new RowError(`${column} is longer than ${maxLength} characters`);
  // eslint-disable-next-line no-control-regex -- refusing control characters (line breaks, NUL) is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new RowError(`${column} contains control characters or line breaks`);
  return value;
};

const requiredText = (cells: Cells, column: string, maxLength: number): string => {
  const value = text(cells, column, maxLength);
  if (value === undefined) throw new RowError(`${column} is required`);
  return value;
};

const code = (cells: Cells, column: string): string => {
  const value = requiredText(cells, column, 64);
  if (!isValidCode(value)) throw new RowError(`${column} "${value}" is not a valid code (1–64 letters, digits, - _ .)`);
  return value;
};

const integer = (cells: Cells, column: string, max = quantityMax): number | undefined => {
  const value = cell(cells, column);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new RowError(`${column} must be a whole number from 0 to ${max}, got "${value}"`);
  return Number(value);
};

const boolean = (cells: Cells, column: string): boolean | undefined => {
  const value = cell(cells, column)?.toLowerCase();
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw new RowError(`${column} must be true or false, got "${value}"`);
  return value === 'true';
};

/** `key=value;key=value`; empty segments (a trailing `;`) are ignored. */
const attributes = (cells: Cells): Record<string, string> | undefined => {
  const value = text(cells, 'attributes', 20_000);
  if (value === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const pair of value.split(';').filter((p) => p.trim() !== '')) {
    const at = pair.indexOf('=');
    const [key, val] = [pair.slice(0, Math.max(at, 0)).trim(), pair.slice(at + 1).trim()];
    if (at < 0 || key === '') throw new RowError(`attributes must look like key=value;key=value, got "${pair}"`);
    if (key.length > 64 || val.length > 256) throw new RowError(`attribute "${key.slice(0, 64)}" is too long (keys up to 64, values up to 256 characters)`);
    if (Object.hasOwn(out, key)) throw new RowError(`attribute "${key}" is given twice`);
    out[key] = val;
  }
  if (Object.keys(out).length > attributesMax) throw new RowError(`at most ${attributesMax} attributes`);
  return out;
};

// --- rows ----------------------------------------------------------------------------------------

const planSku = (cells: Cells): Plan => {
  const sku = code(cells, 'sku');
  const fields: Omit<CommandInput<'sku.create'>, 'sku'> = { name: requiredText(cells, 'name', 200) };
  const productId = text(cells, 'productId', 64);
  if (productId !== undefined) fields.productId = productId;
  const unit = text(cells, 'unit', 32);
  if (unit !== undefined) fields.unit = unit;
  const barcode = text(cells, 'barcode', 64);
  if (barcode !== undefined && !/^[\x21-\x7e]+$/.test(barcode)) throw new RowError(`barcode "${barcode}" must be printable ASCII without spaces`);
  if (barcode !== undefined) fields.barcode = barcode;
  const weightGrams = integer(cells, 'weightGrams', weightGramsMax);
  if (weightGrams !== undefined) fields.weightGrams = weightGrams;
  const [length, width, height] = [integer(cells, 'lengthMm'), integer(cells, 'widthMm'), integer(cells, 'heightMm')];
  const given = [length, width, height].filter((v) => v !== undefined).length;
  if (given !== 0 && given !== 3) throw new RowError('lengthMm, widthMm and heightMm go together');
  if (given === 3) fields.dimensionsMm = { length: length!, width: width!, height: height! };
  const allowed = boolean(cells, 'backorderAllowed');
  const limit = integer(cells, 'backorderLimit');
  if (allowed === undefined && limit !== undefined) throw new RowError('backorderLimit needs backorderAllowed');
  if (allowed === true && limit === undefined) throw new RowError('backorderAllowed=true needs backorderLimit');
  if (allowed !== undefined) fields.backorder = { allowed, limit: limit ?? 0 };
  const attrs = attributes(cells);
  if (attrs !== undefined) fields.attributes = attrs;
  return {
    key: sku,
    label: `SKU ${sku}`,
    // Create, or update when it exists: decided inside the transaction, so no race with other writers.
    async apply(ctx) {
      const created = await run(ctx, 'sku.create', { sku, ...fields });
      return !created.ok && created.code === 'sku_exists' ? run(ctx, 'sku.update', { sku, changes: fields }) : created;
    },
  };
};

const planStock = (cells: Cells): Plan => {
  const sku = code(cells, 'sku');
  const warehouse = code(cells, 'warehouse');
  const onHand = integer(cells, 'onHand');
  const settings: CommandInput<'stock.settings'>['settings'] = {};
  for (const column of ['safetyStock', 'reorderPoint', 'reorderQuantity'] as const) {
    const value = integer(cells, column);
    if (value !== undefined) settings[column] = value;
  }
  const hasSettings = Object.keys(settings).length > 0;
  if (onHand === undefined && !hasSettings) throw new RowError('nothing to import: give onHand, safetyStock, reorderPoint or reorderQuantity');
  return {
    key: `${sku}\u0000${warehouse}`,
    label: `${sku} in ${warehouse}`,
    // The count first: if the warehouse or SKU is refused, the settings are not touched either.
    async apply(ctx) {
      if (onHand !== undefined) {
        const adjusted = await run(ctx, 'stock.adjust', { warehouse, sku, countedQuantity: onHand, reason: 'cycle_count', note: 'csv import' });
        if (!adjusted.ok || !hasSettings) return adjusted;
      }
      return run(ctx, 'stock.settings', { sku, warehouse, settings });
    },
  };
};

// --- file ----------------------------------------------------------------------------------------

const lineBreaks = (s: string): number => s.match(/\r\n|\r|\n/g)?.length ?? 0;

/**
 * The records with the line each starts on. csv-parse's `info.lines` is where a record ends (and
 * counts a CRLF inside quotes twice), so lines are counted from `raw`, which also holds the empty
 * lines skipped before the record. Parsing stops after the most rows accepted, plus one.
 */
const readRecords = (csv: string): Array<{ line: number; fields: string[] }> => {
  const records = parse(csv, { raw: true, bom: true, skip_empty_lines: true, relax_column_count: true, to: importRowsMax + 2 }) as unknown as Array<{ raw: string; record: string[] }>;
  let line = 1;
  return records.map(({ raw, record }) => {
    const start = line + lineBreaks(/^(?:\r\n|\r|\n)*/.exec(raw)![0]);
    line += lineBreaks(raw);
    return { line: start, fields: record };
  });
};

const headerProblem = (kind: 'skus' | 'stock', names: string[]): string | undefined => {
  const known: readonly string[] = columns[kind];
  const problems = [];
  const unknown = names.filter((c) => !known.includes(c));
  const missing = required[kind].filter((c) => !names.includes(c));
  const twice = names.filter((c, i) => names.indexOf(c) !== i);
  if (unknown.length) problems.push(`unknown columns: ${unknown.map((c) => `"${c}"`).join(', ')}`);
  if (missing.length) problems.push(`missing columns: ${missing.join(', ')}`);
  if (twice.length) problems.push(`columns given twice: ${twice.join(', ')}`);
  return problems.length ? `${problems.join('; ')} (columns: ${known.join(',')}; required: ${required[kind].join(', ')})` : undefined;
};

export const importCsv = async (ctx: CliContext, kind: 'skus' | 'stock', csv: string, options: ImportOptions): Promise<ImportReport> => {
  let records: Array<{ line: number; fields: string[] }>;
  try {
    records = readRecords(csv);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { applied: 0, skipped: 0, errors: [{ line: typeof error.lines === 'number' ? error.lines : 1, message: `not valid CSV: ${error.message}` }] };
  }
  const [header, ...rows] = records;
  if (!header) return { applied: 0, skipped: 0, errors: [{ line: 1, message: `the file is empty; the first line must name the columns (${columns[kind].join(',')})` }] };
  if (rows.length > importRowsMax) return { applied: 0, skipped: 0, errors: [{ line: 1, message: `the file has more than ${importRowsMax} rows; split it into smaller files` }] };
  const names = header.fields.map((name) => name.trim());
  const problem = headerProblem(kind, names);
  if (problem) return { applied: 0, skipped: rows.length, errors: [{ line: header.line, message: problem }] };

  const errors: ImportReport['errors'] = [];
  const planned: Array<Plan & { line: number }> = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    try {
      if (row.fields.length !== names.length) throw new RowError(`has ${row.fields.length} fields but the header has ${names.length}`);
      const cells: Cells = Object.fromEntries(names.map((name, i) => [name, row.fields[i]!]));
      const plan = kind === 'skus' ? planSku(cells) : planStock(cells);
      const first = firstLine.get(plan.key);
      if (first !== undefined) throw new RowError(`${plan.label} is already on line ${first}`);
      firstLine.set(plan.key, row.line);
      planned.push({ ...plan, line: row.line });
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      errors.push({ line: row.line, message: error.message });
    }
  }
  if (errors.length > 0 && !options.skipInvalid) return { applied: 0, skipped: rows.length, errors };

  let applied = 0;
  for (let i = 0; i < planned.length; i += chunkSize) {
    const chunk = planned.slice(i, i + chunkSize);
    // Settled, not all: every command of the chunk is finished before anything is reported.
    const settled = await Promise.allSettled(chunk.map((row) => row.apply(ctx)));
    let crash: { line: number; reason: unknown } | undefined;
    settled.forEach((result, j) => {
      const line = chunk[j]!.line;
      if (result.status === 'rejected') crash ??= { line, reason: result.reason };
      else if (result.value.ok) applied += 1;
      else errors.push({ line, message: `${result.value.code}: ${result.value.message}` });
    });
    if (crash) {
      const reason = crash.reason instanceof Error ? crash.reason.message : String(crash.reason);
      throw new Error(`import stopped at line ${crash.line} after applying ${applied} rows: ${reason}`, { cause: crash.reason });
    }
    options.onProgress?.(i + chunk.length, planned.length);
  }
  errors.sort((a, b) => a.line - b.line);
  return { applied, skipped: rows.length - applied, errors };
};
