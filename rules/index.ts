/** The registry: every rule, sorted by id. A test checks it matches the folders in rules/. */
import type { AnyRule } from '../src/rule.js';
import dotnetHeapLimitSuspicious from './dotnet-heap-limit-suspicious/index.js';
import emptydirMemoryUnbounded from './emptydir-memory-unbounded/index.js';
import goMemlimitExceedsLimit from './go-memlimit-exceeds-limit/index.js';
import goMemlimitInvalid from './go-memlimit-invalid/index.js';
import jvmFlagInvalid from './jvm-flag-invalid/index.js';
import jvmHeapExceedsLimit from './jvm-heap-exceeds-limit/index.js';
import jvmHeapWithoutLimit from './jvm-heap-without-limit/index.js';
import jvmNonHeapUncapped from './jvm-non-heap-uncapped/index.js';
import jvmNotContainerAware from './jvm-not-container-aware/index.js';
import jvmRamPercentageTooHigh from './jvm-ram-percentage-too-high/index.js';
import limitrangeViolation from './limitrange-violation/index.js';
import memoryLimitBelowRequest from './memory-limit-below-request/index.js';
import memoryLimitMissing from './memory-limit-missing/index.js';
import memoryLimitRequestRatio from './memory-limit-request-ratio/index.js';
import memoryNoHeadroom from './memory-no-headroom/index.js';
import memoryQuantityInvalid from './memory-quantity-invalid/index.js';
import memoryQuantitySuspicious from './memory-quantity-suspicious/index.js';
import memoryRequestMissing from './memory-request-missing/index.js';
import nodeHeapExceedsLimit from './node-heap-exceeds-limit/index.js';
import podQosBestEffort from './pod-qos-best-effort/index.js';
import sidecarMemoryLimitMissing from './sidecar-memory-limit-missing/index.js';

export const rules: readonly AnyRule[] = [
  dotnetHeapLimitSuspicious,
  emptydirMemoryUnbounded,
  goMemlimitExceedsLimit,
  goMemlimitInvalid,
  jvmFlagInvalid,
  jvmHeapExceedsLimit,
  jvmHeapWithoutLimit,
  jvmNonHeapUncapped,
  jvmNotContainerAware,
  jvmRamPercentageTooHigh,
  limitrangeViolation,
  memoryLimitBelowRequest,
  memoryLimitMissing,
  memoryLimitRequestRatio,
  memoryNoHeadroom,
  memoryQuantityInvalid,
  memoryQuantitySuspicious,
  memoryRequestMissing,
  nodeHeapExceedsLimit,
  podQosBestEffort,
  sidecarMemoryLimitMissing,
];
