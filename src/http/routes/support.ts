/** Shared plumbing of the /v1 routes: running commands with idempotency, and answering outcomes. */
import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Executed, ExecuteOptions } from '../../app/command-bus.js';
import type { CommandInput, CommandName, CommandValue } from '../../app/commands/index.js';
import type { Outcome } from '../../domain/result.js';
import { originOf } from '../auth.js';
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

/**
 * How the request runs in the bus: the caller, where it came from, and its idempotency key (with
 * a hash of what makes two requests the same: method, route and body, without `omitFromHash`
 * fields such as passwords). Null when the key was malformed (the 400 is already sent).
 */
export const executionOf = (request: FastifyRequest, reply: FastifyReply, omitFromHash: readonly string[] = []): ExecuteOptions | null => {
  const header = request.headers['idempotency-key'];
  const by: ExecuteOptions = { actor: request.actor, origin: originOf(request) };
  if (header === undefined) return by;
  if (typeof header !== 'string' || !idempotencyKeyPattern.test(header)) {
    void reply.code(400).send(errorBody({ code: 'invalid_idempotency_key', message: 'Idempotency-Key must be 1–255 visible ASCII characters.' }));
    return null;
  }
  const body = request.body !== null && typeof request.body === 'object' && omitFromHash.length > 0 ? Object.fromEntries(Object.entries(request.body).filter(([k]) => !omitFromHash.includes(k))) : request.body;
  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.url.split('?')[0]}\n${JSON.stringify(canonical(body ?? null))}`)
    .digest('hex');
  return { ...by, idempotency: { key: header, requestHash } };
};

export const answer = <T>(reply: FastifyReply, outcome: Outcome<T>, status: number, present: (value: T) => unknown) =>
  outcome.ok ? reply.code(status).send(present(outcome.value)) : reply.code(statusOf[outcome.code]).send(errorBody(outcome));

/** Answers a command's outcome, saying when it is the replay of an earlier request's. */
export const answerExecuted = <T>(reply: FastifyReply, executed: Executed<T>, status: number, present: (value: T) => unknown) => {
  if (executed.replayed) void reply.header('idempotent-replayed', 'true');
  return answer(reply, executed.outcome, status, present);
};

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
  const by = executionOf(request, reply);
  if (!by) return reply;
  return answerExecuted(reply, await deps.bus.execute(name, input, by), status, present);
};
