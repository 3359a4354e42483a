import type { LimitRange, LimitRangeItem } from '../../src/model/limitrange.js';
import { ceilMiB, floorMiB } from '../../src/model/describe.js';
import { formatBytes } from '../../src/model/quantity.js';
import { valueOf } from '../../src/model/resources.js';
import { lintedContainers } from '../../src/model/workload.js';
import { defineRule, type ProblemOf, type RuleContext } from '../../src/rule.js';
import { containerSubject, hasInvalidMemory, podSubject, type Subject } from './subject.js';

// Container findings name the container; pod findings (type: Pod) name the containers' totals.
const MI = 2 ** 20;
const scope = (c: string | undefined) => (c === undefined ? 'Pod' : 'Container');
const key = (c: string | undefined, field: 'requests' | 'limits') => (c === undefined ? `the containers' ${field}.memory` : `${field}.memory`);
const has = (role: string, c: string | undefined, what: 'request' | 'limit') =>
  c === undefined ? `the pod's containers have a total memory ${what} of` : `${role} "${c}" has a memory ${what} of`;
const none = (role: string, c: string | undefined, what: 'request' | 'limit') =>
  c === undefined ? `no container sets a memory ${what}` : `${role} "${c}" sets no memory ${what}`;
const amount = (value: number, note: string) => `${formatBytes(value)}${note ? ` (${note})` : ''}`;
const head = (object: string, lr: string) => `${object}: ${lr} rejects the pod at admission:`;
// Fixes in whole MiB: the smallest request, and the largest limit, that satisfy the ratio.
const minRequest = (limit: number, ratio: number) => formatBytes(ceilMiB(limit / ratio));
const maxLimit = (request: number, ratio: number) => formatBytes(request * ratio >= MI ? floorMiB(request * ratio) : Math.floor(request * ratio));

const messages = {
  requestBelowMin: (object: string, role: string, c: string | undefined, request: number, note: string, min: number, lr: string) =>
    `${head(object, lr)} ${has(role, c, 'request')} ${amount(request, note)}, below the ${scope(c)} min of ${formatBytes(min)}; raise ${key(c, 'requests')} to at least ${formatBytes(min)}`,
  limitBelowMin: (object: string, role: string, c: string | undefined, limit: number, note: string, min: number, lr: string) =>
    `${head(object, lr)} ${has(role, c, 'limit')} ${amount(limit, note)}, below the ${scope(c)} min of ${formatBytes(min)}; raise ${key(c, 'limits')} to at least ${formatBytes(min)}`,
  requestMissingForMin: (object: string, role: string, c: string | undefined, min: number, lr: string) =>
    `${head(object, lr)} ${none(role, c, 'request')}, but the ${scope(c)} min is ${formatBytes(min)} ("no request is specified"); set ${key(c, 'requests')} to at least ${formatBytes(min)}`,
  limitAboveMax: (object: string, role: string, c: string | undefined, limit: number, note: string, max: number, lr: string) =>
    `${head(object, lr)} ${has(role, c, 'limit')} ${amount(limit, note)}, above the ${scope(c)} max of ${formatBytes(max)}; lower ${key(c, 'limits')} to at most ${formatBytes(max)}, or have the max raised`,
  requestAboveMax: (object: string, role: string, c: string | undefined, request: number, note: string, max: number, lr: string) =>
    `${head(object, lr)} ${has(role, c, 'request')} ${amount(request, note)}, above the ${scope(c)} max of ${formatBytes(max)}; lower ${key(c, 'requests')} to at most ${formatBytes(max)}`,
  limitMissingForMax: (object: string, role: string, c: string | undefined, max: number, lr: string) =>
    `${head(object, lr)} ${none(role, c, 'limit')}, but the ${scope(c)} max is ${formatBytes(max)} ("no limit is specified"); set ${key(c, 'limits')} to at most ${formatBytes(max)}`,
  ratioAboveMax: (object: string, role: string, c: string | undefined, limit: number, limitNote: string, request: number, requestNote: string, maxRatio: number, lr: string) =>
    `${head(object, lr)} ${has(role, c, 'limit')} ${amount(limit, limitNote)}, ${Math.round((limit / request) * 100) / 100}× the request of ` +
    `${amount(request, requestNote)}, above the ${scope(c)} maxLimitRequestRatio of ${maxRatio}; raise ${key(c, 'requests')} to at least ` +
    `${minRequest(limit, maxRatio)} or lower ${key(c, 'limits')} to at most ${maxLimit(request, maxRatio)}`,
  ratioNeedsRequest: (object: string, role: string, c: string | undefined, maxRatio: number, lr: string, limit: number | undefined) =>
    `${head(object, lr)} the ${scope(c)} maxLimitRequestRatio of ${maxRatio} needs a non-zero memory request, and ${none(role, c, 'request')} above 0; ` +
    `set ${key(c, 'requests')} to at least ${limit !== undefined ? minRequest(limit, maxRatio) : `1/${maxRatio} of the limit`}`,
  ratioNeedsLimit: (object: string, role: string, c: string | undefined, maxRatio: number, lr: string, request: number | undefined) =>
    `${head(object, lr)} the ${scope(c)} maxLimitRequestRatio of ${maxRatio} needs a non-zero memory limit, and ${none(role, c, 'limit')} above 0; ` +
    `set ${key(c, 'limits')} to at most ${request !== undefined ? maxLimit(request, maxRatio) : `${maxRatio}× the request`}`,
};

type Problem = ProblemOf<typeof messages>;

/** One LimitRange item against one subject, in LimitRanger's order; each constraint fails at most once. */
function violations(s: Subject, item: LimitRangeItem, lr: LimitRange, object: string, problem: RuleContext<object, typeof messages>['problem']): Problem[] {
  const out: Problem[] = [];
  const extras = s.container === undefined ? {} : { container: s.container };
  const { request: req, limit: lim, container: c, role } = s;
  const min = valueOf(item.min.memory);
  const max = valueOf(item.max.memory);
  const ratio = valueOf(item.maxLimitRequestRatio.memory);
  // minConstraint: no request, then request < min, then limit < min.
  if (min !== undefined) {
    if (!req) out.push(problem('requestMissingForMin', [object, role, c, min, lr.ref], s.requestSource, extras));
    else if (req.value < min) out.push(problem('requestBelowMin', [object, role, c, req.value, req.note, min, lr.ref], s.requestSource, extras));
    else if (lim && lim.value < min) out.push(problem('limitBelowMin', [object, role, c, lim.value, lim.note, min, lr.ref], s.limitSource, extras));
  }
  // maxConstraint: no limit, then limit > max, then request > max.
  if (max !== undefined) {
    if (!lim) out.push(problem('limitMissingForMax', [object, role, c, max, lr.ref], s.limitSource, extras));
    else if (lim.value > max) out.push(problem('limitAboveMax', [object, role, c, lim.value, lim.note, max, lr.ref], s.limitSource, extras));
    else if (req && req.value > max) out.push(problem('requestAboveMax', [object, role, c, req.value, req.note, max, lr.ref], s.requestSource, extras));
  }
  // limitRequestRatioConstraint compares limit/request × 1000 with the ratio's MilliValue (rounded up).
  if (ratio !== undefined) {
    if (!req || req.value === 0) out.push(problem('ratioNeedsRequest', [object, role, c, ratio, lr.ref, lim?.value || undefined], s.requestSource, extras));
    else if (!lim || lim.value === 0) out.push(problem('ratioNeedsLimit', [object, role, c, ratio, lr.ref, req.value], s.limitSource, extras));
    else if ((lim.value / req.value) * 1000 > Math.ceil(Math.round(ratio * 1e9) / 1e6)) {
      out.push(problem('ratioAboveMax', [object, role, c, lim.value, lim.note, req.value, req.note, ratio, lr.ref], s.ratioSource, extras));
    }
  }
  return out;
}

export default defineRule({
  id: 'limitrange-violation',
  meta: { severity: 'error', summary: 'A container or pod breaks a LimitRange memory constraint, so admission rejects the pod' },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages,
  check(workload, { problem }) {
    if (workload.limitRanges.length === 0) return [];
    const all = lintedContainers(workload);
    const containers = all.filter((c) => !hasInvalidMemory(c));
    // Pod-level resources (KEP-2837) are newer than LimitRanger's pod sums: stay silent rather than guess.
    const podLevel = workload.podResources.memory.request !== undefined || workload.podResources.memory.limit !== undefined;
    const pod = containers.length === all.length && !podLevel ? podSubject(workload, containers) : undefined;
    const out: Problem[] = [];
    for (const lr of workload.limitRanges) {
      for (const item of lr.items) {
        if (item.type === 'Container') for (const c of containers) out.push(...violations(containerSubject(c), item, lr, workload.ref, problem));
        else if (item.type === 'Pod' && pod) out.push(...violations(pod, item, lr, workload.ref, problem));
      }
    }
    return out;
  },
});
