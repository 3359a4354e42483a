import { roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { jvmBudget } from '../../src/model/runtime/jvm-budget.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';
import {
  budgetDefaults, budgetText, containerAware, formatMiB, heapSizer, jvmLimitOf, limitThatFits, percentageFlag, percentFix, pinnedHeap, startsUp,
  uncappedRegions, withSuggestedCaps,
} from '../../src/model/runtime/budget-fit.js';

/** "set -XX:MaxRAMPercentage=60 in place of -Xmx512m, or raise the memory limit to at least 713Mi". */
const fixText = (percent: number, replaces: string, pin: string, limit: number): string =>
  [
    percent >= 1 ? `set -XX:MaxRAMPercentage=${percent}${replaces ? ` in place of ${replaces}` : ''}` : '',
    limit > 0 ? `${pin ? `pin the heap with ${pin} and ` : ''}raise the memory limit to at least ${formatBytes(limit)}` : '',
  ].filter(Boolean).join(', or ');

export default defineRule({
  id: 'jvm-heap-exceeds-limit',
  meta: {
    severity: 'error',
    summary: 'The JVM heap plus its non-heap memory does not fit the container memory limit',
    // Its fix (cap the regions, or make room for them) is the uncapped rule's advice, said once.
    supersedes: ['jvm-non-heap-uncapped'],
  },
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { worstCase: { type: 'boolean' }, worstCaseThreads: { type: 'integer', minimum: 1, maximum: 100000 } },
    },
    defaults: { worstCase: true, worstCaseThreads: undefined as number | undefined },
  },
  messages: {
    heapAtLimit: (object: string, container: string, role: string, heap: number, limit: number, limitNote: string, budget: string, percent: number, replaces: string, pin: string, newLimit: number) =>
      `${object}: ${role} "${container}" runs a JVM whose ${formatMiB(heap)} maximum heap fills its ${formatBytes(limit)} memory limit${limitNote}, ` +
      `leaving nothing for the memory outside the heap, so the kernel OOM-kills it (exit 137) before the heap can fill; ` +
      `expected: ${budget}. ${capitalise(fixText(percent, replaces, pin, newLimit))}.`,
    expectedOverLimit: (object: string, container: string, role: string, total: number, limit: number, limitNote: string, budget: string, percent: number, replaces: string, pin: string, newLimit: number) =>
      `${object}: ${role} "${container}" runs a JVM that typically needs ${formatMiB(total)}, more than its ${formatBytes(limit)} memory limit${limitNote}, ` +
      `so an OOM kill (exit 137) is likely once the heap fills: ${budget}. ${capitalise(fixText(percent, replaces, pin, newLimit))}.`,
    worstOverLimit: (object: string, container: string, role: string, total: number, limit: number, limitNote: string, budget: string, caps: string, cappedTotal: number, percent: number, replaces: string, newLimit: number) =>
      `${object}: ${role} "${container}" runs a JVM whose worst case, every non-heap region at its cap as the Paketo/Cloud Foundry memory ` +
      `calculator counts it plus the collector and other native memory it leaves out (measured), is ${formatMiB(total)}, more than its ` +
      `${formatBytes(limit)} memory limit${limitNote}, so an OOM kill (exit 137) is possible ` +
      `under load: ${budget}. ` +
      capitalise(caps && cappedTotal <= limit
        ? `cap the regions with ${caps} (worst case then ${formatMiB(cappedTotal)}).`
        : `${caps ? `cap the regions with ${caps} and ` : ''}${fixText(percent, replaces, '', newLimit)}.`),
  },
  check(workload, { options, settings, problem }) {
    // Unset, the worst-case thread count is runtime.jvm.worstCaseThreads (libjvm's 250 by default).
    const defaults = budgetDefaults(settings.jvmBudget, options.worstCaseThreads);
    return lintedContainers(workload).flatMap((c) => {
      const jvm = c.runtime.jvm;
      const limit = jvm && startsUp(jvm) ? jvmLimitOf(workload, c) : undefined;
      if (!jvm || !limit) return [];
      const s = jvm.settings;
      // jvm-ram-percentage-too-high owns an explicit percentage unless the kill is likely.
      const byPercentage = percentageFlag(s, limit.bytes);
      if (!s.maxHeap) {
        // An image that sizes its own heap replaces any percentage with the -Xmx it computes;
        // a default heap is a claim about absent flags, impossible when options are unreadable
        // or when the JVM sizes it from the node's memory.
        if (jvm.managedHeap || !containerAware(jvm) || limit.podLevel) return [];
        if (jvm.incomplete && !byPercentage) return [];
      }
      const expected = jvmBudget(s, limit.bytes, 'expected', defaults);
      const worst = jvmBudget(s, limit.bytes, 'worst', defaults);
      if (!expected || !worst) return [];
      const sizer = heapSizer(s, expected.heap, s.maxRam?.value ?? limit.bytes, byPercentage?.flag);
      const source = sizer?.source ?? limit.source;
      const base = [workload.ref, c.name, roleName(c.role)] as const;
      const extras = { container: c.name };
      if (expected.heap >= limit.bytes || expected.total > limit.bytes) {
        const { percent, replaces } = percentFix(s, limit.bytes, 'expected', defaults, byPercentage?.flag);
        let pin = '';
        let newLimit = limitThatFits(s, expected.total, 'expected', defaults);
        if (newLimit === 0) {
          // The heap grows with the limit (a percentage near 100): raising the limit alone never fits.
          const pinned = pinnedHeap(s, expected.heap, source);
          pin = pinned.maxHeap?.text ?? '';
          newLimit = limitThatFits(pinned, expected.total, 'expected', defaults);
        }
        const budget = budgetText(expected);
        if (expected.heap >= limit.bytes) {
          return [problem('heapAtLimit', [...base, expected.heap, limit.bytes, limit.note, budget, percent, replaces, pin, newLimit], source, extras)];
        }
        return [problem('expectedOverLimit', [...base, expected.total, limit.bytes, limit.note, budget, percent, replaces, pin, newLimit], source, extras)];
      }
      // The worst case counts caps that unreadable options might set: judge it only on complete options.
      if (!options.worstCase || worst.total <= limit.bytes || byPercentage || jvm.incomplete) return [];
      const caps = uncappedRegions(s, worst.heap);
      const capped = withSuggestedCaps(s, caps, source);
      const cappedTotal = jvmBudget(capped, limit.bytes, 'worst', defaults)?.total ?? worst.total;
      const { percent, replaces } = cappedTotal > limit.bytes ? percentFix(capped, limit.bytes, 'worst', defaults, undefined) : { percent: 0, replaces: '' };
      const newLimit = cappedTotal > limit.bytes ? limitThatFits(capped, cappedTotal, 'worst', defaults) : 0;
      const capsText = caps.map((cap) => cap.flag).join(' ');
      const args = [...base, worst.total, limit.bytes, limit.note, budgetText(worst), capsText, cappedTotal, percent, replaces, newLimit] as const;
      return [problem('worstOverLimit', [...args], source, { ...extras, severity: 'warning' })];
    });
  },
});

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
