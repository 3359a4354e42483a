/**
 * The reference lint: every file loaded, one model of the whole input, every rule run at once.
 * It holds every text and tree until the end (about 25 MB of memory per MB of input), so oomlint
 * uses the streaming lint (stream.ts); tests compare the two (test/stream-parity.test.ts).
 */
import { runRules } from '../engine.js';
import { loadDockerfile } from '../load/dockerfile/index.js';
import { kubernetesObjects, type KubeObject } from '../load/kubernetes.js';
import { loadYaml } from '../load/yaml.js';
import type { LoadedDockerfile } from '../model/image-link.js';
import { buildInputModel } from '../model/input.js';
import { lintedContainers } from '../model/workload.js';
import type { InputProblem, Skipped } from '../result.js';
import { collectAnnotations } from '../suppress/annotations.js';
import { collectDirectives } from '../suppress/directives.js';
import { suppressionTarget, type LintedInput, type Text } from './linted-input.js';
import type { LintSetup } from './stream.js';

export function lintWholeInput(texts: readonly Text[], setup: LintSetup): LintedInput {
  const { config } = setup;
  const loadErrors: InputProblem[] = [];
  const skipped: Skipped[] = [];
  const objects: KubeObject[] = [];
  let uncomposedObjects = 0;
  const dockerfiles: LoadedDockerfile[] = [];
  let files = 0;
  for (const { file, outcome } of texts) {
    if (outcome.ok === false) loadErrors.push(outcome.problem);
    else if (outcome.ok === 'skipped') skipped.push(outcome.skipped);
    else if (file.kind === 'dockerfile') {
      files++;
      const model = loadDockerfile(file.path, outcome.text);
      loadErrors.push(...model.problems);
      dockerfiles.push({ absolutePath: file.absolutePath, model });
    } else {
      files++;
      const loaded = loadYaml(file.path, outcome.text, { composeAll: setup.composeAll });
      loadErrors.push(...loaded.problems);
      uncomposedObjects += loaded.uncomposedObjects;
      const found = kubernetesObjects(loaded);
      objects.push(...found.objects);
      skipped.push(...found.skipped);
    }
  }
  const model = buildInputModel(objects, dockerfiles, config.images, config.file);
  const { findings: raw, errors: ruleErrors } = runRules(model, setup.rules, config.rules, config.settings);
  const scans = texts.flatMap(({ file, outcome }) => (outcome.ok === true ? [collectDirectives(file.path, outcome.text, file.kind)] : []));
  const notes = collectAnnotations(objects);
  return {
    raw,
    loadErrors,
    ruleErrors,
    skipped,
    suppressors: {
      directives: scans.flatMap((x) => x.directives),
      annotations: notes.annotations,
      problems: [...scans.flatMap((x) => x.problems), ...notes.problems],
    },
    targets: model.workloads.flatMap((w) => suppressionTarget(w) ?? []),
    files,
    objects: objects.length + uncomposedObjects,
    containers: model.workloads.reduce((n, w) => n + lintedContainers(w).length, 0),
  };
}
