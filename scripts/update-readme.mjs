// Regenerates the rule table in README.md from the registry (run after `npm run build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { rules } from '../lib/rules/index.js';
import { withRuleTable } from '../lib/src/rule-table.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withRuleTable(readFileSync(path, 'utf8'), rules));
