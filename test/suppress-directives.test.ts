/** Reading `# oomlint-disable…` comments: grammar, exact positions, and what is not a comment. */
import { describe, expect, it } from 'vitest';
import { collectDirectives } from '../src/suppress/directives.js';
import { parseRuleList } from '../src/suppress/rule-list.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

describe('parseRuleList', () => {
  it.each([
    ['', { ruleIds: [], empty: true }],
    ['  ', { ruleIds: [], empty: true }],
    [' memory-no-headroom', { ruleIds: ['memory-no-headroom'], empty: false }],
    [' a, b ,a,, c', { ruleIds: ['a', 'b', 'c'], empty: false }],
    [' a -- Guaranteed QoS on purpose', { ruleIds: ['a'], empty: false, justification: 'Guaranteed QoS on purpose' }],
    [' a,b --- why -- not split twice', { ruleIds: ['a', 'b'], empty: false, justification: 'why -- not split twice' }],
    ['-- every rule, with a reason', { ruleIds: [], empty: true, justification: 'every rule, with a reason' }],
    [' a --', { ruleIds: ['a'], empty: false }],
    // Dashes inside a word are not the separator (ESLint needs whitespace around them).
    [' a--b', { ruleIds: ['a--b'], empty: false }],
    [' *', { ruleIds: [], empty: false }],
    [' a, * -- all of them', { ruleIds: [], empty: false, justification: 'all of them' }],
  ])('%j', (text, expected) => {
    expect(parseRuleList(text)).toEqual(expected);
  });
});

describe('collectDirectives in YAML', () => {
  it('reads each directive type with the comment range, rules and reason', () => {
    const text = lines(
      'apiVersion: v1 # oomlint-disable-line memory-no-headroom -- trailing',
      '# oomlint-disable-next-line memory-limit-missing, memory-request-missing -- batch job',
      'kind: Pod',
      '  #   oomlint-disable',
      '#oomlint-enable pod-qos-best-effort',
      '# oomlint-disable-next-line * -- every rule',
    );
    expect(collectDirectives('pod.yaml', text, 'manifest')).toEqual({
      directives: [
        {
          type: 'disable-line',
          ruleIds: ['memory-no-headroom'],
          justification: 'trailing',
          source: { file: 'pod.yaml', line: 1, column: 16, endLine: 1, endColumn: 69 },
        },
        {
          type: 'disable-next-line',
          ruleIds: ['memory-limit-missing', 'memory-request-missing'],
          justification: 'batch job',
          source: { file: 'pod.yaml', line: 2, column: 1, endLine: 2, endColumn: 86 },
        },
        { type: 'disable', ruleIds: [], source: { file: 'pod.yaml', line: 4, column: 3, endLine: 4, endColumn: 22 } },
        { type: 'enable', ruleIds: ['pod-qos-best-effort'], source: { file: 'pod.yaml', line: 5, column: 1, endLine: 5, endColumn: 36 } },
        {
          type: 'disable-next-line',
          ruleIds: [],
          justification: 'every rule',
          source: { file: 'pod.yaml', line: 6, column: 1, endLine: 6, endColumn: 44 },
        },
      ],
      problems: [],
    });
  });

  it('ignores ordinary comments and a directive that is not the whole comment', () => {
    const text = lines('# set by the platform team', 'a: 1 # see oomlint-disable docs', '# oomlint-disabled is not a word we know?');
    const scan = collectDirectives('a.yaml', text, 'manifest');
    expect(scan.directives).toEqual([]);
    // ...but a near miss of our keyword is reported, since it silences nothing.
    expect(scan.problems).toEqual([
      {
        message: expect.stringContaining('unknown directive "oomlint-disabled"'),
        source: { file: 'a.yaml', line: 3, column: 1, endLine: 3, endColumn: 42 },
        object: 'a.yaml',
      },
    ]);
  });

  it('reports a misspelt keyword with its position', () => {
    const scan = collectDirectives('a.yaml', lines('x: 1', '# oomlint-disable-nextline memory-no-headroom'), 'manifest');
    expect(scan.directives).toEqual([]);
    expect(scan.problems.map((p) => [p.source.line, p.message])).toEqual([
      [2, 'unknown directive "oomlint-disable-nextline": it suppresses nothing; write oomlint-disable-next-line, oomlint-disable-line, oomlint-disable or oomlint-enable'],
    ]);
  });

  it('a # inside a block scalar, a quoted scalar or a plain scalar is not a comment', () => {
    const text = lines(
      'data:',
      '  script: |',
      '    # oomlint-disable',
      '    echo hi # oomlint-disable-line memory-no-headroom',
      '  folded: >-',
      '    # oomlint-disable-next-line memory-no-headroom',
      '  quoted: "# oomlint-disable"',
      "  single: '# oomlint-enable'",
      '  plain: a#oomlint-disable',
      '  flow: [x, "# oomlint-disable"] # oomlint-disable-line pod-qos-best-effort',
    );
    const scan = collectDirectives('cm.yaml', text, 'manifest');
    expect(scan.directives.map((d) => [d.type, d.source.line, d.source.column, d.ruleIds])).toEqual([['disable-line', 10, 34, ['pod-qos-best-effort']]]);
    expect(scan.problems).toEqual([]);
  });

  it('a top-level block scalar whose lines start at column 1 is not read as comments', () => {
    const scan = collectDirectives('s.yaml', lines('--- |', '# oomlint-disable', '---', '# oomlint-enable'), 'manifest');
    expect(scan.directives.map((d) => [d.type, d.source.line])).toEqual([['enable', 4]]);
  });

  it('keeps positions right after multi-byte text, CRLF line ends and several documents', () => {
    const text = 'a: "ünïcödé 🙂"\r\n# oomlint-disable-next-line memory-no-headroom\r\n---\r\nb: 1 # oomlint-disable-line x\r\n';
    expect(collectDirectives('m.yaml', text, 'manifest').directives.map((d) => d.source)).toEqual([
      { file: 'm.yaml', line: 2, column: 1, endLine: 2, endColumn: 47 },
      { file: 'm.yaml', line: 4, column: 6, endLine: 4, endColumn: 30 },
    ]);
  });
});

describe('collectDirectives in Dockerfiles', () => {
  const DOCKERFILE = lines(
    '# syntax=docker/dockerfile:1',
    '# escape=\\',
    'FROM eclipse-temurin:21-jre',
    '# oomlint-disable-next-line jvm-heap-without-limit -- sized by the chart',
    'ENV JAVA_TOOL_OPTIONS="-Xmx2g"',
    'RUN <<EOF',
    '# oomlint-disable',
    'echo build',
    'EOF',
    'ENV A=1 \\',
    '  # oomlint-disable-next-line jvm-flag-invalid',
    '  B=2',
    'RUN echo hi # oomlint-disable-next-line not-a-comment-for-docker',
    '    # oomlint-enable',
  );

  it('reads whole-line comments, including inside a continuation, and not parser directives or heredoc bodies', () => {
    const scan = collectDirectives('Dockerfile', DOCKERFILE, 'dockerfile');
    expect(scan.directives).toEqual([
      {
        type: 'disable-next-line',
        ruleIds: ['jvm-heap-without-limit'],
        justification: 'sized by the chart',
        source: { file: 'Dockerfile', line: 4, column: 1, endLine: 4, endColumn: 73 },
      },
      {
        type: 'disable-next-line',
        ruleIds: ['jvm-flag-invalid'],
        source: { file: 'Dockerfile', line: 11, column: 3, endLine: 11, endColumn: 47 },
      },
      { type: 'enable', ruleIds: [], source: { file: 'Dockerfile', line: 14, column: 5, endLine: 14, endColumn: 21 } },
    ]);
    expect(scan.problems).toEqual([]);
  });

  it('a parser directive that looks like ours is still a parser directive only at the top', () => {
    const scan = collectDirectives('Dockerfile', lines('# oomlint-disable', 'FROM alpine'), 'dockerfile');
    // `oomlint-disable` has no `=`, so Docker reads it as a comment, and so do we.
    expect(scan.directives.map((d) => [d.type, d.source.line])).toEqual([['disable', 1]]);
  });

  it('oomlint-disable-line cannot work in a Dockerfile and says what to write instead', () => {
    const scan = collectDirectives('Dockerfile', lines('FROM alpine', '# oomlint-disable-line jvm-flag-invalid'), 'dockerfile');
    expect(scan.directives).toEqual([]);
    expect(scan.problems).toEqual([
      {
        message: expect.stringMatching(/^oomlint-disable-line cannot share a line .* put oomlint-disable-next-line above the instruction$/),
        source: { file: 'Dockerfile', line: 2, column: 1, endLine: 2, endColumn: 40 },
        object: 'Dockerfile',
      },
    ]);
  });

  it('the same text read as YAML finds the `#` after an instruction (YAML has trailing comments)', () => {
    // Guards the kind switch: a Dockerfile must not be lexed as YAML.
    const asYaml = collectDirectives('Dockerfile', DOCKERFILE, 'manifest').directives.map((d) => d.source.line);
    expect(asYaml).toContain(13);
    expect(collectDirectives('Dockerfile', DOCKERFILE, 'dockerfile').directives.map((d) => d.source.line)).not.toContain(13);
  });
});
