/**
 * Linting file by file (src/pipeline/stream.ts) gives exactly what one model of the whole input
 * gives (src/pipeline/whole-input.ts): every finding field in order, errors, skipped and summary,
 * on the corpora, the examples, and a tree built so that every cross-file link matters — a
 * LimitRange, Namespace and ConfigMap in a file linted after their workloads, a Dockerfile linked
 * from two files, one linked from none, directives inside Dockerfiles (used and unused), and
 * files that cannot be read or parsed between the others.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.js';
import { rules as allRules } from '../rules/index.js';
import { lint, type LintOptions, type LintResult } from '../src/index.js';
import type { ReadOutcome } from '../src/load/read.js';
import type { Text } from '../src/pipeline/linted-input.js';
import { lintStreaming } from '../src/pipeline/stream.js';
import { CORPUS_DIRS } from './prescan-files.js';

async function bothWays(paths: string[], options: LintOptions): Promise<[LintResult, LintResult]> {
  return [await lint(paths, options), await lint(paths, { ...options, wholeInput: true })];
}

const deployment = (name: string, image: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: team
  annotations:
    oomlint.io/ignore: "sidecar-memory-limit-missing -- the mesh sizes its proxy"
spec:
  template:
    spec:
      containers:
        - name: ${name}
          image: ${image}
          envFrom:
            - configMapRef: {name: jvm-settings}
          resources:
            requests: {memory: 256Mi}
${extra}`;

/** Discovery sorts paths: the workloads (a-*, b/*) come before the objects they depend on (z-*). */
const CROSS_FILE_TREE: Record<string, string> = {
  'a-api.yaml': deployment('api', 'registry.example/api:1'),
  'b/api-canary.yaml': deployment('api', 'registry.example/api:2', '---\n# oomlint-disable-next-line memory-limit-missing\n'),
  'b/broken.yaml': 'kind: Pod\nmetadata: {name: [\n',
  'b/empty.yaml': '',
  'c/pod.yaml': `apiVersion: v1
kind: Pod
metadata: {name: worker, namespace: team}
spec:
  containers:
    - name: worker
      image: node:20
      envFrom: [{configMapRef: {name: node-settings}}]
      resources: {limits: {memory: 1Gi}, requests: {memory: 1Gi}}  # oomlint-disable-line memory-no-headroom
`,
  'api/Dockerfile': `FROM eclipse-temurin:21-jre
# oomlint-disable-next-line jvm-heap-exceeds-limit -- heap checked in load tests
ENV JAVA_TOOL_OPTIONS="-Xmx900m"
# oomlint-disable-next-line memory-limit-missing
ENV UNUSED=1
CMD ["java", "-jar", "/app.jar"]
`,
  'tools/Dockerfile': `FROM node:20
# oomlint-disable-next-line node-heap-exceeds-limit
ENV NODE_OPTIONS="--max-old-space-size=8192"
CMD ["node", "tool.js"]
`,
  'z-context.yaml': `apiVersion: v1
kind: Namespace
metadata: {name: team, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: team}
spec:
  limits:
    - type: Container
      default: {memory: 512Mi}
      max: {memory: 768Mi}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: jvm-settings, namespace: team}
data:
  MALLOC_ARENA_MAX: "2"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: node-settings, namespace: team}
data:
  NODE_OPTIONS: "--max-old-space-size=4096"
`,
};

describe('streaming lint = one model of the whole input', () => {
  const root = mkdtempSync(join(tmpdir(), 'oomlint-stream-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(CROSS_FILE_TREE)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }

  it.each(Object.entries(CORPUS_DIRS))('on %s', async (_name, dir) => {
    const [streamed, whole] = await bothWays([dir], { cwd: dir, config: defaultConfig(), reportUnusedDisableDirectives: 'warning' });
    expect(streamed).toEqual(whole);
    expect(streamed.findings.length).toBeGreaterThan(0);
  });

  it.each([['without', undefined], ['with', 'error']] as const)('on files that depend on each other, %s --report-unused-disable-directives', async (_with, unused) => {
    const options: LintOptions = { cwd: root, config: defaultConfig(), ...(unused ? { reportUnusedDisableDirectives: unused } : {}) };
    const [streamed, whole] = await bothWays(['.'], options);
    expect(streamed).toEqual(whole);
    // The tree exercises what it claims to: otherwise the equality above would prove little.
    const heap = streamed.findings.filter((f) => f.file === 'api/Dockerfile' && f.ruleId === 'jvm-heap-exceeds-limit');
    expect(heap.map((f) => f.suppressions?.[0]?.kind)).toEqual(['comment', 'comment']); // linked from a-api.yaml and b/api-canary.yaml
    expect(streamed.findings.filter((f) => f.ruleId === 'memory-limit-missing' && f.message.includes('LimitRange team/defaults'))).toHaveLength(2);
    expect(streamed.findings.some((f) => f.ruleId === 'node-heap-exceeds-limit' && f.file === 'z-context.yaml')).toBe(true); // ConfigMap env
    expect(streamed.findings.filter((f) => f.suppressions?.some((x) => x.kind === 'annotation'))).toHaveLength(2);
    expect(streamed.summary.containers).toBe(4); // api twice, worker, and tools/Dockerfile on its own
    expect(streamed.errors.map((e) => e.file)).toEqual(['b/broken.yaml']);
    expect(streamed.summary.skipped).toEqual([{ file: 'b/empty.yaml', reason: 'empty file' }]);
    const unusedIn = streamed.findings.filter((f) => f.ruleId === 'unused-disable-directive').map((f) => f.file);
    expect(unusedIn).toEqual(unused ? ['api/Dockerfile', 'b/api-canary.yaml', 'tools/Dockerfile'] : []);
  });
});

describe('the streaming lint reads manifests again in its second pass', () => {
  const file = { path: 'app.yaml', absolutePath: '/nowhere/app.yaml', explicit: true, kind: 'manifest' as const };
  const pod = (memory: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: app}\nspec:\n  containers:\n    - name: app\n      image: app:1\n      resources: {limits: {memory: ${memory}}}\n`;
  const setup = { config: defaultConfig(), rules: allRules, composeAll: false };
  async function* once(text: Text) {
    yield text;
  }

  it('lints what the second read gives, not a text held from the first', async () => {
    let reads = 0;
    const reread = (): ReadOutcome => ((reads += 1), { ok: true, text: pod('512m') });
    const linted = await lintStreaming(once({ file, outcome: { ok: true, text: pod('1Gi') }, reread }), setup);
    expect(reads).toBe(1);
    expect(linted.raw.map((f) => f.ruleId)).toContain('memory-quantity-suspicious');
  });

  it('reports a file that changed between the passes as it is now', async () => {
    const gone: ReadOutcome = { ok: false, problem: { code: 'file-unreadable', file: 'app.yaml', line: 1, column: 1, message: 'cannot read file: no such file (ENOENT)' } };
    const linted = await lintStreaming(once({ file, outcome: { ok: true, text: pod('1Gi') }, reread: () => gone }), setup);
    expect(linted.loadErrors).toEqual([gone.problem]);
    expect(linted.raw).toEqual([]);
  });

  it('lints the held text when the input cannot be read again (standard input)', async () => {
    const linted = await lintStreaming(once({ file, outcome: { ok: true, text: pod('512m') } }), setup);
    expect(linted.raw.map((f) => f.ruleId)).toContain('memory-quantity-suspicious');
  });
});
