/**
 * A Dockerfile no container links to is still linted: it becomes a workload of kind
 * `Dockerfile` with one container, the image as `docker run` would start it (its ENV, ENTRYPOINT
 * and CMD), and no resources. Only rules that target images look at it.
 */
import type { DockerfileModel } from '../load/dockerfile/index.js';
import { linkedImage } from './image-link.js';
import { resolveProcess } from './process.js';
import { emptyResources } from './resources.js';
import { runtimeOf } from './runtime/index.js';
import type { Container, Workload } from './workload.js';

export function imageWorkload(model: DockerfileModel): Workload | undefined {
  const image = linkedImage(model, 'the Dockerfile itself');
  const final = model.final;
  if (!image || !final) return undefined;
  const source = final.from.source;
  const container: Container = {
    name: 'image',
    role: 'app',
    index: 0,
    source,
    resources: emptyResources(),
    effective: { memory: {}, cpu: {} },
    env: image.env,
    process: resolveProcess(undefined, undefined, image.env, image.command),
    linkedImage: image,
    runtime: {},
  };
  container.runtime = runtimeOf(container);
  return {
    kind: 'Dockerfile',
    apiVersion: '',
    name: model.file,
    ref: `Dockerfile ${model.file}`,
    file: model.file,
    source,
    annotations: {},
    podAnnotations: {},
    podLabels: {},
    podLabelSources: {},
    podAnnotationSources: {},
    podSpecSource: source,
    containers: [container],
    emptyDirs: [],
    podResources: emptyResources(),
    limitRanges: [],
    qos: 'BestEffort',
    podMemory: { request: 0 },
  };
}
