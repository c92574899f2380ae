/** Runs a bounded tick every `intervalMs`, never overlapping itself; stop() waits for the running tick. */
export interface Loop {
  stop(): Promise<void>;
}

export const startLoop = (intervalMs: number, tick: () => Promise<unknown>, onError: (error: unknown) => void): Loop => {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = tick()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
};
