/** Words and round numbers that messages share, so every rule says them the same way. */
import type { ContainerRole } from './workload.js';

const MIB = 2 ** 20;

const ROLE_NAMES: Record<ContainerRole, string> = {
  app: 'container',
  init: 'init container',
  sidecar: 'sidecar container',
  ephemeral: 'ephemeral container',
};

/** `container`, `init container`, `sidecar container`: how messages introduce a container. */
export function roleName(role: ContainerRole): string {
  return ROLE_NAMES[role];
}

// Float noise (100Mi × 1.1 = 110.00000000000001Mi) must not move a result by a whole MiB.
const EPSILON = 1e-9;

/** Rounds up to a whole MiB, so a suggested limit is one a person would write (and is never too small). */
export function ceilMiB(bytes: number): number {
  return Math.ceil(bytes / MIB - EPSILON) * MIB;
}

/** Rounds down to a whole MiB, for suggested values that must stay at or below a bound. */
export function floorMiB(bytes: number): number {
  return Math.floor(bytes / MIB + EPSILON) * MIB;
}
