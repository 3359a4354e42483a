/**
 * `oomlint.io/ignore` annotations (kube-score's `kube-score/ignore` habit, with ESLint's reason):
 *
 *   oomlint.io/ignore: "memory-no-headroom, pod-qos-best-effort -- batch job, evictable on purpose"
 *   oomlint.io/ignore.<container>: "jvm-non-heap-uncapped"
 *
 * Read from the object's own metadata and from its pod template's metadata: users put
 * annotations in either place, and both are the same object to a reader. `*` means every rule.
 * An empty value is refused rather than read as "every rule" (as ESLint reads a bare
 * `eslint-disable`): a templated value that renders empty must not silence a whole object.
 */
import type { KubeObject } from '../load/kubernetes.js';
import { getMap, getSeq, getString, type YMap } from '../load/tree.js';
import { objectRef } from '../model/build.js';
import { findPodTemplate } from '../model/pod-spec.js';
import type { Source } from '../model/source.js';
import type { DirectiveProblem } from './directives.js';
import { parseRuleList } from './rule-list.js';

export const IGNORE_ANNOTATION = 'oomlint.io/ignore';

export interface AnnotationDirective {
  /** The workload's ref (`Deployment shop/api`) and its manifest. */
  object: string;
  file: string;
  /** Set for `oomlint.io/ignore.<container>`. */
  container?: string;
  /** The annotation key as written. */
  key: string;
  /** As written (unknown ids included, reported later); empty means every rule. */
  ruleIds: readonly string[];
  justification?: string;
  /** The annotation, from its key to the end of its value. */
  source: Source;
}

export interface AnnotationScan {
  annotations: AnnotationDirective[];
  problems: DirectiveProblem[];
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'];

export function collectAnnotations(objects: readonly KubeObject[]): AnnotationScan {
  const scan: AnnotationScan = { annotations: [], problems: [] };
  for (const object of objects) {
    const template = findPodTemplate(object.kind, object.root);
    if (!template) continue; // not a workload: no finding is ever about it
    const containers = CONTAINER_LISTS.flatMap((list) => getSeq(template.spec, list)?.items ?? []).flatMap((c) => getString(c, 'name') ?? []);
    // A Pod's template metadata is its own metadata: the same map, read once.
    const maps = new Set([getMap(object.root, 'metadata', 'annotations'), getMap(template.metadata, 'annotations')]);
    for (const map of maps) if (map) readMap(map, object, containers, scan);
  }
  return scan;
}

function readMap(map: YMap, object: KubeObject, containers: readonly string[], scan: AnnotationScan): void {
  const ref = objectRef(object);
  for (const [key, entry] of map.entries) {
    if (!key.startsWith(IGNORE_ANNOTATION)) continue;
    const source = object.positions.source(entry.keyStart, entry.value?.end ?? entry.keyEnd);
    const problem = (message: string, container?: string): void => {
      scan.problems.push({ message, source, object: ref, ...(container !== undefined ? { container } : {}) });
    };
    const container = key === IGNORE_ANNOTATION ? undefined : key.startsWith(`${IGNORE_ANNOTATION}.`) ? key.slice(IGNORE_ANNOTATION.length + 1) : null;
    if (container === null || container === '') {
      problem(`unknown annotation "${key}": it suppresses nothing; write ${IGNORE_ANNOTATION} or ${IGNORE_ANNOTATION}.<container>`);
      continue;
    }
    if (container !== undefined && !containers.includes(container)) {
      const names = containers.length > 0 ? containers.map((c) => `"${c}"`).join(', ') : 'none';
      problem(`annotation "${key}" names container "${container}", which ${ref} does not have (containers: ${names}); it suppresses nothing`);
      continue;
    }
    const value = entry.value;
    if (value !== null && value.kind !== 'scalar') {
      problem(`annotation "${key}" must be a string ("rule-a, rule-b -- reason"); Kubernetes rejects other annotation values`, container);
      continue;
    }
    const text = value === null || value.value === null ? '' : typeof value.value === 'string' ? value.value : value.text;
    const list = parseRuleList(text);
    if (list.empty) {
      problem(`annotation "${key}" names no rule, so it suppresses nothing; list rule ids ("memory-no-headroom -- reason") or write "*" for every rule`, container);
      continue;
    }
    scan.annotations.push({
      object: ref,
      file: object.file,
      ...(container !== undefined ? { container } : {}),
      key,
      ruleIds: list.ruleIds,
      ...(list.justification !== undefined ? { justification: list.justification } : {}),
      source,
    });
  }
}
