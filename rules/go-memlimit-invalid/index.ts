import { floorMiB, roleName } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { memoryBoundOf } from '../../src/model/memory-bound.js';
import { lintedContainers, type Container, type Workload } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';

const MiB = 2 ** 20;

/**
 * Below this a GOMEMLIMIT cannot be a real limit: a Go program's runtime alone (heap arenas,
 * stacks, metadata) is a few MiB, so the GC runs back to back (capped at ~50 % CPU by the
 * runtime's death-spiral guard) and the limit is exceeded anyway. A bare number this small was
 * meant in MiB (or was divided by a downward-API divisor).
 */
const MIN_PLAUSIBLE_BYTES = 4 * MiB;

/** Same headroom go-memlimit-exceeds-limit asks for: GOMEMLIMIT covers Go-managed memory only. */
const SUGGESTED_FRACTION = 0.9;

/** The container's memory bound in bytes (see memoryBoundOf). */
function boundOf(workload: Workload, c: Container): number | undefined {
  return memoryBoundOf(workload, c)?.value;
}

const originText = (origin: string) => (origin === 'env' ? 'in env' : `from ${origin}`);
/** `460MiB (90 % of the 512Mi memory limit)`, or undefined without a limit. */
const fromLimit = (limit: number | undefined) =>
  limit === undefined ? undefined : `${floorMiB(limit * SUGGESTED_FRACTION) / MiB}MiB (90 % of the ${formatBytes(limit)} memory limit)`;

export default defineRule({
  id: 'go-memlimit-invalid',
  meta: {
    severity: 'error',
    summary: 'GOMEMLIMIT is malformed (the Go runtime aborts at start-up) or so small that the GC never stops',
    // The syntax is the image's problem as much as the pod's.
    targets: ['pod', 'image'],
  },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: {
    malformed: (object: string, container: string, role: string, text: string, origin: string, reason: string, suggestion?: string, limit?: number) =>
      `${object}: ${role} "${container}" cannot start because of GOMEMLIMIT="${text}" ${originText(origin)}: ${reason}; ` +
      (suggestion !== undefined
        ? `set GOMEMLIMIT=${suggestion}`
        : `write a whole number with a binary unit, GOMEMLIMIT=${fromLimit(limit) ?? '460MiB for a 512Mi limit (90 %)'}, or "off"`),
    unitLost: (object: string, container: string, role: string, text: string, origin: string, limit?: number) =>
      `${object}: ${role} "${container}" gets GOMEMLIMIT="${text}" ${originText(origin)}, a number without a unit, which Go reads ` +
      `as ${formatBytes(Number(text))}: the garbage collector runs back to back (the runtime lets it take up to half the CPU) trying to stay under it; ` +
      (origin.includes('divisor')
        ? `a downward-API divisor drops the unit Go needs, so set a literal GOMEMLIMIT=${fromLimit(limit) ?? `${text}MiB`} instead`
        : `write the unit, e.g. GOMEMLIMIT=${fromLimit(limit) ?? `${text}MiB`}`),
    zero: (object: string, container: string, role: string, text: string, origin: string, limit?: number) =>
      `${object}: ${role} "${container}" sets GOMEMLIMIT="${text}" ${originText(origin)}, a soft limit of 0 bytes: the garbage ` +
      `collector runs continuously (up to half the CPU); set GOMEMLIMIT=${fromLimit(limit) ?? '460MiB for a 512Mi limit (90 %)'} or "off"`,
  },
  check(workload, { problem }) {
    return lintedContainers(workload).flatMap((c) => {
      const go = c.runtime.go;
      // `unbounded` (limits.memory with no limit) has no text: go-memlimit-exceeds-limit's finding.
      if (!go || go.unbounded) return [];
      const role = roleName(c.role);
      const limit = boundOf(workload, c);
      const at = { container: c.name };
      const m = go.memLimit;
      if (!m.ok) return [problem('malformed', [workload.ref, c.name, role, m.text, go.origin, m.reason, m.suggestion, limit], go.source, at)];
      if (m.bytes === 0) return [problem('zero', [workload.ref, c.name, role, m.text, go.origin, limit], go.source, at)];
      // A bare number is bytes to Go (runtime parseByteCount). A downward-API value with a divisor
      // (`divisor: 1Mi` gives "512" for 512Mi) is always a bare number in the divisor's unit.
      const bare = /^[0-9]+$/.test(m.text);
      if (bare && (go.origin.includes('divisor') || m.bytes < MIN_PLAUSIBLE_BYTES))
        return [problem('unitLost', [workload.ref, c.name, role, m.text, go.origin, limit], go.source, at)];
      return [];
    });
  },
});
