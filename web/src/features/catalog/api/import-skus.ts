/**
 * CSV import: each planned line is created (POST /v1/skus) or, when the code exists, updated
 * (PATCH), four at a time, reporting progress; a refused line is reported, the others go on.
 */
import { ApiError } from '../../../lib/api';
import type { SkuInput } from '../csv';
import { createSku } from './create-sku';
import { updateSku } from './update-sku';

export interface LineResult {
  line: number;
  sku: string;
  outcome: 'created' | 'updated' | 'failed';
  error?: unknown;
}

export const importSkus = async (
  lines: ReadonlyArray<{ line: number; input: SkuInput }>,
  onProgress: (done: number, result: LineResult) => void,
  signal?: AbortSignal,
  concurrency = 4,
): Promise<LineResult[]> => {
  const results: LineResult[] = [];
  let next = 0;
  // One idempotency key per line per import run: a retried request is not applied twice.
  const run = crypto.randomUUID?.() ?? String(Date.now());
  const worker = async () => {
    while (next < lines.length && !signal?.aborted) {
      const { line, input } = lines[next++] as { line: number; input: SkuInput };
      let result: LineResult;
      try {
        await createSku(input, `import-${run}-${line}`);
        result = { line, sku: input.sku, outcome: 'created' };
      } catch (error) {
        if (error instanceof ApiError && error.code === 'sku_exists') {
          try {
            const { sku: _code, ...changes } = input;
            await updateSku(input.sku, changes);
            result = { line, sku: input.sku, outcome: 'updated' };
          } catch (updateError) {
            result = { line, sku: input.sku, outcome: 'failed', error: updateError };
          }
        } else result = { line, sku: input.sku, outcome: 'failed', error };
      }
      results.push(result);
      onProgress(results.length, result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, lines.length) }, worker));
  return results.sort((a, b) => a.line - b.line);
};
