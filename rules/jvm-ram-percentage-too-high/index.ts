import { roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { jvmBudget } from '../../src/model/runtime/jvm-budget.js';
import { percentText } from '../../src/model/runtime/jvm-heap.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';
import {
  budgetDefaults, budgetText, containerAware, formatMiB, jvmLimitOf, limitThatFits, percentageFlag, percentThatFits, startsUp, uncappedRegions,
  withSuggestedCaps,
} from '../../src/model/runtime/budget-fit.js';

const raise = (limit: number): string => (limit > 0 ? `raise the memory limit to at least ${formatBytes(limit)}` : '');

export default defineRule({
  id: 'jvm-ram-percentage-too-high',
  meta: {
    severity: 'warning',
    summary: 'MaxRAMPercentage leaves less room outside the heap than the JVM can use in the worst case',
    // Lowering the percentage (or capping the regions it names) is the uncapped rule's fix too.
    supersedes: ['jvm-non-heap-uncapped'],
  },
  options: {
    schema: { type: 'object', additionalProperties: false, properties: { worstCaseThreads: { type: 'integer', minimum: 1, maximum: 100000 } } },
    defaults: { worstCaseThreads: undefined as number | undefined },
  },
  messages: {
    tooHigh: (object: string, container: string, role: string, flag: string, percent: number, heap: number, limit: number, limitNote: string, nonHeap: number, budget: string, fits: number, newLimit: number) =>
      `${object}: ${role} "${container}" gives the heap ${percentText(percent)} % (${flag}) of its ${formatBytes(limit)} memory limit${limitNote}, ` +
      `${formatMiB(heap)}, leaving ${formatMiB(limit - heap)} for non-heap memory that can reach ${formatMiB(nonHeap)} when every region ` +
      `is at its cap, so an OOM kill (exit 137) is possible under load: ${budget}. At most ~${fits} % fits with these caps: set ` +
      `-XX:MaxRAMPercentage=${fits}${newLimit > 0 ? `, or ${raise(newLimit)}` : ''}.`,
    nothingFits: (object: string, container: string, role: string, flag: string, percent: number, limit: number, limitNote: string, nonHeap: number, budget: string, caps: string, cappedFits: number, newLimit: number) =>
      `${object}: ${role} "${container}" gives the heap ${percentText(percent)} % (${flag}) of its ${formatBytes(limit)} memory limit${limitNote}, ` +
      `but with every region at its cap the non-heap memory alone can reach ${formatMiB(nonHeap)}, so no MaxRAMPercentage fits and an OOM ` +
      `kill (exit 137) is possible under load: ${budget}. ` +
      (caps
        ? `Cap the regions with ${caps}${cappedFits >= 1 ? `, then set -XX:MaxRAMPercentage=${cappedFits}${newLimit > 0 ? ` or ${raise(newLimit)}` : ''}` : newLimit > 0 ? ` and ${raise(newLimit)}` : ''}.`
        : `${newLimit > 0 ? raise(newLimit).replace(/^r/, 'R') : 'Lower the region caps'}.`),
  },
  check(workload, { options, settings, problem }) {
    // Unset, the worst-case thread count is runtime.jvm.worstCaseThreads (libjvm's 250 by default).
    const defaults = budgetDefaults(settings.jvmBudget, options.worstCaseThreads);
    return lintedContainers(workload).flatMap((c) => {
      const jvm = c.runtime.jvm;
      // Unreadable options may hold -Xmx (which overrides the percentage) or caps; an image that
      // sizes its own heap replaces the percentage with the -Xmx it computes.
      if (!jvm || !startsUp(jvm) || jvm.incomplete || jvm.managedHeap || !containerAware(jvm)) return [];
      const limit = jvmLimitOf(workload, c);
      const byPercentage = limit && percentageFlag(jvm.settings, limit.bytes);
      // A pod-level limit is not the container cgroup the JVM reads its percentage of.
      if (!limit || limit.podLevel || !byPercentage) return [];
      const s = jvm.settings;
      const expected = jvmBudget(s, limit.bytes, 'expected', defaults);
      const worst = jvmBudget(s, limit.bytes, 'worst', defaults);
      // A likely kill (the expected budget over the limit) is jvm-heap-exceeds-limit's error.
      if (!expected || !worst || expected.heap >= limit.bytes || expected.total > limit.bytes || worst.total <= limit.bytes) return [];
      const { flag, percent } = byPercentage;
      const flagText = `${flag.text}, ${flag.origin}`;
      const base = [workload.ref, c.name, roleName(c.role), flagText, percent] as const;
      const extras = { container: c.name };
      const fits = percentThatFits(s, limit.bytes, 'worst', defaults);
      if (fits >= 1) {
        const newLimit = limitThatFits(s, worst.total, 'worst', defaults);
        return [problem('tooHigh', [...base, worst.heap, limit.bytes, limit.note, worst.nonHeap, budgetText(worst), fits, newLimit], flag.source, extras)];
      }
      const caps = uncappedRegions(s, worst.heap);
      const capped = withSuggestedCaps(s, caps, flag.source);
      const cappedFits = percentThatFits(capped, limit.bytes, 'worst', defaults);
      const newLimit = limitThatFits(capped, limit.bytes, 'worst', defaults);
      const capsText = caps.map((cap) => cap.flag).join(' ');
      return [problem('nothingFits', [...base, limit.bytes, limit.note, worst.nonHeap, budgetText(worst), capsText, cappedFits, newLimit], flag.source, extras)];
    });
  },
});
