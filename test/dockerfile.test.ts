import { describe, expect, it } from 'vitest';
import { imageEnv, loadDockerfile, type DockerCommand, type DockerfileModel, type DockerStage } from '../src/load/dockerfile/index.js';
import type { Source } from '../src/model/source.js';

const load = (...lines: string[]): DockerfileModel => loadDockerfile('Dockerfile', lines.join('\n'));

/** The text a source covers, to check ranges against the file. */
function textAt(text: string, source: Source): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (line: number, column: number) => (starts[line - 1] as number) + column - 1;
  return text.slice(offset(source.line, source.column), offset(source.endLine, source.endColumn));
}

const at = (line: number, column: number, endLine: number, endColumn: number): Source => ({ file: 'Dockerfile', line, column, endLine, endColumn });

function envOf(stage: DockerStage | undefined): Record<string, string> {
  return Object.fromEntries((stage?.env ?? []).map((e) => [e.name, e.value]));
}

const argv = (command: DockerCommand | undefined) => command?.argv.map((t) => t.text);

describe('loadDockerfile: CMD and ENTRYPOINT', () => {
  it('reads the exec form: JSON strings decoded, each item ranged with its quotes', () => {
    const text = 'FROM eclipse-temurin:21\nCMD ["java", "-Xmx512m",  "-Dq=\\"a b\\"", "\\u0041"]\n';
    const model = loadDockerfile('Dockerfile', text);
    expect(model.problems).toEqual([]);
    const cmd = model.final?.cmd;
    expect(cmd).toMatchObject({ instruction: 'CMD', form: 'exec' });
    expect(argv(cmd)).toEqual(['java', '-Xmx512m', '-Dq="a b"', 'A']);
    expect(cmd?.argv[0]?.source).toEqual(at(2, 6, 2, 12));
    expect(cmd?.argv[1]?.source).toEqual(at(2, 14, 2, 24));
    expect(cmd?.argv[2]?.source).toEqual(at(2, 27, 2, 40));
    expect(textAt(text, cmd?.argv[2]?.source as Source)).toBe('"-Dq=\\"a b\\""');
    expect(textAt(text, cmd?.argv[3]?.source as Source)).toBe('"\\u0041"');
    expect(cmd?.source).toEqual(at(2, 1, 2, 51));
    expect(cmd?.script).toBeUndefined();
  });

  it('reads the shell form as /bin/sh -c plus the raw script, expanding nothing', () => {
    const text = 'FROM node:20\nENTRYPOINT  node --max-old-space-size=$HEAP "server.js"  \n';
    const entrypoint = loadDockerfile('Dockerfile', text).final?.entrypoint;
    expect(entrypoint).toMatchObject({ instruction: 'ENTRYPOINT', form: 'shell' });
    expect(argv(entrypoint)).toEqual(['/bin/sh', '-c', 'node --max-old-space-size=$HEAP "server.js"']);
    expect(entrypoint?.script?.source).toEqual(at(2, 13, 2, 56));
    expect(entrypoint?.argv[2]).toBe(entrypoint?.script);
    // The default shell is written nowhere: its tokens point at the keyword.
    expect(entrypoint?.argv[0]?.source).toEqual(at(2, 1, 2, 11));
    expect(entrypoint?.argv[1]?.source).toEqual(at(2, 1, 2, 11));
    expect(entrypoint?.source).toEqual(at(2, 1, 2, 56));
  });

  it('falls back to the shell form for JSON Docker cannot decode, as Docker does', () => {
    const model = load('FROM alpine', "CMD ['java', '-jar', 'app.jar']");
    expect(model.problems).toEqual([]);
    expect(model.final?.cmd?.form).toBe('shell');
    expect(argv(model.final?.cmd)).toEqual(['/bin/sh', '-c', "['java', '-jar', 'app.jar']"]);
    expect(load('FROM alpine', 'CMD ["a", "b",]').final?.cmd?.form).toBe('shell');
    expect(load('FROM alpine', 'CMD ["a" "b"]').final?.cmd?.form).toBe('shell');
    expect(load('FROM alpine', 'CMD [unquoted]').final?.cmd?.form).toBe('shell');
  });

  it('keeps the first JSON array and ignores what follows it (Go json.Decoder)', () => {
    expect(argv(load('FROM alpine', 'CMD ["a", "b"] trailing words').final?.cmd)).toEqual(['a', 'b']);
  });

  it('rejects a JSON array of non-strings like Docker: a problem, and no CMD from it', () => {
    const model = load('FROM alpine', 'CMD ["sleep", "infinity"]', 'CMD ["sleep", 10]');
    expect(argv(model.final?.cmd)).toEqual(['sleep', 'infinity']);
    expect(model.problems).toEqual([
      { code: 'dockerfile-syntax', file: 'Dockerfile', line: 3, column: 15, message: 'when using JSON array syntax, arrays must be comprised of strings only' },
    ]);
  });

  it('takes empty arrays and empty shell forms as Docker stores them', () => {
    expect(load('FROM alpine', 'CMD []').final?.cmd).toMatchObject({ form: 'exec', argv: [] });
    expect(argv(load('FROM alpine', 'CMD').final?.cmd)).toEqual(['/bin/sh', '-c']);
  });

  it('uses the last CMD and the last ENTRYPOINT of a stage', () => {
    const model = load('FROM alpine', 'CMD ["a"]', 'ENTRYPOINT ["x"]', 'CMD ["b"]', 'ENTRYPOINT ["y"]');
    expect(argv(model.final?.cmd)).toEqual(['b']);
    expect(argv(model.final?.entrypoint)).toEqual(['y']);
  });

  it('reports flags Docker refuses on CMD', () => {
    const model = load('FROM alpine', 'CMD --foo=bar ["a"]');
    expect(model.problems).toMatchObject([{ line: 2, column: 5, message: 'unknown flag: foo' }]);
    expect(argv(model.final?.cmd)).toEqual(['a']);
  });
});

describe('loadDockerfile: ENV', () => {
  it('reads NAME=value pairs: quotes removed, escapes processed, each value ranged as written', () => {
    const text = [
      'FROM alpine',
      `ENV A=1 B="x y" C='lit $A \\n' D=x\\ y E= F="say \\"hi\\" \\$HOME" G=a\\"b`,
    ].join('\n');
    const model = loadDockerfile('Dockerfile', text);
    expect(model.problems).toEqual([]);
    const env = model.final?.env ?? [];
    expect(env.map((e) => [e.name, e.value, e.instruction])).toEqual([
      ['A', '1', 'ENV'],
      ['B', 'x y', 'ENV'],
      ['C', 'lit $A \\n', 'ENV'],
      ['D', 'x y', 'ENV'],
      ['E', '', 'ENV'],
      ['F', 'say "hi" $HOME', 'ENV'],
      ['G', 'a"b', 'ENV'],
    ]);
    expect(env[0]?.source).toEqual(at(2, 7, 2, 8));
    expect(env[0]?.nameSource).toEqual(at(2, 5, 2, 6));
    expect(env[1]?.source).toEqual(at(2, 11, 2, 16));
    expect(env.map((e) => textAt(text, e.source))).toEqual(['1', '"x y"', "'lit $A \\n'", 'x\\ y', '', '"say \\"hi\\" \\$HOME"', 'a\\"b']);
    // An empty value is an empty range right after its `=`.
    expect(env[4]?.source).toEqual(at(2, 40, 2, 40));
  });

  it('reads the legacy form `ENV NAME value`: the rest of the line is the value', () => {
    const text = 'FROM alpine\nENV JAVA_OPTS  -Xms256m   -Xmx1g "-Dfoo=a b"\n';
    const env = loadDockerfile('Dockerfile', text).final?.env;
    expect(env).toEqual([
      {
        name: 'JAVA_OPTS',
        value: '-Xms256m   -Xmx1g -Dfoo=a b',
        source: at(2, 16, 2, 45),
        nameSource: at(2, 5, 2, 14),
        instruction: 'ENV',
      },
    ]);
  });

  it('expands ${VAR}, $VAR and the ${VAR:-default} family from earlier ENV and ARG', () => {
    const model = load(
      'FROM alpine',
      'ARG HEAP=512m',
      'ENV BASE=/opt EMPTY=',
      'ENV A=${BASE}/bin B=$BASE/lib C=${HEAP:-1g} D=${MISSING:-1g} E=${EMPTY:-dflt} F=${EMPTY-dflt}',
      'ENV G=${HEAP:+set} H=${MISSING:+set} I="${BASE}s" J=\'${BASE}\' K=\\$BASE L=$$',
      'ENV V=java-21.0.1',
      'ENV M=${V#*-} N=${V##*.} O=${V%.*} P=${V%%.*} Q=${V/./_} R=${V//./_}',
    );
    expect(model.problems).toEqual([]);
    expect(envOf(model.final)).toMatchObject({
      A: '/opt/bin', B: '/opt/lib', C: '512m', D: '1g', E: 'dflt', F: '',
      G: 'set', H: '', I: '/opts', J: '${BASE}', K: '$BASE', L: '',
      M: '21.0.1', N: '1', O: 'java-21.0', P: 'java-21', Q: 'java-21_0.1', R: 'java-21_0_1',
    });
  });

  it('expands a whole ENV instruction before applying it, as Docker does', () => {
    const model = load('FROM alpine', 'ENV X=old', 'ENV X=new Y=$X', 'ENV Z=$X');
    expect(envOf(model.final)).toEqual({ X: 'new', Y: 'old', Z: 'new' });
  });

  it('lists the variables a value needed but this file does not set (base image ENV, build args)', () => {
    const model = load('FROM openjdk:17', 'ARG EXTRA', 'ENV JAVA_OPTS="$JAVA_OPTS -Xmx1g ${EXTRA:-}" PATH=$PATH:/app');
    const [opts, path] = (model.final?.env ?? []).filter((e) => e.instruction === 'ENV');
    expect(opts).toMatchObject({ value: ' -Xmx1g ', unresolved: ['JAVA_OPTS', 'EXTRA'] });
    expect(path).toMatchObject({ value: ':/app', unresolved: ['PATH'] });
    // Carried along through variables computed from them.
    const chained = load('FROM alpine', 'ARG V', 'ENV A=$V', 'ENV B=x$A');
    expect(chained.final?.env.find((e) => e.name === 'B')).toMatchObject({ value: 'x', unresolved: ['V'] });
  });

  it('reports what Docker refuses, and keeps going', () => {
    const model = load('FROM alpine', 'ENV A=1 oops B=2', 'ENV LONELY', 'ENV', 'ENV Q="unterminated', 'ENV R=${bad');
    expect(model.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [2, 9, 'Syntax error - can\'t find = in "oops". Must be of the form: name=value'],
      [3, 1, 'ENV must have two arguments'],
      [4, 1, 'ENV requires at least one argument'],
      [5, 7, 'unexpected end of statement while looking for matching double-quote'],
      [6, 7, "syntax error: missing '}'"],
    ]);
    expect(envOf(model.final)).toMatchObject({ A: '1', B: '2' });
    expect(model.problems.every((p) => p.code === 'dockerfile-syntax')).toBe(true);
  });

  it('imageEnv keeps the last ENV of each name and leaves ARGs out', () => {
    const model = load('FROM alpine', 'ARG A=1', 'ENV B=1 C=1', 'ENV B=2');
    const env = imageEnv(model.final as DockerStage);
    expect([...env].map(([name, e]) => [name, e.value])).toEqual([['B', '2'], ['C', '1']]);
  });

  it('positions values with multi-byte characters in UTF-16 columns', () => {
    const text = 'FROM alpine\nENV GREETING="héllo 😀" X=1\n';
    const env = loadDockerfile('Dockerfile', text).final?.env;
    expect(env?.[0]).toMatchObject({ value: 'héllo 😀', source: at(2, 14, 2, 24) });
    expect(env?.[1]?.source).toEqual(at(2, 27, 2, 28));
  });
});

describe('loadDockerfile: ARG', () => {
  it('applies ARGs before the first FROM to FROM lines only', () => {
    const model = load('ARG VERSION=21', 'ARG IMAGE=eclipse-temurin:${VERSION}-jre', 'FROM ${IMAGE} AS run', 'ENV V=$VERSION');
    expect(model.final?.from).toMatchObject({ image: 'eclipse-temurin:21-jre', repository: 'eclipse-temurin', tag: '21-jre' });
    expect(model.final?.from.source).toEqual(at(3, 6, 3, 14));
    expect(model.final?.env).toMatchObject([{ name: 'V', value: '', unresolved: ['VERSION'] }]);
    expect(model.globalArgs.map((a) => [a.name, a.value])).toEqual([['VERSION', '21'], ['IMAGE', 'eclipse-temurin:21-jre']]);
  });

  it('gives `ARG NAME` in a stage the global default, pointing at where that default is written', () => {
    const text = 'ARG HEAP=768m\nFROM alpine\nARG HEAP\nENV JAVA_OPTS=-Xmx${HEAP}\n';
    const env = loadDockerfile('Dockerfile', text).final?.env;
    expect(env?.[0]).toEqual({ name: 'HEAP', value: '768m', source: at(1, 10, 1, 14), nameSource: at(3, 5, 3, 9), instruction: 'ARG' });
    expect(env?.[1]).toMatchObject({ name: 'JAVA_OPTS', value: '-Xmx768m' });
  });

  it('defines an ARG with a default for the rest of its stage, one name at a time', () => {
    const model = load('FROM alpine', 'ENV BEFORE=$X', 'ARG X=1 Y=${X}2 Z', 'ENV AFTER=$X$Y$Z');
    expect(envOf(model.final)).toEqual({ BEFORE: '', X: '1', Y: '12', AFTER: '112' });
    expect(model.final?.env.find((e) => e.name === 'AFTER')?.unresolved).toEqual(['Z']);
    expect(model.final?.env.find((e) => e.name === 'X')?.instruction).toBe('ARG');
  });

  it('lets a later ARG value win over an ENV in expansions, as BuildKit does', () => {
    const model = load('FROM alpine', 'ENV X=env', 'ARG X=arg', 'ENV Y=$X');
    expect(envOf(model.final).Y).toBe('arg');
    // An ARG without any value changes nothing.
    expect(envOf(load('FROM alpine', 'ENV X=env', 'ARG X', 'ENV Y=$X').final).Y).toBe('env');
  });
});

describe('loadDockerfile: stages', () => {
  const multi = [
    'ARG BASE=maven:3-eclipse-temurin-21',
    'FROM ${BASE} AS Build',
    'ENV MAVEN_OPTS=-Xmx2g',
    'CMD ["mvn", "package"]',
    'FROM build AS test',
    'ENV EXTRA=1',
    'FROM eclipse-temurin:21-jre@sha256:abc AS run',
    'ENV JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75',
    'ENTRYPOINT ["java", "-jar", "/app.jar"]',
  ];

  it('reads every stage; the last is the final one', () => {
    const model = load(...multi);
    expect(model.problems).toEqual([]);
    expect(model.stages.map((s) => [s.index, s.name, s.from.image])).toEqual([
      [0, 'build', 'maven:3-eclipse-temurin-21'],
      [1, 'test', 'build'],
      [2, 'run', 'eclipse-temurin:21-jre@sha256:abc'],
    ]);
    expect(model.final).toBe(model.stages[2]);
    expect(model.final?.from).toMatchObject({ repository: 'eclipse-temurin', tag: '21-jre', digest: 'sha256:abc' });
    expect(model.final?.from.stage).toBeUndefined();
    expect(envOf(model.final)).toEqual({ JAVA_TOOL_OPTIONS: '-XX:MaxRAMPercentage=75' });
    expect(model.final?.cmd).toBeUndefined();
  });

  it('starts a stage built FROM another with its ENV, ARG values, CMD and ENTRYPOINT', () => {
    const model = load('FROM alpine AS base', 'ARG A=1', 'ENV B=2', 'CMD ["c"]', 'ENTRYPOINT ["e"]', 'CMD ["c2"]', 'FROM base', 'ENV D=$A$B');
    const [base, child] = model.stages;
    expect(child?.from).toMatchObject({ image: 'base', repository: 'base', stage: 0 });
    expect(child?.env.map((e) => [e.name, e.value, e.instruction])).toEqual([['A', '1', 'ARG'], ['B', '2', 'ENV'], ['D', '12', 'ENV']]);
    expect(child?.cmd).toBe(base?.cmd);
    expect(argv(child?.cmd)).toEqual(['c2']);
    expect(argv(child?.entrypoint)).toEqual(['e']);
    // The parent is not changed by its child.
    expect(base?.env).toHaveLength(2);
  });

  it('matches stage names as Docker does: AS names are lower-cased, FROM is matched as written', () => {
    const model = load('FROM alpine AS Builder', 'ENV X=1', 'FROM builder', 'FROM Builder');
    expect(model.stages.map((s) => s.from.stage)).toEqual([undefined, 0, undefined]);
  });

  it('does not take a stage named later, nor the stage itself', () => {
    const model = load('FROM later AS first', 'FROM first AS first', 'FROM alpine AS later');
    expect(model.stages.map((s) => s.from.stage)).toEqual([undefined, 0, undefined]);
  });

  it('resets an inherited CMD on ENTRYPOINT, but keeps a CMD set earlier in the same stage', () => {
    const parent = ['FROM alpine AS base', 'CMD ["serve"]'];
    expect(load(...parent, 'FROM base', 'ENTRYPOINT ["app"]').final?.cmd).toBeUndefined();
    expect(argv(load(...parent, 'FROM base', 'CMD ["run"]', 'ENTRYPOINT ["app"]').final?.cmd)).toEqual(['run']);
    expect(argv(load(...parent, 'FROM base', 'ENTRYPOINT ["app"]', 'CMD ["run"]').final?.cmd)).toEqual(['run']);
    expect(argv(load(...parent, 'FROM base', 'ENV X=1').final?.cmd)).toEqual(['serve']);
    // Within one stage too: ENTRYPOINT after a CMD of the same stage keeps it.
    expect(argv(load('FROM alpine', 'CMD ["a"]', 'ENTRYPOINT ["b"]').final?.cmd)).toEqual(['a']);
  });

  it('reads FROM flags, scratch, registries with ports, and reports bad FROM lines', () => {
    const ok = load('FROM --platform=$BUILDPLATFORM registry:5000/team/app:1.2 AS x', 'FROM scratch');
    expect(ok.problems).toEqual([]);
    expect(ok.stages[0]?.from).toMatchObject({ image: 'registry:5000/team/app:1.2', repository: 'registry:5000/team/app', tag: '1.2' });
    expect(ok.stages[1]?.from).toEqual({ image: 'scratch', repository: 'scratch', source: at(2, 6, 2, 13) });
    const bad = load('FROM a b', 'FROM a AS 1x', 'FROM ${NOTHING}', 'FROM --bogus=1 alpine');
    expect(bad.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [1, 1, 'FROM requires either one or three arguments'],
      [2, 11, 'invalid name for build stage: "1x", name can\'t start with a number or contain symbols'],
      [3, 6, 'base name (${NOTHING}) should not be blank'],
      [4, 6, 'unknown flag: bogus'],
    ]);
    expect(bad.stages[2]?.from).toMatchObject({ image: '', unresolved: ['NOTHING'] });
  });
});

describe('loadDockerfile: SHELL', () => {
  it('runs later shell-form commands through SHELL, earlier ones through /bin/sh -c', () => {
    const text = 'FROM alpine\nCMD early\nSHELL ["/bin/bash", "-euo", "pipefail", "-c"]\nENTRYPOINT exec java\n';
    const model = loadDockerfile('Dockerfile', text);
    expect(argv(model.final?.cmd)).toEqual(['/bin/sh', '-c', 'early']);
    const entrypoint = model.final?.entrypoint;
    expect(argv(entrypoint)).toEqual(['/bin/bash', '-euo', 'pipefail', '-c', 'exec java']);
    expect(entrypoint?.argv[0]?.source).toEqual(at(3, 8, 3, 19));
    expect(entrypoint?.argv[4]?.source).toEqual(at(4, 12, 4, 21));
  });

  it('is inherited by a child stage, and SHELL [] restores the default', () => {
    const model = load('FROM alpine AS a', 'SHELL ["bash", "-c"]', 'FROM a AS b', 'CMD x', 'FROM a', 'SHELL []', 'CMD y');
    expect(argv(model.stages[1]?.cmd)).toEqual(['bash', '-c', 'x']);
    expect(argv(model.stages[2]?.cmd)).toEqual(['/bin/sh', '-c', 'y']);
  });

  it('must be JSON', () => {
    const model = load('FROM alpine', 'SHELL /bin/bash -c', 'CMD x');
    expect(model.problems).toMatchObject([{ line: 2, column: 1, message: 'SHELL requires the arguments to be in JSON form' }]);
    expect(argv(model.final?.cmd)).toEqual(['/bin/sh', '-c', 'x']);
  });
});

describe('loadDockerfile: lines', () => {
  it('joins continuation lines, dropping comment and blank lines inside them, with exact ranges', () => {
    const text = [
      'FROM alpine',
      'ENV JAVA_OPTS="-Xms1g \\',
      '  # not a comment: inside quotes? no, Docker drops comment lines first',
      '',
      '    -Xmx2g" \\',
      '    OTHER=1',
      'CMD java \\',
      '    $JAVA_OPTS \\',
      '    -jar app.jar',
    ].join('\n');
    const model = loadDockerfile('Dockerfile', text);
    expect(model.problems).toEqual([]);
    const [opts, other] = model.final?.env ?? [];
    expect(opts).toMatchObject({ value: '-Xms1g     -Xmx2g', source: at(2, 15, 5, 12) });
    expect(other).toMatchObject({ value: '1', source: at(6, 11, 6, 12) });
    const script = model.final?.cmd?.script;
    expect(script?.text).toBe('java     $JAVA_OPTS     -jar app.jar');
    expect(script?.source).toEqual(at(7, 5, 9, 17));
    expect(model.final?.cmd?.source).toEqual(at(7, 1, 9, 17));
  });

  it('ends a line at an escaped escape character (`\\\\`), unlike a single one', () => {
    const model = load('FROM alpine', 'ENV A=x\\\\', 'ENV B=y');
    expect(envOf(model.final)).toEqual({ A: 'x\\', B: 'y' });
    expect(model.final?.env[1]?.source).toEqual(at(3, 7, 3, 8));
  });

  it('continues across lines that end in the escape character followed by spaces', () => {
    expect(envOf(load('FROM alpine', 'ENV A=1 \\  \t', 'B=2').final)).toEqual({ A: '1', B: '2' });
  });

  it('honours the escape directive', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nENV A=C:\\path `\n    B="x`"y"\n';
    const model = loadDockerfile('Dockerfile', text);
    expect(model.problems).toEqual([]);
    expect(envOf(model.final)).toEqual({ A: 'C:\\path', B: 'x"y' });
    expect(model.final?.env[1]?.source).toEqual(at(4, 7, 4, 13));
  });

  it('ignores comments, lower-case keywords are instructions, and unknown ones are skipped', () => {
    const model = load('# syntax=docker/dockerfile:1', '# FROM fake', 'from alpine', '  # CMD ["no"]', 'env A=1', 'FROBNICATE x', 'cmd ["yes"]');
    expect(model.problems).toEqual([]);
    expect(model.stages).toHaveLength(1);
    expect(envOf(model.final)).toEqual({ A: '1' });
    expect(argv(model.final?.cmd)).toEqual(['yes']);
  });

  it('skips heredoc bodies: their lines are not instructions', () => {
    const model = load(
      'FROM alpine',
      'RUN <<EOF',
      'ENV X=1',
      'CMD ["from-heredoc"]',
      'EOF',
      'COPY <<-CONF /etc/app.conf',
      '\tFROM nothing',
      '\tCONF',
      'CMD ["real"]',
    );
    expect(model.problems).toEqual([]);
    expect(model.stages).toHaveLength(1);
    expect(model.final?.env).toEqual([]);
    expect(argv(model.final?.cmd)).toEqual(['real']);
  });

  it('reads CRLF files: values without \\r, positions as in LF files', () => {
    const text = 'FROM alpine\r\nENV A="x y" \\\r\n    B=2\r\nCMD ["run", \\\r\n     "now"]\r\n';
    const model = loadDockerfile('Dockerfile', text);
    expect(model.problems).toEqual([]);
    expect(model.final?.env.map((e) => [e.name, e.value, e.source])).toEqual([
      ['A', 'x y', at(2, 7, 2, 12)],
      ['B', '2', at(3, 7, 3, 8)],
    ]);
    expect(argv(model.final?.cmd)).toEqual(['run', 'now']);
    expect(model.final?.cmd?.argv[1]?.source).toEqual(at(5, 6, 5, 11));
    expect(model.final?.cmd?.source).toEqual(at(4, 1, 5, 12));
    expect(argv(load('FROM a\r', 'CMD sh -c "x"\r').final?.cmd)).toEqual(['/bin/sh', '-c', 'sh -c "x"']);
  });
});

describe('loadDockerfile: problems', () => {
  it('reports a file without FROM', () => {
    expect(load('# only a comment').problems).toEqual([
      { code: 'dockerfile-syntax', file: 'Dockerfile', line: 1, column: 1, message: 'no FROM instruction: a Dockerfile must start a build stage with FROM' },
    ]);
    expect(load('').stages).toEqual([]);
  });

  it('reports instructions before the first FROM, except ARG', () => {
    const model = load('ARG X=1', 'ENV A=1', 'FROM alpine');
    expect(model.problems).toMatchObject([{ line: 2, column: 1, message: 'ENV before the first FROM: no build stage in current context' }]);
    expect(model.final?.env).toEqual([]);
  });

  it('never throws, whatever the input', () => {
    const inputs = [
      '\\', '`', 'FROM', 'FROM \\', 'CMD [', 'FROM a\nCMD ["\\u12"]', 'FROM a\nENV A=${', 'FROM a\nENV A=${:}', 'FROM a\nENV A=${a/[/x}',
      'FROM a\nENV A=${a%\\x}', 'FROM a\nARG', 'FROM a\nARG =', 'FROM a\nENV =1', '\u0000\u0001FROM', 'FROM a\nRUN <<EOF', '# escape=`\n`',
      'FROM a\nSHELL ["a", 1]', 'FROM a\nCMD [[[[', 'FROM a\nENV A="$"', 'FROM a\n\n\n\\\n\\\n',
    ];
    for (const input of inputs) {
      const model = loadDockerfile('Dockerfile', input);
      expect(model.file).toBe('Dockerfile');
      for (const problem of model.problems) expect(problem.line).toBeGreaterThanOrEqual(1);
    }
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['FROM a', 'ENV', 'ARG', 'CMD', 'SHELL', ' ', '\n', '\\', '"', "'", '$', '{', '}', '[', ']', ',', '=', ':-', '#', 'x', '`', '<<', '\r'];
    for (let n = 0; n < 300; n++) {
      let input = '';
      for (let k = 0; k < 40; k++) input += alphabet[Math.floor(random() * alphabet.length)];
      expect(() => loadDockerfile('Dockerfile', input)).not.toThrow();
    }
  });
});

describe('base images from build args', () => {
  it('FROM ${BASE_IMAGE} with an ARG without default is a normal build-arg Dockerfile, not an error', () => {
    const model = loadDockerfile('Dockerfile', 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nENV A=1\n');
    expect(model.problems).toEqual([]);
    expect(model.final?.from.image).toBe('');
  });

  it('a base name that is blank for another reason is what Docker refuses', () => {
    const model = loadDockerfile('Dockerfile', 'ARG BASE=\nFROM ${BASE}\n');
    expect(model.problems.map((p) => p.message)).toEqual(['base name (${BASE}) should not be blank']);
  });
});
