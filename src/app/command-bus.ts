/**
 * The one write path. Commands that arrive together — in the same event-loop turn, or while the
 * previous batch is committing — run in ONE transaction and are made durable with ONE flush
 * (group commit). Each command runs in its own savepoint, so one buyer's `insufficient_stock`
 * rolls back only that command; then everyone is answered after the commit.
 *
 * Idempotency records are written in the same savepoint as the command's effects.
 */
import type { Clock } from '../domain/clock.js';
import type { EventDraft } from '../domain/events.js';
import type { Actor } from '../domain/movements.js';
import { fail, ok, type Outcome, Rejection } from '../domain/result.js';
import { commands, type CommandInput, type CommandName, type CommandValue } from './commands/index.js';
import { defaultLimits, type Limits, type UnitContext } from './context.js';
import { type Ids, randomIds } from './ids.js';
import type { IdempotencyRecord, Store, WriteTx } from './ports.js';

export interface Idempotency {
  key: string;
  /** A hash of what makes two requests "the same" (method, route, body). */
  requestHash: string;
}

export interface ExecuteOptions {
  actor: Actor;
  idempotency?: Idempotency | undefined;
}

export interface Executed<T> {
  outcome: Outcome<T>;
  /** True when the outcome is the stored one of an earlier request with the same idempotency key. */
  replayed: boolean;
}

export interface BusObserver {
  batch(size: number, durationMs: number, individually: boolean): void;
}

export interface CommandBusOptions {
  store: Store;
  clock: Clock;
  ids?: Ids;
  limits?: Limits;
  /** Most commands in one transaction. */
  batchSizeMax?: number;
  /** How long idempotency records are kept. */
  idempotencyRetentionMs: number;
  /** Attempts per command when the store reports a transient failure. */
  attemptsMax?: number;
  observer?: BusObserver;
}

/** The store could not take the write (closing, or transient failures outlasted the retries). */
export class ServiceUnavailable extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServiceUnavailable';
  }
}

interface Pending {
  name: CommandName;
  input: unknown;
  options: ExecuteOptions;
  resolve(result: Executed<unknown>): void;
  reject(error: unknown): void;
}

type Settled = { ok: true; value: Executed<unknown>; events: EventDraft[] } | { ok: false; error: unknown };

/** Thrown inside the savepoint when another transaction stored the same key first. */
class KeyTakenMeanwhile extends Error {}

export class CommandBus {
  private readonly queue: Pending[] = [];
  private readonly inFlightKeys = new Set<string>();
  private flushing = false;
  private scheduled = false;
  private closed = false;
  private idle: Array<() => void> = [];
  private readonly commitListeners = new Set<() => void>();
  private readonly batchSizeMax: number;
  private readonly attemptsMax: number;
  private readonly ids: Ids;
  private readonly limits: Limits;

  constructor(private readonly options: CommandBusOptions) {
    this.batchSizeMax = options.batchSizeMax ?? 256;
    this.attemptsMax = options.attemptsMax ?? 5;
    this.ids = options.ids ?? randomIds;
    this.limits = options.limits ?? defaultLimits;
  }

  execute<K extends CommandName>(name: K, input: CommandInput<K>, options: ExecuteOptions): Promise<Executed<CommandValue<K>>> {
    if (this.closed) return Promise.reject(new ServiceUnavailable('Stockroom is shutting down.'));
    const scopedKey = options.idempotency && `${options.actor.id}\u0000${options.idempotency.key}`;
    if (scopedKey !== undefined) {
      if (this.inFlightKeys.has(scopedKey)) {
        return Promise.resolve({
          outcome: fail('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly.', { key: options.idempotency!.key }),
          replayed: false,
        });
      }
      this.inFlightKeys.add(scopedKey);
    }
    return new Promise<Executed<unknown>>((resolve, reject) => {
      this.queue.push({ name, input, options, resolve, reject });
      this.schedule();
    }).finally(() => {
      if (scopedKey !== undefined) this.inFlightKeys.delete(scopedKey);
    }) as Promise<Executed<CommandValue<K>>>;
  }

  /** Calls `listener` after every commit that appended events (in this process); returns an unsubscribe. */
  onEventsCommitted(listener: () => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  private notifyCommitted(): void {
    for (const listener of this.commitListeners) listener();
  }

  /** Refuses new commands and waits for the queued ones to finish. */
  async close(): Promise<void> {
    this.closed = true;
    await this.drained();
  }

  /** Resolves when no command is queued or running. */
  drained(): Promise<void> {
    if (!this.flushing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    // Commands in a batch are concurrent (none has been answered), so any order is a valid one:
    // run them in the order of the first stock level they lock, so that batches of several server
    // processes lock levels in one global order and do not deadlock each other (stable: same-level
    // commands keep their arrival order).
    const batch = byLockKey(this.queue.splice(0, this.batchSizeMax));
    const started = performance.now();
    let individually = false;
    try {
      const results = await this.options.store.transaction(async (tx) => {
        const out: Settled[] = [];
        for (const item of batch) out.push(await this.settle(tx, item));
        await tx.events.append(out.flatMap((r) => (r.ok ? r.events : [])));
        return out;
      });
      if (results.some((r) => r.ok && r.events.length > 0)) this.notifyCommitted();
      results.forEach((result, i) => (result.ok ? batch[i]!.resolve(result.value) : batch[i]!.reject(result.error)));
    } catch (error) {
      // The batch as a whole failed (commit failed, or a transient error such as a deadlock):
      // nothing of it is stored. Run each command alone so one cannot hold back the others.
      individually = true;
      await this.runIndividually(batch, error);
    } finally {
      this.options.observer?.batch(batch.length, performance.now() - started, individually);
      this.flushing = false;
      if (this.queue.length > 0) this.schedule();
      else for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private async runIndividually(batch: Pending[], firstError: unknown): Promise<void> {
    for (const item of batch) {
      let lastError = firstError;
      let done = false;
      for (let attempt = 1; attempt <= this.attemptsMax && !done; attempt++) {
        try {
          const result = await this.options.store.transaction(async (tx) => {
            const settled = await this.settle(tx, item);
            if (settled.ok) await tx.events.append(settled.events);
            return settled;
          });
          if (result.ok) {
            if (result.events.length > 0) this.notifyCommitted();
            item.resolve(result.value);
          } else item.reject(result.error);
          done = true;
        } catch (error) {
          lastError = error;
          if (!this.options.store.isTransient(error)) break;
          await sleep(Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random()));
        }
      }
      if (!done) item.reject(this.options.store.isTransient(lastError) ? new ServiceUnavailable('The store is busy; retry shortly.', { cause: lastError }) : lastError);
    }
  }

  /**
   * Runs one command in its own savepoint. Expected outcomes and bugs stay within the command;
   * transient store errors abort the whole batch (rethrown).
   */
  private async settle(tx: WriteTx, item: Pending): Promise<Settled> {
    try {
      // With an idempotency key, the record and the effects share a savepoint; without one, the
      // handler's own savepoint (in run) is enough.
      const events: EventDraft[] = [];
      const value = item.options.idempotency ? await tx.nested(() => this.run(tx, item, events)) : await this.run(tx, item, events);
      return { ok: true, value, events };
    } catch (error) {
      if (error instanceof KeyTakenMeanwhile) return { ok: true, value: await this.replay(tx, item), events: [] };
      if (this.options.store.isTransient(error)) throw error;
      return { ok: false, error };
    }
  }

  /** Runs the command; on success its events are pushed to `events`, on refusal none are. */
  private async run(tx: WriteTx, item: Pending, events: EventDraft[]): Promise<Executed<unknown>> {
    const { idempotency, actor } = item.options;
    const nowMs = this.options.clock.nowMs();
    if (idempotency) {
      const existing = await tx.idempotency.get(actor.id, idempotency.key);
      if (existing) return replayed(existing, idempotency);
    }
    const emitted: EventDraft[] = [];
    const emit = (event: Omit<EventDraft, 'occurredAtMs'>) => void emitted.push({ ...event, occurredAtMs: nowMs });
    const ctx: UnitContext = { tx, actor, nowMs, ids: this.ids, limits: this.limits, emit };
    const handler = commands[item.name] as (ctx: UnitContext, input: unknown) => Promise<unknown>;
    let outcome: Outcome<unknown>;
    try {
      outcome = ok(await tx.nested(() => handler(ctx, item.input)));
    } catch (error) {
      if (!(error instanceof Rejection)) throw error;
      outcome = error.failure;
      emitted.length = 0;
    }
    if (idempotency) {
      const stored = await tx.idempotency.insert({
        scope: actor.id,
        key: idempotency.key,
        requestHash: idempotency.requestHash,
        outcome: JSON.stringify(outcome),
        createdAtMs: nowMs,
        expiresAtMs: nowMs + this.options.idempotencyRetentionMs,
      });
      if (!stored) throw new KeyTakenMeanwhile();
    }
    events.push(...emitted);
    return { outcome, replayed: false };
  }

  private async replay(tx: WriteTx, item: Pending): Promise<Executed<unknown>> {
    const idempotency = item.options.idempotency!;
    const existing = await tx.idempotency.get(item.options.actor.id, idempotency.key);
    if (!existing) throw new ServiceUnavailable('An idempotency record vanished while replaying; retry.');
    return replayed(existing, idempotency);
  }
}

const replayed = (record: IdempotencyRecord, idempotency: Idempotency): Executed<unknown> =>
  record.requestHash === idempotency.requestHash
    ? { outcome: JSON.parse(record.outcome) as Outcome<unknown>, replayed: true }
    : {
        outcome: fail('idempotency_key_reused', 'This Idempotency-Key was used for a different request.', { key: idempotency.key }),
        replayed: false,
      };

/** The (SKU, warehouse) a command locks first, as far as its input tells; '' when unknown. */
const lockKeyOf = (input: unknown): string => {
  const i = input as { sku?: unknown; warehouse?: unknown; from?: unknown; lines?: unknown } | null;
  const where = (line: { warehouse?: unknown }) => (typeof line.warehouse === 'string' ? line.warehouse : typeof i?.warehouse === 'string' ? i.warehouse : typeof i?.from === 'string' ? i.from : '');
  if (Array.isArray(i?.lines) && i.lines.length > 0) {
    return (i.lines as Array<{ sku?: unknown; warehouse?: unknown }>).map((line) => `${String(line.sku)}\u0000${where(line)}`).sort()[0]!;
  }
  return typeof i?.sku === 'string' ? `${i.sku}\u0000${where({})}` : '';
};

const byLockKey = (batch: Pending[]): Pending[] =>
  batch
    .map((item, arrival) => ({ item, arrival, key: lockKeyOf(item.input) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.arrival - b.arrival))
    .map((entry) => entry.item);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
