/**
 * The JVM a container runs, if any, and the options it starts with, gathered in HotSpot's order
 * (lowest precedence first, last flag wins): JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS (read by the
 * `java` launcher), the command line (or, when the command line is the image's start script,
 * the variables that script pastes onto it), then _JAVA_OPTIONS.
 */
import { parseImageRef } from '../image-ref.js';
import { basename, type ArgToken } from '../process.js';
import type { Source } from '../source.js';
import type { Container } from '../workload.js';
import { JAVA_IMAGES, javaImageOf, jdkVersionOfTag, type JavaImage, type JdkVersion } from './java-images.js';
import { parseJvmOptions, tokenizeJvmOptions, type JvmSettings, type JvmToken } from './jvm-flags.js';

export interface JvmProcess {
  /** Why we believe a JVM runs here, for messages: `command java`, `image eclipse-temurin:17`, `JAVA_TOOL_OPTIONS`. */
  detectedBy: string;
  settings: JvmSettings;
  /** Some option source could not be read (a Secret, `$(cmd)`, a start script we cannot see), so flags may be missing. */
  incomplete: boolean;
  /** The image sizes the heap itself when no heap flag is given (Elasticsearch, Paketo). */
  managedHeap?: string;
  /** The JDK version, when an image tag names it. */
  jdk?: JdkVersion & { source: Source; image: string };
}

const ENV_OPTION_VARIABLES = ['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS'] as const;

export function jvmOf(container: Container): JvmProcess | undefined {
  const env = new Map(container.env.map((v) => [v.name, v]));
  for (const [name, value] of container.process.assignments) {
    const existing = env.get(name);
    env.set(name, { name, value, source: existing?.source ?? container.source, origin: 'the start command' });
  }
  const program = container.process.program;
  const runsJava = program !== undefined && basename(program[0]?.text ?? '') === 'java';
  const images = [container.image, container.linkedImage?.from?.image].filter((i): i is string => i !== undefined);
  // Buildpack-built images carry their own names; the BPL_JVM_* launch settings give them away.
  const paketo = [...env.keys()].some((name) => name.startsWith('BPL_JVM_')) ? JAVA_IMAGES.find((f) => f.name === 'Paketo buildpack image') : undefined;
  const family = images.map(javaImageOf).find((f) => f !== undefined) ?? paketo;
  const envSignal = ENV_OPTION_VARIABLES.find((name) => env.get(name)?.value);
  // A program we can see that is not java (node, python, a Go binary) is not a JVM, even in a JDK image.
  const otherProgram = program !== undefined && !runsJava && !isStartScript(program, family);
  if (otherProgram && !envSignal) return undefined;
  // JAVA_OPTS is read by no JVM, but by the start scripts of countless images (JHipster, Spring
  // Boot guides, Jib's JAVA_OPTS entrypoints); with an unseen start command it is the best clue.
  const javaOpts = program === undefined && !family && env.get('JAVA_OPTS')?.value ? 'JAVA_OPTS' : undefined;
  const detectedBy = runsJava
    ? 'command java'
    : family === paketo && paketo
      ? 'BPL_JVM_* (a Paketo buildpack image)'
      : family
        ? `image ${images.find((i) => javaImageOf(i) === family)}`
        : (envSignal ?? javaOpts);
  if (!detectedBy) return undefined;

  let incomplete = false;
  const tokens: JvmToken[] = [];
  const fromEnv = (name: string) => {
    const variable = env.get(name);
    if (!variable) return;
    if (variable.value === undefined) {
      incomplete = true;
      return;
    }
    const tokenized = tokenizeJvmOptions(variable.value);
    for (const t of tokenized.tokens) tokens.push({ text: t.text, source: variable.source, origin: name });
    if (tokenized.unmatchedQuote !== undefined) unmatched.push({ text: variable.value, source: variable.source, origin: name });
  };
  const unmatched: JvmToken[] = [];
  fromEnv('JAVA_TOOL_OPTIONS');
  if (runsJava || program === undefined) fromEnv('JDK_JAVA_OPTIONS');
  if (runsJava && program) {
    for (const token of commandLineOptions(program)) {
      if (token.unknown) incomplete = true;
      else tokens.push({ text: token.text, source: token.source, origin: 'command line' });
    }
  } else if (family) {
    tokens.push(...conventionTokens(family, env, container.imageSource ?? container.source));
    if (program === undefined && family.optionVariables.length === 0 && !container.linkedImage) incomplete = true;
  } else if (javaOpts) {
    const variable = env.get('JAVA_OPTS');
    for (const t of tokenizeJvmOptions(variable?.value ?? '').tokens) {
      if (variable) tokens.push({ text: t.text, source: variable.source, origin: "JAVA_OPTS, assumed to reach java through the image's start script" });
    }
    // The start script is not visible: it may add options of its own.
    incomplete = true;
  }
  fromEnv('_JAVA_OPTIONS');

  const jdk = jdkOf(container, family);
  const settings = parseJvmOptions(tokens);
  // HotSpot refuses to start on an unmatched quote in an options variable (parse_options_buffer).
  for (const token of unmatched) {
    settings.invalid.push({ token, reason: `${token.origin} has an unmatched quote; close it`, jvmError: `Unmatched quote in ${token.origin}` });
  }
  return {
    detectedBy,
    settings,
    incomplete,
    ...(family?.managedHeap ? { managedHeap: family.managedHeap } : {}),
    ...(jdk ? { jdk } : {}),
  };
}

/** A start script of the JVM image (`bin/kafka-server-start.sh`, `catalina.sh run`): its options come from the image's variables. */
function isStartScript(program: readonly ArgToken[], family: JavaImage | undefined): boolean {
  const name = basename(program[0]?.text ?? '');
  return family !== undefined && family.optionVariables.length > 0 && !['node', 'python', 'python3', 'ruby', 'php', 'dotnet'].includes(name);
}

/**
 * The JVM options of a `java` command line: everything after `java` up to the main class, `-jar
 * file`, `-m module` or `--source`; later words are the application's arguments. Options that take
 * a separate value (`-cp x`) skip it.
 */
function commandLineOptions(program: readonly ArgToken[]): ArgToken[] {
  const out: ArgToken[] = [];
  const TAKES_VALUE = new Set(['-cp', '-classpath', '--class-path', '-p', '--module-path', '--upgrade-module-path', '--add-modules', '--add-opens',
    '--add-exports', '--add-reads', '--patch-module', '--limit-modules', '--enable-native-access']);
  for (let i = 1; i < program.length; i++) {
    const token = program[i] as ArgToken;
    if (token.text === '-jar' || token.text === '-m' || token.text === '--module' || !token.text.startsWith('-')) break;
    out.push(token);
    if (TAKES_VALUE.has(token.text)) i++;
  }
  return out;
}

function conventionTokens(family: JavaImage, env: ReadonlyMap<string, { value?: string; source: Source }>, imageSource: Source): JvmToken[] {
  const tokens: JvmToken[] = [];
  for (const variable of family.optionVariables) {
    const set = env.get(variable.name);
    const origin = `${variable.name}, which the ${family.name} image passes to java`;
    if (set?.value !== undefined) {
      for (const text of variable.toOptions(set.value)) tokens.push({ text, source: set.source, origin });
    } else if (!set && variable.whenUnset) {
      // The default lives in the image's start script: point at the image.
      for (const text of variable.whenUnset) tokens.push({ text, source: imageSource, origin: `the ${family.name} image's default when ${variable.name} is unset` });
    }
  }
  return tokens;
}

function jdkOf(container: Container, family: JavaImage | undefined): JvmProcess['jdk'] | undefined {
  if (!family?.jdkTags) return undefined;
  const candidates: Array<[string | undefined, Source | undefined]> = [
    [container.linkedImage?.from?.image, container.linkedImage?.from?.source],
    [container.image, container.imageSource],
  ];
  for (const [image, source] of candidates) {
    if (!image || !source || javaImageOf(image) !== family) continue;
    const version = jdkVersionOfTag(parseImageRef(image)?.tag);
    if (version) return { ...version, source, image };
  }
  return undefined;
}
