/** Helpers shared by the Dockerfile loader tests (dockerfile.test.ts, dockerfile-commands.test.ts). */
import { loadDockerfile, type DockerCommand, type DockerfileModel, type DockerStage } from '../src/load/dockerfile/index.js';
import type { Source } from '../src/model/source.js';

export const load = (...lines: string[]): DockerfileModel => loadDockerfile('Dockerfile', lines.join('\n'));

/** The text a source covers, to check ranges against the file. */
export function textAt(text: string, source: Source): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (line: number, column: number) => (starts[line - 1] as number) + column - 1;
  return text.slice(offset(source.line, source.column), offset(source.endLine, source.endColumn));
}

export const at = (line: number, column: number, endLine: number, endColumn: number): Source => ({ file: 'Dockerfile', line, column, endLine, endColumn });

export function envOf(stage: DockerStage | undefined): Record<string, string> {
  return Object.fromEntries((stage?.env ?? []).map((e) => [e.name, e.value]));
}

export const argv = (command: DockerCommand | undefined) => command?.argv.map((t) => t.text);
