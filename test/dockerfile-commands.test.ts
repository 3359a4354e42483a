import { describe, expect, it } from 'vitest';
import { loadDockerfile } from '../src/load/dockerfile/index.js';
import type { Source } from '../src/model/source.js';
import { argv, at, envOf, load, textAt } from './dockerfile-helpers.js';

// ENV, ARG, expansion, line handling and problems are in dockerfile.test.ts.

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
