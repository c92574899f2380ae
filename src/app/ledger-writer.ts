/**
 * Applies movements to stock levels and collects them for the ledger: each level change is one
 * guarded UPDATE, and the movements of a command are appended in one INSERT, in the same transaction.
 */
import { stockSignals } from '../domain/events.js';
import type { MovementDraft, ReferenceType } from '../domain/movements.js';
import { assert } from '../domain/result.js';
import { applyDeltas } from '../domain/stock.js';
import { presentLevelOf, presentMovement } from './presenters.js';
import type { UnitContext } from './context.js';
import type { LevelGuard, LevelRecord, MovementInsert, MovementRecord, SkuRecord, WarehouseRecord } from './ports.js';
import { backorderLimitOf } from './lookups.js';
import { together } from './together.js';

export type SkuRef = Pick<SkuRecord, 'id' | 'sku' | 'backorder'>;
export type WarehouseRef = Pick<WarehouseRecord, 'id' | 'code'>;

export class LedgerWriter {
  private readonly pending: Array<{ row: MovementInsert; sku: string; warehouse: string; after: LevelRecord }> = [];

  constructor(
    private readonly ctx: UnitContext,
    private readonly reference: { type: ReferenceType; id: string },
  ) {}

  /**
   * Applies the draft's deltas to the level if the guard holds; returns the new level, or
   * undefined (and records nothing) when the change is not allowed or the level does not exist.
   */
  async apply(sku: SkuRef, warehouse: WarehouseRef, draft: MovementDraft, guard: LevelGuard = {}, create = false): Promise<LevelRecord | undefined> {
    const { tx, nowMs } = this.ctx;
    if (create) await tx.levels.ensure(sku.id, warehouse.id, backorderLimitOf(sku), nowMs);
    const level = await tx.levels.apply(sku.id, warehouse.id, draft.deltas, guard, nowMs);
    if (level) this.record(sku, warehouse, draft, level);
    return level;
  }

  /**
   * Applies changes that must all apply, each with its guard if it has one (creating their levels
   * first unless `create` is false), and returns each level after its change. The levels are
   * created together and then changed together, in order: on PostgreSQL a receipt of any number
   * of lines waits twice, not twice per line (ADR 0033, amendment). Two changes of one level apply
   * one after the other. A change refused here is a bug (the caller checked what it asks).
   */
  async applyEach(changes: ReadonlyArray<{ sku: SkuRef; warehouse: WarehouseRef; draft: MovementDraft; guard?: LevelGuard }>, create = true): Promise<LevelRecord[]> {
    const { tx, nowMs } = this.ctx;
    if (create) {
      const levels = new Map(changes.map(({ sku, warehouse }) => [`${sku.id}:${warehouse.id}`, { sku, warehouse }]));
      await together(...[...levels.values()].map(({ sku, warehouse }) => tx.levels.ensure(sku.id, warehouse.id, backorderLimitOf(sku), nowMs)));
    }
    const after = await together(...changes.map(({ sku, warehouse, draft, guard }) => tx.levels.apply(sku.id, warehouse.id, draft.deltas, guard ?? {}, nowMs)));
    return changes.map(({ sku, warehouse, draft }, i) => {
      const level = after[i];
      assert(level, `${draft.type} of ${draft.quantity} ${sku.sku} in ${warehouse.code} was refused`);
      this.record(sku, warehouse, draft, level);
      return level;
    });
  }

  /** Records a movement whose change the caller applied to the level (`after` is the level after it). */
  record(sku: SkuRef, warehouse: WarehouseRef, draft: MovementDraft, after: LevelRecord): void {
    this.pending.push({
      sku: sku.sku,
      warehouse: warehouse.code,
      after,
      row: {
        atMs: this.ctx.nowMs,
        skuId: sku.id,
        warehouseId: warehouse.id,
        type: draft.type,
        quantity: draft.quantity,
        deltas: draft.deltas,
        reference: this.reference,
        actor: { type: this.ctx.actor.type, id: this.ctx.actor.id, name: this.ctx.actor.name },
        reason: draft.reason ?? null,
        note: draft.note ?? null,
      },
    });
  }

  /**
   * Appends the collected movements and publishes, per movement, `stock.changed` with the level
   * after it, plus any threshold it crossed (out of stock, back in stock, low, below safety).
   */
  async flush(): Promise<MovementRecord[]> {
    return this.publish(await this.ctx.tx.movements.append(this.rows()));
  }

  /** The movements recorded so far, to append (flush appends them itself). */
  rows(): MovementInsert[] {
    return this.pending.map((p) => p.row);
  }

  /** Publishes the recorded movements, appended by the caller with these ids (in recording order). */
  publish(ids: readonly number[]): MovementRecord[] {
    this.ctx.noteMovements(ids);
    // Written out, without spreads: a batch of reservations publishes one movement each.
    const records = this.pending.map(({ row, sku, warehouse, after }, i) => {
      const movement: MovementRecord = {
        id: ids[i] as number,
        atMs: row.atMs,
        sku,
        warehouse,
        type: row.type,
        quantity: row.quantity,
        deltas: row.deltas,
        reference: row.reference,
        actor: row.actor,
        reason: row.reason,
        note: row.note,
      };
      const level = presentLevelOf(after, sku, warehouse);
      this.ctx.emit({ type: 'stock.changed', sku, warehouse, data: { level, movement: presentMovement(movement) } });
      for (const signal of stockSignals(applyDeltas(after, row.deltas, -1), after)) this.ctx.emit({ type: signal, sku, warehouse, data: { level } });
      return movement;
    });
    this.pending.length = 0;
    return records;
  }
}
