/**
 * The runner's two channels: workflow commands on standard output and file commands appended to
 * `$GITHUB_OUTPUT`. Annotations and their escaping are the `github` format's (src/report/github.ts:
 * `%`, CR and LF in data, also `:` and `,` in properties, as actions/toolkit unescapes them), so the
 * action and `oomlint --format github` annotate alike. What is added here is what only the action
 * needs: fencing the log off from command parsing, and the outputs file.
 */
import { randomUUID } from 'node:crypto';

export {
  escapeData,
  escapeProperty,
  findingCommand as findingAnnotation,
  inputProblemCommand as inputProblemAnnotation,
  workflowCommand,
} from '../report/github.js';

/**
 * Wraps text that must not be read as commands (the human log quotes manifest contents, and a line
 * beginning with `::` would otherwise be obeyed). The token is random so the text cannot guess it
 * and switch commands back on.
 */
export function withoutCommands(text: string, token: string = randomUUID()): string {
  return `::stop-commands::${token}\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}::${token}::\n`;
}

/**
 * A `$GITHUB_OUTPUT` entry in the heredoc form, which carries any value (newlines included); the
 * delimiter is random and checked against the value, as actions/toolkit does.
 */
export function outputEntry(name: string, value: string, delimiter = `ghadelimiter_${randomUUID()}`): string {
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`output ${name}: the value contains the delimiter ${delimiter}`);
  }
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}
