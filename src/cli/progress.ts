/** A one-line progress bar, drawn only on a terminal. */
import type { Output } from './context.js';

export const createProgress = (out: Output, label: string, width = 30) => ({
  update(done: number, total: number): void {
    if (!out.isTTY || total <= 0) return;
    const ratio = Math.min(1, done / total);
    const filled = Math.round(ratio * width);
    out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total} ${label}`);
  },
  done(): void {
    if (out.isTTY) out.write('\n');
  },
});
