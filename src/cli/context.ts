/** What every CLI command gets from src/main.ts (the composition root). */
import type { CommandBus } from '../app/command-bus.js';
import type { Queries } from '../app/queries.js';
import type { Reads, Store } from '../app/ports.js';
import type { Clock } from '../domain/clock.js';
import type { Principal } from '../domain/permissions.js';

export interface Output {
  write(text: string): void;
  /** True when the stream is a terminal (progress bars are drawn only then). */
  readonly isTTY: boolean;
}

export interface CliContext {
  store: Store;
  reads: Reads;
  bus: CommandBus;
  queries: Queries;
  clock: Clock;
  /** The actor CLI commands act as. */
  actor: Principal;
  stdout: Output;
  stderr: Output;
}

/** The operator at the terminal: the CLI runs on the store's own machine, with every right. */
export const cliActor: Principal = { type: 'system', id: 'cli', name: 'stockroom cli', role: 'admin', warehouses: null };
