/**
 * Dockerfile → the image configuration each build stage ends with (ENV, CMD, ENTRYPOINT), with
 * positions for every value, computed the way BuildKit (`docker build`) computes it.
 *
 * dockerfile-ast finds the instructions (it knows parser directives and heredocs); each one is then
 * re-read here with BuildKit's own rules, ported from moby/buildkit `frontend/dockerfile`
 * (parser/parser.go, parser/line_parsers.go, parser/split_command.go, shell/lex.go,
 * dockerfile2llb/convert.go), because dockerfile-ast is an editor parser and differs on edge cases
 * (`ENV A=\\` at the end of a line is no continuation for Docker) and does not expand variables.
 *
 * What a static read cannot know, and how it is handled:
 * - `--build-arg` values: an ARG has its default (a global ARG's default when redeclared without one
 *   in a stage); an ARG without any default has no value.
 * - The base image's own ENV, CMD, ENTRYPOINT and SHELL (for `FROM <image>`): unknown, so absent; a
 *   reference to a variable nothing in this file set expands to '' (or its `${X:-default}`), as for
 *   an unset variable, and is listed in `unresolved`.
 * - ONBUILD triggers, HEALTHCHECK, WORKDIR and the rest do not bear on memory and are ignored, and
 *   so are instructions Docker does not know (Docker would refuse them).
 */
export { loadDockerfile } from './loader.js';
export { imageEnv, type DockerCommand, type DockerEnv, type DockerfileModel, type DockerStage, type DockerToken } from './model.js';
