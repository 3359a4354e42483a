/**
 * Every runtime memory setting of a container, parsed once when the model is built, so rules
 * read facts and never parse text: the JVM's options, Node's heap flags, GOMEMLIMIT and the .NET
 * GC heap limits, each with the source of the value it came from.
 */
import type { EnvVar } from '../env.js';
import { basename } from '../process.js';
import type { Source } from '../source.js';
import type { Container } from '../workload.js';
import { parseDotnetHeapSetting, type DotnetHeapSetting } from './dotnet.js';
import { parseGoMemLimit, type GoMemLimit } from './go.js';
import { jvmOf, type JvmProcess } from './jvm.js';
import { NODE_OPTIONS_ORIGIN, parseNodeOptions, tokenizeNodeOptions, type NodeHeapSettings, type NodeToken } from './node.js';

export interface RuntimeFacts {
  jvm?: JvmProcess;
  node?: NodeHeapSettings;
  go?: { memLimit: GoMemLimit; source: Source; origin: string; unbounded?: boolean };
  dotnet?: Array<DotnetHeapSetting & { source: Source }>;
}

export function runtimeOf(container: Pick<Container, 'env' | 'process' | 'image' | 'imageSource' | 'linkedImage' | 'source'>): RuntimeFacts {
  const env = new Map(container.env.map((v) => [v.name, v]));
  const jvm = jvmOf(container as Container);
  const node = nodeOf(container, env);
  const go = goOf(env);
  const dotnet = container.env.flatMap((v) => {
    const setting = v.value === undefined ? undefined : parseDotnetHeapSetting(v.name, v.value);
    return setting ? [{ ...setting, source: v.source }] : [];
  });
  return { ...(jvm ? { jvm } : {}), ...(node ? { node } : {}), ...(go ? { go } : {}), ...(dotnet.length > 0 ? { dotnet } : {}) };
}

/** Node reads NODE_OPTIONS first and its own command line after (the command line wins). */
function nodeOf(container: Pick<Container, 'process'>, env: ReadonlyMap<string, EnvVar>): NodeHeapSettings | undefined {
  const program = container.process.program;
  const runsNode = program !== undefined && /^node(js)?$/.test(basename(program[0]?.text ?? ''));
  const options = env.get('NODE_OPTIONS');
  if (!runsNode && options?.value === undefined) return undefined;
  const tokens: NodeToken[] = [];
  const split = options?.value !== undefined ? tokenizeNodeOptions(options.value) : undefined;
  for (const arg of split?.args ?? []) if (options) tokens.push({ text: arg.text, source: options.source, origin: NODE_OPTIONS_ORIGIN });
  if (runsNode && program) for (const t of program.slice(1)) if (!t.unknown) tokens.push({ text: t.text, source: t.source, origin: 'command line' });
  const settings = parseNodeOptions(tokens);
  // Node refuses to start (exit 9) on an unterminated quote or a bad escape in NODE_OPTIONS.
  if (split?.error && options?.value !== undefined) {
    const token = { text: options.value, source: options.source, origin: NODE_OPTIONS_ORIGIN };
    settings.invalid.push({ token, reason: `NODE_OPTIONS has an ${split.error}, so node exits with code 9 before running anything`, fatal: true });
  }
  return settings.maxOldSpace || settings.invalid.length > 0 || settings.maxHeapSize || settings.maxOldSpacePercentage ? settings : undefined;
}

function goOf(env: ReadonlyMap<string, EnvVar>): RuntimeFacts['go'] | undefined {
  const variable = env.get('GOMEMLIMIT');
  if (!variable) return undefined;
  if (variable.value === undefined) {
    // GOMEMLIMIT from limits.memory with no limit set: the kubelet puts node allocatable memory there.
    return variable.unbounded ? { memLimit: { ok: true, bytes: Infinity, text: '' }, source: variable.source, origin: variable.origin, unbounded: true } : undefined;
  }
  return { memLimit: parseGoMemLimit(variable.value), source: variable.source, origin: variable.origin };
}
