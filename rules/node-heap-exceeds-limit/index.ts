import { floorMiB, roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { describeBound, memoryBoundOf } from '../../src/model/memory-bound.js';
import type { NodeHeapSettings } from '../../src/model/runtime/node.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';

const MiB = 2 ** 20;

/**
 * Node's docs (doc/api/cli.md, --max-old-space-size): "On a machine with 2 GiB of memory, consider
 * setting this to 1536 (1.5 GiB) to leave some memory for other uses": 25 % stays outside the old
 * space for the young generation (3 semi-spaces, up to 48 MiB on 64-bit), Buffers/ArrayBuffers
 * (allocated outside the V8 heap), native memory (libuv, OpenSSL, addons) and code space.
 */
const DEFAULT_MIN_NON_HEAP_PERCENT = 25;


const isHeapFlag = (text: string) => /^--max[-_](old[-_]space|heap)[-_]size/.test(text);
const originText = (origin: string) => (origin === 'command line' ? 'on the node command line' : `in ${origin}`);
const nonHeap = 'the young generation, Buffers/ArrayBuffers (off-heap), native memory and code';

type HeapArgs = [object: string, container: string, role: string, flag: string, origin: string, heap: number, limit: number, limitFrom: string, fix: string, keepPercent: number];

/** The flag that bounds the old space, as V8 applies them; undefined when none is set. */
function heapBound(node: NodeHeapSettings, limit: number, keepPercent: number) {
  const keep = (100 - keepPercent) / 100;
  // Node 22.21+: the percentage overrides --max-old-space-size wherever each is written.
  const pct = node.maxOldSpacePercentage;
  if (pct) return { ...pct, heap: (limit * pct.percent) / 100, fix: `--max-old-space-size-percentage=${100 - keepPercent}` };
  // V8: --max-old-space-size takes precedence over --max-heap-size (which covers the young generation too).
  const flag = node.maxOldSpace ? '--max-old-space-size' : '--max-heap-size';
  const value = node.maxOldSpace ?? node.maxHeapSize;
  if (!value) return undefined;
  return { ...value, heap: value.mib * MiB, fix: `${flag}=${Math.max(1, floorMiB(limit * keep) / MiB)}` };
}

export default defineRule({
  id: 'node-heap-exceeds-limit',
  meta: {
    severity: 'error',
    summary: 'A Node.js heap flag leaves too little of the memory limit outside the V8 heap, or cannot be parsed',
    // Invalid flags stop node in an unlinked Dockerfile's image too; limits need a pod.
    targets: ['pod', 'image'],
  },
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { minNonHeapPercent: { type: 'integer', minimum: 1, maximum: 90 } },
    },
    defaults: { minNonHeapPercent: DEFAULT_MIN_NON_HEAP_PERCENT },
  },
  messages: {
    aboveLimit: (...[object, container, role, flag, origin, heap, limit, limitFrom, fix, keepPercent]: HeapArgs) =>
      `${object}: ${role} "${container}" sets ${flag} ${originText(origin)}, a ${formatBytes(heap)} heap that is not below ` +
      `${describeBound(limit, limitFrom)}: V8 lets the heap grow toward its own limit before collecting hard, so the kernel ` +
      `OOM-kills the container (exit 137) first; set ${fix} (${100 - keepPercent} % of the limit)`,
    noRoom: (...[object, container, role, flag, origin, heap, limit, limitFrom, fix, keepPercent]: HeapArgs) =>
      `${object}: ${role} "${container}" sets ${flag} ${originText(origin)}: a ${formatBytes(heap)} heap leaves only ` +
      `${formatBytes(limit - heap)} (${Math.floor(((limit - heap) / limit) * 100 + 1e-9)} %) of ${describeBound(limit, limitFrom)} for ${nonHeap}, ` +
      `less than ${keepPercent} %; set ${fix} (${100 - keepPercent} % of the limit)`,
    invalid: (object: string, container: string, role: string, flag: string, origin: string, reason: string, fixMiB?: number, limit?: number) =>
      `${object}: ${role} "${container}" cannot start because of ${flag} ${originText(origin)}: ${reason}` +
      (!isHeapFlag(flag)
        ? ''
        : fixMiB !== undefined && limit !== undefined
          ? `; to fit its ${formatBytes(limit)} memory limit use --max-old-space-size=${fixMiB}`
          : '; write the heap size as a whole number of MiB after "=", e.g. --max-old-space-size=1536 for 2Gi of memory'),
  },
  check(workload, { options, problem }) {
    const keepPercent = options.minNonHeapPercent;
    return lintedContainers(workload).flatMap((c) => {
      const node = c.runtime.node;
      if (!node) return [];
      const role = roleName(c.role);
      const bound = memoryBoundOf(workload, c);
      const out = [];
      // Fatal values only: node prints "bad option" and exits 9 before running any code. Ignored
      // values (after the script name, `=0`) are not memory settings this rule can judge.
      for (const bad of node.invalid.filter((p) => p.fatal)) {
        // Only a heap flag gets a heap size as its fix (`--` or an unterminated quote in NODE_OPTIONS do not).
        const fix = bound && isHeapFlag(bad.token.text) ? Math.max(1, floorMiB(bound.value * (1 - keepPercent / 100)) / MiB) : undefined;
        const { text, origin, source } = bad.token;
        out.push(problem('invalid', [workload.ref, c.name, role, text, origin, bad.reason, fix, fix && bound?.value], source, { container: c.name }));
      }
      // Without a limit the flag is the heap's only bound: not this rule's business.
      const heap = bound && heapBound(node, bound.value, keepPercent);
      if (!bound || !heap) return out;
      const args: HeapArgs = [workload.ref, c.name, role, heap.text, heap.origin, heap.heap, bound.value, bound.from, heap.fix, keepPercent];
      if (heap.heap >= bound.value) out.push(problem('aboveLimit', args, heap.source, { container: c.name }));
      // A warning, not an error: in the cgroup harness (docs/validation.md) a full old space under
      // the limit with modest Buffers survived 4 of 5 runs; only a heap at the limit is a likely kill.
      else if (bound.value - heap.heap < (bound.value * keepPercent) / 100) out.push(problem('noRoom', args, heap.source, { container: c.name, severity: 'warning' }));
      return out;
    });
  },
});
