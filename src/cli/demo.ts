/**
 * A realistic, deterministic demo data set: three warehouses, a few hundred SKUs, receipts,
 * settings, transfers, reservations in every state, damages and returns — all through the
 * command bus, so the ledger is as real as production's.
 */
import type { CommandInput, CommandName, CommandValue } from '../app/commands/index.js';
import type { CliContext } from './context.js';

/** mulberry32: a small seeded PRNG, so every demo is the same. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const warehouses = [
  { code: 'BER-1', name: 'Berlin', address: 'Am Borsigturm 100, 13507 Berlin', latitude: 52.5877, longitude: 13.2846, capacityUnits: 500_000 },
  { code: 'AMS-1', name: 'Amsterdam', address: 'Hoogoorddreef 7, 1101 BA Amsterdam', latitude: 52.3105, longitude: 4.9497, capacityUnits: 300_000 },
  { code: 'LDN-1', name: 'London', address: '1 Thames Rd, Barking IG11 0HZ', latitude: 51.5166, longitude: 0.0917, capacityUnits: 250_000 },
];

const families = [
  { prefix: 'TEE', name: 'Organic T-shirt', colors: ['black', 'white', 'navy', 'sage'], sizes: ['XS', 'S', 'M', 'L', 'XL'], grams: 180 },
  { prefix: 'HOOD', name: 'Heavy hoodie', colors: ['black', 'grey', 'sand'], sizes: ['S', 'M', 'L', 'XL'], grams: 620 },
  { prefix: 'JEAN', name: 'Straight jeans', colors: ['indigo', 'black'], sizes: ['28', '30', '32', '34', '36'], grams: 700 },
  { prefix: 'SNK', name: 'Canvas sneaker', colors: ['white', 'black', 'red'], sizes: ['38', '39', '40', '41', '42', '43', '44', '45'], grams: 900 },
  { prefix: 'CAP', name: 'Wool cap', colors: ['black', 'olive', 'rust', 'navy'], sizes: ['one'], grams: 90 },
  { prefix: 'BUDS', name: 'Wireless earbuds', colors: ['black', 'white'], sizes: ['std'], grams: 60 },
  { prefix: 'CHRG', name: 'USB-C charger 65W', colors: ['white'], sizes: ['EU', 'UK', 'US'], grams: 150 },
  { prefix: 'MUG', name: 'Stoneware mug', colors: ['cream', 'charcoal', 'teal', 'clay'], sizes: ['350ml', '450ml'], grams: 380 },
  { prefix: 'LAMP', name: 'Desk lamp', colors: ['black', 'brass', 'white'], sizes: ['std'], grams: 1400 },
  { prefix: 'TOWEL', name: 'Linen towel', colors: ['natural', 'rust', 'stone', 'blue'], sizes: ['hand', 'bath', 'sheet'], grams: 450 },
  { prefix: 'SOCK', name: 'Merino socks', colors: ['black', 'grey', 'green', 'mustard'], sizes: ['36-40', '41-46'], grams: 70 },
  { prefix: 'BAG', name: 'Canvas tote', colors: ['natural', 'black', 'navy'], sizes: ['std'], grams: 300 },
  { prefix: 'BOTL', name: 'Steel bottle', colors: ['silver', 'black', 'sky', 'sage'], sizes: ['500ml', '750ml', '1l'], grams: 350 },
  { prefix: 'OXF', name: 'Oxford shirt', colors: ['white', 'blue', 'pink', 'stripe', 'olive'], sizes: ['XS', 'S', 'M', 'L', 'XL', 'XXL'], grams: 260 },
  { prefix: 'DRSS', name: 'Wrap dress', colors: ['black', 'floral', 'rust', 'navy'], sizes: ['XS', 'S', 'M', 'L', 'XL'], grams: 320 },
  { prefix: 'JKT', name: 'Rain jacket', colors: ['yellow', 'black', 'olive', 'navy'], sizes: ['S', 'M', 'L', 'XL', 'XXL'], grams: 540 },
  { prefix: 'CHNO', name: 'Chino trousers', colors: ['khaki', 'navy', 'black', 'stone'], sizes: ['28', '30', '32', '34', '36', '38'], grams: 480 },
  { prefix: 'SWTR', name: 'Lambswool sweater', colors: ['grey', 'navy', 'bottle', 'oat', 'burgundy'], sizes: ['S', 'M', 'L', 'XL', 'XXL'], grams: 410 },
  { prefix: 'PLATE', name: 'Dinner plate', colors: ['cream', 'charcoal', 'teal', 'clay'], sizes: ['21cm', '27cm', '30cm'], grams: 600 },
  { prefix: 'BOWL', name: 'Serving bowl', colors: ['cream', 'charcoal', 'teal', 'clay'], sizes: ['S', 'M', 'L'], grams: 700 },
  { prefix: 'CABL', name: 'Braided USB-C cable', colors: ['black', 'white', 'red'], sizes: ['0.5m', '1m', '2m', '3m'], grams: 40 },
  { prefix: 'SHRT', name: 'Swim shorts', colors: ['navy', 'coral', 'palm', 'black'], sizes: ['S', 'M', 'L', 'XL', 'XXL'], grams: 160 },
  { prefix: 'BEAN', name: 'Rib beanie', colors: ['black', 'grey', 'orange', 'green', 'navy', 'cream'], sizes: ['one'], grams: 80 },
];

export const loadDemo = async (ctx: CliContext, options: { skuCount?: number; seed?: number } = {}) => {
  if (await ctx.reads.warehouses.byCode('BER-1')) throw new Error('demo data already loaded (warehouse BER-1 exists)');
  const random = prng(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  let movements = 0;
  const run = async <K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandValue<K>> => {
    const { outcome } = await ctx.bus.execute(name, input, { actor: ctx.actor });
    if (!outcome.ok) throw new Error(`demo: ${name} refused: ${outcome.code} ${outcome.message}`);
    const value = outcome.value as { movements?: unknown[] } | null;
    movements += value?.movements?.length ?? 0;
    return outcome.value;
  };
  const inChunks = async <T>(items: T[], work: (item: T) => Promise<unknown>, size = 100) => {
    for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
  };

  for (const warehouse of warehouses) await run('warehouse.create', warehouse);

  const skus: string[] = [];
  const skuInputs: Array<CommandInput<'sku.create'>> = [];
  for (const family of families) {
    for (const color of family.colors) {
      for (const size of family.sizes) {
        const sku = `${family.prefix}-${color.toUpperCase()}-${size.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
        const preorder = family.prefix === 'BUDS' || random() < 0.04;
        skuInputs.push({
          sku,
          name: `${family.name}, ${color}, ${size}`,
          productId: family.prefix,
          attributes: { color, size },
          barcode: `40${String(1_000_000_000 + skuInputs.length * 7919).padStart(11, '0')}`,
          weightGrams: family.grams,
          dimensionsMm: { length: between(100, 400), width: between(80, 300), height: between(20, 200) },
          ...(preorder && { backorder: { allowed: true, limit: 50 } }),
        });
        skus.push(sku);
      }
    }
  }
  const wanted = Math.min(options.skuCount ?? 300, skuInputs.length);
  await inChunks(skuInputs.slice(0, wanted), (input) => run('sku.create', input));
  const catalog = skus.slice(0, wanted);

  // Receipts: every SKU in Berlin, most in Amsterdam, some in London.
  for (const [warehouse, share] of [['BER-1', 1], ['AMS-1', 0.7], ['LDN-1', 0.4]] as const) {
    const lines = catalog.filter(() => random() < share).map((sku) => ({ sku, quantity: between(5, 400) }));
    for (let i = 0; i < lines.length; i += 100) await run('stock.receive', { warehouse, reference: `PO-${warehouse}-${i / 100 + 1}`, lines: lines.slice(i, i + 100) });
  }

  // Safety stock and reorder points on a third of the Berlin levels.
  await inChunks(
    catalog.filter(() => random() < 0.33),
    (sku) => run('stock.settings', { sku, warehouse: 'BER-1', settings: { safetyStock: between(0, 10), reorderPoint: between(20, 80), reorderQuantity: between(100, 300) } }),
  );

  // Transfers from Berlin: half received, half still in transit.
  for (let i = 0; i < 8; i++) {
    const lines = Array.from(new Set(Array.from({ length: 4 }, () => pick(catalog)))).map((sku) => ({ sku, quantity: between(1, 5) }));
    const { transfer } = await run('transfer.create', { from: 'BER-1', to: i % 2 === 0 ? 'AMS-1' : 'LDN-1', reference: `TR-${i + 1}`, lines });
    if (i < 4) await run('transfer.receive', { id: transfer.id });
  }

  // Orders in every state.
  const orders = Array.from({ length: 120 }, (_, i) => ({ i, sku: pick(catalog), quantity: between(1, 3) }));
  await inChunks(orders, async ({ i, sku, quantity }) => {
    const { outcome } = await ctx.bus.execute('reservation.create', { reference: `ORD-${10_000 + i}`, lines: [{ sku, quantity }], channel: pick(['web', 'app', 'marketplace']), ttlSeconds: 900 }, { actor: ctx.actor });
    if (!outcome.ok) return; // sold out: that happens
    movements += outcome.value.movements.length;
    const id = outcome.value.reservation.id;
    const fate = i % 6;
    if (fate >= 1) await run('reservation.confirm', { id });
    if (fate === 2 || fate === 3) await run('reservation.fulfil', { id });
    if (fate === 4) await run('reservation.release', { id });
  });

  // Damage and returns.
  for (let i = 0; i < 10; i++) {
    const sku = pick(catalog);
    const stock = await ctx.queries.stock(sku);
    const berlin = stock.ok ? stock.value.warehouses.find((w) => w.warehouse === 'BER-1') : undefined;
    if (berlin && berlin.available > 2) await run('stock.damage', { warehouse: 'BER-1', sku, quantity: 1, reason: pick(['crushed in transit', 'water damage', 'failed QC']) });
  }
  await run('stock.return', {
    warehouse: 'AMS-1',
    reference: 'RMA-1001',
    lines: [
      { sku: pick(catalog), quantity: 1, condition: 'resellable' },
      { sku: pick(catalog), quantity: 1, condition: 'damaged' },
    ],
  });

  return { warehouses: warehouses.length, skus: catalog.length, movements };
};
