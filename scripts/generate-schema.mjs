// Writes schema/oomlint.schema.json from the rule registry (run after `npm run build`);
// test/config-schema.test.ts fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { rules } from '../lib/rules/index.js';
import { configSchemaText } from '../lib/src/config/schema.js';

writeFileSync(new URL('../schema/oomlint.schema.json', import.meta.url), configSchemaText(rules));
