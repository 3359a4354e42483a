/** FROM: a new build stage, on an image or on an earlier stage. */
import { splitReference } from '../../model/image-ref.js';
import type { DockerStage } from './model.js';
import type { Instruction, Loader, StageState } from './loader.js';
import { splitFields } from './words.js';

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

export function readFrom(loader: Loader, ins: Instruction): void {
  loader.checkFlags(ins, ['platform']);
  const { line } = ins;
  const fields = splitFields(line.text, ins.restStart, ins.hi);
  const keywordAt = line.at[ins.lo] as number;
  if (fields.length !== 1 && fields.length !== 3) loader.problem(keywordAt, 'FROM requires either one or three arguments');
  const asWord = fields[1] ? loader.raw(line, fields[1]) : undefined;
  if (fields.length >= 3 && asWord?.toLowerCase() !== 'as') {
    loader.problem(line.at[fields[1]?.start ?? ins.lo] as number, `FROM with three arguments needs AS as the second, not ${asWord}`);
  }
  let name: string | undefined;
  if (fields.length >= 3 && asWord?.toLowerCase() === 'as' && fields[2]) {
    name = loader.raw(line, fields[2]).toLowerCase();
    if (!STAGE_NAME.test(name)) {
      loader.problem(line.at[fields[2].start] as number, `invalid name for build stage: "${name}", name can't start with a number or contain symbols`);
    }
  }

  const imageSpan = fields[0] ?? { start: ins.restStart, end: ins.restStart };
  const written = loader.raw(line, imageSpan);
  const expansion = loader.expand(written, loader.globalVars, line, imageSpan);
  const image = expansion.value;
  // Blank only because of declared build args without a default (`ARG BASE_IMAGE` then
  // `FROM ${BASE_IMAGE}`): a normal Dockerfile built with --build-arg, whose base image is unknown
  // here, not an error. Blank for any other reason (an undeclared variable) is what Docker refuses.
  const fromBuildArgs = expansion.unresolved.length > 0 && expansion.unresolved.every((v) => loader.declaredGlobalArgs.has(v));
  if (fields.length > 0 && image === '' && !fromBuildArgs) {
    loader.problem(line.at[imageSpan.start] as number, `base name (${written}) should not be blank`);
  }
  const parent = loader.stagesByName.get(image);
  const ref = parent ? { repository: image } : splitImage(image);
  const stage: DockerStage = {
    index: loader.stages.length,
    ...(name !== undefined ? { name } : {}),
    from: {
      image,
      ...ref,
      source: loader.span(line, imageSpan.start, imageSpan.end),
      ...(parent ? { stage: parent.stage.index } : {}),
      ...(expansion.unresolved.length > 0 ? { unresolved: expansion.unresolved } : {}),
    },
    // A stage built on another starts from its config: ENV, CMD, ENTRYPOINT, SHELL, and (BuildKit)
    // its ARG values too.
    env: parent ? [...parent.stage.env] : [],
    ...(parent?.stage.cmd ? { cmd: parent.stage.cmd } : {}),
    ...(parent?.stage.entrypoint ? { entrypoint: parent.stage.entrypoint } : {}),
  };
  const state: StageState = {
    stage,
    vars: new Map(parent?.vars ?? []),
    ...(parent?.shell ? { shell: parent.shell } : {}),
    cmdSet: false,
  };
  loader.stages.push(state);
  if (name !== undefined) loader.stagesByName.set(name, state);
}

/** `registry:5000/team/app:1.2@sha256:…` → repository `registry:5000/team/app` (as written), tag, digest. */
function splitImage(image: string): { repository: string; tag?: string; digest?: string } {
  const { name, ...rest } = splitReference(image);
  return { repository: name, ...rest };
}
