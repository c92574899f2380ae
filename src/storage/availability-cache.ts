/**
 * SQLite: the availability read's answers, kept in the server process while they are certain to be
 * current (docs/decisions/0026).
 *
 * An answer is the SKU's levels with their codes, as the store last committed them. It is dropped
 * when anything that could change it commits:
 * - this process's writes: every write of the process goes through one connection, the writer, and
 *   temporary triggers on that connection note each SKU whose levels, or whose own row, change.
 *   A noted SKU is read from the store until the writer's transaction has ended, then its answer
 *   is dropped (a rolled-back change drops it too, which is only a miss);
 * - any other connection's commit (a `stockroom` command beside the server, another process):
 *   SQLite counts them in `PRAGMA data_version` on the writer connection, which is asked before
 *   an answer is served from the cache or put in it; a change empties the cache;
 * - a warehouse row's change: empties the cache (codes appear in every answer).
 * An answer read while a change was noted after the read began is served but not kept, so a fill
 * can never put back what a commit had just dropped.
 *
 * Bounded: a SKU is kept at its second miss among the last `entriesMax`, and past `entriesMax`
 * answers the least recently used goes. PostgreSQL has no such cache:
 * several processes write, and nothing tells a process of another's commit without asking the
 * server, which is the read itself.
 */
import type Database from 'better-sqlite3';
import type { LevelView } from '../app/ports.js';

/** One SKU's levels as the store answered: its id (for the triggers' notes) and the views. */
export interface SkuLevels {
  skuId: number;
  views: LevelView[];
}

export interface AvailabilityCacheStats {
  entries: number;
  hits: number;
  misses: number;
}

/** Everything changed: a warehouse, or more SKUs in one transaction than `notedMax`. */
const all = -1;
const notedMax = 10_000;

const noteFunction = 'stockroom_availability_changed';

/** Temporary: they exist on the writer connection only, never in the store's schema. */
const triggers = [
  `create temp trigger if not exists stockroom_availability_level_insert after insert on main.stock_levels begin select ${noteFunction}(new.sku_id); end`,
  `create temp trigger if not exists stockroom_availability_level_update after update on main.stock_levels begin select ${noteFunction}(new.sku_id); select ${noteFunction}(old.sku_id) where old.sku_id <> new.sku_id; end`,
  `create temp trigger if not exists stockroom_availability_level_delete after delete on main.stock_levels begin select ${noteFunction}(old.sku_id); end`,
  `create temp trigger if not exists stockroom_availability_sku_update after update on main.skus begin select ${noteFunction}(old.id); end`,
  `create temp trigger if not exists stockroom_availability_sku_delete after delete on main.skus begin select ${noteFunction}(old.id); end`,
  `create temp trigger if not exists stockroom_availability_warehouse_update after update on main.warehouses begin select ${noteFunction}(${all}); end`,
  `create temp trigger if not exists stockroom_availability_warehouse_delete after delete on main.warehouses begin select ${noteFunction}(${all}); end`,
];

export interface AvailabilityCache {
  /** The SKU's levels, from the cache when it holds them and they are current, else from `load`. */
  levels(code: string, load: (code: string) => Promise<SkuLevels | undefined>): Promise<LevelView[] | undefined>;
  stats(): AvailabilityCacheStats;
  /**
   * Empties the cache and puts the triggers back at the next read. For after this process changed
   * the schema (migrations): dropping a table on the writer connection drops its temporary
   * triggers with it (another connection's DROP does not).
   */
  reset(): void;
}

export const availabilityCache = (writer: Database.Database, entriesMax: number): AvailabilityCache => {
  /** By SKU code, least recently used first. */
  const byCode = new Map<string, SkuLevels>();
  const codeById = new Map<number, string>();
  /** SKUs the writer changed in a transaction that had not ended when last looked. */
  const noted = new Set<number>();
  /** Counts notes and foreign commits: a fill is kept only if it did not move while the fill ran. */
  let changes = 0;
  let installed = false;
  let seenVersion: unknown;
  let hits = 0;
  let misses = 0;

  const forget = (skuId: number) => {
    const code = codeById.get(skuId);
    if (code === undefined) return;
    codeById.delete(skuId);
    byCode.delete(code);
  };
  const clear = () => {
    byCode.clear();
    codeById.clear();
  };

  const note = (skuId: unknown) => {
    changes++;
    if (noted.has(all)) return null;
    // Past a bound, one note for all: a long transaction must not grow the set without end.
    if (noted.size >= notedMax) {
      noted.clear();
      noted.add(all);
    } else noted.add(typeof skuId === 'bigint' ? Number(skuId) : (skuId as number));
    return null;
  };

  /** Codes missed once lately: a SKU is kept at its second miss, so reads spread over far more SKUs than the bound do not churn it. */
  const missedOnce = new Set<string>();
  const admit = (code: string): boolean => {
    if (missedOnce.delete(code)) return true;
    if (missedOnce.size >= entriesMax) missedOnce.clear();
    missedOnce.add(code);
    return false;
  };

  writer.function(noteFunction, { deterministic: false }, note);
  const dataVersion = writer.prepare('pragma data_version').pluck();

  /**
   * Outside a transaction only: a trigger created in one would go with its rollback. The triggers
   * need the tables, so this waits for the first read (the server migrates before it serves).
   */
  const install = (): boolean => {
    if (installed) return true;
    if (writer.inTransaction) return false;
    for (const trigger of triggers) writer.exec(trigger);
    seenVersion = dataVersion.get();
    installed = true;
    // A fill whose read began before the triggers existed may have missed a change.
    changes++;
    return true;
  };

  /** Brings the cache up to date with every commit so far; false when it cannot be used now. */
  const current = (): boolean => {
    if (!install()) return false;
    const version = dataVersion.get();
    if (version !== seenVersion) {
      seenVersion = version;
      changes++;
      clear();
    }
    if (noted.size > 0 && !writer.inTransaction) {
      if (noted.has(all)) clear();
      else for (const skuId of noted) forget(skuId);
      noted.clear();
    }
    return true;
  };

  const fresh = (entry: SkuLevels) => !noted.has(entry.skuId) && !noted.has(all);

  return {
    async levels(code, load) {
      if (!installed) install();
      const entry = byCode.get(code);
      // A miss asks nothing of the store but its answer; only a hit, or a fill, must be current.
      if (entry !== undefined && current() && byCode.get(code) === entry && fresh(entry)) {
        hits++;
        byCode.delete(code);
        byCode.set(code, entry);
        return entry.views;
      }
      misses++;
      const changesBefore = changes;
      const loaded = await load(code);
      if (loaded === undefined || !admit(code)) return loaded?.views;
      // Kept only if nothing was noted and no other connection committed while it was read: a
      // commit may have dropped this SKU meanwhile, and a later read put its new figures here.
      if (current() && changes === changesBefore && fresh(loaded)) {
        for (const view of loaded.views) Object.freeze(view);
        Object.freeze(loaded.views);
        forget(loaded.skuId);
        byCode.set(code, loaded);
        codeById.set(loaded.skuId, code);
        if (byCode.size > entriesMax) {
          const oldest = byCode.keys().next().value as string;
          const evicted = byCode.get(oldest)!;
          byCode.delete(oldest);
          codeById.delete(evicted.skuId);
        }
      }
      return loaded.views;
    },
    stats: () => ({ entries: byCode.size, hits, misses }),
    reset() {
      clear();
      changes++;
      installed = false;
    },
  };
};
