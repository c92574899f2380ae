/** The one source of time. Injected everywhere so tests control it; epoch milliseconds, UTC. */
export interface Clock {
  nowMs(): number;
}

export const toIso = (ms: number): string => new Date(ms).toISOString();
