import { describe, expect, it } from 'vitest';
import { heapGrowthFlag, youngGenerationAdvice } from './heap.js';

describe('the heap growth bound of `serve`', () => {
  it('caps the growth factor at 1 + percent / 100', () => {
    expect(heapGrowthFlag(100, [])).toBe('--heap-growing-percent=100');
    expect(heapGrowthFlag(150, ['--enable-source-maps', '--max-semi-space-size=16'])).toBe('--heap-growing-percent=150');
  });

  it('leaves V8 its own heuristics at 0', () => {
    expect(heapGrowthFlag(0, [])).toBeUndefined();
  });

  it('leaves the heap as the operator sized it, in either spelling, with or without a value', () => {
    for (const option of ['--max-old-space-size=1024', '--max_old_space_size=512', '--max-old-space-size', '--heap-growing-percent=50', '--max-heap-size=300']) {
      expect(heapGrowthFlag(100, ['--enable-source-maps', option]), option).toBeUndefined();
    }
    expect(heapGrowthFlag(100, ['--max-old-space-sizes=1'])).toBe('--heap-growing-percent=100');
  });
});

describe('the advice of `serve` on the young generation', () => {
  it('advises semi-spaces of 32 MB when Node was given no size for them', () => {
    expect(youngGenerationAdvice([])).toContain('--max-semi-space-size=32');
    expect(youngGenerationAdvice(['--enable-source-maps', '--max-old-space-size=512', '--max-semi-space-sizes=1'])).toContain('--max-semi-space-size=32');
  });

  it('stays silent when the operator sized them, in either spelling', () => {
    for (const option of ['--max-semi-space-size=32', '--max_semi_space_size=64', '--min-semi-space-size=8', '--max-semi-space-size']) {
      expect(youngGenerationAdvice(['--enable-source-maps', option]), option).toBeUndefined();
    }
  });
});
