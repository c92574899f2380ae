/**
 * The one write path. Commands that arrive together — in the same event-loop turn, or while the
 * previous batch is committing — run in ONE transaction and are made durable with ONE flush
 * (group commit). Each command runs in its own savepoint, so one buyer's `insufficient_stock`
 * rolls back only that command; then everyone is answered after the commit.
 *
 * Idempotency records are written in the same savepoint as the command's effects. Audit entries
 * (one per applied command, one per denial) and outbox events are appended at the end of the batch,
 * in the same transaction.
 *
 * On PostgreSQL commands are spread over two lanes by the first stock level they lock, and each
 * lane runs its own group commit on its own connection, so one lane's batch runs while the other's
 * waits for PostgreSQL (ADR 0021). Commands on one level always share a lane. SQLite has one writer,
 * so one lane.
 */
import { type AuditDraft, type AuditEntity, type AuditOutcome, noOrigin, type RequestOrigin } from '../domain/audit.js';
import type { Clock } from '../domain/clock.js';
import type { EventDraft } from '../domain/events.js';
import { may, type Permission, type Principal } from '../domain/permissions.js';
import { assert, type Failure, fail, ok, type Outcome, Rejection } from '../domain/result.js';
import { commandPermissions, commands, type CommandInput, type CommandName, type CommandValue } from './commands/index.js';
import { isBatchable, reserveStockBatch } from './commands/reserve-stock-batch.js';
import { noneAnswered } from './commands/reservation-holds.js';
import { isBatchableTransition, transitionBatch, type TransitionName } from './commands/transition-batch.js';
import { defaultLimits, type Limits, type UnitContext } from './context.js';
import { type Ids, randomIds } from './ids.js';
import { type BatchLocks, CommitOutcomeUnknown, type IdempotencyRecord, KeyTakenMeanwhile, type Store, type WriteTx } from './ports.js';
import { together } from './together.js';

export interface Idempotency {
  key: string;
  /** A hash of what makes two requests "the same" (method, route, body). */
  requestHash: string;
}

export interface ExecuteOptions {
  actor: Principal;
  idempotency?: Idempotency | undefined;
  /** Where the request came from, for the audit log; absent for the CLI and workers. */
  origin?: RequestOrigin | undefined;
}

/** A refusal before any command ran (a role without the route's permission), for the audit log. */
export interface Denial {
  actor: Principal;
  action: string;
  permission: Permission;
  origin?: RequestOrigin | undefined;
  details?: Record<string, unknown>;
}

export interface Executed<T> {
  outcome: Outcome<T>;
  /** True when the outcome is the stored one of an earlier request with the same idempotency key. */
  replayed: boolean;
}

export interface BusObserver {
  batch(size: number, durationMs: number, individually: boolean): void;
  /** A run of commands went through a set-based path: how many it took, how many it left to the general path. */
  setPath?(path: SetPath, taken: number, left: number): void;
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
  /**
   * Run reservations (ADR 0010) and a reservation's lifecycle steps (ADR 0024) through the batched,
   * set-based paths. Off only to compare them with the general path in tests.
   */
  batchedReservations?: boolean;
  /** Group commits that may run at once, each on its own connection (PostgreSQL: 2; SQLite: always 1). */
  lanes?: number;
  /**
   * The connections the process has accepted so far. While they keep arriving, a batch waits for
   * the event loop's next turn, so that each turn accepts one more (ADR 0031).
   */
  arrivals?: Arrivals;
  /** How long a batch may wait for arriving connections: turns of the event loop and milliseconds (ADR 0031). */
  arrivalWait?: { turns: number; ms: number };
}

/** A count of accepted connections (ADR 0031). */
export interface Arrivals {
  readonly accepted: number;
}

/**
 * How long a batch waits at most while connections keep arriving. A turn that only accepts a
 * connection takes well under a millisecond, so 256 connections opened at once are in within one
 * wait; the bound keeps a steady stream of new connections from holding batches back for long.
 */
const arrivalWaitDefault = { turns: 1024, ms: 50 };

/** The store could not take the write (closing, or transient failures outlasted the retries). */
export class ServiceUnavailable extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServiceUnavailable';
  }
}

interface Pending {
  /** A command, or (null) a denial that only needs its audit entry written. */
  name: CommandName | null;
  input: unknown;
  /** The first (SKU, warehouse) the command locks, as far as its input tells ('' when unknown). */
  key: string;
  options: ExecuteOptions;
  denial?: Denial;
  resolve(result: Executed<unknown>): void;
  reject(error: unknown): void;
}

/** What a settled command leaves for the end of the batch. */
interface Effects {
  events: EventDraft[];
  audit: AuditDraft[];
}

type Settled = ({ ok: true; value: Executed<unknown> } & Effects) | { ok: false; error: unknown };

/** Refusals that are authorisation decisions: audited even though nothing changed. */
const denialCodes = new Set<Failure['code']>(['forbidden', 'warehouse_not_permitted']);

/** Whether the actor's role has the command's permission (the check `run` makes before the command). */
const mayRun = (name: CommandName, actor: Principal): boolean => {
  const permission = commandPermissions[name];
  return permission === null || may(actor.role, permission);
};

/** A command's context and what it reports through it (events, its audit description, movement ids). */
interface Unit {
  ctx: UnitContext;
  emitted: EventDraft[];
  description: { entity: AuditEntity | null; summary: Record<string, unknown>; outcome: AuditOutcome } | undefined;
  movementIds: number[];
}

/** The set-based paths a run of a batch's commands may share (ADRs 0010, 0024). */
export type SetPath = 'reserve' | 'transition';

/** One group commit at a time: the commands waiting for the next batch, and whether a batch is running. */
interface Lane {
  queue: Pending[];
  flushing: boolean;
  scheduled: boolean;
  /** `arrivals.accepted` when this lane last looked. */
  acceptedSeen: number;
  /** Commands of committed batches not yet answered. */
  answering: number;
}

export class CommandBus {
  private readonly lanes: Lane[];
  private readonly inFlightKeys = new Set<string>();
  private closed = false;
  private idle: Array<() => void> = [];
  private readonly commitListeners = new Set<() => void>();
  private readonly batchSizeMax: number;
  private readonly attemptsMax: number;
  private readonly ids: Ids;
  private readonly limits: Limits;
  /** Other processes may write the same store at once (PostgreSQL), so lock order across batches matters. */
  private readonly severalWriters: boolean;
  private readonly arrivalWait: { turns: number; ms: number };
  /**
   * PostgreSQL: a lane's next batch starts before the batch just committed is answered (ADR 0035).
   * Not on SQLite, where a batch runs in the event loop's thread: the answers would wait for it.
   */
  private readonly answerAfterNextStart: boolean;

  constructor(private readonly options: CommandBusOptions) {
    this.severalWriters = options.store.dialect === 'postgres';
    const lanes = this.severalWriters ? (options.lanes ?? 2) : 1;
    this.lanes = Array.from({ length: lanes }, () => ({ queue: [], flushing: false, scheduled: false, acceptedSeen: 0, answering: 0 }));
    this.answerAfterNextStart = options.store.dialect === 'postgres';
    this.batchSizeMax = options.batchSizeMax ?? 256;
    this.attemptsMax = options.attemptsMax ?? 5;
    this.ids = options.ids ?? randomIds;
    this.limits = options.limits ?? defaultLimits;
    this.arrivalWait = options.arrivalWait ?? arrivalWaitDefault;
  }

  execute<K extends CommandName>(name: K, input: CommandInput<K>, options: ExecuteOptions): Promise<Executed<CommandValue<K>>> {
    if (this.closed) return Promise.reject(new ServiceUnavailable('Stockroom is shutting down.'));
    const scopedKey = options.idempotency && keyIn(options.actor.id, options.idempotency.key);
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
      this.enqueue({ name, input, options, key: lockKeyOf(input), resolve, reject });
    }).finally(() => {
      if (scopedKey !== undefined) this.inFlightKeys.delete(scopedKey);
    }) as Promise<Executed<CommandValue<K>>>;
  }

  /** Writes the audit entry of a refusal that happened before any command ran (group-committed too). */
  recordDenial(denial: Denial): Promise<void> {
    if (this.closed) return Promise.reject(new ServiceUnavailable('Stockroom is shutting down.'));
    return new Promise<Executed<unknown>>((resolve, reject) => {
      this.enqueue({ name: null, input: null, key: '', options: { actor: denial.actor, origin: denial.origin }, denial, resolve, reject });
    }).then(() => undefined);
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
    if (this.lanes.every(isIdle)) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private enqueue(item: Pending): void {
    const lane = this.lanes[this.lanes.length === 1 ? 0 : laneOf(item.key || idOf(item.input), this.lanes.length)]!;
    lane.queue.push(item);
    this.schedule(lane);
  }

  /** Starts the lane's next batch in the next turn of the event loop, or (`now`) in this one unless a connection arrived. */
  private schedule(lane: Lane, now = false): void {
    if (lane.scheduled || lane.flushing) return;
    lane.scheduled = true;
    const since = performance.now();
    const start = (turns: number) => {
      if (this.connectionArrived(lane) && turns < this.arrivalWait.turns && performance.now() - since < this.arrivalWait.ms) {
        setImmediate(start, turns + 1);
        return;
      }
      lane.scheduled = false;
      void this.flush(lane);
    };
    if (now) start(0);
    else setImmediate(start, 0);
  }

  /**
   * True when the process accepted a connection since the lane last looked. Node accepts at most one
   * connection per turn of the event loop (libuv 1.45 and later), and on SQLite a turn that runs a
   * batch takes as long as the batch: tens of milliseconds under load, so 256 connections opened at
   * once would wait for 256 batches, seconds. The batch waits for the next turn instead, which
   * accepts the next connection; it starts once a turn accepted none (ADR 0031).
   */
  private connectionArrived(lane: Lane): boolean {
    const accepted = this.options.arrivals?.accepted;
    if (accepted === undefined || accepted === lane.acceptedSeen) return false;
    lane.acceptedSeen = accepted;
    return true;
  }

  private async flush(lane: Lane): Promise<void> {
    if (lane.flushing || lane.queue.length === 0) return;
    lane.flushing = true;
    // Commands in a batch are concurrent (none has been answered), so any order is a valid one:
    // run them in the order of the first stock level they lock, so that batches of several server
    // processes (and lanes) lock levels in one global order and do not deadlock each other (stable:
    // same-level commands keep their arrival order).
    const batch = byLockKey(lane.queue.splice(0, this.batchSizeMax));
    const started = performance.now();
    let individually = false;
    let answers: Array<() => void> = [];
    try {
      const results = await this.options.store.transaction(async (tx) => {
        // Several server processes (PostgreSQL): take every level lock the batch needs first, in one
        // order, unless the set-based reservation path (which does the same) is the whole batch.
        if (this.severalWriters && batch.some((item) => item.name !== null && this.setPathOf(item) !== 'reserve')) await tx.levels.lockForBatch(batchLocks(batch));
        const out: Settled[] = [];
        // Audit entries and events go out in the order the commands ran, so each level's events
        // follow its changes.
        const effects: Effects = { events: [], audit: [] };
        const collect = (settled: Settled) => {
          if (!settled.ok) return;
          effects.events.push(...settled.events);
          effects.audit.push(...settled.audit);
        };
        for (let i = 0; i < batch.length; ) {
          // A run of consecutive commands of one set-based path shares it.
          const path = this.setPathOf(batch[i]!);
          let end = i;
          while (path && end < batch.length && this.setPathOf(batch[end]!) === path) end++;
          if (path) {
            out.push(...(await this.settleSet(tx, path, batch.slice(i, end), collect, end === batch.length)));
            i = end;
          } else {
            const settled = await this.settle(tx, batch[i++]!);
            collect(settled);
            out.push(settled);
          }
        }
        tx.commitAfter(together(tx.audit.append(effects.audit), tx.events.append(effects.events)));
        return out;
      });
      if (results.some((r) => r.ok && r.events.length > 0)) this.notifyCommitted();
      answers = results.map((result, i) => () => (result.ok ? batch[i]!.resolve(result.value) : batch[i]!.reject(result.error)));
    } catch (error) {
      // The batch as a whole failed (commit failed, or a transient error such as a deadlock):
      // nothing of it is stored. Run each command alone so one cannot hold back the others.
      // Unless its commit's outcome is unknown (ADR 0016): then only the commands whose re-run is
      // idempotent run again (those with an Idempotency-Key replay their stored outcome if the
      // batch did commit); the others are answered 503, as running them again could apply them twice.
      individually = true;
      await this.runIndividually(error instanceof CommitOutcomeUnknown ? batch.filter((item) => this.safeAfterUnknownCommit(item, error)) : batch, error);
    } finally {
      this.options.observer?.batch(batch.length, performance.now() - started, individually);
      lane.flushing = false;
      if (!this.answerAfterNextStart || answers.length === 0) {
        for (const answer of answers) answer();
        if (lane.queue.length > 0) this.schedule(lane);
      } else {
        // The next batch starts now, and this one is answered in this turn's check phase: by then
        // the next batch's first statements have gone out, and PostgreSQL runs them while the
        // answers are written (ADR 0035).
        if (lane.queue.length > 0) this.schedule(lane, true);
        lane.answering += answers.length;
        setImmediate(() => {
          lane.answering -= answers.length;
          for (const answer of answers) answer();
          this.resolveIdle();
        });
      }
      this.resolveIdle();
    }
  }

  /** Resolves the `drained()` waiters once no lane has a command queued, running or unanswered. */
  private resolveIdle(): void {
    if (this.lanes.every(isIdle)) for (const resolve of this.idle.splice(0)) resolve();
  }

  /** True when `item` may run again after a commit of unknown outcome; otherwise answers it with 503. */
  private safeAfterUnknownCommit(item: Pending, error: CommitOutcomeUnknown): boolean {
    if (item.options.idempotency || item.denial) return true;
    item.reject(unknownOutcome(error));
    return false;
  }

  private async runIndividually(batch: Pending[], firstError: unknown): Promise<void> {
    const { store } = this.options;
    // The store is down when a command's every attempt found it unreachable: the rest are answered
    // 503 at once instead of each waiting through its own retries.
    let storeDown = false;
    for (const item of batch) {
      if (storeDown) {
        item.reject(new ServiceUnavailable('The store is unreachable; retry shortly.', { cause: firstError }));
        continue;
      }
      let lastError = firstError;
      let done = false;
      for (let attempt = 1; attempt <= this.attemptsMax && !done; attempt++) {
        try {
          const result = await this.options.store.transaction(async (tx) => {
            if (this.severalWriters) await tx.levels.lockForBatch(batchLocks([item]));
            const settled = await this.settle(tx, item);
            if (settled.ok) {
              await tx.audit.append(settled.audit);
              await tx.events.append(settled.events);
            }
            return settled;
          });
          if (result.ok) {
            if (result.events.length > 0) this.notifyCommitted();
            item.resolve(result.value);
          } else item.reject(result.error);
          done = true;
        } catch (error) {
          lastError = error;
          // Its commit's outcome is unknown: running it again without a key could apply it twice.
          if (error instanceof CommitOutcomeUnknown && !item.options.idempotency && !item.denial) break;
          if (!store.isTransient(error)) break;
          await sleep(Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random()));
        }
      }
      if (done) continue;
      if (lastError instanceof CommitOutcomeUnknown) item.reject(unknownOutcome(lastError));
      else if (store.isTransient(lastError)) {
        storeDown = store.isUnavailable(lastError);
        item.reject(new ServiceUnavailable(storeDown ? 'The store is unreachable; retry shortly.' : 'The store is busy; retry shortly.', { cause: lastError }));
      } else item.reject(lastError);
    }
  }

  /**
   * The set-based path that takes this command, if any: reservations whose lines each name their
   * warehouse or none (ADR 0010), and a reservation's confirmation, release, expiry, whole
   * fulfilment or extension (ADR 0024), for a caller whose role has the permission.
   */
  private setPathOf(item: Pending): SetPath | null {
    const { name, input, options } = item;
    if (this.options.batchedReservations === false || name === null || !mayRun(name, options.actor)) return null;
    if (name === 'reservation.create') return isBatchable(input) ? 'reserve' : null;
    return isBatchableTransition(name, input) ? 'transition' : null;
  }

  /**
   * Runs a run of commands through their set-based path; those it leaves (unknown codes or ids, too
   * little stock, a warehouse outside the caller's, a step the reservation may not take, …) run
   * through `settle` after it, in order. Requests with an Idempotency-Key seen before are answered
   * from their records first; the records of the new ones are written with the batch, in one
   * statement. Errors fail the whole transaction, after which every command is re-run alone
   * through the general path. `isLast`: no command of the batch runs after these.
   */
  private async settleSet(tx: WriteTx, path: SetPath, items: Pending[], collect: (settled: Settled) => void, isLast: boolean): Promise<Settled[]> {
    const nowMs = this.options.clock.nowMs();
    const out: Array<Settled | undefined> = new Array<Settled | undefined>(items.length);
    const keyed = items.filter((item) => item.options.idempotency);
    // The stored records of keys seen before are read with the set path's first locks, in the same
    // round trip on PostgreSQL (ADR 0033); the set path skips the requests they answer.
    const answered =
      keyed.length === 0
        ? noneAnswered
        : tx.idempotency.getMany(keyed.map(scopeAndKey)).then((records) => {
            const stored = new Map(records.map((record) => [keyIn(record.scope, record.key), record]));
            const replays = new Set<number>();
            items.forEach((item, i) => {
              const record = item.options.idempotency && stored.get(keyIn(item.options.actor.id, item.options.idempotency.key));
              if (!record) return;
              out[i] = { ok: true, value: replayed(record, item.options.idempotency!), events: [], audit: [] };
              replays.add(i);
            });
            return replays;
          });
    const units = items.map((item) => this.unit(tx, item, nowMs));
    const { results: values, refusals, writes } =
      path === 'reserve'
        ? await reserveStockBatch(tx, items.map((item, i) => ({ ctx: units[i]!.ctx, input: item.input as CommandInput<'reservation.create'> })), answered)
        : await transitionBatch(tx, items.map((item, i) => ({ ctx: units[i]!.ctx, name: item.name as TransitionName, id: idOf(item.input), ttlSeconds: ttlOf(item.input) })), answered);
    const taken = values.filter((value) => value !== undefined).length + (refusals?.size ?? 0);
    const fresh = items.length - out.filter((settled) => settled !== undefined).length;
    this.options.observer?.setPath?.(path, taken, fresh - taken);
    const records: IdempotencyRecord[] = [];
    // Each outcome as the general path would have finished it: granted, or refused (a refusal
    // changes nothing; its key stores the refusal).
    items.forEach((item, i) => {
      const value = values[i];
      const outcome = value !== undefined ? ok(value) : refusals?.get(i);
      if (outcome === undefined) return;
      const effects: Effects = { events: [], audit: [] };
      const executed = this.finish(item, outcome, units[i]!, nowMs, effects);
      out[i] = { ok: true, value: executed, ...effects };
      if (item.options.idempotency) records.push(this.record(item.options.actor, item.options.idempotency, executed.outcome, nowMs));
    });
    // The set path's writes, and the new idempotency records, may still be running (PostgreSQL).
    // When nothing follows them in the transaction but the audit entries and events, they go out
    // with those and COMMIT (ADR 0036). Otherwise they must have succeeded first: a statement after
    // a failed one fails too, and a command's own failure is its answer, not the batch's. A key
    // another process stored meanwhile fails the batch: the re-run one by one replays it.
    const last = isLast && values.every((value, i) => value !== undefined || out[i] !== undefined);
    if (!last) await writes;
    const stored = tx.idempotency.insertMany(records);
    if (last) tx.commitAfter(together(writes, stored));
    else await stored;
    for (const settled of out) if (settled) collect(settled);
    // The ones it left run after it, in order, through the general path.
    for (const [i, item] of items.entries()) {
      if (out[i]) continue;
      const settled = await this.settle(tx, item);
      collect(settled);
      out[i] = settled;
    }
    return out as Settled[];
  }

  /**
   * Runs one command in its own savepoint. Expected outcomes and bugs stay within the command;
   * transient store errors abort the whole batch (rethrown).
   */
  private async settle(tx: WriteTx, item: Pending): Promise<Settled> {
    if (item.denial) return { ok: true, value: { outcome: ok(null), replayed: false }, events: [], audit: [this.denialEntry(item.denial)] };
    try {
      // With an idempotency key, the record and the effects share a savepoint; without one, the
      // handler's own savepoint (in run) is enough.
      const effects: Effects = { events: [], audit: [] };
      const value = item.options.idempotency ? await tx.nested(() => this.run(tx, item, effects)) : await this.run(tx, item, effects);
      return { ok: true, value, ...effects };
    } catch (error) {
      if (error instanceof KeyTakenMeanwhile) return { ok: true, value: await this.replay(tx, item), events: [], audit: [] };
      if (this.options.store.isTransient(error)) throw error;
      return { ok: false, error };
    }
  }

  /** Runs the command; on success its events and audit entry are pushed to `effects`, on refusal only a denial's entry. */
  private async run(tx: WriteTx, item: Pending, effects: Effects): Promise<Executed<unknown>> {
    const { idempotency, actor } = item.options;
    const name = item.name!;
    const nowMs = this.options.clock.nowMs();
    if (idempotency) {
      const existing = await tx.idempotency.get(actor.id, idempotency.key);
      if (existing) return replayed(existing, idempotency);
    }
    const unit = this.unit(tx, item, nowMs);
    const { ctx, emitted } = unit;
    const handler = commands[name] as (ctx: UnitContext, input: unknown) => Promise<unknown>;
    const permission = commandPermissions[name];
    let outcome: Outcome<unknown>;
    if (permission !== null && !may(actor.role, permission)) {
      outcome = forbidden(actor, permission);
    } else {
      try {
        outcome = ok(await tx.nested(() => handler(ctx, item.input)));
      } catch (error) {
        if (!(error instanceof Rejection)) throw error;
        outcome = error.failure;
        emitted.length = 0;
      }
    }
    if (idempotency) {
      const stored = await tx.idempotency.insert(this.record(actor, idempotency, outcome, nowMs));
      if (!stored) throw new KeyTakenMeanwhile();
    }
    return this.finish(item, outcome, unit, nowMs, effects);
  }

  /** The idempotency record of a request's outcome. */
  private record(actor: Principal, idempotency: Idempotency, outcome: Outcome<unknown>, nowMs: number): IdempotencyRecord {
    return {
      scope: actor.id,
      key: idempotency.key,
      requestHash: idempotency.requestHash,
      outcome: JSON.stringify(outcome),
      createdAtMs: nowMs,
      expiresAtMs: nowMs + this.options.idempotencyRetentionMs,
    };
  }

  /** The context a command runs with, and what it reports through it. */
  private unit(tx: WriteTx, item: Pending, nowMs: number): Unit {
    const unit: Unit = {
      emitted: [],
      description: undefined,
      movementIds: [],
      ctx: {
        tx,
        actor: item.options.actor,
        nowMs,
        ids: this.ids,
        limits: this.limits,
        emit: (event) => void unit.emitted.push({ type: event.type, occurredAtMs: nowMs, sku: event.sku, warehouse: event.warehouse, data: event.data }),
        describe(entity, summary = {}, outcome = 'ok') {
          unit.description = { entity, summary, outcome };
        },
        noteMovements: (ids) => void unit.movementIds.push(...ids),
      },
    };
    return unit;
  }

  /** Pushes the command's audit entry and, when it succeeded, its events to `effects`. */
  private finish(item: Pending, outcome: Outcome<unknown>, unit: Unit, nowMs: number, effects: Effects): Executed<unknown> {
    const { actor } = item.options;
    const name = item.name!;
    const { description, movementIds } = unit;
    const origin = item.options.origin ?? noOrigin;
    const who = { type: actor.type, id: actor.id, name: actor.name };
    if (outcome.ok) {
      assert(description, `command ${name} did not describe what it changed`);
      const summary = movementIds.length > 0 ? { ...description.summary, movements: movementIds } : description.summary;
      effects.audit.push({ atMs: nowMs, actor: who, action: name, entity: description.entity, outcome: description.outcome, origin, summary });
      effects.events.push(...unit.emitted);
    } else if (denialCodes.has(outcome.code)) {
      effects.audit.push({ atMs: nowMs, actor: who, action: name, entity: null, outcome: 'denied', origin, summary: { code: outcome.code, ...outcome.details } });
    }
    return { outcome, replayed: false };
  }

  private denialEntry(denial: Denial): AuditDraft {
    const { actor } = denial;
    return {
      atMs: this.options.clock.nowMs(),
      actor: { type: actor.type, id: actor.id, name: actor.name },
      action: denial.action,
      entity: null,
      outcome: 'denied',
      origin: denial.origin ?? noOrigin,
      summary: { code: 'forbidden', permission: denial.permission, role: actor.role, ...denial.details },
    };
  }

  private async replay(tx: WriteTx, item: Pending): Promise<Executed<unknown>> {
    const idempotency = item.options.idempotency!;
    const existing = await tx.idempotency.get(item.options.actor.id, idempotency.key);
    if (!existing) throw new ServiceUnavailable('An idempotency record vanished while replaying; retry.');
    return replayed(existing, idempotency);
  }
}

/** The refusal for a role without a permission (the same words whether a route or the bus refuses). */
export const forbidden = (actor: Pick<Principal, 'role'>, permission: Permission): Failure =>
  fail('forbidden', `Your role (${actor.role}) does not allow ${permission}.`, { permission, role: actor.role });

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

const text = (value: unknown): value is string => typeof value === 'string';

/**
 * The levels a batch's commands may write, as far as their inputs tell (ADR 0020). Commands that
 * name no level write none, or only levels they create.
 */
const batchLocks = (batch: readonly Pending[]): BatchLocks => {
  const locks: BatchLocks = { pairs: [], skus: [], reservations: [], transfers: [] };
  for (const { name, input } of batch) {
    const i = (input ?? {}) as { id?: unknown; sku?: unknown; warehouse?: unknown; from?: unknown; to?: unknown; lines?: unknown };
    const lines = Array.isArray(i.lines) ? (i.lines as Array<{ sku?: unknown; warehouse?: unknown } | null>) : [];
    switch (name) {
      case 'reservation.create':
        for (const line of lines) {
          if (!text(line?.sku)) continue;
          // Without a warehouse the hold may land on any of the SKU's levels.
          if (text(line.warehouse)) locks.pairs.push({ sku: line.sku, warehouse: line.warehouse });
          else locks.skus.push(line.sku);
        }
        break;
      case 'reservation.confirm':
      case 'reservation.release':
      case 'reservation.fulfil':
      case 'reservation.expire':
      case 'reservation.extend':
        if (text(i.id)) locks.reservations.push(i.id);
        break;
      case 'transfer.receive':
        if (text(i.id)) locks.transfers.push(i.id);
        break;
      case 'transfer.create':
        for (const line of lines) {
          if (!text(line?.sku)) continue;
          if (text(i.from)) locks.pairs.push({ sku: line.sku, warehouse: i.from });
          if (text(i.to)) locks.pairs.push({ sku: line.sku, warehouse: i.to });
        }
        break;
      case 'stock.receive':
      case 'stock.return':
        for (const line of lines) if (text(line?.sku) && text(i.warehouse)) locks.pairs.push({ sku: line.sku, warehouse: i.warehouse });
        break;
      case 'stock.adjust':
      case 'stock.damage':
      case 'stock.write_off':
      case 'stock.settings':
        if (text(i.sku) && text(i.warehouse)) locks.pairs.push({ sku: i.sku, warehouse: i.warehouse });
        break;
      case 'sku.update':
      case 'sku.archive':
        if (text(i.sku)) locks.skus.push(i.sku);
        break;
      default:
        break;
    }
  }
  return locks;
};

/** An Idempotency-Key within its scope (the actor that sent it), as one map key. */
const keyIn = (scope: string, key: string) => `${scope}\u0000${key}`;

const scopeAndKey = (item: Pending) => ({ scope: item.options.actor.id, key: item.options.idempotency!.key });

const byLockKey = (batch: Pending[]): Pending[] =>
  batch
    .map((item, arrival) => ({ item, arrival }))
    .sort((a, b) => (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : a.arrival - b.arrival))
    .map((entry) => entry.item);

/** The id a command addresses (a reservation, a transfer), or ''. */
const idOf = (input: unknown): string => {
  const id = (input as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '';
};

/** An extension's lifetime in seconds, if its input has one. */
const ttlOf = (input: unknown): number | undefined => {
  const ttl = (input as { ttlSeconds?: unknown } | null)?.ttlSeconds;
  return typeof ttl === 'number' ? ttl : undefined;
};

const isIdle = (lane: Lane) => !lane.flushing && lane.queue.length === 0 && lane.answering === 0;

/** The lane of a command, from its lock key (FNV-1a): commands on one level always share a lane. */
export const laneOf = (key: string, lanes: number): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % lanes;
};

const unknownOutcome = (cause: CommitOutcomeUnknown) =>
  new ServiceUnavailable('The store went away while committing this request and its outcome is unknown; check before retrying, or send an Idempotency-Key to retry safely.', { cause });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
