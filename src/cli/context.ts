/** What every CLI command gets from src/main.ts (the composition root). */
import type { CommandBus } from '../app/command-bus.js';
import type { Queries } from '../app/queries.js';
import type { Reads, Store } from '../app/ports.js';
import type { Clock } from '../domain/clock.js';
import type { Actor } from '../domain/movements.js';

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
  actor: Actor;
  stdout: Output;
  stderr: Output;
}

export const cliActor: Actor = { type: 'system', id: 'cli', name: 'stockroom cli' };
