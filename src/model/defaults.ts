/**
 * The values a container really runs with: API defaulting first (a limit without a request
 * copies the limit into the request), then LimitRange admission (`default` fills a missing
 * limit, `defaultRequest` a missing request; the first LimitRange that has a value wins, and
 * within it the last Container item).
 */
import type { LimitRange } from './limitrange.js';
import { QOS_RESOURCES, valueOf, type EffectiveRequestLimit, type RequestLimit, type ResourceName, type ResourcesBlock } from './resources.js';

export function effectiveResources(
  resources: ResourcesBlock,
  limitRanges: readonly LimitRange[],
): Record<ResourceName, EffectiveRequestLimit> {
  const out = {} as Record<ResourceName, EffectiveRequestLimit>;
  for (const name of QOS_RESOURCES) out[name] = effectiveOne(resources[name], name, limitRanges);
  return out;
}

function effectiveOne(written: RequestLimit, name: ResourceName, limitRanges: readonly LimitRange[]): EffectiveRequestLimit {
  const out: EffectiveRequestLimit = {};
  const limit = valueOf(written.limit);
  const request = valueOf(written.request);
  if (limit !== undefined) out.limit = { value: limit, origin: { kind: 'container' } };
  if (request !== undefined) out.request = { value: request, origin: { kind: 'container' } };
  // An invalid quantity is still "set": admission rejects the pod, and nothing is defaulted.
  else if (written.request === undefined && limit !== undefined) out.request = { value: limit, origin: { kind: 'defaulted-from-limit' } };
  for (const lr of limitRanges) {
    // Within one LimitRange, LimitRanger builds the defaults item by item, so the last
    // `type: Container` item that sets a value wins. Across LimitRanges it fills only what is
    // still missing, in the informer cache's (unspecified) order; we take input order.
    for (const item of [...lr.items].reverse()) {
      if (item.type !== 'Container') continue;
      const defaultLimit = valueOf(item.default[name]);
      const defaultRequest = valueOf(item.defaultRequest[name]);
      if (!out.limit && written.limit === undefined && defaultLimit !== undefined) {
        out.limit = { value: defaultLimit, origin: { kind: 'limitrange', limitRange: lr.ref, field: 'default' } };
      }
      if (!out.request && written.request === undefined && defaultRequest !== undefined) {
        out.request = { value: defaultRequest, origin: { kind: 'limitrange', limitRange: lr.ref, field: 'defaultRequest' } };
      }
    }
  }
  return out;
}
