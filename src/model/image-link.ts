/**
 * Which Dockerfile builds the image a container runs: the `images:` map of the configuration
 * file first, then — only when exactly one Dockerfile fits — the convention that a Dockerfile
 * sits in a directory named like the container or the image. Each link says how it was made.
 */
import { basename, dirname } from 'node:path';
import type { DockerfileModel, DockerStage, DockerToken } from '../load/dockerfile/index.js';
import { groupBy } from '../group-by.js';
import { imageEnv } from '../load/dockerfile/index.js';
import { parseImageRef } from './image-ref.js';
import type { Container, LinkedImage } from './workload.js';

export interface LoadedDockerfile {
  /** Absolute path, to match the configuration's `images:` entries. */
  absolutePath: string;
  model: DockerfileModel;
}

export interface ImageLinker {
  imageOf(container: Pick<Container, 'name' | 'image'>): LinkedImage | undefined;
  /** Dockerfiles some container was linked to (the others are linted on their own). */
  linked: ReadonlySet<DockerfileModel>;
}

export function imageLinker(dockerfiles: readonly LoadedDockerfile[], images: ReadonlyMap<string, string>, configFile?: string): ImageLinker {
  const linked = new Set<DockerfileModel>();
  const byDirectory = groupBy(dockerfiles, (d) => basename(dirname(d.absolutePath)).toLowerCase());
  const link = (d: LoadedDockerfile, how: string): LinkedImage | undefined => {
    linked.add(d.model);
    return linkedImage(d.model, how);
  };
  return {
    linked,
    imageOf(container) {
      const repository = container.image ? parseImageRef(container.image)?.repository : undefined;
      const configured = repository ? images.get(repository) : undefined;
      if (configured) {
        const d = dockerfiles.find((x) => x.absolutePath === configured);
        if (d) return link(d, `images: map in ${configFile ?? 'the configuration'}`);
      }
      const candidates: Array<[string | undefined, string]> = [
        [container.name.toLowerCase(), `Dockerfile in a directory named like the container "${container.name}"`],
        [repository?.slice(repository.lastIndexOf('/') + 1), `Dockerfile in a directory named like the image "${repository}"`],
      ];
      for (const [name, how] of candidates) {
        const matches = name ? (byDirectory.get(name) ?? []) : [];
        if (matches.length === 1 && matches[0]) return link(matches[0], how);
      }
      return undefined;
    },
  };
}

/** The final stage as an image: its ENV, ENTRYPOINT/CMD, and the external base image it builds on. */
export function linkedImage(model: DockerfileModel, link: string): LinkedImage | undefined {
  const final = model.final;
  if (!final) return undefined;
  const env = [...imageEnv(final).values()].map((e) => ({ name: e.name, value: e.value, source: e.source, origin: `Dockerfile ENV ${e.name}` }));
  const tokens = (argv: readonly DockerToken[] | undefined) => argv?.map((t) => ({ text: t.text, source: t.source }));
  const from = baseImage(model, final);
  const entrypoint = tokens(final.entrypoint?.argv);
  const cmd = tokens(final.cmd?.argv);
  return {
    file: model.file,
    link,
    env,
    command: { ...(entrypoint ? { entrypoint } : {}), ...(cmd ? { cmd } : {}) },
    ...(from ? { from } : {}),
  };
}

/** `FROM build AS final` → the external image the chain of stages starts from. */
function baseImage(model: DockerfileModel, stage: DockerStage): LinkedImage['from'] {
  let current: DockerStage | undefined = stage;
  for (let hops = 0; current && current.from.stage !== undefined && hops < model.stages.length; hops++) current = model.stages[current.from.stage];
  if (!current) return undefined;
  const ref = parseImageRef(current.from.image);
  if (!ref) return undefined;
  return { image: current.from.image, repository: ref.repository, ...(ref.tag ? { tag: ref.tag } : {}), source: current.from.source };
}
