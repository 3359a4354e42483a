import { ceilMiB, roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { HOTSPOT_DEFAULT_MAX_RAM, flagBasis, percentText } from '../../src/model/runtime/jvm-heap.js';
import type { JvmSettings } from '../../src/model/runtime/jvm-flags.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';
import { jdkSupportOf } from '../../src/model/runtime/jdk-support.js';

/** What the JVM ignores: "the 512Mi memory limit (the default of LimitRange shop/defaults)", or any limit, for an image. */
const limitText = (limit: number | undefined, limitRange: string | undefined) =>
  limit === undefined ? "the container's memory limit" : `the ${formatBytes(limit)} memory limit${limitRange ? ` (the default of ${limitRange})` : ''}`;

/** What sizing from the node means: the heap share of the node, or, with a pinned heap, the threads. */
const consequence = (share: number, exceedsAbove: number | undefined, pinned: string | undefined) =>
  pinned
    ? `${pinned} fixes the heap, but GC and compiler threads and the CPU count still follow the node`
    : `its heap becomes ${percentText(share)} % of the node's memory` +
      (exceedsAbove === undefined ? ', not of the limit' : `, more than the limit on any node with over ${formatBytes(exceedsAbove)}, so the container is OOM-killed as the heap grows`);

/** HotSpot's MaxRAMPercentage as set (or 100 / MaxRAMFraction), default 25 (gc_globals.hpp). */
const heapShare = (s: JvmSettings) => s.maxRamPercentage?.value ?? (s.maxRamFraction ? 100 / s.maxRamFraction.value : 25);

/**
 * The node size above which that heap exceeds the limit. Undefined beyond 128 GiB: HotSpot's
 * default MaxRAM caps the memory it sizes from there (c2_globals_x86.hpp), so the claim may not hold.
 */
function exceedsAbove(limit: number | undefined, share: number): number | undefined {
  const node = limit === undefined || share <= 0 ? undefined : ceilMiB((limit * 100) / share);
  return node !== undefined && node <= HOTSPOT_DEFAULT_MAX_RAM ? node : undefined;
}

export default defineRule({
  id: 'jvm-not-container-aware',
  meta: {
    severity: 'warning',
    summary: "The image's JDK cannot read the container's memory limit (before 8u191, or cgroup v1 only), or container support is turned off",
    // The JDK is a property of the image: a Dockerfile with an old FROM is wrong for every container.
    targets: ['pod', 'image'],
  },
  options: {
    schema: { type: 'object', additionalProperties: false, properties: { cgroupV1Nodes: { type: 'boolean' } } },
    defaults: { cgroupV1Nodes: false },
  },
  messages: {
    noContainerSupport: (object: string, subject: string, image: string, version: string, note: string, limit: number | undefined, limitRange: string | undefined,
      share: number, above: number | undefined, pinned: string | undefined, experimental: boolean, fix: string) =>
      `${object}: ${subject} runs ${image}, JDK ${version}${note ? ` (${note})` : ''}, which predates container support (8u191, JDK 10), ` +
      `so the JVM ignores ${limitText(limit, limitRange)} and sizes itself from the node: ${consequence(share, above, pinned)}; use ${fix}` +
      (experimental ? "; this JDK's experimental -XX:+UnlockExperimentalVMOptions -XX:+UseCGroupMemoryLimitForHeap sizes only the heap, and only on cgroup v1" : '') +
      '.',
    noCgroupV2Support: (object: string, subject: string, image: string, version: string, note: string, limit: number | undefined, limitRange: string | undefined,
      share: number, above: number | undefined, pinned: string | undefined, fix: string) =>
      `${object}: ${subject} runs ${image}, JDK ${version}${note ? ` (${note})` : ''}, which reads container limits from cgroup v1 only; ` +
      `on cgroup v2 nodes (the default on current distributions; kubelet 1.35+ refuses v1 unless failCgroupV1 is false) ` +
      `it ignores ${limitText(limit, limitRange)} and sizes itself from the node: ${consequence(share, above, pinned)}; use ${fix}.`,
    containerSupportDisabled: (object: string, subject: string, flag: string, limit: number | undefined, limitRange: string | undefined, share: number, above: number | undefined, pinned: string | undefined) =>
      `${object}: ${subject} sets ${flag}, so the JVM ignores ${limitText(limit, limitRange)} and sizes itself from the node: ` +
      `${consequence(share, above, pinned)}; remove the flag (container support is on by default since JDK 10 and 8u191).`,
  },
  check(workload, { options, problem }) {
    const image = workload.kind === 'Dockerfile';
    return lintedContainers(workload).flatMap((c) => {
      const jvm = c.runtime.jvm;
      const limit = c.effective.memory.limit;
      // Without a container limit there is nothing to ignore: a container-aware JVM sizes itself
      // from the node too (a pod-level limit is not in the container's own cgroup files either).
      // A Dockerfile has no limit yet, but every container that runs the image will.
      if (!jvm || (!limit && !image)) return [];
      const s = jvm.settings;
      const limitRange = limit?.origin.kind === 'limitrange' ? limit.origin.limitRange : undefined;
      const pinnedFlag = s.maxHeap ?? s.maxRam;
      const share = heapShare(s);
      const common = [limit?.value, limitRange, share, exceedsAbove(limit?.value, share), pinnedFlag && flagBasis(pinnedFlag)] as const;
      const subject = image ? 'the image' : `${roleName(c.role)} "${c.name}"`;
      const extras = { container: c.name };
      const problems = [];

      const jdk = jvm.jdk;
      const known = jdk && jdkSupportOf(jdk);
      if (jdk && known?.support === 'none') {
        problems.push(problem('noContainerSupport', [workload.ref, subject, jdk.image, known.version, known.note, ...common, known.experimental, known.fix], jdk.source, extras));
      } else if (jdk && known?.support === 'cgroupV1' && !options.cgroupV1Nodes) {
        problems.push(problem('noCgroupV2Support', [workload.ref, subject, jdk.image, known.version, known.note, ...common, known.fix], jdk.source, extras));
      }
      // -XX:-UseContainerSupport is only a flag where it exists (8u191+, 10+); older JDKs refuse it.
      const off = s.useContainerSupport;
      if (off && !off.value && known?.support !== 'none') {
        problems.push(problem('containerSupportDisabled', [workload.ref, subject, flagBasis(off), ...common], off.source, extras));
      }
      return problems;
    });
  },
});
