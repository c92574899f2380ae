/** npm run generate:api — rewrites web/src/lib/api-types.ts from the server's OpenAPI document. */
import { writeFileSync } from 'node:fs';
import { apiTypesFile, generateApiTypes } from './api-types.js';

writeFileSync(apiTypesFile, await generateApiTypes());
console.log(`wrote ${apiTypesFile}`);
