import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../../src/domain/errors';
import { ApiError } from './api';
import { describeError, messages } from './errors';

describe('error messages', () => {
  it('has words for every error code the server can send', () => {
    const missing = errorCodes.filter((code) => !(code in messages));
    expect(missing, `add a message to web/src/lib/errors.ts for: ${missing.join(', ')}`).toEqual([]);
  });

  it('never falls back to the raw code or an empty text', () => {
    for (const code of Object.keys(messages)) {
      const text = describeError(new ApiError(400, code, 'server text'));
      expect(text.length, code).toBeGreaterThan(10);
      expect(text, code).not.toContain('undefined');
    }
  });

  it('says how many are available where, by warehouse name', () => {
    const error = new ApiError(409, 'insufficient_stock', 'x', { lines: [{ sku: 'TSHIRT-M', warehouse: 'BER-1', requested: 5, available: 3 }] });
    expect(describeError(error, { warehouseName: (code) => (code === 'BER-1' ? 'Berlin' : code) })).toBe('Only 3 available in Berlin (5 asked for).');
  });

  it('names the warehouse a staff user may not work in', () => {
    const error = new ApiError(403, 'warehouse_not_permitted', 'x', { warehouse: 'LON-1' });
    expect(describeError(error, { warehouseName: () => 'London' })).toBe('You can only work in your own warehouses, and London is not one of them.');
  });

  it('points at the field a validation failure is about', () => {
    const error = new ApiError(400, 'validation_failed', 'x', { issues: [{ path: 'body/lines/0/quantity', message: 'must be >= 1' }] });
    expect(describeError(error)).toBe('Check “lines › 0 › quantity”: it must be >= 1.');
  });
});
