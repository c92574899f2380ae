/**
 * A realistic, deterministic demo data set: three warehouses, a few hundred SKUs, receipts,
 * settings, transfers, reservations in every state, damages and returns — all through the
 * command bus, so the ledger is as real as production's. The same seed gives the same data
 * (ids and timestamps aside).
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

export interface DemoSummary {
  warehouses: number;
  skus: number;
  movements: number;
}

/** 13 digits with a valid EAN-13 check digit; `n` (below 100,000) makes it unique. */
const ean13 = (n: number): string => {
  const body = `4001234${String(n).padStart(5, '0')}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
};

/** Every colour × size of every family, interleaved across families so any prefix is varied. */
const catalogInputs = (random: () => number): Array<CommandInput<'sku.create'>> => {
  const byFamily = families.map((family) =>
    family.colors.flatMap((color) =>
      family.sizes.map((size) => ({ family, color, size, sku: `${family.prefix}-${color.toUpperCase()}-${size.toUpperCase().replace(/[^A-Z0-9]/g, '')}` })),
    ),
  );
  const longest = Math.max(...byFamily.map((variants) => variants.length));
  const variants = Array.from({ length: longest }, (_, i) => byFamily.flatMap((list) => (i < list.length ? [list[i]!] : []))).flat();
  return variants.map(({ family, color, size, sku }, i) => ({
    sku,
    name: `${family.name}, ${color}, ${size}`,
    productId: family.prefix,
    attributes: { color, size },
    barcode: ean13(i + 1),
    weightGrams: family.grams,
    dimensionsMm: { length: 100 + Math.floor(random() * 300), width: 80 + Math.floor(random() * 220), height: 20 + Math.floor(random() * 180) },
    // Earbuds sell on pre-order; a few others may be backordered too.
    ...((family.prefix === 'BUDS' || random() < 0.04) && { backorder: { allowed: true, limit: 50 } }),
  }));
};

/** Loads the demo through the command bus; refuses when it was loaded before (warehouse BER-1 exists). */
export const loadDemo = async (ctx: CliContext, options: { skuCount?: number; seed?: number } = {}): Promise<DemoSummary> => {
  if (await ctx.reads.warehouses.byCode('BER-1')) throw new Error('demo data already loaded (warehouse BER-1 exists)');
  const random = prng(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  let movements = 0;
  const count = (value: unknown) => {
    const listed = (value as { movements?: unknown[] } | null)?.movements;
    movements += listed?.length ?? 0;
  };
  const run = async <K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandValue<K>> => {
    const { outcome } = await ctx.bus.execute(name, input, { actor: ctx.actor });
    if (!outcome.ok) throw new Error(`demo: ${name} refused: ${outcome.code} ${outcome.message}`);
    count(outcome.value);
    return outcome.value;
  };
  // Commands issued together share one transaction (group commit): that is what makes this fast.
  const inChunks = async <T>(items: readonly T[], work: (item: T) => Promise<unknown>, size = 200) => {
    for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
  };

  await inChunks(warehouses, (warehouse) => run('warehouse.create', warehouse));
  const inputs = catalogInputs(random).slice(0, Math.max(1, options.skuCount ?? 300));
  await inChunks(inputs, (input) => run('sku.create', input));
  const catalog = inputs.map((input) => input.sku);

  // Receipts: every SKU in Berlin, most in Amsterdam, some in London.
  const inBerlin = new Map<string, number>();
  for (const [warehouse, share] of [['BER-1', 1], ['AMS-1', 0.7], ['LDN-1', 0.4]] as const) {
    const lines = catalog.filter(() => random() < share).map((sku) => ({ sku, quantity: between(5, 400) }));
    if (warehouse === 'BER-1') for (const line of lines) inBerlin.set(line.sku, line.quantity);
    const receipts = Array.from({ length: Math.ceil(lines.length / 100) }, (_, i) => lines.slice(i * 100, i * 100 + 100));
    await inChunks(receipts, (part) => run('stock.receive', { warehouse, reference: `PO-${warehouse}-${receipts.indexOf(part) + 1}`, lines: part }));
  }

  // Transfers from Berlin of well-stocked SKUs: half received, half still in transit.
  const plenty = catalog.filter((sku) => (inBerlin.get(sku) ?? 0) >= 50);
  await inChunks(
    Array.from({ length: plenty.length > 0 ? 8 : 0 }, (_, i) => i),
    async (i) => {
      const lines = [...new Set(Array.from({ length: 4 }, () => pick(plenty)))].map((sku) => ({ sku, quantity: between(1, 10) }));
      const { transfer } = await run('transfer.create', { from: 'BER-1', to: i % 2 === 0 ? 'AMS-1' : 'LDN-1', reference: `TR-${1001 + i}`, lines });
      if (i < 4) await run('transfer.receive', { id: transfer.id });
    },
  );

  // Orders in every state; a sold-out line is refused, as in real life.
  const orders = Array.from({ length: 160 }, (_, i) => ({ i, sku: pick(catalog), quantity: between(1, 3), channel: pick(['web', 'app', 'marketplace']) }));
  await inChunks(orders, async ({ i, sku, quantity, channel }) => {
    const { outcome } = await ctx.bus.execute('reservation.create', { reference: `ORD-${10_001 + i}`, lines: [{ sku, quantity }], channel, ttlSeconds: 86_400 }, { actor: ctx.actor });
    if (!outcome.ok) {
      if (outcome.code === 'insufficient_stock') return;
      throw new Error(`demo: reservation.create refused: ${outcome.code} ${outcome.message}`);
    }
    count(outcome.value);
    const id = outcome.value.reservation.id;
    const fate = i % 8; // 0–1 active, 2 confirmed, 3–4 fulfilled, 5 partly fulfilled, 6 released, 7 confirmed then released
    if (fate === 6) await run('reservation.release', { id });
    if (fate < 2 || fate === 6) return;
    await run('reservation.confirm', { id });
    if (fate === 3 || fate === 4) await run('reservation.fulfil', { id });
    if (fate === 5 && quantity > 1) await run('reservation.fulfil', { id, lines: [{ sku, quantity: 1 }] });
    if (fate === 7) await run('reservation.release', { id });
  });

  // Damage where units are free, one customer return, then safety stock and reorder points.
  for (let i = 0; i < 12; i++) {
    const sku = pick(catalog);
    const stock = await ctx.queries.stock(sku);
    const berlin = stock.ok ? stock.value.warehouses.find((w) => w.warehouse === 'BER-1') : undefined;
    if (berlin && berlin.available > 2) await run('stock.damage', { warehouse: 'BER-1', sku, quantity: between(1, 2), reason: pick(['crushed in transit', 'water damage', 'failed QC']) });
  }
  const returned = [...new Set([pick(catalog), pick(catalog)])];
  await run('stock.return', {
    warehouse: 'AMS-1',
    reference: 'RMA-1001',
    lines: returned.map((sku, i) => ({ sku, quantity: 1, condition: i === 0 ? ('resellable' as const) : ('damaged' as const) })),
  });
  await inChunks(
    catalog.filter(() => random() < 0.33),
    (sku) => run('stock.settings', { sku, warehouse: 'BER-1', settings: { safetyStock: between(0, 10), reorderPoint: between(20, 80), reorderQuantity: between(100, 300) } }),
  );

  return { warehouses: warehouses.length, skus: catalog.length, movements };
};
