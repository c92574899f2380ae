/**
 * Expires due holds. Each tick reads at most `limit` due reservations and submits one expire
 * command each; the command re-checks state under the lock, so running ticks twice or from
 * several processes at once is safe.
 */
import type { CommandBus } from '../app/command-bus.js';
import type { Reads } from '../app/ports.js';
import { systemPrincipal } from '../domain/permissions.js';

export const expireDueHolds = async (deps: { reads: Reads; bus: CommandBus }, tick: { nowMs: number; limit: number }): Promise<number> => {
  const due = await deps.reads.reservations.due(tick.nowMs, tick.limit);
  const results = await Promise.all(due.map((id) => deps.bus.execute('reservation.expire', { id }, { actor: systemPrincipal })));
  return results.filter((r) => r.outcome.ok && r.outcome.value !== null).length;
};
