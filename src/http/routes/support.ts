/** Shared plumbing of the /v1 routes: running commands with idempotency, and answering outcomes. */
import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Executed, Idempotency } from '../../app/command-bus.js';
import type { CommandInput, CommandName, CommandValue } from '../../app/commands/index.js';
import type { Outcome } from '../../domain/result.js';
import type { HttpDependencies } from '../context.js';
import { errorBody, statusOf } from '../error-mapping.js';

export type V1 = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/** Sorted keys, so the same JSON object hashes the same whatever its key order. */
const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
};

type KeyCheck = { ok: true; idempotency: Idempotency | undefined } | { ok: false };

const idempotencyOf = (request: FastifyRequest, reply: FastifyReply): KeyCheck => {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return { ok: true, idempotency: undefined };
  if (typeof header !== 'string' || !idempotencyKeyPattern.test(header)) {
    void reply.code(400).send(errorBody({ code: 'invalid_idempotency_key', message: 'Idempotency-Key must be 1–255 visible ASCII characters.' }));
    return { ok: false };
  }
  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.url.split('?')[0]}\n${JSON.stringify(canonical(request.body ?? null))}`)
    .digest('hex');
  return { ok: true, idempotency: { key: header, requestHash } };
};

export const answer = <T>(reply: FastifyReply, outcome: Outcome<T>, status: number, present: (value: T) => unknown) =>
  outcome.ok ? reply.code(status).send(present(outcome.value)) : reply.code(statusOf[outcome.code]).send(errorBody(outcome));

/** Runs a command through the bus (group commit) and answers with its outcome. */
export const runCommand = async <K extends CommandName>(
  deps: HttpDependencies,
  request: FastifyRequest,
  reply: FastifyReply,
  name: K,
  input: CommandInput<K>,
  status: number,
  present: (value: CommandValue<K>) => unknown,
) => {
  const key = idempotencyOf(request, reply);
  if (!key.ok) return reply;
  const executed: Executed<CommandValue<K>> = await deps.bus.execute(name, input, { actor: request.actor, idempotency: key.idempotency });
  if (executed.replayed) void reply.header('idempotent-replayed', 'true');
  return answer(reply, executed.outcome, status, present);
};
