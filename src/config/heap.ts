/**
 * How far the server's heap may grow past what is live (docs/decisions/0028).
 *
 * After each full collection V8 sets the old generation's next limit at a multiple of the live
 * heap. For a process that allocates fast it chooses up to four times: on a fast machine the
 * server's heap grew from 34–54 MB live to 225 MB between collections, and its resident memory
 * past 300 MB. `stockroom serve` caps that multiple at 1 + percent / 100, unless the operator gave
 * Node a heap setting of their own (on its command line or in NODE_OPTIONS), or percent is 0.
 */
import v8 from 'node:v8';

/** Node options that size the heap: with any of them the operator has chosen, and V8's flag stays as given. */
const heapSettings = /^--(heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size|max[-_]heap[-_]size)(=|$)/;

/** The V8 flag to set, or undefined when the operator chose (`nodeOptions`: Node's command line and NODE_OPTIONS). */
export const heapGrowthFlag = (percent: number, nodeOptions: readonly string[]): string | undefined => {
  if (percent === 0 || nodeOptions.some((option) => heapSettings.test(option))) return undefined;
  return `--heap-growing-percent=${percent}`;
};

/** This process's Node options: its command line's, then NODE_OPTIONS'. */
export const processNodeOptions = (): string[] => [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean)];

/** Applies `heapGrowthFlag` to this process; V8 reads the flag at each collection. Returns the flag set. */
export const boundHeapGrowth = (percent: number): string | undefined => {
  const flag = heapGrowthFlag(percent, processNodeOptions());
  if (flag !== undefined) v8.setFlagsFromString(flag);
  return flag;
};

/** Node options that size the young generation's semi-spaces. */
const youngGenerationSettings = /^--(max|min)[-_]semi[-_]space[-_]size(=|$)/;

/**
 * What `serve` advises at start when Node runs without a setting for its semi-spaces (ADR 0038):
 * V8 reads it only at the process's start, so `serve` cannot set it itself as it bounds the heap's
 * growth. Undefined when the operator set one (`npm start` does).
 */
export const youngGenerationAdvice = (nodeOptions: readonly string[]): string | undefined =>
  nodeOptions.some((option) => youngGenerationSettings.test(option))
    ? undefined
    : "Node's semi-spaces are at their default size: under load the server spends about twice the time in garbage collection that it would with `--max-semi-space-size=32` on Node's command line or in NODE_OPTIONS, as `npm start` gives it (docs/decisions/0038)";
