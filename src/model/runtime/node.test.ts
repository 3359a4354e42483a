import { describe, it, expect } from 'vitest';
import type { Source } from '../source.js';
import {
  NODE_OPTIONS_ORIGIN,
  parseNodeOptions,
  splitNodeOptions,
  tokenizeNodeOptions,
  type NodeHeapSettings,
  type NodeToken,
} from './node.js';

const at = (column: number, endColumn = column + 1, line = 1): Source => ({ file: 'pod.yaml', line, column, endLine: line, endColumn });

/** NODE_OPTIONS arguments followed by command-line arguments, as parseNodeOptions expects them. */
function tokens(nodeOptions: string, commandLine: readonly string[] = []): NodeToken[] {
  return [
    ...splitNodeOptions(nodeOptions).map((text, i) => ({ text, source: at(i + 1), origin: NODE_OPTIONS_ORIGIN })),
    ...commandLine.map((text, i) => ({ text, source: at(i + 1, i + 2, 2), origin: 'command line' })),
  ];
}

function summary(s: NodeHeapSettings) {
  return {
    old: s.maxOldSpace?.mib,
    semi: s.maxSemiSpace?.mib,
    heap: s.maxHeapSize?.mib,
    pct: s.maxOldSpacePercentage?.percent,
    fatal: s.invalid.filter((p) => p.fatal).length,
    warn: s.invalid.filter((p) => !p.fatal).length,
  };
}

describe('splitNodeOptions (node.cc ParseNodeOptionsEnvVar)', () => {
  /** [NODE_OPTIONS, arguments, error]; every row was checked against node v20 (via --title). */
  const ROWS: readonly [string, string[], string?][] = [
    ['', []],
    ['   ', []],
    ['--max-old-space-size=512', ['--max-old-space-size=512']],
    ['  --a   --b  ', ['--a', '--b']],
    ['--title="a b"', ['--title=a b']],
    ['"--max-old-space-size=300"', ['--max-old-space-size=300']],
    ['--max-old-space-size="3"00', ['--max-old-space-size=300']],
    ['--title=a"b c"d', ['--title=ab cd']],
    ['--title="a\\"b"', ['--title=a"b']],
    ['--title="a\\\\b"', ['--title=a\\b']],
    ['--title="a\\nb"', ['--title=anb']],
    ['--title=a\\b', ['--title=a\\b']], // outside quotes a backslash is literal
    ['--title=a\\"b c"', ['--title=a\\b c']],
    ['--title ""', ['--title']], // an empty quoted word yields no argument
    ['"" --a', ['--a']],
    ['--a\t--b', ['--a\t--b']], // only ASCII spaces separate arguments
    ['--a\n--b', ['--a\n--b']],
    ['--require "./my path/x.js" --max-old-space-size=1', ['--require', './my path/x.js', '--max-old-space-size=1']],
    ['--max-old-space-size="30', ['--max-old-space-size=30'], 'unterminated string'],
    ['--max-old-space-size="30\\', ['--max-old-space-size=30'], 'invalid escape'],
    ['"', [], 'unterminated string'],
    ['--a "b', ['--a', 'b'], 'unterminated string'],
  ];

  it.each(ROWS)('%j', (value, args, error) => {
    expect(splitNodeOptions(value)).toEqual(args);
    expect(tokenizeNodeOptions(value).error).toBe(error);
  });

  it('reports where each argument sits, quotes included', () => {
    expect(tokenizeNodeOptions(' --a="x y"  b').args).toEqual([
      { text: '--a=x y', start: 1, end: 10 },
      { text: 'b', start: 12, end: 13 },
    ]);
    expect(tokenizeNodeOptions('""x "y"').args).toEqual([
      { text: 'x', start: 0, end: 3 },
      { text: 'y', start: 4, end: 7 },
    ]);
  });
});

describe('parseNodeOptions', () => {
  type Row = [string, string, readonly string[], ReturnType<typeof summary>];
  const none = { old: undefined, semi: undefined, heap: undefined, pct: undefined, fatal: 0, warn: 0 };
  /** [title, NODE_OPTIONS, command line, expected]; heap values were checked against node v20. */
  const ROWS: readonly Row[] = [
    ['plain', '--max-old-space-size=512', [], { ...none, old: 512 }],
    ['underscores', '--max_old_space_size=512', [], { ...none, old: 512 }],
    ['mixed separators', '--max-old_space-size=512', [], { ...none, old: 512 }],
    ['semi-space', '--max-semi-space-size=64', [], { ...none, semi: 64 }],
    ['semi-space underscores', '--max_semi_space_size=32', [], { ...none, semi: 32 }],
    ['last wins in NODE_OPTIONS', '--max-old-space-size=100 --max-old-space-size=200', [], { ...none, old: 200 }],
    ['command line beats NODE_OPTIONS', '--max-old-space-size=100', ['--max-old-space-size=200'], { ...none, old: 200 }],
    ['NODE_OPTIONS does not beat the command line', '--max-old-space-size=300', ['--max-semi-space-size=8'], { ...none, old: 300, semi: 8 }],
    ['leading plus and zeros', '--max-old-space-size=+0100', [], { ...none, old: 100 }],
    ['leading tab', '--max-old-space-size=\t100', [], { ...none, old: 100 }],
    ['two tokens: fatal', '--max-old-space-size 4096', [], { ...none, fatal: 1 }],
    ['unit suffix: fatal', '--max-old-space-size=4g', [], { ...none, fatal: 1 }],
    ['decimal: fatal', '--max-old-space-size=1.5', [], { ...none, fatal: 1 }],
    ['hex: fatal', '--max-old-space-size=0x100', [], { ...none, fatal: 1 }],
    ['digit separator: fatal', '--max-old-space-size=1_000', [], { ...none, fatal: 1 }],
    ['trailing space in quotes: fatal', '--max-old-space-size="300 "', [], { ...none, fatal: 1 }],
    ['negative: ignored, previous kept', '--max-old-space-size=100 --max-old-space-size=-1', [], { ...none, old: 100, warn: 1 }],
    ['beyond int64: ignored', '--max-old-space-size=99999999999999999999', [], { ...none, warn: 1 }],
    ['negative with junk: fatal', '--max-old-space-size=-1abc', [], { ...none, fatal: 1 }],
    ['zero resets to default', '--max-old-space-size=300', ['--max-old-space-size=0'], { ...none, warn: 1 }],
    ['empty value resets to default', '--max-old-space-size=100 --max-old-space-size=', [], { ...none, warn: 1 }],
    ['--max-heap-size is not allowed in NODE_OPTIONS', '--max-heap-size=300', [], { ...none, fatal: 1 }],
    ['--max-heap-size on the command line', '', ['--max-heap-size=300'], { ...none, heap: 300 }],
    ['all three V8 heap flags abort', '', ['--max-old-space-size=100', '--max-semi-space-size=16', '--max-heap-size=300'], { ...none, old: 100, semi: 16, heap: 300, fatal: 1 }],
    ['NODE_OPTIONS stops at a non-option', 'app.js --max-old-space-size=300', [], { ...none, warn: 1 }],
    ['NODE_OPTIONS: value of --require is not a stop', '--require ./otel.js --max-old-space-size=300', [], { ...none, old: 300 }],
    ['NODE_OPTIONS: value of --title is not a stop', '--title x --max-old-space-size=300', [], { ...none, old: 300 }],
    ['NODE_OPTIONS: a boolean option does not take a value', '--enable-source-maps x --max-old-space-size=300', [], { ...none, warn: 1 }],
    ['-- in NODE_OPTIONS: fatal', '--max-old-space-size=300 --', [], { ...none, old: 300, fatal: 1 }],
    ['single dash in NODE_OPTIONS: fatal', '-max-old-space-size=300', [], { ...none, fatal: 1 }],
    ['single dash on the command line goes to V8', '', ['-max-old-space-size=300'], { ...none, old: 300 }],
    ['wrong case: fatal', '--MAX-OLD-SPACE-SIZE=300', [], { ...none, fatal: 1 }],
    ['negation: fatal', '--no-max-old-space-size', [], { ...none, fatal: 1 }],
    ['en dash in NODE_OPTIONS: silently ignored', '\u2013max-old-space-size=8192', [], { ...none, warn: 1 }],
    ['en dash on the command line: script path', '', ['\u2013max-old-space-size=8192'], { ...none, fatal: 1 }],
    ['after the script: the script gets it', '', ['--max-old-space-size=100', 'server.js', '--max-old-space-size=5'], { ...none, old: 100, warn: 1 }],
    ['after --: the script path', '', ['--max-old-space-size=100', '--', '--max-old-space-size=5'], { ...none, old: 100, fatal: 1 }],
    ['after -e code', '', ['-e', 'code', '--max-old-space-size=100'], { ...none, old: 100 }],
    ['percentage', '--max-old-space-size-percentage=75', [], { ...none, pct: 75 }],
    ['percentage, two tokens (a Node option)', '--max_old_space_size_percentage 25.5', [], { ...none, pct: 25.5 }],
    ['percentage 0: fatal', '--max-old-space-size-percentage=0', [], { ...none, fatal: 1 }],
    ['percentage 101: fatal', '', ['--max-old-space-size-percentage=101'], { ...none, fatal: 1 }],
    ['percentage with %: fatal', '--max-old-space-size-percentage=50%', [], { ...none, fatal: 1 }],
    ['percentage without value: fatal', '--max-old-space-size-percentage --max-old-space-size=1', [], { ...none, old: 1, fatal: 1 }],
    ['unrelated options', '--enable-source-maps --no-warnings', ['--inspect=0.0.0.0:9229'], none],
  ];

  it.each(ROWS)('%s', (_title, nodeOptions, commandLine, expected) => {
    expect(summary(parseNodeOptions(tokens(nodeOptions, commandLine)))).toEqual(expected);
  });

  it('keeps the winning token, its source and its origin', () => {
    const s = parseNodeOptions(tokens('--max-old-space-size=100', ['--max-old-space-size=200']));
    expect(s.maxOldSpace).toEqual({ mib: 200, text: '--max-old-space-size=200', source: at(1, 2, 2), origin: 'command line' });
  });

  it('spans both tokens of a two-token percentage', () => {
    const s = parseNodeOptions(tokens('--max-old-space-size-percentage 50'));
    expect(s.maxOldSpacePercentage).toEqual({
      percent: 50,
      text: '--max-old-space-size-percentage 50',
      source: { file: 'pod.yaml', line: 1, column: 1, endLine: 1, endColumn: 3 },
      origin: NODE_OPTIONS_ORIGIN,
    });
  });

  it('explains the mistakes precisely', () => {
    const reason = (nodeOptions: string, commandLine: string[] = []) =>
      parseNodeOptions(tokens(nodeOptions, commandLine)).invalid.map((p) => p.reason).join(' | ');
    expect(reason('--max-old-space-size 4096')).toMatch(/after "=".*write --max-old-space-size=4096/);
    expect(reason('--max-old-space-size=4G')).toMatch(/no unit suffix; for 4G write --max-old-space-size=4096/);
    expect(reason('--max-old-space-size=512Mi')).toMatch(/for 512Mi write --max-old-space-size=512/);
    expect(reason('--max-heap-size=1')).toMatch(/not allowed in NODE_OPTIONS/);
    expect(reason('foo --max-old-space-size=1')).toMatch(/stops reading NODE_OPTIONS at "foo"/);
    expect(reason('', ['app.js', '--max-old-space-size=1'])).toMatch(/passes it to the script/);
    expect(reason('--max-old-space-size=-1')).toMatch(/keeps its default/);
    expect(reason('--max-old-space-size=100 --max-old-space-size=-1')).toMatch(/keeps --max-old-space-size=100/);
  });

  it('flags values beyond 8 EiB but keeps them', () => {
    const s = parseNodeOptions(tokens('--max-old-space-size=17592186044415'));
    expect(s.maxOldSpace?.mib).toBe(17592186044415);
    expect(s.invalid).toHaveLength(1);
    expect(s.invalid[0]).toMatchObject({ fatal: false });
  });
});

/** mulberry32: a tiny seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fuzzing', () => {
  it('never throws on 5,000 random NODE_OPTIONS and command lines', () => {
    const rand = prng(0x6e6f6465);
    const pieces = [
      '--max-old-space-size', '--max_semi_space_size', '--max-heap-size', '--max-old-space-size-percentage', '=', '=',
      '1', '0', '-1', '4096', '1.5', 'g', 'Mi', ' ', ' ', '"', '\\', '--', '-', 'app.js', '-e', '--require', '--no-',
      '\t', '\u2013', 'x', '99999999999999999999', '+', '%', '_', 'é', '\u{1F600}',
    ];
    for (let n = 0; n < 5000; n++) {
      let value = '';
      const len = Math.floor(rand() * 12);
      for (let i = 0; i < len; i++) value += pieces[Math.floor(rand() * pieces.length)];
      const split = tokenizeNodeOptions(value);
      for (const arg of split.args) {
        expect(arg.text.length).toBeGreaterThan(0);
        expect(arg.start).toBeLessThan(arg.end);
        expect(arg.end).toBeLessThanOrEqual(value.length);
      }
      const commandLine = value.split(' ').filter((s) => s !== '');
      const s = parseNodeOptions(tokens(value, commandLine));
      for (const v of [s.maxOldSpace, s.maxSemiSpace, s.maxHeapSize]) {
        if (v) expect(Number.isInteger(v.mib) && v.mib > 0).toBe(true);
      }
      if (s.maxOldSpacePercentage) expect(s.maxOldSpacePercentage.percent > 0 && s.maxOldSpacePercentage.percent <= 100).toBe(true);
      for (const p of s.invalid) expect(p.reason.length).toBeGreaterThan(0);
    }
  });
});
