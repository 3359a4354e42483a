import { floorMiB, roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { describeBound, memoryBoundOf } from '../../src/model/memory-bound.js';
import { dotnetDefaultHeapHardLimit, type DotnetHeapSetting } from '../../src/model/runtime/dotnet.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';

const MiB = 2 ** 20;


/** What the runtime does with a percentage it read: ignore it, fail to start, or apply it. */
type PercentEffect = 'ignored' | 'fatal' | 'applied';

const originText = (origin: string) => (origin === 'env' ? 'in env' : `from ${origin}`);
const hex = (bytes: number) => `0x${bytes.toString(16).toUpperCase()}`;
/** The fix for a hard limit that does not fit: the runtime's own default, max(20 MiB, 75 % of the limit), in whole MiB. */
const fittingLimit = (limit: number) => floorMiB(dotnetDefaultHeapHardLimit(limit) ?? 0);

export default defineRule({
  id: 'dotnet-heap-limit-suspicious',
  meta: {
    severity: 'error',
    summary: 'A .NET GC heap limit in the environment is read as hexadecimal, or lets the heap outgrow the memory limit',
    // The hex reading is the image's problem as much as the pod's; limit comparisons need a pod.
    targets: ['pod', 'image'],
  },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: {
    hexPercent: (object: string, container: string, role: string, name: string, text: string, origin: string, read: number, meant: number, suggestion: string, effect: PercentEffect) =>
      `${object}: ${role} "${container}" sets ${name}="${text}" ${originText(origin)}; the runtime reads environment values as ` +
      `hexadecimal, so that is 0x${text.trim()} = ${read} %, ` +
      (effect === 'ignored'
        ? 'which is not below 100: the runtime ignores it and keeps its default (75 % of the memory limit)'
        : effect === 'fatal'
          ? 'which is not below 100: GC initialisation fails and the runtime does not start'
          : `not ${meant} %: the GC heap is capped at ${read} % of the memory limit`) +
      `; for ${meant} % write ${name}=${suggestion}`,
    hexBytes: (object: string, container: string, role: string, name: string, text: string, origin: string, read: number, meant: number, suggestion: string, limit?: number) =>
      `${object}: ${role} "${container}" sets ${name}="${text}" ${originText(origin)}; the runtime reads environment values as ` +
      `hexadecimal, so that is 0x${text.trim()} bytes (${formatBytes(read)}), not ${formatBytes(meant)}; ` +
      (limit !== undefined && meant >= limit
        ? `even ${formatBytes(meant)} is not below the ${formatBytes(limit)} memory limit, so write ${name}=${hex(fittingLimit(limit))} ` +
          `(${formatBytes(fittingLimit(limit))}, 75 % of the limit, the runtime's default)`
        : `for ${formatBytes(meant)} write ${name}=${suggestion}`),
    aboveLimit: (object: string, container: string, role: string, name: string, text: string, origin: string, bytes: number, limit: number, limitFrom: string) =>
      `${object}: ${role} "${container}" sets ${name}="${text}" ${originText(origin)}, a ${formatBytes(bytes)} GC heap hard limit ` +
      `that is not below ${describeBound(limit, limitFrom)}: the GC measures its memory load against that hard limit, so the heap ` +
      `can grow until the kernel OOM-kills the container (exit 137) before the GC collects harder or throws OutOfMemoryException; write ${name}=${hex(fittingLimit(limit))} ` +
      `(${formatBytes(fittingLimit(limit))}, 75 % of the limit, the runtime's default) or remove it`,
  },
  check(workload, { problem }) {
    return lintedContainers(workload).flatMap((c) => {
      const env = new Map(c.env.map((v) => [v.name, v]));
      // Linux environment names are case-sensitive: a misspelled name is ignored by the runtime
      // (another finding), and DOTNET_x takes precedence over COMPlus_x (CLRConfig).
      const spelled = (s: DotnetHeapSetting) => s.name === `DOTNET_${s.setting}` || s.name === `COMPlus_${s.setting}`;
      const all = (c.runtime.dotnet ?? []).filter((s) => s.from === 'environment' && spelled(s));
      const settings = all.filter((s) => s.name.startsWith('DOTNET_') || !all.some((d) => d.name === `DOTNET_${s.setting}` && d.text !== ''));
      const role = roleName(c.role);
      const bound = memoryBoundOf(workload, c);
      const at = { container: c.name };
      const origin = (s: DotnetHeapSetting) => env.get(s.name)?.origin ?? 'env';
      // compute_hard_limit (gc.cpp): per-object-heap byte limits replace GCHeapHardLimit.
      const perObjectHeap = settings.some((s) => /^GCHeapHardLimit[SLP]OH$/.test(s.setting) && s.effective);
      const out = [];
      for (const s of settings) {
        const base = [workload.ref, c.name, role, s.name, s.text, origin(s)] as const;
        const hexConfusion = s.looksDecimal && s.readAsHex && s.suggestion !== undefined;
        if (hexConfusion && s.percent) {
          const effect: PercentEffect = s.value < 100 ? 'applied' : s.setting === 'GCHeapHardLimitPercent' ? 'ignored' : 'fatal';
          out.push(problem('hexPercent', [...base, s.value, s.decimalReading, s.suggestion as string, effect], s.source, at));
          continue;
        }
        // A hex reading that is a whole number of MiB (`20000000` = 0x20000000 = 512Mi) may well be
        // meant as hex, as the docs write it; digits typed as decimal bytes almost never are.
        if (hexConfusion && s.value % MiB !== 0) {
          const limit = s.setting === 'GCHeapHardLimit' ? bound?.value : undefined;
          out.push(problem('hexBytes', [...base, s.value, s.decimalReading, s.suggestion as string, limit], s.source, at));
          continue;
        }
        if (s.setting === 'GCHeapHardLimit' && s.effective && !perObjectHeap && bound && s.value >= bound.value)
          out.push(problem('aboveLimit', [...base, s.value, bound.value, bound.from], s.source, { ...at, severity: 'warning' }));
      }
      return out;
    });
  },
});
