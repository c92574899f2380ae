/** CSV import and export on both stores, through the real command bus (no mocks). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliActor, type CliContext } from '../src/cli/context.js';
import { exportCsv } from '../src/cli/csv-export.js';
import { importCsv, importRowsMax } from '../src/cli/csv-import.js';
import { createProgress } from '../src/cli/progress.js';
import { createCore, type Core } from './support/app.js';
import { buildSku, buildWarehouse, must } from './support/factories.js';
import { capture, cliContextOf } from './support/cli.js';
import { storeKinds } from './support/stores.js';


const cliContext = (core: Core) => cliContextOf(core);

const exported = async (ctx: CliContext, kind: 'skus' | 'stock' | 'movements') => {
  let text = '';
  const rows = await exportCsv(ctx, kind, (chunk) => void (text += chunk));
  return { rows, text };
};

const skuHeader = 'sku,name,productId,unit,barcode,weightGrams,lengthMm,widthMm,heightMm,backorderAllowed,backorderLimit,attributes';

describe.each(storeKinds())('CSV import and export on %s', (kind) => {
  let core: Core;
  let ctx: CliContext;
  beforeEach(async () => {
    core = await createCore(kind);
    ctx = cliContext(core);
  });
  afterEach(async () => {
    expect((await core.check()).violations).toEqual([]);
    await core.close();
  });

  it('imports SKUs from a valid file and exports them back unchanged', async () => {
    const file = [
      skuHeader,
      'BAG-001,"Canvas tote, natural",BAG,each,4001234000017,300,400,350,20,false,0,color=natural;size=std',
      'BUDS-001,Wireless earbuds,BUDS,each,4001234000024,60,80,60,40,true,50,color=black',
      'MUG-001,Stoneware mug,,box,,,,,,false,0,',
      '',
    ].join('\n');
    const report = await importCsv(ctx, 'skus', file, { skipInvalid: false });
    expect(report).toEqual({ applied: 3, skipped: 0, errors: [] });
    expect(await core.store.reads.skus.byCode('BUDS-001')).toMatchObject({ backorder: { allowed: true, limit: 50 }, dimensionsMm: { length: 80, width: 60, height: 40 } });

    const first = await exported(ctx, 'skus');
    expect(first).toEqual({ rows: 3, text: file });
    // Re-importing the export updates every SKU to what it already is.
    expect(await importCsv(ctx, 'skus', first.text, { skipInvalid: false })).toEqual({ applied: 3, skipped: 0, errors: [] });
    expect((await exported(ctx, 'skus')).text).toBe(file);
  });

  const mixed = [
    'name,sku,weightGrams', // columns in any order
    'Tote,BAG-001,300',
    'Broken,bad code!,10',
    'Mug,MUG-001,',
    'Lamp,LAMP-001,-5',
    'Cap,CAP-001,90',
  ].join('\n');

  it('applies nothing from a file with invalid rows and reports exactly their lines', async () => {
    const report = await importCsv(ctx, 'skus', mixed, { skipInvalid: false });
    expect(report.applied).toBe(0);
    expect(report.skipped).toBe(5);
    expect(report.errors.map((e) => e.line)).toEqual([3, 5]);
    expect(report.errors[0]!.message).toContain('bad code!');
    expect(report.errors[1]!.message).toContain('weightGrams');
    expect((await core.store.reads.skus.list({}, null, 10)).items).toEqual([]);
  });

  it('with skipInvalid applies the valid rows and counts the invalid ones as skipped', async () => {
    const report = await importCsv(ctx, 'skus', mixed, { skipInvalid: true });
    expect(report).toMatchObject({ applied: 3, skipped: 2 });
    expect(report.errors.map((e) => e.line)).toEqual([3, 5]);
    const codes = (await core.store.reads.skus.list({}, null, 10)).items.map((s) => s.sku);
    expect(codes.sort()).toEqual(['BAG-001', 'CAP-001', 'MUG-001']);
  });

  it('refuses unknown or missing header columns with one error on line 1', async () => {
    const report = await importCsv(ctx, 'skus', 'sku,colour\nBAG-001,red\n', { skipInvalid: true });
    expect(report.applied).toBe(0);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.line).toBe(1);
    expect(report.errors[0]!.message).toMatch(/unknown columns: "colour".*missing columns: name/);
  });

  it('counts lines across blank lines and quoted line breaks, and reports duplicates and short rows', async () => {
    const file = 'sku,name\r\nA-1,One\r\n\r\n"A-2","Two\r\nlines"\r\nA-3\r\nA-1,Again\r\nA-4,Four\r\n';
    const report = await importCsv(ctx, 'skus', file, { skipInvalid: true });
    expect(report.errors).toEqual([
      { line: 4, message: expect.stringMatching(/^name contains control characters/) },
      { line: 6, message: expect.stringMatching(/^has 1 fields/) },
      { line: 7, message: 'SKU A-1 is already on line 2' },
    ]);
    expect(report).toMatchObject({ applied: 2, skipped: 3 });
  });

  it('updates an existing SKU, keeping the values of empty cells', async () => {
    await must(core.bus, 'sku.create', { sku: 'TEE-001', name: 'Old name', barcode: '4001234000031', attributes: { color: 'black' } });
    const report = await importCsv(ctx, 'skus', 'sku,name,weightGrams,barcode\nTEE-001,New name,180,\n', { skipInvalid: false });
    expect(report).toEqual({ applied: 1, skipped: 0, errors: [] });
    expect(await core.store.reads.skus.byCode('TEE-001')).toMatchObject({ name: 'New name', weightGrams: 180, barcode: '4001234000031', attributes: { color: 'black' } });
  });

  it('sets onHand by a cycle count and the reorder settings, keeping the ledger consistent', async () => {
    const warehouse = await buildWarehouse(core.bus);
    const [a, b] = [await buildSku(core.bus), await buildSku(core.bus)];
    await must(core.bus, 'stock.receive', { warehouse: warehouse.code, lines: [{ sku: a.sku, quantity: 10 }] });
    const file = ['sku,warehouse,onHand,safetyStock,reorderPoint,reorderQuantity', `${a.sku},${warehouse.code},4,2,5,20`, `${b.sku},${warehouse.code},15,,,`, `${b.sku},NOWHERE,1,,,`].join('\n');
    const report = await importCsv(ctx, 'stock', file, { skipInvalid: false });
    expect(report.applied).toBe(2);
    expect(report.skipped).toBe(1);
    expect(report.errors).toEqual([{ line: 4, message: expect.stringContaining('warehouse_not_found') }]);

    const level = async (sku: string) => {
      const stock = await core.queries.stock(sku);
      if (!stock.ok) throw new Error(stock.code);
      return stock.value.warehouses.find((w) => w.warehouse === warehouse.code);
    };
    expect(await level(a.sku)).toMatchObject({ onHand: 4, safetyStock: 2, reorderPoint: 5, reorderQuantity: 20, available: 2 });
    expect(await level(b.sku)).toMatchObject({ onHand: 15, safetyStock: 0 });
    const adjustments = await core.queries.movements({ sku: a.sku, type: 'adjust' }, undefined, 10);
    expect(adjustments.ok && adjustments.value.items).toMatchObject([{ quantity: 6, deltas: { onHand: -6 }, reason: 'cycle_count', note: 'csv import', actor: { id: cliActor.id } }]);
    // Counting what is already there changes nothing and writes no movement.
    expect(await importCsv(ctx, 'stock', file, { skipInvalid: true })).toMatchObject({ applied: 2 });
    expect(await level(a.sku)).toMatchObject({ onHand: 4 });

    const stock = await exported(ctx, 'stock');
    expect(stock.rows).toBe(2);
    expect(stock.text.split('\n')).toContain(`${a.sku},${warehouse.code},4,0,0,0,0,2,2,2,5,20`);
    const movements = await exported(ctx, 'movements');
    expect(movements.rows).toBe(3);
    const lines = movements.text.trimEnd().split('\n');
    expect(lines[0]).toBe('id,at,sku,warehouse,type,quantity,onHand,reserved,allocated,damaged,inTransit,referenceType,referenceId,actorType,actorId,reason,note');
    // Rows for different SKUs are concurrent commands: their movements may be in either order.
    const adjustment = new RegExp(`^\\d+,2026-01-01T12:00:00\\.000Z,${a.sku},${warehouse.code},adjust,6,-6,0,0,0,0,adjustment,adj_\\w+,system,cli,cycle_count,csv import$`);
    expect(lines.slice(1).filter((line) => adjustment.test(line))).toHaveLength(1);
  });

  it('refuses a stock row that changes nothing', async () => {
    const report = await importCsv(ctx, 'stock', 'sku,warehouse,onHand\nA-1,WH-1,\n', { skipInvalid: false });
    expect(report.errors).toEqual([{ line: 2, message: expect.stringContaining('nothing to import') }]);
  });

  it('applies rows in chunks and reports progress after each', async () => {
    const rows = Array.from({ length: 450 }, (_, i) => `P-${String(i).padStart(4, '0')},Product ${i}`);
    const calls: Array<[number, number]> = [];
    const report = await importCsv(ctx, 'skus', ['sku,name', ...rows].join('\n'), { skipInvalid: false, onProgress: (done, total) => void calls.push([done, total]) });
    expect(report).toEqual({ applied: 450, skipped: 0, errors: [] });
    expect(calls).toEqual([
      [200, 450],
      [400, 450],
      [450, 450],
    ]);
  });
});

describe('CSV import limits and the progress bar', () => {
  // Refused before any store is touched, so a context without one is enough.
  const noStore = {} as CliContext;

  it(`refuses a file of more than ${importRowsMax} rows with one error`, async () => {
    const file = `sku,name\n${'A-1,x\n'.repeat(importRowsMax + 1)}`;
    const report = await importCsv(noStore, 'skus', file, { skipInvalid: true });
    expect(report).toMatchObject({ applied: 0, errors: [{ line: 1, message: expect.stringContaining(`more than ${importRowsMax} rows`) }] });
  });

  it('reports malformed CSV and an empty file instead of throwing', async () => {
    expect((await importCsv(noStore, 'skus', 'sku,name\nA-1,"open\n', { skipInvalid: true })).errors).toMatchObject([{ message: expect.stringContaining('not valid CSV') }]);
    expect((await importCsv(noStore, 'skus', '', { skipInvalid: true })).errors).toMatchObject([{ line: 1, message: expect.stringContaining('empty') }]);
  });

  it('draws the bar on a terminal only', () => {
    const tty = capture(true);
    const bar = createProgress(tty, 'rows', 10);
    bar.update(500, 1000);
    bar.done();
    expect(tty.text).toBe('\r[#####.....]  50% 500/1000 rows\n');
    const pipe = capture(false);
    const quiet = createProgress(pipe, 'rows');
    quiet.update(1, 2);
    quiet.done();
    expect(pipe.text).toBe('');
  });
});
