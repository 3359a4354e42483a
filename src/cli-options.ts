/** argv → validated options. Usage mistakes are values (exit 2), never exceptions. */
import { parseArgs } from 'node:util';
import type { RuleConfig } from './engine.js';
import { parseQuantity } from './model/quantity.js';
import { FORMATS, type Format } from './report/index.js';
import type { RuleSetting, Severity } from './result.js';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const SETTINGS: readonly RuleSetting[] = ['off', ...SEVERITIES];

export interface CliOptions {
  paths: string[];
  stdinFilename: string;
  format: Format;
  /** From --fail-on; undefined lets the configuration's `failOn` (default error) decide. */
  failOn?: Severity;
  printConfig: boolean;
  rules: Record<string, RuleConfig>;
  listRules: boolean;
  quiet: boolean;
  color: boolean | undefined;
  maxFileSize?: number;
  configFile?: string;
  /** Write the report here instead of standard output. */
  outputFile?: string;
  /** --report-unused-disable-directives[-severity]: report suppressions that silence nothing. */
  reportUnused?: Severity;
  help: boolean;
  version: boolean;
}

export type ParsedCli = { ok: true; options: CliOptions } | { ok: false; error: string };

export function parseCli(argv: readonly string[], knownRuleIds: readonly string[]): ParsedCli {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'fail-on': { type: 'string' },
        rule: { type: 'string', multiple: true },
        'list-rules': { type: 'boolean' },
        'print-config': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        'max-file-size': { type: 'string' },
        config: { type: 'string', short: 'c' },
        'output-file': { type: 'string', short: 'o' },
        'report-unused-disable-directives': { type: 'boolean' },
        'report-unused-disable-directives-severity': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const v = parsed.values;
  const format = v.format ?? 'stylish';
  if (!isOneOf(format, FORMATS)) return { ok: false, error: `--format must be one of ${FORMATS.join(', ')} (got "${format}")` };
  const failOn = v['fail-on'];
  if (failOn !== undefined && !isOneOf(failOn, SEVERITIES)) return { ok: false, error: `--fail-on must be one of ${SEVERITIES.join(', ')} (got "${failOn}")` };
  const rules: Record<string, RuleConfig> = {};
  for (const entry of v.rule ?? []) {
    const match = /^([a-z0-9-]+)=([a-z]+)$/.exec(entry);
    if (!match) return { ok: false, error: `--rule expects <rule-id>=<${SETTINGS.join('|')}> (got "${entry}")` };
    const [, id = '', setting = ''] = match;
    if (!knownRuleIds.includes(id)) return { ok: false, error: `--rule: unknown rule "${id}"; see --list-rules` };
    if (!isOneOf(setting, SETTINGS)) return { ok: false, error: `--rule ${id}: severity must be one of ${SETTINGS.join(', ')} (got "${setting}")` };
    rules[id] = { setting };
  }
  let maxFileSize: number | undefined;
  if (v['max-file-size'] !== undefined) {
    const q = parseQuantity(v['max-file-size']);
    if (!q.ok || q.negative || !q.isWhole || q.value < 1 || !Number.isFinite(q.value)) {
      return { ok: false, error: `--max-file-size expects a size such as 16Mi or 20000000 (got "${v['max-file-size']}")` };
    }
    maxFileSize = q.value;
  }
  const unusedSeverity = v['report-unused-disable-directives-severity'];
  if (unusedSeverity !== undefined && !isOneOf(unusedSeverity, SEVERITIES)) {
    return { ok: false, error: `--report-unused-disable-directives-severity must be one of ${SEVERITIES.join(', ')} (got "${unusedSeverity}")` };
  }
  // ESLint's pair: the flag alone reports them as errors; the -severity option picks the level.
  const reportUnused = unusedSeverity ?? (v['report-unused-disable-directives'] ? 'error' : undefined);
  const paths = parsed.positionals.length > 0 ? parsed.positionals : ['.'];
  return {
    ok: true,
    options: {
      paths,
      stdinFilename: v['stdin-filename'] ?? '<stdin>',
      format,
      ...(failOn !== undefined ? { failOn } : {}),
      printConfig: v['print-config'] ?? false,
      rules,
      listRules: v['list-rules'] ?? false,
      quiet: v.quiet ?? false,
      color: v['no-color'] ? false : v.color,
      ...(maxFileSize !== undefined ? { maxFileSize } : {}),
      ...(v.config !== undefined ? { configFile: v.config } : {}),
      ...(v['output-file'] !== undefined ? { outputFile: v['output-file'] } : {}),
      ...(reportUnused !== undefined ? { reportUnused } : {}),
      help: v.help ?? false,
      version: v.version ?? false,
    },
  };
}

function isOneOf<T extends string>(value: string, list: readonly T[]): value is T {
  return (list as readonly string[]).includes(value);
}

export const HELP = `Usage: oomlint [options] [paths...]

Lints Kubernetes manifests (YAML or JSON) and Dockerfiles for container memory mistakes.
Directories are searched for *.yaml, *.yml, *.json and Dockerfile, Dockerfile.*, Dockerfile-*,
*.Dockerfile, Containerfile. Use "-" to read a manifest stream from standard input,
e.g. \`helm template my-chart | oomlint -\`.

Options:
  -f, --format <name>        stylish (default), json, sarif, github, junit or gitlab
      --fail-on <severity>   exit 1 when a finding is at least: error (default, or the
                             configuration's failOn), warning, info
      --rule <id>=<setting>  set a rule to off, info, warning or error (repeatable)
      --list-rules           list the rules with their default severity and docs
      --print-config         print the effective configuration (defaults filled in) and exit
  -q, --quiet                report only findings at or above --fail-on
      --no-color             no colours (also when NO_COLOR is set or output is not a terminal)
      --color                colours even when the output is not a terminal
      --stdin-filename <f>   the name shown for standard input (default <stdin>)
      --max-file-size <size> skip larger files with an error (default 16Mi; e.g. 64Mi)
  -o, --output-file <file>   write the report to a file instead of standard output
      --report-unused-disable-directives
                             report suppressions that silence nothing (as errors)
      --report-unused-disable-directives-severity <severity>
                             ... at this severity instead: info, warning, error
  -c, --config <file>        configuration file (default: .oomlint.yaml, .oomlint.yml or
                             oomlint.config.json in this directory or above)
  -v, --version              print the version
  -h, --help                 print this help

Exit codes: 0 no findings at or above --fail-on; 1 findings; 2 usage error, or an input that
could not be read or parsed.
`;
