import { roleName } from '../../src/model/describe.js';
import { hotSpotSpelling } from '../../src/model/runtime/hotspot-size.js';
import type { JvmSettings } from '../../src/model/runtime/jvm-flags.js';
import { lintedContainers, type Container, type Workload } from '../../src/model/workload.js';
import { defineRule } from '../../src/rule.js';

// What HotSpot prints (arguments.cpp, gcConfig.cpp) when the reason alone does not say what to write.
const XMS_ABOVE_XMX = 'Initial heap size set to a larger value than the maximum heap size';
const SEVERAL_GCS = 'Multiple garbage collectors selected';

/** `container "api"`, or `the image` for a Dockerfile linted on its own. */
function subjectOf(workload: Workload, c: Container): string {
  return workload.kind === 'Dockerfile' ? 'the image' : `${roleName(c.role)} "${c.name}"`;
}

/** The change to make when the model's reason names the constraint but not a value to write. */
function fixOf(jvmError: string | undefined, settings: JvmSettings): string | undefined {
  const { initialHeap, maxHeap } = settings;
  if (jvmError === XMS_ABOVE_XMX && initialHeap && maxHeap) {
    return `lower the initial heap to ${hotSpotSpelling(maxHeap.value)} or less, or raise the maximum heap to ${hotSpotSpelling(initialHeap.value)}`;
  }
  if (jvmError === SEVERAL_GCS) return 'keep only one -XX:+Use…GC flag, since HotSpot runs exactly one collector';
  return undefined;
}

export default defineRule({
  id: 'jvm-flag-invalid',
  meta: {
    severity: 'error',
    summary: 'A JVM option HotSpot refuses at start-up (-Xmx1.5g, -Xmx512mb, -Xms above -Xmx), so the container exits at once',
    // A Dockerfile's ENV or CMD with a bad flag breaks every container that runs the image.
    targets: ['pod', 'image'],
  },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: {
    refused: (object: string, subject: string, token: string, origin: string, jvmError: string | undefined, reason: string, fix: string | undefined) =>
      `${object}: ${subject} starts java with ${token} (${origin}), which the JVM refuses at start-up` +
      (jvmError ? ` ("${jvmError}")` : '') +
      `, so java exits at once ("Error: Could not create the Java Virtual Machine.") and the container never starts ` +
      `(CrashLoopBackOff); ${reason}${fix ? `: ${fix}` : ''}.`,
  },
  check(workload, { problem }) {
    return lintedContainers(workload).flatMap((c) => {
      const jvm = c.runtime.jvm;
      if (!jvm) return [];
      // Only flags that are present are judged, so an incomplete option set (a Secret, a start
      // script we cannot see) does not matter here. HotSpot stops at the first bad option; every
      // bad one is reported, since each must be fixed before the JVM starts.
      return jvm.settings.invalid.map(({ token, reason, jvmError }) =>
        problem('refused', [workload.ref, subjectOf(workload, c), token.text, token.origin, jvmError, reason, fixOf(jvmError, jvm.settings)], token.source, {
          container: c.name,
        }),
      );
    });
  },
});
