/**
 * The streaming lint: memory bounded by the largest file, not the whole input. Holding every
 * composed tree until the end cost 21–32 MB of memory per MB of manifests (issue 6).
 *
 * Pass 1 reads what one object may need from another file: the Dockerfiles (linked to containers
 * by name or by the `images:` map) and the LimitRanges, Namespaces and ConfigMaps, kept as model
 * data, never as trees. Pass 2 loads one manifest file at a time, builds its workloads with that
 * shared context, runs the rules and keeps only findings, suppression scans and a few facts per
 * workload; the file's text and trees are dropped before the next. Last, the Dockerfiles no
 * container ran become workloads of their own. Raw findings and rule crashes carry their rule
 * and workload index, so sorting by them gives the order of one run over everything.
 */
import type { Config } from '../config.js';
import { checkWorkloads, compareOrigins, compareFindings, dropSuperseded, type CheckedWorkloads } from '../engine.js';
import { loadDockerfile } from '../load/dockerfile/index.js';
import type { InputFile } from '../discover.js';
import type { ReadOutcome } from '../load/read.js';
import { kubernetesObjects, type ObjectsOfFile } from '../load/kubernetes.js';
import { loadYaml, type LoadedFile } from '../load/yaml.js';
import { buildWorkloads, CONTEXT_KINDS, isWorkload, readSharedContext, type SharedContext } from '../model/build.js';
import { imageLinker, type LoadedDockerfile } from '../model/image-link.js';
import { imageWorkload } from '../model/image-workload.js';
import { lintedContainers, type InputModel, type Workload } from '../model/workload.js';
import type { InputProblem, Skipped } from '../result.js';
import type { AnyRule } from '../rule.js';
import { collectAnnotations } from '../suppress/annotations.js';
import type { SuppressionTarget } from '../suppress/apply.js';
import { collectDirectives, type DirectiveScan } from '../suppress/directives.js';
import { suppressionTarget, type LintedInput, type Text } from './linted-input.js';
import { ownString, ownStrings } from '../own-strings.js';

export interface LintSetup {
  config: Config;
  rules: readonly AnyRule[];
  composeAll: boolean;
}

/**
 * Whether a manifest, or one document of it, can declare a LimitRange, Namespace or ConfigMap:
 * their kind must be spelt in the text, unless an escape sequence (`"\u004CimitRange"`, or a
 * line break escaped inside `"Limit\⏎Range"`) hides it. Pass 1 composes only the documents that can.
 */
const mayDeclareContext = (text: string): boolean => /ConfigMap|LimitRange|Namespace|\\/.test(text);

/**
 * Pass 1 works on each text as it is read. Pass 2 reads each manifest pass 1 did not finish
 * again, from disk when it can (holding every text between the passes was the largest part of
 * the memory a big run needs: 177 MB of 915 MB at the benchmark's 16×), else from the text
 * held for it; each is released once linted.
 */
export async function lintStreaming(input: AsyncIterable<Text>, setup: LintSetup): Promise<LintedInput> {
  const { config } = setup;
  /** What pass 2 reads each manifest with; undefined once the file is done. */
  const secondReads: Array<(() => ReadOutcome) | undefined> = [];
  const inputFiles: InputFile[] = [];
  const loadErrors: InputProblem[][] = [];
  const skipped: Skipped[][] = [];
  const scans: Array<DirectiveScan | undefined> = [];
  const notes: Array<ReturnType<typeof collectAnnotations> | undefined> = [];
  const context: SharedContext = { limitRanges: [], namespaces: [], configMaps: [] };
  const dockerfiles: LoadedDockerfile[] = [];
  let files = 0;
  let objects = 0;
  /** What is kept of a loaded manifest besides its workloads' findings. */
  const record = (i: number, file: InputFile, text: string, loaded: LoadedFile, found: ObjectsOfFile) => {
    loadErrors[i]?.push(...ownStrings(loaded.problems));
    skipped[i]?.push(...ownStrings(found.skipped));
    objects += loaded.uncomposedObjects + found.objects.length;
    notes[i] = ownStrings(collectAnnotations(found.objects));
    scans[i] = ownStrings(collectDirectives(file.path, text, file.kind));
    secondReads[i] = undefined;
  };
  /** A file that could not be read: its problem or skip reason. */
  const recordUnread = (i: number, outcome: Exclude<ReadOutcome, { ok: true }>) => {
    if (outcome.ok === false) loadErrors[i]?.push(outcome.problem);
    else skipped[i]?.push(outcome.skipped);
  };

  for await (const text of input) {
    const { file, outcome } = text;
    const i = secondReads.push(outcome.ok === true && file.kind === 'manifest' ? (text.reread ?? (() => outcome)) : undefined) - 1;
    inputFiles.push(file);
    loadErrors.push([]);
    skipped.push([]);
    if (outcome.ok !== true) recordUnread(i, outcome);
    else {
      files++;
      if (file.kind === 'dockerfile') {
        const model = loadDockerfile(file.path, outcome.text);
        loadErrors[i]?.push(...model.problems);
        dockerfiles.push({ absolutePath: file.absolutePath, model });
        scans[i] = collectDirectives(file.path, outcome.text, file.kind);
      } else if (mayDeclareContext(outcome.text)) {
        let leftOut = false;
        const composeOnly = (document: string) => mayDeclareContext(document) || ((leftOut = true), false);
        const loaded = loadYaml(file.path, outcome.text, { composeAll: setup.composeAll, composeOnly });
        const found = kubernetesObjects(loaded);
        const declared = readSharedContext(found.objects.filter((o) => CONTEXT_KINDS.has(o.kind)));
        context.limitRanges.push(...ownStrings(declared.limitRanges));
        context.namespaces.push(...ownStrings(declared.namespaces));
        context.configMaps.push(...ownStrings(declared.configMaps));
        // Loaded as pass 2 would load it, and no workload in it (a ConfigMapList of dashboards,
        // say): recorded now rather than composed a second time.
        const onlyContext = found.objects.every((o) => CONTEXT_KINDS.has(o.kind) && !isWorkload(o));
        if (!leftOut && onlyContext) record(i, file, outcome.text, loaded, found);
      }
    }
  }

  const linker = imageLinker(dockerfiles, config.images, config.file);
  const checked: CheckedWorkloads = { findings: [], crashes: [] };
  const kept = keptOfWorkloads();
  const check = (workloads: readonly Workload[]) => {
    const model: InputModel = { workloads, limitRanges: context.limitRanges, namespaces: context.namespaces };
    const result = ownStrings(checkWorkloads(model, setup.rules, config.rules, config.settings, kept.count));
    for (const f of result.findings) checked.findings.push(f);
    for (const c of result.crashes) checked.crashes.push(c);
    kept.add(workloads);
  };

  secondReads.forEach((read, i) => {
    const file = inputFiles[i];
    if (!read || !file) return;
    const outcome = read();
    // Changed since pass 1 (deleted, grown past the limit): reported as it is now.
    if (outcome.ok !== true) return recordUnread(i, outcome);
    const loaded = loadYaml(file.path, outcome.text, { composeAll: setup.composeAll });
    const found = kubernetesObjects(loaded);
    check(buildWorkloads(found.objects, context, { imageOf: (container) => linker.imageOf(container) }));
    record(i, file, outcome.text, loaded, found);
  });

  check(dockerfiles.filter((d) => !linker.linked.has(d.model)).flatMap((d) => imageWorkload(d.model) ?? []));
  checked.findings.sort(compareOrigins);
  checked.crashes.sort(compareOrigins);
  const done = scans.filter((s) => s !== undefined);
  return {
    raw: dropSuperseded(
      checked.findings.map((f) => f.finding),
      setup.rules,
      kept.written,
    ).sort(compareFindings),
    loadErrors: loadErrors.flat(),
    ruleErrors: checked.crashes.map((c) => c.problem),
    skipped: skipped.flat(),
    suppressors: {
      directives: done.flatMap((s) => s.directives),
      annotations: notes.flatMap((n) => n?.annotations ?? []),
      problems: [...done.flatMap((s) => s.problems), ...notes.flatMap((n) => n?.problems ?? [])],
    },
    targets: kept.targets,
    files,
    objects,
    containers: kept.containers,
  };
}

/** The facts about linted workloads that outlive their file. */
function keptOfWorkloads() {
  const kept = {
    count: 0,
    containers: 0,
    /** `ref\0container` of every container written (engine.ts dropSuperseded). */
    written: new Set<string>(),
    targets: [] as SuppressionTarget[],
    add(workloads: readonly Workload[]) {
      const targets: SuppressionTarget[] = [];
      for (const w of workloads) {
        kept.count++;
        kept.containers += lintedContainers(w).length;
        for (const c of w.containers) kept.written.add(ownString(`${w.ref}\0${c.name}`));
        const target = suppressionTarget(w);
        if (target) targets.push(target);
      }
      kept.targets.push(...ownStrings(targets));
    },
  };
  return kept;
}
