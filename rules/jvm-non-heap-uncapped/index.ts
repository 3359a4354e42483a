import { roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { DEFAULT_JVM_BUDGET, maxHeapOf } from '../../src/model/runtime/jvm-budget.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';
import { containerAware, jvmLimitOf, startsUp, uncappedRegions } from '../../src/model/runtime/budget-fit.js';

// A heap of 75 % or more of the limit leaves too little room for regions that may grow to any size.
const PERCENTAGE_THRESHOLD = 75;

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export default defineRule({
  id: 'jvm-non-heap-uncapped',
  meta: {
    severity: 'warning',
    summary: 'The JVM heap is pinned but metaspace or direct memory is not capped, so the footprint is unpredictable',
    // The flags are judged on their own, so a Dockerfile that no manifest uses is checked too.
    targets: ['pod', 'image'],
  },
  options: {
    schema: { type: 'object', additionalProperties: false, properties: { percentageThreshold: { type: 'number', minimum: 0, maximum: 100 } } },
    defaults: { percentageThreshold: PERCENTAGE_THRESHOLD },
  },
  messages: {
    uncapped: (object: string, container: string, role: string, pin: string, heap: number, limit: number, limitNote: string, regions: string, caps: string) =>
      `${object}: ${role} "${container}" pins its heap${heap > 0 ? ` at ${formatBytes(heap)}` : ''} with ${pin} but leaves ${regions}, so what the JVM ` +
      `uses beyond the heap has no fixed size ${limit > 0 ? `to fit in its ${formatBytes(limit)} memory limit${limitNote}` : 'and no memory limit bounds it'}; ` +
      `cap every region: add ${caps} (starting points: check the real use with jcmd <pid> VM.native_memory summary).`,
  },
  check(workload, { options, problem }) {
    return lintedContainers(workload).flatMap((c) => {
      const jvm = c.runtime.jvm;
      // Unreadable options may hold the caps; an image that sizes its own heap (the Paketo memory
      // calculator) also sets the caps at launch; a JVM that refuses to start uses nothing.
      if (!jvm || jvm.incomplete || jvm.managedHeap || !startsUp(jvm)) return [];
      const s = jvm.settings;
      const percent = s.maxRamPercentage?.value ?? (s.maxRamFraction ? 100 / s.maxRamFraction.value : undefined);
      const pin = s.maxHeap ?? (percent !== undefined && percent >= options.percentageThreshold ? (s.maxRamPercentage ?? s.maxRamFraction) : undefined);
      if (!pin) return [];
      const limit = jvmLimitOf(workload, c);
      // A JDK that cannot read the limit, or a pod-level limit the JVM does not see, leaves a
      // percentage heap sized from the node: its size is unknown.
      const heap = s.maxHeap || (containerAware(jvm) && !limit?.podLevel) ? maxHeapOf(s, limit?.bytes)?.bytes : undefined;
      const regions = uncappedRegions(s, heap);
      // The code cache always has a cap (240 MiB reserved by default): alone it is not "uncapped".
      const open = regions.filter((r) => !r.flag.startsWith('-XX:ReservedCodeCacheSize='));
      if (open.length === 0) return [];
      const codeCache = regions.find((r) => r.flag.startsWith('-XX:ReservedCodeCacheSize='));
      const text = `${list(open.map((r) => r.what))} uncapped${codeCache ? `, and the code cache at its ${formatBytes(DEFAULT_JVM_BUDGET.tieredCodeCache)} default` : ''}`;
      const args = [workload.ref, c.name, roleName(c.role), `${pin.text} (${pin.origin})`, heap ?? 0, limit?.bytes ?? 0, limit?.note ?? '', text, regions.map((r) => r.flag).join(' ')] as const;
      return [problem('uncapped', [...args], pin.source, { container: c.name })];
    });
  },
});
