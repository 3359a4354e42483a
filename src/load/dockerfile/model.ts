/** What a Dockerfile read yields: each build stage's image configuration, with positions. */
import type { Source } from '../../model/source.js';
import type { InputProblem } from '../../result.js';

/** A value as Docker uses it (quotes removed, escapes and variables processed), and where it is written. */
export interface DockerToken {
  text: string;
  /** The token as written, quotes included (`"-Xmx1g"` in `CMD ["java", "-Xmx1g"]`). */
  source: Source;
}

export interface DockerCommand {
  instruction: 'CMD' | 'ENTRYPOINT';
  /** exec: a JSON array of strings; shell: anything else, run through the stage's SHELL. */
  form: 'exec' | 'shell';
  /**
   * The argv Docker stores in the image config. exec form: the array items, not expanded (Docker
   * does not expand them either). shell form: the stage's SHELL (default `/bin/sh -c`, whose tokens
   * point at the instruction keyword since they are written nowhere) followed by `script`.
   */
  argv: DockerToken[];
  /** shell form: the command line as one raw token (continuations joined, nothing expanded). */
  script?: DockerToken;
  /** The whole instruction, keyword to last argument. */
  source: Source;
}

export interface DockerEnv {
  name: string;
  /** The value after quote removal and `$VAR`/`${VAR:-default}` expansion. */
  value: string;
  /** The value as written (quotes included; empty range right after `=` for `A=`). */
  source: Source;
  nameSource: Source;
  /** ARG values exist only while building, ENV values are in the image too. */
  instruction: 'ENV' | 'ARG';
  /**
   * Variables the value depends on that this Dockerfile does not set at that point (base image
   * ENV, build args without default): taken as unset, so the value may differ in the real image.
   */
  unresolved?: string[];
}

export interface DockerStage {
  index: number;
  /** The `AS` name, lower-cased as Docker matches it. */
  name?: string;
  from: {
    /** After substitution of the global ARGs (defaults only). */
    image: string;
    /** `image` without tag and digest, as written (no registry or `library/` normalization). */
    repository: string;
    tag?: string;
    digest?: string;
    /** The image token as written, before substitution. */
    source: Source;
    /** The index of the earlier stage `image` names, when it names one. */
    stage?: number;
    unresolved?: string[];
  };
  /**
   * Every ENV and ARG value in effect, in order, later entries overriding earlier ones of the same
   * name; those of the parent stage (`FROM build AS x`) come first. See `imageEnv` for what the
   * image keeps.
   */
  env: DockerEnv[];
  cmd?: DockerCommand;
  entrypoint?: DockerCommand;
}

export interface DockerfileModel {
  file: string;
  stages: DockerStage[];
  /** The last stage: what `docker build` builds without `--target`. */
  final?: DockerStage;
  /** ARGs before the first FROM, usable in FROM lines and by `ARG NAME` redeclarations. */
  globalArgs: DockerEnv[];
  problems: InputProblem[];
}

/** The ENV variables the stage's image is configured with (last definition wins), base image's aside. */
export function imageEnv(stage: DockerStage): Map<string, DockerEnv> {
  const env = new Map<string, DockerEnv>();
  for (const entry of stage.env) if (entry.instruction === 'ENV') env.set(entry.name, entry);
  return env;
}
