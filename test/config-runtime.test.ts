/**
 * `runtime.jvm` reaches the rules: loadConfig → config.settings → runRules → RuleContext.settings
 * → the JVM budget. A changed assumption changes the finding, and the message names the setting.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import jvmHeapExceedsLimit from '../rules/jvm-heap-exceeds-limit/index.js';
import jvmHeapWithoutLimit from '../rules/jvm-heap-without-limit/index.js';
import jvmNonHeapUncapped from '../rules/jvm-non-heap-uncapped/index.js';
import { loadConfig, type Config } from '../src/config.js';
import { jvmBudgetOf } from '../src/config/runtime.js';
import { DEFAULT_JVM_BUDGET, jvmBudget } from '../src/model/runtime/jvm-budget.js';
import { parseJvmOptions } from '../src/model/runtime/jvm-flags.js';
import { runRules } from '../src/engine.js';
import { DEFAULT_RULE_SETTINGS } from '../src/rule.js';
import { modelOf, problemsOf, yaml } from './rule-tester.js';

const JVM_RULES = [jvmHeapExceedsLimit, jvmHeapWithoutLimit, jvmNonHeapUncapped];

function configOf(text: string): Config {
  const root = mkdtempSync(join(tmpdir(), 'oomlint-runtime-'));
  writeFileSync(join(root, '.oomlint.yaml'), text);
  const outcome = loadConfig(root);
  if (!outcome.ok) throw new Error(outcome.problem.message);
  return outcome.config;
}

const pod = (heap: string, limit?: string) => yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: api}
  spec:
    containers:
      - name: api
        image: eclipse-temurin:21-jre
        command: [java, ${heap}, -jar, /app.jar]
        ${limit ? `resources: {limits: {memory: ${limit}}}` : ''}
`;

/** `ruleId severity line:column`, and the messages, of the JVM rules under `config`. */
function findings(text: string, config: Config) {
  const result = runRules(modelOf(text), JVM_RULES, config.rules, config.settings);
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => ({ at: `${f.ruleId} ${f.severity} ${f.line}:${f.column}`, message: f.message }));
}

describe('runtime.jvm changes the JVM findings', () => {
  it('expectedNonHeapMiB: 400 turns -Xmx128m in 500Mi from a worst-case warning into a likely-kill error', () => {
    const manifest = pod('-Xmx128m', '500Mi');
    const before = findings(manifest, configOf('{}\n'));
    expect(before.map((f) => f.at)).toEqual(['jvm-heap-exceeds-limit warning 8:23']);
    expect(before[0]?.message).toContain('runs a JVM whose worst case, every non-heap region at its cap');

    const after = findings(manifest, configOf('runtime:\n  jvm:\n    expectedNonHeapMiB: 400\n'));
    expect(after.map((f) => f.at)).toEqual(['jvm-heap-exceeds-limit error 8:23']);
    // 128 heap + Serial's 0.35 % (≈0.45) + 400 non-heap ≈ 528.45 MiB.
    expect(after[0]?.message).toContain('typically needs ≈528.4Mi, more than its 500Mi memory limit');
    expect(after[0]?.message).toContain('the rest of the 400Mi non-heap set by runtime.jvm.expectedNonHeapMiB');
    expect(after[0]?.message).toContain('Raise the memory limit to at least 529Mi.');
  });

  it('worstCaseThreads: 50 fits -Xmx256m in 900Mi (256 + 206.9 + 240 + 50 + 10 + ≈0.9 + 128 ≈ 891.8 MiB); a rule\'s own option wins', () => {
    const manifest = pod('-Xmx256m', '900Mi');
    expect(findings(manifest, configOf('{}\n')).map((f) => f.at)).toEqual(['jvm-heap-exceeds-limit warning 8:23']);
    // No longer over the limit, so the uncapped regions are reported on their own (not superseded).
    expect(findings(manifest, configOf('runtime: {jvm: {worstCaseThreads: 50}}\n')).map((f) => f.at)).toEqual(['jvm-non-heap-uncapped warning 8:23']);
    const optionWins = findings(manifest, configOf('runtime: {jvm: {worstCaseThreads: 50}}\nrules:\n  jvm-heap-exceeds-limit: {options: {worstCaseThreads: 250}}\n'));
    expect(optionWins.map((f) => f.at)).toEqual(['jvm-heap-exceeds-limit warning 8:23']);
    expect(optionWins[0]?.message).toContain('thread stacks 250Mi (250 threads × 1Mi');
  });

  it('jvm-heap-without-limit sizes its suggested limit with the configured worst case', () => {
    const manifest = pod('-Xmx1g');
    const [before] = findings(manifest, configOf('{}\n'));
    const [after] = findings(manifest, configOf('runtime: {jvm: {worstCaseThreads: 50}}\n'));
    // The calculator's ≈706.9 MiB + 128 other + G1 (no limit: G1) 37 + 3.94 % of 1024 ≈ 77.3 MiB.
    expect(before?.message).toContain('(≈912.3Mi in the worst case)');
    expect(before?.message).toContain('set resources.limits.memory to at least 1937Mi');
    expect(after?.at).toBe('jvm-heap-without-limit warning 8:23');
    expect(after?.message).toContain('(≈712.3Mi in the worst case)');
    expect(after?.message).toContain('set resources.limits.memory to at least 1737Mi');
  });

  it('the rule tester passes settings too, read-only', () => {
    const settings = configOf('runtime: {jvm: {expectedNonHeapMiB: 400}}\n').settings;
    const problems = problemsOf(jvmHeapExceedsLimit, pod('-Xmx128m', '500Mi'), {}, {}, {}, settings);
    expect(problems.map((p) => p.messageId)).toEqual(['expectedOverLimit']);
    expect(problemsOf(jvmHeapExceedsLimit, pod('-Xmx128m', '500Mi')).map((p) => p.messageId)).toEqual(['worstOverLimit']);
    expect(Object.isFrozen(settings.jvmBudget)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RULE_SETTINGS)).toBe(true);
  });
});

describe('jvmBudgetOf', () => {
  const MIB = 2 ** 20;
  const source = { file: 'p.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };
  const xmx1g = parseJvmOptions([{ text: '-Xmx1g', source, origin: 'command line' }]);

  it('every expected-budget number a user sets is named in the basis instead of "measured" or "typical"', () => {
    const defaults = jvmBudgetOf({ expectedMetaspaceMiB: 120, expectedCodeCacheMiB: 30, expectedDirectMiB: 100, expectedThreads: 200, expectedNonHeapMiB: 400 });
    const lines = jvmBudget(xmx1g, 4 * 1024 * MIB, 'expected', defaults)?.lines.filter((l) => l.region !== 'heap' && l.region !== 'gc');
    expect(lines?.map((l) => [l.region, l.bytes / MIB, l.basis])).toEqual([
      ['metaspace', 120, 'set by runtime.jvm.expectedMetaspaceMiB'],
      ['codeCache', 30, 'set by runtime.jvm.expectedCodeCacheMiB (reserved: 240Mi)'],
      ['stacks', 12.5, "200 threads × 64Ki touched (set by runtime.jvm.expectedThreads; 1Mi reserved each, HotSpot's default ThreadStackSize on Linux x86-64)"],
      ['direct', 100, 'set by runtime.jvm.expectedDirectMiB'],
      ['other', 400 - 120 - 30 - 12.5 - 100, 'symbol and string tables, class space, malloc arenas: the rest of the 400Mi non-heap set by runtime.jvm.expectedNonHeapMiB'],
    ]);
  });

  it('the defaults written out change nothing, not even the wording; none given is the default object itself', () => {
    expect(jvmBudgetOf({ expectedMetaspaceMiB: 114, expectedNonHeapMiB: 280, expectedThreads: 150, worstCaseThreads: 250 })).toEqual(DEFAULT_JVM_BUDGET);
    expect(jvmBudgetOf(undefined)).toBe(DEFAULT_JVM_BUDGET);
    expect(jvmBudgetOf({})).toBe(DEFAULT_JVM_BUDGET);
  });

  it('worst-case settings change the numbers whose basis already states them', () => {
    const defaults = jvmBudgetOf({ worstCaseLoadedClasses: 50000, worstCaseThreads: 100, headroomPercent: 10 });
    const lines = jvmBudget(xmx1g, 2048 * MIB, 'worst', defaults)?.lines;
    expect(lines?.find((l) => l.region === 'metaspace')?.basis).toBe('14,000,000 + 5,800 × 50,000 classes (memory calculator)');
    expect(lines?.find((l) => l.region === 'stacks')?.bytes).toBe(100 * MIB);
    expect(lines?.find((l) => l.region === 'headroom')).toEqual({ region: 'headroom', bytes: Math.trunc(204.8 * MIB), basis: '10 % of 2Gi (memory calculator headroom)' });
  });
});
