/**
 * The whole input as rules see it: Kubernetes workloads (with the Dockerfiles linked to their
 * containers) plus, as workloads of their own, the Dockerfiles no container links to.
 */
import type { KubeObject } from '../load/kubernetes.js';
import { buildModel } from './build.js';
import { imageLinker, type LoadedDockerfile } from './image-link.js';
import { imageWorkload } from './image-workload.js';
import type { InputModel } from './workload.js';

export function buildInputModel(
  objects: readonly KubeObject[],
  dockerfiles: readonly LoadedDockerfile[] = [],
  images: ReadonlyMap<string, string> = new Map(),
  configFile?: string,
): InputModel {
  const linker = imageLinker(dockerfiles, images, configFile);
  const model = buildModel(objects, { imageOf: (container) => linker.imageOf(container) });
  const standalone = dockerfiles.filter((d) => !linker.linked.has(d.model)).flatMap((d) => imageWorkload(d.model) ?? []);
  return { ...model, workloads: [...model.workloads, ...standalone] };
}
