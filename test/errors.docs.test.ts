/** docs/errors.md, the code catalogue and the HTTP status table say the same thing. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../src/domain/errors.js';
import { statusOf } from '../src/http/error-mapping.js';

describe('the error catalogue', () => {
  const rows = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => /^\| `([a-z_]+)` \| (\d{3}) \|/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ code: match[1]!, status: Number(match[2]) }));

  it('documents every code exactly once, with the status the server sends', () => {
    expect(rows.map((r) => r.code).sort()).toEqual([...errorCodes].sort());
    for (const row of rows) expect(statusOf[row.code as keyof typeof statusOf], row.code).toBe(row.status);
  });

  it('maps every code to a 4xx or 5xx status', () => {
    for (const code of errorCodes) expect(statusOf[code] >= 400 && statusOf[code] < 600, code).toBe(true);
  });
});
