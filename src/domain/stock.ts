import { assert } from './result.js';

/** The quantity buckets a movement can change. All quantities are integers of the SKU's base unit. */
export const buckets = ['onHand', 'reserved', 'allocated', 'damaged', 'inTransit'] as const;
export type Bucket = (typeof buckets)[number];
export type Deltas = Record<Bucket, number>;

/** A stock level of one SKU in one warehouse. `available` and `availableToPromise` are derived. */
export interface StockLevel {
  onHand: number;
  reserved: number;
  allocated: number;
  damaged: number;
  inTransit: number;
  safetyStock: number;
  reorderPoint: number;
  reorderQuantity: number;
  /** How far below zero `onHand − reserved − allocated − damaged` may go (0 unless backorders are allowed). */
  backorderLimit: number;
}

export interface StockFigures extends StockLevel {
  available: number;
  availableToPromise: number;
}

/** Whether two levels hold the same quantity in every bucket. */
export const sameBuckets = (a: Pick<StockLevel, Bucket>, b: Pick<StockLevel, Bucket>): boolean => buckets.every((bucket) => a[bucket] === b[bucket]);

export const zeroDeltas = (): Deltas => ({ onHand: 0, reserved: 0, allocated: 0, damaged: 0, inTransit: 0 });

export const emptyLevel = (): StockLevel => ({
  onHand: 0,
  reserved: 0,
  allocated: 0,
  damaged: 0,
  inTransit: 0,
  safetyStock: 0,
  reorderPoint: 0,
  reorderQuantity: 0,
  backorderLimit: 0,
});

/** Units that are physically here, not damaged and not held: what holds may still take before backorder. */
export const free = (level: Pick<StockLevel, 'onHand' | 'reserved' | 'allocated' | 'damaged'>): number =>
  level.onHand - level.reserved - level.allocated - level.damaged;

/** available = onHand − reserved − allocated − damaged − safetyStock */
export const available = (level: StockLevel): number => free(level) - level.safetyStock;

/** availableToPromise = available + inTransit */
export const availableToPromise = (level: StockLevel): number => available(level) + level.inTransit;

/** The stored figures of a level (only those: extra fields of `level` are not copied) and what follows from them. */
export const figures = (level: StockLevel): StockFigures => ({
  onHand: level.onHand,
  reserved: level.reserved,
  allocated: level.allocated,
  damaged: level.damaged,
  inTransit: level.inTransit,
  safetyStock: level.safetyStock,
  reorderPoint: level.reorderPoint,
  reorderQuantity: level.reorderQuantity,
  backorderLimit: level.backorderLimit,
  available: available(level),
  availableToPromise: availableToPromise(level),
});

export type StockStatus = 'in_stock' | 'low_stock' | 'out_of_stock';

/** Out of stock when nothing is available; low when available is at or below the reorder point. */
export const stockStatus = (level: StockLevel): StockStatus => {
  const a = available(level);
  if (a <= 0) return 'out_of_stock';
  if (level.reorderPoint > 0 && a <= level.reorderPoint) return 'low_stock';
  return 'in_stock';
};

/** The lowest value `available` may reach through a reservation. */
export const availableFloor = (backorderLimit: number): number => -backorderLimit;

/**
 * The invariants every stored level satisfies (the database enforces them with CHECK constraints;
 * this is the same rule in code, used by the consistency check and by tests).
 */
export const levelViolations = (level: StockLevel): string[] => {
  const problems: string[] = [];
  for (const bucket of buckets) {
    if (!Number.isSafeInteger(level[bucket])) problems.push(`${bucket} is not an integer`);
    else if (level[bucket] < 0) problems.push(`${bucket} is negative (${level[bucket]})`);
  }
  if (level.damaged > level.onHand) problems.push(`damaged (${level.damaged}) exceeds onHand (${level.onHand})`);
  if (free(level) < -level.backorderLimit) {
    problems.push(
      `holds exceed stock: onHand ${level.onHand} < reserved ${level.reserved} + allocated ${level.allocated} + damaged ${level.damaged} − backorder limit ${level.backorderLimit}`,
    );
  }
  for (const setting of ['safetyStock', 'reorderPoint', 'reorderQuantity', 'backorderLimit'] as const) {
    if (!Number.isSafeInteger(level[setting]) || level[setting] < 0) problems.push(`${setting} must be a non-negative integer`);
  }
  return problems;
};

/**
 * The level after `deltas` — or before them, with `sign` −1 — as a new level of the stored figures
 * only (written out: it runs once per published movement, and a spread of a just-built level is slow).
 */
export const applyDeltas = (level: StockLevel, deltas: Deltas, sign: 1 | -1 = 1): StockLevel => ({
  onHand: level.onHand + sign * deltas.onHand,
  reserved: level.reserved + sign * deltas.reserved,
  allocated: level.allocated + sign * deltas.allocated,
  damaged: level.damaged + sign * deltas.damaged,
  inTransit: level.inTransit + sign * deltas.inTransit,
  safetyStock: level.safetyStock,
  reorderPoint: level.reorderPoint,
  reorderQuantity: level.reorderQuantity,
  backorderLimit: level.backorderLimit,
});

/**
 * Whether a stored level takes `deltas` when no caller's guard applies: what the guarded UPDATE of a
 * level allows (storage's `applyToLevel`, written as the CHECK constraints state it). Each bucket the
 * change lowers stays non-negative, damaged units stay within onHand if the change could break that,
 * and holds stay within stock plus the backorder limit if the change lowers the free units.
 */
export const takesChange = (level: StockLevel, d: Deltas): boolean => {
  const after = applyDeltas(level, d);
  for (const bucket of buckets) if (d[bucket] < 0 && after[bucket] < 0) return false;
  if (d.damaged - d.onHand > 0 && after.damaged > after.onHand) return false;
  if (d.onHand - d.reserved - d.allocated - d.damaged < 0 && free(after) + after.backorderLimit < 0) return false;
  return true;
};

export const assertLevel = (level: StockLevel, where: string): void => {
  const problems = levelViolations(level);
  assert(problems.length === 0, `${where}: ${problems.join('; ')}`);
};
