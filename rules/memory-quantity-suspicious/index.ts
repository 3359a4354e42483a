import { formatBytes } from '../../src/model/quantity.js';
import { defineRule } from '../../src/rule.js';
import { memoryQuantities, type QuantityRole } from '../../src/model/memory-quantities.js';
import { isRejected } from '../../src/model/resources.js';

/**
 * Up to this many units, a bare number or a milli/micro/nano value reads as a size whose unit
 * was lost or mistyped (65536Mi = 64Gi); a larger number was meant as a byte count (VPA writes
 * computed limits such as `731815514666m`, ≈698Mi, on purpose).
 */
const MAX_UNIT_GUESS = 65536;
/** Container memory under 32Mi is rare, so a bare number below 32 (`memory: 2`) more likely lost a `Gi`. */
const GIB_GUESS_BELOW = 32;
const SUB_BYTE = { m: 'milli (1/1000), not mega', u: 'micro (1/10^6)', n: 'nano (1/10^9)' } as const;

/** `2Mi`, `100000 bytes`, or `1e6 (≈976.6Ki)` when the manifest spells it differently. */
function sized(raw: string, bytes: number): string {
  const ours = formatBytes(bytes);
  const written = raw.trim();
  return ours === written || ours.startsWith(`${written} `) ? ours : `${written} (${ours})`;
}

const ROUNDED = 'Kubernetes rounds memory up to whole bytes';
/** What a value of `bytes` (rounded up, ≥ 1) does in each place. */
function consequence(role: QuantityRole, bytes: number): string {
  const size = `${bytes}-byte`;
  switch (role) {
    case 'limit':
      return `the container gets a ${size} memory limit and cannot start`;
    case 'podLimit':
      return `the pod gets a ${size} memory limit and none of its containers can start`;
    case 'request':
    case 'podRequest':
      return `the scheduler reserves ${formatBytes(bytes)} for it`;
    case 'overhead':
      return `the pod's overhead is ${formatBytes(bytes)}`;
    case 'sizeLimit':
      return `the volume's size limit is ${formatBytes(bytes)}`;
  }
}

export default defineRule({
  id: 'memory-quantity-suspicious',
  meta: { severity: 'error', summary: 'A legal memory quantity that is almost certainly a typo (512m, memory: 512, Mi)' },
  options: {
    schema: { type: 'object', additionalProperties: false, properties: { minBytes: { type: 'integer', minimum: 0 } } },
    defaults: { minBytes: 4 * 2 ** 20 },
  },
  messages: {
    noNumber: (object: string, subject: string, raw: string) =>
      `${object}: ${subject} is ${JSON.stringify(raw)}, which has no number, so Kubernetes reads it as 0 ` +
      `(the number was probably lost, e.g. an empty template variable); write the full size, like 512Mi`,
    zeroLimit: (object: string, subject: string, raw: string) =>
      `${object}: ${subject} is ${raw}, which is not a limit: the kubelet and the container runtime treat a zero memory limit as unset, ` +
      `so nothing bounds the container by it; set a real limit, 1.5–2× the container's peak usage, or delete the line if none is meant`,
    subByteUnit: (object: string, subject: string, raw: string, unit: 'm' | 'u' | 'n', value: number, bytes: number, role: QuantityRole, suggestion: string) =>
      `${object}: ${subject} is ${raw}: "${unit}" means ${SUB_BYTE[unit]}, so this is ${formatBytes(value)}; ` +
      `${ROUNDED}, so ${consequence(role, bytes)}. Did you mean ${suggestion}?`,
    bareNumber: (object: string, subject: string, raw: string, value: number, role: QuantityRole, suggestion: string) =>
      `${object}: ${subject} is ${raw} with no unit, which Kubernetes reads as ${value} ${value === 1 ? 'byte' : 'bytes'}, ` +
      `so ${consequence(role, Math.ceil(value))}. Did you mean ${suggestion}?`,
    limitTooSmall: (object: string, subject: string, raw: string, bytes: number, minBytes: number) =>
      `${object}: ${subject} is ${sized(raw, bytes)}, below ${formatBytes(minBytes)}: too little for a container to start reliably ` +
      `(runc's init process is charged to the limit, and CRI-O refuses limits under 12Mi); ` +
      `set it to the peak usage plus headroom, at least ${formatBytes(minBytes)}`,
    requestTooSmall: (object: string, subject: string, raw: string, bytes: number, minBytes: number) =>
      `${object}: ${subject} is ${sized(raw, bytes)}, below ${formatBytes(minBytes)}: almost certainly less than the real usage, ` +
      `so the scheduler reserves too little and the pod is among the first evicted under node memory pressure; ` +
      `set it to the typical usage, at least ${formatBytes(minBytes)}`,
    fractional: (object: string, subject: string, raw: string, value: number, bytes: number) =>
      `${object}: ${subject} is ${raw} = ${value} bytes, not a whole number; ${ROUNDED}, so write ${bytes} (${formatBytes(bytes)})`,
  },
  check(workload, { options, problem }) {
    const { minBytes } = options;
    return memoryQuantities(workload).flatMap(({ field, role, subject, container, request }) => {
      const q = field.quantity;
      // Rejected values are memory-quantity-invalid's alone: never two findings for one value.
      if (isRejected(field) || !q.ok || !Number.isFinite(q.value)) return [];
      const extras = container !== undefined ? { container } : {};
      const { raw, source } = field;
      const args = [workload.ref, subject, raw] as const;
      // The number as written, for suggestions (`1.` → `1`: Go accepts a bare trailing point).
      const number = raw.trim().slice(0, raw.trim().length - q.suffix.length).replace(/\.$/, '');
      const units = Math.abs(Number(number));

      // Go's scanner takes `Mi`, `Gi`, `m` with no digits as 0 (quantity.ts header).
      if (!/[0-9]/.test(raw)) return [problem('noNumber', [...args], source, extras)];
      if (q.value === 0) {
        // Zero is "not set": a 0 request reserves nothing (legal, deliberate); the kubelet treats a
        // 0 memory limit as no limit (ResourceConfigForPod: IsZero → not declared; CRI 0 = unlimited).
        // With a nonzero or invalid request beside it the API rejects the pod anyway (reported by
        // memory-limit-below-request / this rule's sibling). A zero pod-level limit, and a zero
        // sizeLimit (emptydir-memory-unbounded's finding), are left alone.
        const rejectedAnyway = request !== undefined && (!request.quantity.ok || request.wrongType === true || request.quantity.value !== 0);
        return role === 'limit' && !rejectedAnyway ? [problem('zeroLimit', [...args], source, extras)] : [];
      }
      if ((q.suffix === 'm' || q.suffix === 'u' || q.suffix === 'n') && units <= MAX_UNIT_GUESS) {
        return [problem('subByteUnit', [...args, q.suffix, q.value, q.bytes, role, `${number}Mi`], source, extras)];
      }
      if (q.suffix === '' && units <= MAX_UNIT_GUESS) {
        const unit = units < GIB_GUESS_BELOW || !Number.isInteger(units) ? 'Gi' : 'Mi';
        return [problem('bareNumber', [...args, q.value, role, `${number}${unit}`], source, extras)];
      }
      // A minimum makes sense for what a process needs (limits, requests), not for a volume
      // (`sizeLimit: 1Mi` for a socket or lock directory is real and fine) or RuntimeClass overhead.
      if (q.bytes < minBytes && (role === 'limit' || role === 'podLimit')) {
        return [problem('limitTooSmall', [...args, q.bytes, minBytes], source, extras)];
      }
      if (q.bytes < minBytes && (role === 'request' || role === 'podRequest')) {
        return [problem('requestTooSmall', [...args, q.bytes, minBytes], source, extras)];
      }
      // Harmless (rounded up by under a byte) but not what the manifest says: a warning at most.
      if (!q.isWhole) return [problem('fractional', [...args, q.value, q.bytes], source, { ...extras, severity: 'warning' })];
      return [];
    });
  },
});
