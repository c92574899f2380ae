import { describe, expect, it } from 'vitest';
import { commitFate, serverOf, xactNumberOf } from './postgres.js';

describe('the fate of a transaction whose COMMIT lost its connection (ADR 0016, 0042)', () => {
  const id = '7321@1796400000.123456';

  it('is what the server that began it says', () => {
    expect(commitFate(id, { status: 'committed', server: '1796400000.123456' })).toBe('committed');
    expect(commitFate(id, { status: 'aborted', server: '1796400000.123456' })).toBe('aborted');
    expect(commitFate(id, { status: 'in progress', server: '1796400000.123456' })).toBe('pending');
  });

  it('is unknown to any other server, or to the same one restarted, whatever it says of the number', () => {
    expect(commitFate(id, { status: 'committed', server: '1796400999.5' })).toBe('unknown');
    expect(commitFate(id, { status: 'aborted', server: '1796400999.5' })).toBe('unknown');
    expect(commitFate('7321', { status: 'committed', server: '1796400000.123456' })).toBe('unknown');
  });

  it('asks by the transaction number, of the server named', () => {
    expect(xactNumberOf(id)).toBe('7321');
    expect(xactNumberOf('7321')).toBe('7321');
    expect(serverOf(id)).toBe('1796400000.123456');
    expect(serverOf('7321')).toBe('');
  });
});
