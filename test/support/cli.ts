/** A CLI context over a test core, with captured (or discarded) output. */
import { cliActor, type CliContext, type Output } from '../../src/cli/context.js';
import type { Core } from './app.js';

export const capture = (isTTY = false): Output & { text: string } => {
  const out = { text: '', isTTY, write: (chunk: string) => void (out.text += chunk) };
  return out;
};

export const cliContextOf = (core: Core, output: { stdout?: Output; stderr?: Output } = {}): CliContext => ({
  store: core.store,
  reads: core.store.reads,
  bus: core.bus,
  queries: core.queries,
  clock: core.clock,
  actor: cliActor,
  stdout: output.stdout ?? capture(),
  stderr: output.stderr ?? capture(),
});
