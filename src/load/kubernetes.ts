/**
 * YAML documents → Kubernetes objects. `kind: List` (and `*List`) items are expanded as kubectl
 * does; documents that are not Kubernetes objects are reported as skipped with the reason,
 * never dropped silently.
 */
import type { Skipped } from '../result.js';
import type { Positions } from './positions.js';
import { getMap, getSeq, getString, type YMap, type YValue } from './tree.js';
import type { LoadedFile } from './yaml.js';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  root: YMap;
  file: string;
  positions: Positions;
}

export interface ObjectsOfFile {
  objects: KubeObject[];
  skipped: Skipped[];
}

export function kubernetesObjects(loaded: LoadedFile): ObjectsOfFile {
  const objects: KubeObject[] = [];
  const skipped: Skipped[] = [];
  const multi = loaded.documents.length > 1;
  for (const doc of loaded.documents) {
    // An empty document (between two `---`, or comments only) has no root or a null scalar root.
    if (doc.root === null || (doc.root.kind === 'scalar' && doc.root.value === null)) continue;
    const where = multi ? `document ${doc.index + 1}: ` : '';
    const reason = kustomizeReason(doc.root, loaded.file) ?? collect(doc.root, loaded, objects);
    if (reason) {
      const { line, column } = loaded.positions.at(doc.root.start);
      skipped.push({ file: loaded.file, line, column, reason: `${where}${reason}` });
    }
  }
  if (objects.length === 0 && skipped.length === 0 && loaded.problems.length === 0 && loaded.uncomposedObjects === 0) {
    skipped.push({ file: loaded.file, line: 1, column: 1, reason: 'no YAML documents (only comments or blank)' });
  }
  return { objects, skipped };
}

/** Adds the object(s) in `node` to `into`; returns why it is not a Kubernetes object, if it is not. */
function collect(node: YValue, loaded: LoadedFile, into: KubeObject[]): string | undefined {
  if (node.kind !== 'map') return `not a Kubernetes object (a YAML ${node.kind === 'seq' ? 'list' : 'scalar'} at the top level)`;
  const apiVersion = getString(node, 'apiVersion');
  const kind = getString(node, 'kind');
  if (!apiVersion || !kind) return notKubernetesReason(node);
  const items = getSeq(node, 'items');
  if (kind === 'List' || (kind.endsWith('List') && items)) {
    for (const item of items?.items ?? []) {
      const reason = collect(item, loaded, into);
      if (reason) return `item of ${kind}: ${reason}`;
    }
    return undefined;
  }
  const metadata = getMap(node, 'metadata');
  const name = getString(metadata, 'name') ?? getString(metadata, 'generateName') ?? '(unnamed)';
  const namespace = getString(metadata, 'namespace');
  into.push({
    apiVersion,
    kind,
    name,
    ...(namespace ? { namespace } : {}),
    root: node,
    file: loaded.file,
    positions: loaded.positions,
  });
  return undefined;
}

/** The file names `kustomize build` reads (kustomize's konfig.RecognizedKustomizationFileNames). */
const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/**
 * A Kustomization (or Component) lists and patches manifests rather than being one, and kubectl
 * never sends it to the API server. Kustomize reads it with or without apiVersion and kind.
 */
function kustomizeReason(node: YValue, file: string): string | undefined {
  const apiVersion = getString(node, 'apiVersion') ?? '';
  const kustomize = apiVersion.startsWith('kustomize.config.k8s.io/') || (apiVersion === '' && KUSTOMIZATION_FILE.test(file));
  if (!kustomize || node.kind !== 'map') return undefined;
  return 'a Kustomize overlay: run `kustomize build` (or `kubectl kustomize`) and pipe it to `oomlint -`';
}

/** Names the common non-Kubernetes YAML found next to manifests, so the skip reason is useful. */
function notKubernetesReason(node: YMap): string {
  const has = (key: string) => node.entries.has(key);
  if (has('jobs') && (has('on') || has('true'))) return 'a GitHub Actions workflow, not a Kubernetes object';
  if (has('services') && (has('version') || getMap(node, 'services'))) {
    const hint = composeMemoryHint(getMap(node, 'services'));
    return `a docker-compose file, not a Kubernetes object${hint}`;
  }
  if (has('apiVersion') || has('kind')) return `not a Kubernetes object (missing ${has('kind') ? 'apiVersion' : 'kind'})`;
  return 'not a Kubernetes object (no apiVersion and kind)';
}

function composeMemoryHint(services: YMap | undefined): string {
  if (!services) return '';
  const unlimited = [...services.entries]
    .filter(([, entry]) => {
      const service = entry.value;
      return (
        service?.kind === 'map' &&
        !service.entries.has('mem_limit') &&
        getString(service, 'deploy', 'resources', 'limits', 'memory') === undefined
      );
    })
    .map(([name]) => name);
  return unlimited.length > 0
    ? ` (hint: services without a memory limit: ${unlimited.join(', ')}; set mem_limit or deploy.resources.limits.memory)`
    : '';
}
