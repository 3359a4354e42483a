// @ts-check
/**
 * What oomlint says about one case: the verdict of its runtime rules (from `lint()`, exactly as
 * a user gets it) and the budgets behind it (from the model), read from the built library in
 * lib/ (`npm run build`). Also what the runtime really receives: the environment variables and
 * command-line options the model read, so the harness starts the JVM or node with those.
 */
import { defaultConfig } from '../lib/src/config.js';
import { jvmBudgetOf } from '../lib/src/config/runtime.js';
import { lint } from '../lib/src/index.js';
import { kubernetesObjects } from '../lib/src/load/kubernetes.js';
import { loadYaml } from '../lib/src/load/yaml.js';
import { buildInputModel } from '../lib/src/model/input.js';
import { jvmLimitOf, startsUp } from '../lib/src/model/runtime/budget-fit.js';
import { jvmBudget } from '../lib/src/model/runtime/jvm-budget.js';
import { memoryBoundOf } from '../lib/src/model/memory-bound.js';
import { DEFAULT_RULE_SETTINGS } from '../lib/src/rule.js';

/** Rules that claim a kill: error = likely under the expected budget, warning = possible under the worst case. */
export const JVM_BUDGET_RULES = ['jvm-heap-exceeds-limit', 'jvm-ram-percentage-too-high'];
/** Advice without a budget claim ("the footprint has no fixed size"): reported apart from the criteria. */
export const JVM_ADVICE_RULES = ['jvm-non-heap-uncapped'];
export const NODE_RULES = ['node-heap-exceeds-limit'];
const JVM_OPTION_VARIABLES = ['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS'];
/** `java` options that take the next word as their value: dropped with it, the harness sets its own class path. */
const CLASS_PATH_OPTIONS = new Set(['-cp', '-classpath', '--class-path']);

/** The `runtime.jvm` settings of a case (threads in the grid), as a configuration object for lint(). */
export function configFor(/** @type {Record<string, number> | undefined} */ runtimeJvm) {
  const config = defaultConfig();
  if (!runtimeJvm) return config;
  return { ...config, settings: { ...DEFAULT_RULE_SETTINGS, jvmBudget: jvmBudgetOf(runtimeJvm) } };
}

/**
 * lint() on the manifest: the runtime rules' findings for the container named `container`.
 * @param {string} manifest @param {string} container @param {ReturnType<typeof configFor>} config @param {Record<string, unknown>} [ruleConfig]
 */
export async function verdictOf(manifest, container, config, ruleConfig) {
  const result = await lint(['-'], { stdin: { bytes: new TextEncoder().encode(manifest), filename: 'case.yaml' }, config, ...(ruleConfig ? { rules: /** @type {any} */ (ruleConfig) } : {}) });
  const mine = result.findings.filter((f) => f.container === container && !f.suppressions?.length);
  const budget = mine.filter((f) => JVM_BUDGET_RULES.includes(f.ruleId) || NODE_RULES.includes(f.ruleId));
  const verdict = budget.some((f) => f.severity === 'error') ? 'error' : budget.some((f) => f.severity === 'warning') ? 'warning' : 'clean';
  return {
    verdict: /** @type {'error' | 'warning' | 'clean'} */ (verdict),
    rules: budget.map((f) => `${f.ruleId}:${f.severity}`),
    advice: mine.filter((f) => JVM_ADVICE_RULES.includes(f.ruleId)).map((f) => f.ruleId),
    messages: budget.map((f) => f.message),
  };
}

/** The model of a one-container manifest, or the reason the harness cannot reproduce it. */
export function launchOf(/** @type {string} */ manifest, /** @type {ReturnType<typeof configFor>} */ config) {
  const loaded = loadYaml('case.yaml', manifest);
  const model = buildInputModel(kubernetesObjects(loaded).objects, [], new Map(), undefined);
  const found = model.workloads.flatMap((w) => w.containers.filter((c) => c.role !== 'ephemeral').map((c) => ({ w, c })));
  const withRuntime = found.filter(({ c }) => c.runtime.jvm || c.runtime.node);
  if (withRuntime.length !== 1) return { skip: `${withRuntime.length} containers run a JVM or node (the harness runs exactly one)` };
  const { w, c } = /** @type {{ w: any, c: any }} */ (withRuntime[0]);
  const env = Object.fromEntries(c.env.filter((/** @type {any} */ v) => v.value !== undefined).map((/** @type {any} */ v) => [v.name, v.value]));
  return c.runtime.jvm ? jvmLaunch(w, c, env, config) : nodeLaunch(w, c, env);
}

function jvmLaunch(/** @type {any} */ w, /** @type {any} */ c, /** @type {Record<string, string>} */ env, /** @type {ReturnType<typeof configFor>} */ config) {
  const jvm = c.runtime.jvm;
  if (!startsUp(jvm)) return { skip: 'the JVM refuses to start (an invalid option): nothing to measure' };
  if (jvm.incomplete) return { skip: 'some JVM options cannot be read (a Secret, a start script): the real flags are unknown' };
  if (jvm.managedHeap) return { skip: `the image sizes the heap itself (${jvm.managedHeap})` };
  // 17–21 size memory alike (container support, ergonomics); older JDKs do not, and the harness runs 17.
  if (jvm.jdk && jvm.jdk.major < 17) return { skip: `the case is about JDK ${jvm.jdk.major}; the harness runs OpenJDK 17` };
  const limit = jvmLimitOf(w, c);
  if (!limit) return { skip: 'no memory limit bounds the container' };
  if (limit.podLevel) return { skip: 'only a pod-level limit: the harness runs one cgroup per container' };
  const program = c.process.program;
  const runsJava = program && /(^|\/)java$/.test(program[0]?.text ?? '');
  if (program && !runsJava) return { skip: `the JVM starts through ${program[0]?.text}, whose options the harness cannot reproduce` };
  const args = [];
  for (let i = 1; runsJava && i < program.length; i++) {
    const t = program[i].text;
    if (t === '-jar' || t === '-m' || t === '--module' || !t.startsWith('-')) break;
    if (CLASS_PATH_OPTIONS.has(t)) i++;
    else args.push(t);
  }
  const defaults = config.settings.jvmBudget;
  const expected = jvmBudget(jvm.settings, limit.bytes, 'expected', defaults);
  const worst = jvmBudget(jvm.settings, limit.bytes, 'worst', defaults);
  if (!expected || !worst) return { skip: 'the model cannot size the heap (no container support)' };
  const jvmEnv = Object.fromEntries(Object.entries(env).filter(([k]) => JVM_OPTION_VARIABLES.includes(k)));
  return { runtime: /** @type {const} */ ('jvm'), container: c.name, limit: limit.bytes, env: jvmEnv, args, settings: jvm.settings, expected, worst, defaults };
}

function nodeLaunch(/** @type {any} */ w, /** @type {any} */ c, /** @type {Record<string, string>} */ env) {
  const node = c.runtime.node;
  if (node.invalid.some((/** @type {any} */ p) => p.fatal)) return { skip: 'node refuses to start (a bad option): nothing to measure' };
  const bound = memoryBoundOf(w, c);
  if (!bound) return { skip: 'no memory limit bounds the container' };
  if (node.maxOldSpacePercentage) return { skip: '--max-old-space-size-percentage needs Node 22.21+; the harness runs Node 20' };
  const program = c.process.program;
  const runsNode = program && /(^|\/)node$/.test(program[0]?.text ?? '');
  const args = [];
  for (let i = 1; runsNode && i < program.length; i++) {
    const t = program[i].text;
    if (!t.startsWith('-') || t === '--') break;
    args.push(t);
  }
  const heapMiB = node.maxOldSpace?.mib ?? node.maxHeapSize?.mib;
  return { runtime: /** @type {const} */ ('node'), container: c.name, limit: bound.value, env: env.NODE_OPTIONS ? { NODE_OPTIONS: env.NODE_OPTIONS } : {}, args, heapMiB };
}
