/**
 * The consistency check: for every stock level, every bucket equals the sum of its ledger
 * deltas, the stored invariants hold, and the holds match the open reservations and transfers;
 * every movement belongs to a stock level, every reservation line to a reservation and a stock
 * level (on PostgreSQL the ledger's key checks say so, ADR 0043; SQLite's name the SKU and the warehouse apart, ADR 0034).
 * Works in bounded batches so it stays usable on millions of levels.
 */
import { buckets, levelViolations } from '../domain/stock.js';
import type { Reads } from './ports.js';

export interface Violation {
  sku: string;
  warehouse: string;
  problem: string;
}

export interface ConsistencyReport {
  ok: boolean;
  checkedLevels: number;
  violations: Violation[];
  /** True when more violations exist than were reported. */
  truncated: boolean;
}

export const checkConsistency = async (reads: Reads, options: { batchSize?: number; violationsMax?: number } = {}): Promise<ConsistencyReport> => {
  const batchSize = options.batchSize ?? 1000;
  const violationsMax = options.violationsMax ?? 1000;
  const violations: Violation[] = [];
  let truncated = false;
  let checkedLevels = 0;
  const report = (sku: string, warehouse: string, problem: string) => {
    if (violations.length < violationsMax) violations.push({ sku, warehouse, problem });
    else truncated = true;
  };
  let after: [number, number] | null = null;
  for (;;) {
    const page = await reads.consistency.scan(after, batchSize);
    for (const { level, sums, documents } of page.items) {
      checkedLevels += 1;
      for (const bucket of buckets) {
        if (sums[bucket] !== level[bucket]) report(level.sku, level.warehouse, `${bucket} is ${level[bucket]} but the ledger sums to ${sums[bucket]}`);
      }
      for (const problem of levelViolations(level)) report(level.sku, level.warehouse, problem);
      if (documents.reserved !== level.reserved) report(level.sku, level.warehouse, `reserved is ${level.reserved} but active reservations hold ${documents.reserved}`);
      if (documents.allocated !== level.allocated) report(level.sku, level.warehouse, `allocated is ${level.allocated} but confirmed reservations hold ${documents.allocated}`);
      if (documents.inTransit !== level.inTransit) report(level.sku, level.warehouse, `inTransit is ${level.inTransit} but open transfers carry ${documents.inTransit}`);
    }
    if (page.nextAfter === null) break;
    after = page.nextAfter;
  }
  const orphans = await reads.consistency.orphanMovementCount();
  if (orphans > 0) report('*', '*', `${orphans} movements belong to no stock level`);
  const orphanLines = await reads.consistency.orphanLineCount();
  if (orphanLines > 0) report('*', '*', `${orphanLines} reservation lines belong to no reservation or no stock level`);
  return { ok: violations.length === 0 && !truncated, checkedLevels, violations, truncated };
};
