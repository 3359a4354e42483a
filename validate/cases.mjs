// @ts-check
/**
 * The case list: the lesson's cases, every runtime example of the rules' docs and tests
 * (validate/examples.mjs), and a grid of memory limits × heap settings × thread counts.
 * Pure: a case is a manifest plus the oomlint configuration it is linted with.
 */

/** @typedef {{ id: string, group: 'lesson' | 'docs' | 'tests' | 'grid', title: string, manifest: string, runtimeJvm?: Record<string, number>, settings?: any, ruleConfig?: Record<string, unknown>, skip?: string }} Case */

const MI = 2 ** 20;
export const LESSON_FLAGS = ['-XX:MaxRAMPercentage=75', '-Xss512k', '-XX:MaxMetaspaceSize=150M', '-XX:ReservedCodeCacheSize=64M', '-XX:MaxDirectMemorySize=128M'];

/** A Pod whose one container runs java with `args` (and JAVA_TOOL_OPTIONS when given), request = limit. */
export function javaPod(/** @type {string} */ limit, /** @type {string[]} */ args, /** @type {string | undefined} */ toolOptions = undefined) {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: case}',
    'spec:',
    '  containers:',
    '    - name: app',
    '      image: eclipse-temurin:17-jre',
    `      command: [java, ${[...args, '-jar', '/app.jar'].join(', ')}]`,
    ...(toolOptions ? ['      env:', `        - {name: JAVA_TOOL_OPTIONS, value: "${toolOptions}"}`] : []),
    `      resources: {requests: {memory: ${limit}}, limits: {memory: ${limit}}}`,
    '',
  ].join('\n');
}

/** A Pod whose one container runs node with `args`. */
export function nodePod(/** @type {string} */ limit, /** @type {string[]} */ args) {
  return [
    'apiVersion: v1', 'kind: Pod', 'metadata: {name: case}', 'spec:', '  containers:', '    - name: app', '      image: node:20-slim',
    `      command: [node, ${[...args, 'server.js'].join(', ')}]`,
    `      resources: {requests: {memory: ${limit}}, limits: {memory: ${limit}}}`, '',
  ].join('\n');
}

/** @returns {Case[]} */
export function lessonCases() {
  return [
    { id: 'lesson-xmx512m-512Mi', group: 'lesson', title: '-Xmx512m in 512Mi', manifest: javaPod('512Mi', ['-Xmx512m']) },
    { id: 'lesson-xmx4g-4Gi', group: 'lesson', title: '-Xmx4g -XX:+UseG1GC (JAVA_TOOL_OPTIONS) in 4Gi', manifest: javaPod('4Gi', [], '-Xmx4g -XX:+UseG1GC') },
    { id: 'lesson-capped-1Gi', group: 'lesson', title: 'the capped flags in 1Gi', manifest: javaPod('1Gi', LESSON_FLAGS) },
    { id: 'lesson-capped-2Gi', group: 'lesson', title: 'the capped flags in 2Gi', manifest: javaPod('2Gi', LESSON_FLAGS) },
    { id: 'lesson-xmx480m-20threads-512Mi', group: 'lesson', title: '-Xmx480m with 20 threads in 512Mi', manifest: javaPod('512Mi', ['-Xmx480m']), runtimeJvm: { expectedThreads: 20, worstCaseThreads: 20 } },
  ];
}

const LIMITS = [['256Mi', 256], ['512Mi', 512], ['1Gi', 1024], ['2Gi', 2048], ['4Gi', 4096]];
/** -Xmx as a share of the limit, and MaxRAMPercentage. */
const XMX_PERCENT = [50, 75, 100];
const RAM_PERCENT = [25, 50, 75, 90];
/** --max-old-space-size as a share of the limit (node runs take seconds: all four). */
const OLD_SPACE_PERCENT = [50, 75, 90, 100];
/**
 * Node limits: enough of them that one case does not decide a rate, from one where node's own
 * ≈10–20 MiB outside the old space is a large part of the 25 % reserve.
 */
const NODE_LIMITS = [['192Mi', 192], ['256Mi', 256], ['384Mi', 384], ['512Mi', 512], ['768Mi', 768], ['1Gi', 1024], ['2Gi', 2048]];
/** The thread sweep runs at two limits and two heap settings; every other cell uses the budgets' own thread counts. */
const SWEEP = { threads: [20, 400], limits: ['512Mi', '2Gi'], heaps: ['xmx75'] };

/** @returns {Case[]} */
export function gridCases() {
  /** @type {Case[]} */
  const out = [];
  for (const [limit, mib] of LIMITS) {
    const heaps = [
      ...XMX_PERCENT.map((p) => ({ key: `xmx${p}`, args: [`-Xmx${Math.floor((Number(mib) * p) / 100)}m`] })),
      ...RAM_PERCENT.map((p) => ({ key: `ram${p}`, args: [`-XX:MaxRAMPercentage=${p}`] })),
    ];
    for (const heap of heaps) {
      const base = { group: /** @type {const} */ ('grid'), manifest: javaPod(String(limit), heap.args) };
      out.push({ ...base, id: `grid-${limit}-${heap.key}`, title: `${heap.args.join(' ')} in ${limit}` });
      if (!SWEEP.limits.includes(String(limit)) || !SWEEP.heaps.includes(heap.key)) continue;
      for (const threads of SWEEP.threads) {
        out.push({ ...base, id: `grid-${limit}-${heap.key}-t${threads}`, title: `${heap.args.join(' ')} in ${limit}, ${threads} threads`, runtimeJvm: { expectedThreads: threads, worstCaseThreads: threads } });
      }
    }
  }
  for (const [limit, mib] of NODE_LIMITS) {
    for (const p of OLD_SPACE_PERCENT) {
      const flag = `--max-old-space-size=${Math.floor((Number(mib) * p) / 100)}`;
      out.push({ id: `grid-node-${limit}-old${p}`, group: 'grid', title: `node ${flag} in ${limit}`, manifest: nodePod(String(limit), [flag]) });
    }
  }
  return out;
}

/** @returns {Case[]} */
export function exampleCases(/** @type {import('./examples.mjs').Example[]} */ examples, /** @type {'docs' | 'tests'} */ group) {
  return examples.map((e, i) => ({
    id: `${group}-${i + 1}`,
    group,
    title: `${e.origin}: ${e.name}`,
    manifest: e.yaml,
    ...(e.settings ? { settings: e.settings } : {}),
    ...(e.options && e.rule ? { ruleConfig: { [e.rule]: { options: e.options } } } : {}),
    ...(e.unsupported ? { skip: e.unsupported } : {}),
  }));
}

/** A small subset for --quick: the lesson and a few grid cells of each kind. */
export const QUICK = new Set(['lesson-xmx512m-512Mi', 'lesson-capped-1Gi', 'lesson-capped-2Gi', 'lesson-xmx480m-20threads-512Mi', 'grid-1Gi-xmx50', 'grid-1Gi-ram75', 'grid-512Mi-ram25', 'grid-node-512Mi-old90', 'grid-node-1Gi-old50']);

export { MI };
