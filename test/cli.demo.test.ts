/** The demo data set on both stores: loads fast, keeps the ledger consistent, refuses a second load. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReservationStatus } from '../src/domain/reservations.js';
import type { CliContext } from '../src/cli/context.js';
import { exportCsv } from '../src/cli/csv-export.js';
import { loadDemo } from '../src/cli/demo.js';
import { createCore, type Core } from './support/app.js';
import { cliContextOf } from './support/cli.js';
import { storeKinds } from './support/stores.js';


const cliContext = (core: Core) => cliContextOf(core);

const csv = async (ctx: CliContext, kind: 'skus' | 'stock') => {
  let text = '';
  await exportCsv(ctx, kind, (chunk) => void (text += chunk));
  return text;
};

describe.each(storeKinds())('demo data on %s', (kind) => {
  let core: Core;
  let ctx: CliContext;
  let loaded: Awaited<ReturnType<typeof loadDemo>>;
  beforeAll(async () => {
    core = await createCore(kind);
    ctx = cliContext(core);
    loaded = await loadDemo(ctx);
  });
  afterAll(async () => {
    await core.close();
  });

  it('loads three warehouses and a few hundred SKUs with a consistent ledger', async () => {
    expect(loaded.warehouses).toBe(3);
    expect(loaded.skus).toBeGreaterThanOrEqual(250);
    expect(loaded.movements).toBeGreaterThan(loaded.skus);
    const warehouses = await core.store.reads.warehouses.list(null, 10);
    expect(warehouses.items.map((w) => w.code).sort()).toEqual(['AMS-1', 'BER-1', 'LDN-1']);
    expect(warehouses.items.every((w) => w.address && w.latitude !== null && w.longitude !== null)).toBe(true);
    const report = await core.check();
    expect(report.violations).toEqual([]);
    expect(report.checkedLevels).toBeGreaterThan(loaded.skus);
  });

  it('gives SKUs attributes and unique 13-digit barcodes, some with backorders allowed', async () => {
    const skus = [];
    let after: string | null = null;
    do {
      const page = await core.store.reads.skus.list({}, after, 500);
      skus.push(...page.items);
      after = page.nextAfter;
    } while (after !== null);
    expect(skus).toHaveLength(loaded.skus);
    const barcodes = skus.map((s) => s.barcode);
    expect(barcodes.every((b) => b !== null && /^\d{13}$/.test(b))).toBe(true);
    expect(new Set(barcodes).size).toBe(skus.length);
    expect(skus.every((s) => s.attributes.color && s.attributes.size)).toBe(true);
    expect(skus.some((s) => s.backorder.allowed)).toBe(true);
  });

  it('leaves reservations in every state, transfers in transit, damage and reorder settings', async () => {
    const count = async (status: ReservationStatus) => {
      const page = await core.queries.reservations({ status }, undefined, 100);
      return page.ok ? page.value.items.length : 0;
    };
    for (const status of ['active', 'allocated', 'partially_fulfilled', 'fulfilled', 'released'] as const) expect(await count(status), status).toBeGreaterThan(0);
    const levels = await core.queries.stockList({}, undefined, 1000);
    if (!levels.ok) throw new Error(levels.code);
    const items = levels.value.items;
    expect(items.some((l) => l.inTransit > 0)).toBe(true);
    expect(items.some((l) => l.damaged > 0)).toBe(true);
    expect(items.some((l) => l.reorderPoint > 0 && l.safetyStock > 0)).toBe(true);
  });

  it('refuses to load the demo twice', async () => {
    await expect(loadDemo(ctx)).rejects.toThrow('demo data already loaded');
  });

  it('loads the same data from the same seed', async () => {
    const [one, two] = [await createCore(kind), await createCore(kind)];
    try {
      await loadDemo(cliContext(one), { skuCount: 40, seed: 7 });
      await loadDemo(cliContext(two), { skuCount: 40, seed: 7 });
      expect(await csv(cliContext(one), 'stock')).toBe(await csv(cliContext(two), 'stock'));
      expect(await csv(cliContext(one), 'skus')).toBe(await csv(cliContext(two), 'skus'));
    } finally {
      await one.close();
      await two.close();
    }
  });
});
