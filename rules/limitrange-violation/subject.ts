/**
 * What LimitRanger validates, after its own defaulting: one container's memory request and
 * limit, or the pod's totals (plugin/pkg/admission/limitranger/admission.go, podRequests and
 * podLimits), each with where a finding about it should point.
 */
import { roleName } from '../../src/model/describe.js';
import { isMistypedMemory } from '../../src/model/resources.js';
import type { Source } from '../../src/model/source.js';
import type { Container, Workload } from '../../src/model/workload.js';

export interface Amount {
  value: number;
  /** How Kubernetes arrived at it, when not written: "copied from its limit", "default of LimitRange x". */
  note: string;
}

export interface Subject {
  /** Undefined for the pod-level totals. */
  container?: string;
  /** `container`, `init container`, `sidecar container`; `pod` for the totals. */
  role: string;
  request?: Amount;
  limit?: Amount;
  requestSource: Source;
  limitSource: Source;
  ratioSource: Source;
}

/**
 * A written memory quantity that is invalid, negative or fractional is a typo the quantity rules
 * name with the intended value; comparing it with the LimitRange would report the typo twice.
 */
export function hasInvalidMemory(c: Container): boolean {
  return isMistypedMemory(c.resources.memory.request) || isMistypedMemory(c.resources.memory.limit);
}

export function containerSubject(c: Container): Subject {
  const { request, limit } = c.effective.memory;
  const written = c.resources.memory;
  const block = c.resources.source ?? c.source;
  const note = (origin: NonNullable<typeof request>['origin']): string =>
    origin.kind === 'container' ? '' : origin.kind === 'defaulted-from-limit' ? 'copied from its limit' : `the ${origin.field} of ${origin.limitRange}`;
  const copied = request?.origin.kind === 'defaulted-from-limit';
  return {
    container: c.name,
    role: roleName(c.role),
    ...(request ? { request: { value: request.value, note: note(request.origin) } } : {}),
    ...(limit ? { limit: { value: limit.value, note: note(limit.origin) } } : {}),
    requestSource: written.request?.source ?? (copied ? written.limit?.source : undefined) ?? c.resources.requestsSource ?? block,
    limitSource: written.limit?.source ?? c.resources.limitsSource ?? block,
    ratioSource: written.limit?.source ?? written.request?.source ?? block,
  };
}

type Pick = (c: Container) => number | undefined;

/**
 * LimitRanger's pod total: app containers and native sidecars add up; each init container
 * counts with the sidecars started before it; the larger wins. A container without the value
 * adds nothing, and the total exists when any container has one.
 */
function podTotal(containers: readonly Container[], pick: Pick): number | undefined {
  let present = false;
  let running = 0;
  let sidecars = 0;
  let initPeak = 0;
  for (const c of containers) {
    const value = pick(c);
    if (value === undefined) continue;
    present = true;
    if (c.role === 'init') initPeak = Math.max(initPeak, value + sidecars);
    else if (c.role === 'sidecar') {
      running += value;
      sidecars += value;
      initPeak = Math.max(initPeak, sidecars);
    } else running += value;
  }
  return present ? Math.max(running, initPeak) : undefined;
}

export function podSubject(workload: Workload, containers: readonly Container[]): Subject {
  // An init container without a value would only count the sidecars before it, which the
  // running total already holds, so skipping it changes nothing.
  const request = podTotal(containers, (c) => c.effective.memory.request?.value);
  const limit = podTotal(containers, (c) => c.effective.memory.limit?.value);
  const at = workload.podSpecSource;
  return {
    role: 'pod',
    ...(request !== undefined ? { request: { value: request, note: '' } } : {}),
    ...(limit !== undefined ? { limit: { value: limit, note: '' } } : {}),
    requestSource: at,
    limitSource: at,
    ratioSource: at,
  };
}
