import { roleName } from '../../src/model/describe.js';
import { memoryQuantities } from '../../src/model/memory-quantities.js';
import { parseQuantity } from '../../src/model/quantity.js';
import { isRejected } from '../../src/model/resources.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';

// Every variant ends the same way: the API server validates the whole object, so one bad
// quantity makes `kubectl apply` (and Helm, Argo CD, Flux) fail for all of it.
const REJECTED = 'The API server rejects the whole object, so kubectl apply fails until this is fixed.';

export default defineRule({
  id: 'memory-quantity-invalid',
  meta: { severity: 'error', summary: 'A memory quantity the API server rejects (1g, 512MB, -1Gi, true)' },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: {
    invalid: (object: string, subject: string, reason: string) => `${object}: ${subject}: ${reason}. ${REJECTED}`,
    invalidDidYouMean: (object: string, subject: string, reason: string, suggestion: string) =>
      `${object}: ${subject}: ${reason}; did you mean ${suggestion}? ${REJECTED}`,
    wrongType: (object: string, subject: string, raw: string) =>
      `${object}: ${subject} is the YAML boolean ${raw}, not a quantity; write a size such as 512Mi. ${REJECTED}`,
    wrongShape: (object: string, owner: string, path: string, found: string) =>
      `${object}: ${owner}${path} is ${found}, but the API expects ${path.endsWith('.memory') ? 'a quantity such as 512Mi' : 'a map (e.g. memory: 512Mi)'}; ` +
      `oomlint reads it as absent. ${REJECTED}`,
    negative: (object: string, subject: string, raw: string, suggestion: string) =>
      `${object}: ${subject} is ${JSON.stringify(raw)}, a negative quantity, and memory quantities must be ≥ 0; ` +
      `did you mean ${suggestion}? ${REJECTED}`,
  },
  check(workload, { problem }) {
    const shapes = [
      ...workload.podResources.malformed.map((m) => problem('wrongShape', [workload.ref, 'pod-level spec.', m.path, m.found], m.source)),
      ...lintedContainers(workload).flatMap((c) =>
        c.resources.malformed.map((m) => problem('wrongShape', [workload.ref, `${roleName(c.role)} "${c.name}" `, m.path, m.found], m.source, { container: c.name })),
      ),
    ];
    return shapes.concat(memoryQuantities(workload).flatMap(({ field, subject, container }) => {
      if (!isRejected(field)) return [];
      const extras = container !== undefined ? { container } : {};
      const args = [workload.ref, subject] as const;
      const q = field.quantity;
      // A YAML boolean (`memory: true`) reaches Quantity's JSON decoder as `true`, which never parses.
      if (field.wrongType) return [problem('wrongType', [...args, field.raw], field.source, extras)];
      if (!q.ok) {
        if (q.suggestion === undefined) return [problem('invalid', [...args, q.reason], field.source, extras)];
        return [problem('invalidDidYouMean', [...args, q.reason, q.suggestion], field.source, extras)];
      }
      // ValidateNonnegativeQuantity ("must be greater than or equal to 0") for requests, limits,
      // pod-level resources and overhead; emptyDir sizeLimit: "must be a valid resource quantity".
      return [problem('negative', [...args, field.raw, positive(field.raw)], field.source, extras)];
    }));
  },
});

/** `-1Gi` → `1Gi`: the same size without the sign (JSON decoding trims surrounding spaces first). */
function positive(raw: string): string {
  const unsigned = raw.trim().replace(/^-/, '');
  return parseQuantity(unsigned).ok ? unsigned : '512Mi';
}
