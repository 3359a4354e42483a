import { describe, expect, it } from 'vitest';
import { imageEnv, loadDockerfile, type DockerStage } from '../src/load/dockerfile/index.js';
import { argv, at, envOf, load, textAt } from './dockerfile-helpers.js';

// CMD, ENTRYPOINT, SHELL, FROM and stages are in dockerfile-commands.test.ts.

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
