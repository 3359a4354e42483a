/** The registry: every rule, sorted by id. A test checks it matches the folders in rules/. */
import type { AnyRule } from '../src/rule.js';
import memoryLimitMissing from './memory-limit-missing/index.js';

export const rules: readonly AnyRule[] = [memoryLimitMissing];
