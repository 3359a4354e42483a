/**
 * Decides, from a document's text alone, whether composing it can change anything oomlint
 * reports. Most bytes of real manifests are CustomResourceDefinitions, RBAC and Services, which
 * never hold a pod template nor affect one (oomlint reads pod templates, LimitRanges, Namespaces
 * and ConfigMaps); such a document only counts as one object. Composing is always correct, so
 * anything uncertain is composed: the answer is "skip" only when the document's root is certainly
 * a block map whose single `apiVersion` and single `kind` are simple plain scalars naming an
 * allow-listed (API group, kind) pair.
 */
import type { DocumentChunk } from './documents.js';

/**
 * Kinds that never carry a pod template and that the model never reads, by API group (core is
 * ''). Matched on group and kind together: Knative's `serving.knative.dev/v1` Service does hold
 * a pod template, and oomlint reads any kind with `spec.template.spec.containers`.
 */
const SKIPPABLE: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    '': ['Service', 'ServiceAccount', 'Secret', 'Endpoints', 'PersistentVolume', 'PersistentVolumeClaim'],
    'admissionregistration.k8s.io': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    'apiextensions.k8s.io': ['CustomResourceDefinition'],
    'apiregistration.k8s.io': ['APIService'],
    autoscaling: ['HorizontalPodAutoscaler'],
    'cert-manager.io': ['Certificate', 'CertificateRequest', 'ClusterIssuer', 'Issuer'],
    'discovery.k8s.io': ['EndpointSlice'],
    'monitoring.coreos.com': ['PodMonitor', 'PrometheusRule', 'ServiceMonitor'],
    'networking.k8s.io': ['Ingress', 'IngressClass', 'NetworkPolicy'],
    policy: ['PodDisruptionBudget'],
    'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    'scheduling.k8s.io': ['PriorityClass'],
    'storage.k8s.io': ['StorageClass'],
  }).map(([group, kinds]) => [group, new Set(kinds)]),
);

const SKIPPABLE_KINDS: ReadonlySet<string> = new Set([...SKIPPABLE.values()].flatMap((kinds) => [...kinds]));

/** A root key line: a plain key at column 0 made of characters that need no quoting, then `:` and white space. */
const KEY_LINE = /^([A-Za-z0-9_][A-Za-z0-9_./-]*):(?:[ \t]|\r?$)/;
/** `- ` at column 0: an entry of a block sequence that is the value of the root key above it. */
const FLUSH_ENTRY = /^-(?:[ \t]|\r?$)/;
/** The value of `apiVersion:` / `kind:` on its key line: one plain word, then at most a comment. */
const SIMPLE_VALUE = /^:[ \t]+([A-Za-z0-9][A-Za-z0-9_./-]*)(?:[ \t]+(?:#.*)?)?\r?$/;
/** `group/version` or a core `version`. */
const API_VERSION = /^(?:([a-z0-9][a-z0-9.-]*)\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/;

/** True when the document in `chunk` is certainly one object of an allow-listed kind that nothing reads. */
export function isSkippable(text: string, chunk: DocumentChunk): boolean {
  const source = text.slice(chunk.start, chunk.end);
  const header = rootHeader(source);
  if (!header) return false;
  const version = API_VERSION.exec(header.apiVersion);
  if (version === null || !(SKIPPABLE.get(version[1] ?? '')?.has(header.kind) ?? false)) return false;
  // `oomlint.io/` may be an annotation for oomlint: not worth reasoning about, compose. (`{{`
  // may be an unrendered template: yaml.ts checks skipped documents with the lexer.)
  return !source.includes('oomlint.io/');
}

/**
 * apiVersion and kind of a document whose root is a block map at column 0, read from its column-0
 * lines; undefined when any line leaves a doubt. In such a map every root key starts a line at
 * column 0 and every other line is indented (a column-0 line inside a quoted or flow value is a
 * syntax error), so checking every column-0 line finds every root key. Stops (undefined) as soon
 * as a kind or API group that is never skipped is read.
 */
function rootHeader(source: string): { apiVersion: string; kind: string } | undefined {
  let apiVersion: string | undefined;
  let kind: string | undefined;
  let sawKey = false;
  /** Set after a one-line `kind:`/`apiVersion:` value: the next line must not continue it. */
  let valueJustRead = false;
  for (let lineStart = 0; lineStart < source.length; ) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? source.length : newline;
    const first = source.charCodeAt(lineStart);
    if (first === 0x20 || first === 0x09 || first === 0x0d || lineStart === lineEnd) {
      const blankFrom = lineStart;
      lineStart = lineEnd + 1;
      // Indented content of some root value, the common case, decided without slicing the line.
      if (sawKey && !valueJustRead && first === 0x20) continue;
      // A blank line, even inside a scalar. Otherwise: a plain scalar continues on more indented
      // lines (`kind: Service` + `  Foo` is "Service Foo"), and a line indented with a tab is a
      // syntax error at best.
      if (isBlank(source, blankFrom, lineEnd)) continue;
      return undefined;
    }
    const line = source.slice(lineStart, lineEnd);
    lineStart = lineEnd + 1;
    valueJustRead = false;
    if (first === 0x23 /* # */) continue;
    if (line.startsWith('---')) {
      // The document's marker: nothing may follow it but a comment (`--- |` makes the root a scalar).
      if (sawKey || !/^---(?:[ \t]+(?:#.*)?)?\r?$/.test(line)) return undefined;
      continue;
    }
    // An entry of a sequence written flush with its key (`rules:` then `- apiGroups: …`), as
    // kubectl and kustomize write them: the entry's own keys are never root keys.
    if (sawKey && FLUSH_ENTRY.test(line)) continue;
    const key = KEY_LINE.exec(line);
    if (!key) return undefined; // `"quoted": key`, `? complex`, `<<: *merge`, a scalar…
    sawKey = true;
    const name = key[1];
    if (name !== 'apiVersion' && name !== 'kind') continue;
    const value = SIMPLE_VALUE.exec(line.slice(name.length));
    if (!value?.[1] || (name === 'kind' ? kind : apiVersion) !== undefined) return undefined;
    if (name === 'kind') kind = value[1];
    else apiVersion = value[1];
    // A kind or group never skipped settles it (a second kind: would only add doubt): stop reading.
    if (!(name === 'kind' ? SKIPPABLE_KINDS.has(value[1]) : SKIPPABLE.has(API_VERSION.exec(value[1])?.[1] ?? ''))) return undefined;
    valueJustRead = true;
  }
  return apiVersion !== undefined && kind !== undefined ? { apiVersion, kind } : undefined;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}
