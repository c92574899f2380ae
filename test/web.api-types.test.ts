/** The web app's API types are generated from the server: fail when the committed file is stale. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTypesFile, generateApiTypes } from '../scripts/api-types.js';

describe('web/src/lib/api-types.ts', () => {
  it('matches the OpenAPI document the server serves (run `npm run generate:api` after changing a route)', async () => {
    const committed = readFileSync(apiTypesFile, 'utf8');
    const generated = await generateApiTypes();
    expect(committed === generated, 'web/src/lib/api-types.ts is stale: run `npm run generate:api` and commit it').toBe(true);
  });
});
