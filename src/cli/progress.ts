/** A one-line progress bar, drawn only on a terminal: `[#####.....]  50% 500/1000 label`. */
import type { Output } from './context.js';

export interface Progress {
  update(done: number, total: number): void;
  /** Ends the line, if a bar was drawn. */
  done(): void;
}

export const createProgress = (out: Output, label: string, width = 30): Progress => {
  let drawn = false;
  return {
    update(done, total) {
      if (!out.isTTY || total <= 0) return;
      const ratio = Math.min(1, Math.max(0, done / total));
      const filled = Math.round(ratio * width);
      out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}% ${done}/${total} ${label}`);
      drawn = true;
    },
    done() {
      if (drawn) out.write('\n');
      drawn = false;
    },
  };
};
