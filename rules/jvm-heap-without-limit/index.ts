import { ceilMiB, roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { jvmBudget } from '../../src/model/runtime/jvm-budget.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';

// Both messages name the worst-case budget (docs/jvm-budget.md): the heap plus every non-heap
// region at its cap, the collector and other native memory, which is what the process can reach
// with that heap.
const nonHeapOf = (total: number, heap: number) => formatBytes(total - heap);

export default defineRule({
  id: 'jvm-heap-without-limit',
  meta: {
    severity: 'warning',
    summary: 'A JVM with a fixed heap (-Xmx, MaxRAM) but no memory limit: the heap is bounded, the process is not',
    // A Dockerfile that fixes -Xmx says how large a limit every container running it needs.
    targets: ['pod', 'image'],
    // Its fix (a limit sized for every non-heap region) covers the uncapped regions too.
    supersedes: ['jvm-non-heap-uncapped'],
  },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: {
    noLimit: (object: string, role: string, container: string, heapBasis: string, heap: number, total: number) =>
      `${object}: ${role} "${container}" fixes its heap at ${formatBytes(heap)} with ${heapBasis} but has no memory limit, so only the ` +
      `heap is bounded: metaspace, thread stacks, the code cache, direct buffers, the collector and other native memory (${nonHeapOf(total, heap)} in the worst case) ` +
      `grow on the node, where an eviction or OOM kill can hit other pods; set resources.limits.memory to at least ` +
      `${formatBytes(ceilMiB(total))} (the heap plus that non-heap).`,
    imageNeedsLimit: (object: string, heapBasis: string, heap: number, total: number) =>
      `${object}: the image fixes its heap at ${formatBytes(heap)} with ${heapBasis}; every container that runs it needs a memory ` +
      `limit of at least ${formatBytes(ceilMiB(total))} (the heap plus ${nonHeapOf(total, heap)} of worst-case metaspace, ` +
      `thread stacks, code cache, direct buffers, collector and other native memory).`,
  },
  check(workload, { settings, problem }) {
    // A pod-level memory limit (spec.resources, 1.34) bounds every container in the pod cgroup.
    if (workload.podResources.memory.limit) return [];
    const image = workload.kind === 'Dockerfile';
    return lintedContainers(workload).flatMap((c) => {
      const jvm = c.runtime.jvm;
      // A written limit, even an invalid one (memory-quantity-invalid's finding), or a LimitRange
      // default bounds the container.
      if (!jvm || c.resources.memory.limit || c.effective.memory.limit) return [];
      // Only a present -Xmx/-XX:MaxHeapSize or -XX:MaxRAM fixes the heap without a limit; flags an
      // unreadable source might add are never assumed (jvm.incomplete), nor an image's own sizing.
      const flag = jvm.settings.maxHeap ?? jvm.settings.maxRam;
      const budget = flag && jvmBudget(jvm.settings, undefined, 'worst', settings.jvmBudget);
      if (!flag || !budget) return [];
      // "-Xmx2g (JAVA_TOOL_OPTIONS)", or how MaxRAM sizes it: "MaxRAMPercentage 25 % of -XX:MaxRAM=4g (…)".
      const basis = budget.lines.find((line) => line.region === 'heap')?.basis ?? flag.text;
      if (image) return [problem('imageNeedsLimit', [workload.ref, basis, budget.heap, budget.total], flag.source, { container: c.name, severity: 'info' })];
      return [problem('noLimit', [workload.ref, roleName(c.role), c.name, basis, budget.heap, budget.total], flag.source, { container: c.name })];
    });
  },
});
