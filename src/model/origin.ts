/** How messages describe where an effective value came from. */
import { formatBytes } from './quantity.js';
import type { EffectiveValue } from './resources.js';

/** `LimitRange shop/defaults` when a LimitRange supplied the value, else undefined. */
export function limitRangeOf(value: EffectiveValue | undefined): string | undefined {
  return value?.origin.kind === 'limitrange' ? value.origin.limitRange : undefined;
}

export function describeBytes(value: EffectiveValue | undefined): string {
  return value ? formatBytes(value.value) : 'none';
}
