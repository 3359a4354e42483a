/**
 * What linting the inputs yields before policy: raw findings, the problems and skips of loading
 * (in file order), the suppression scans, and the little of each workload suppressions still need.
 * Both the streaming lint (stream.ts) and its whole-input reference (whole-input.ts) produce it.
 */
import type { InputFile } from '../discover.js';
import type { ReadOutcome } from '../load/read.js';
import type { Finding, InputProblem, Skipped } from '../result.js';
import type { Suppressors, SuppressionTarget } from '../suppress/apply.js';

export interface Text {
  file: InputFile;
  outcome: ReadOutcome;
  /**
   * Reads the file again (files on disk; not standard input): the streaming lint keeps no text
   * between its passes when it can read it again in the second.
   */
  reread?: () => ReadOutcome;
}

export interface LintedInput {
  /** Rule findings, superseded ones dropped, sorted (compareFindings). */
  raw: Finding[];
  /** Read and load problems, in file order. */
  loadErrors: InputProblem[];
  /** Rules that crashed, in rule then workload order. */
  ruleErrors: InputProblem[];
  /** Skip reasons, in file order. */
  skipped: Skipped[];
  suppressors: Suppressors;
  /** Workloads whose containers run a linked Dockerfile (annotations reach into those files). */
  targets: SuppressionTarget[];
  files: number;
  objects: number;
  containers: number;
}

/** Only the linked Dockerfiles of a workload: all applySuppressions reads besides file and ref. */
export function suppressionTarget(workload: SuppressionTarget): SuppressionTarget | undefined {
  const containers = workload.containers.flatMap((c) => (c.linkedImage ? [{ linkedImage: { file: c.linkedImage.file } }] : []));
  return containers.length > 0 ? { file: workload.file, ref: workload.ref, containers } : undefined;
}
