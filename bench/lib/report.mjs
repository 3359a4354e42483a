// @ts-check
/**
 * Turns the measurements of bench/run.mjs into docs/performance.md and its terminal twin. Both
 * are rendered from one list of blocks, so the printed tables are the ones written to docs/.
 * The issue 6 targets are judged here, on the figures as printed (2 decimals), so a reader never
 * sees "2.00" marked FAIL against "≤ 2".
 */
import { markdownTable, textTable } from './table.mjs';

/** @typedef {import('./measure.mjs').Sample} Sample */
/** @typedef {import('./machine.mjs').Machine} Machine */
/** @typedef {import('./table.mjs').Table} Table */

/**
 * @typedef {object} Corpus
 * @property {string} label name in the tables
 * @property {string} description where it comes from, e.g. "2 × ../shared/corpus/real"
 * @property {number} files regular files
 * @property {number} bytes total size
 * @property {string} sha256 hash of the sorted paths and contents (bench/lib/tree.mjs)
 * @property {number} [objects] Kubernetes objects, for generated corpora
 */

/**
 * @typedef {object} CorpusRun
 * @property {Corpus} corpus
 * @property {Sample} a parse-everything baseline
 * @property {Sample} b oomlint
 * @property {number} runs counted rounds
 * @property {number} warmup discarded rounds
 */

/**
 * @typedef {object} Results
 * @property {Machine} machine
 * @property {boolean} quick small corpora, few runs: a try of the script, not figures to publish
 * @property {boolean} deterministic the synthetic corpus was generated twice with the same hash
 * @property {CorpusRun} real
 * @property {CorpusRun} synthetic
 * @property {{ c: Sample, d: Sample, file: string, runs: number }} startup
 * @property {{ factor: number, run: CorpusRun }[]} scaling ascending factors; the first is 1×
 * @property {number} elapsedSeconds
 */

/**
 * @typedef {{ kind: 'heading', text: string } | { kind: 'paragraph', text: string }
 *   | { kind: 'list', items: string[] } | { kind: 'table', table: Table }} Block
 */

/** Shown for figures that could not be measured (no RSS, too few scaling points). */
const NA = 'n/a';

/** @param {number} value @param {number} digits */
const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : NA);
/** @param {number} bytes */
const megabytes = (bytes) => bytes / 1e6;
/** @param {number} factor */
const times = (factor) => `${factor}×`;
/** @param {Sample} sample */
const rss = (sample) => sample.rssMB ?? Number.NaN;
/** @param {number} count @param {string} noun */
const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * Measured at the largest size / predicted there by a straight line through the two smallest.
 * A straight line, not a proportion, because Node's start-up is a fixed cost that would make
 * every proportional extrapolation look super-linear; linear growth gives 1.00, quadratic ≈ 3.4.
 * @param {{ x: number, y: number }[]} points (MB, value) at 1×, 4×, 16×
 */
function linearity([low, mid, top]) {
  if (!low || !mid || !top) return Number.NaN;
  const predicted = low.y + ((mid.y - low.y) * (top.x - low.x)) / (mid.x - low.x);
  return top.y / predicted;
}

/** @param {Results} results */
function analyse({ real, synthetic, startup, scaling }) {
  // Three sizes are needed for a line and a check; with fewer, the scaling targets say n/a.
  const [low, mid, top] = scaling.length >= 3 ? [scaling[0], scaling[1], scaling[scaling.length - 1]] : [];
  /** @param {(run: CorpusRun) => number} pick */
  const line = (pick) => linearity((low && mid && top ? [low, mid, top] : []).map(({ run }) => ({ x: megabytes(run.corpus.bytes), y: pick(run) })));
  const extraRssPerMB =
    mid && top ? (rss(top.run.b) - rss(mid.run.b)) / (megabytes(top.run.corpus.bytes) - megabytes(mid.run.corpus.bytes)) : Number.NaN;
  return {
    labels: { low: times(low?.factor ?? 1), mid: times(mid?.factor ?? 4), top: times(top?.factor ?? 16) },
    realRatio: real.b.median / real.a.median,
    syntheticRatio: synthetic.b.median / synthetic.a.median,
    startupRatio: startup.c.median / startup.d.median,
    realRss: rss(real.b) / megabytes(real.corpus.bytes),
    syntheticRss: rss(synthetic.b) / megabytes(synthetic.corpus.bytes),
    topRss: top ? rss(top.run.b) / megabytes(top.run.corpus.bytes) : Number.NaN,
    extraRssPerMB,
    timeA: line((run) => run.a.median),
    timeB: line((run) => run.b.median),
    rssA: line((run) => rss(run.a)),
    rssB: line((run) => rss(run.b)),
  };
}

/** @param {Results} results @returns {Table} */
function targetsTable(results) {
  const f = analyse(results);
  const { mid, top } = f.labels;
  /** @type {[string, number, number][]} */
  const targets = [
    ['b/a on the real-world mix', 0.6, f.realRatio],
    ['b/a on the synthetic workloads', 1.3, f.syntheticRatio],
    ['c/d cold start', 2, f.startupRatio],
    ['peak RSS (b) / corpus, real-world mix', 3, f.realRss],
    ['peak RSS (b) / corpus, synthetic', 3, f.syntheticRss],
    [`peak RSS (b) / corpus at ${top}`, 3, f.topRss],
    // The slope, not the ratio: at 16× the fixed part of the heap no longer hides how much each
    // extra megabyte of manifests costs.
    [`extra RSS (b) per extra MB, ${mid} → ${top}`, 3, f.extraRssPerMB],
    [`linear time (b): ${top} measured / extrapolated`, 1.3, f.timeB],
    [`linear memory (b): ${top} RSS measured / extrapolated`, 1.3, f.rssB],
  ];
  return {
    header: ['target', 'limit', 'measured', 'result'],
    align: ['left', 'left', 'right', 'right'],
    rows: targets.map(([target, limit, value]) => {
      const shown = fixed(value, 2);
      const result = shown === NA ? 'not measured' : Number(shown) <= limit ? 'pass' : 'FAIL';
      return [target, `≤ ${limit}`, shown, result];
    }),
  };
}

/** @param {Results} results @returns {Block[]} */
function resultsSection({ real, synthetic, startup }) {
  /** @param {CorpusRun} run */
  const row = ({ corpus, a, b }) => {
    const mb = megabytes(corpus.bytes);
    return [corpus.label, String(corpus.files), fixed(mb, 1), fixed(a.median, 2), fixed(b.median, 2), fixed(b.median / a.median, 2), fixed(rss(a), 1), fixed(rss(b), 1), fixed(rss(b) / mb, 2)];
  };
  const { c, d, file, runs } = startup;
  return [
    { kind: 'heading', text: 'Results (medians)' },
    {
      kind: 'table',
      table: {
        header: ['corpus', 'files', 'MB', '(a) parse s', '(b) oomlint s', 'b/a', 'RSS (a) MB', 'RSS (b) MB', 'RSS(b)/corpus'],
        align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
        rows: [row(real), row(synthetic)],
      },
    },
    {
      kind: 'list',
      items: [
        `(c) oomlint cold on ${file}: ${fixed(c.median, 3)} s; (d) node -e '': ${fixed(d.median, 3)} s; c/d = ${fixed(c.median / d.median, 2)} (medians of ${runs} runs).`,
        `(a)/(b): medians of ${real.runs} runs after ${real.warmup} discarded warm-up${real.warmup === 1 ? '' : 's'}, interleaved; RSS is the highest peak of those runs.`,
      ],
    },
  ];
}

/** @param {Results} results @returns {Block[]} */
function scalingSection(results) {
  const { scaling, synthetic } = results;
  const f = analyse(results);
  const { low, mid, top } = f.labels;
  const rows = scaling.map(({ factor, run: { corpus, a, b, runs } }) => {
    const mb = megabytes(corpus.bytes);
    return [
      times(factor), String(corpus.objects ?? ''), String(corpus.files), fixed(mb, 1), String(runs),
      fixed(a.median, 2), fixed((a.median * 1000) / mb, 0), fixed(b.median, 2), fixed((b.median * 1000) / mb, 0),
      fixed(rss(a), 1), fixed(rss(b), 1), fixed(rss(b) / mb, 2),
    ];
  });
  const linearityNote = Number.isFinite(f.timeB)
    ? `Linearity, measured at ${top} / extrapolated from ${low} and ${mid} (1.00 = linear, quadratic ≈ 3.4; ≤ 1.3 counted as linear): time (a) ${fixed(f.timeA, 2)}, time (b) ${fixed(f.timeB, 2)}, RSS (a) ${fixed(f.rssA, 2)}, RSS (b) ${fixed(f.rssB, 2)}.`
    : `Linearity needs three sizes; measured: ${scaling.map(({ factor }) => times(factor)).join(', ') || 'none'}.`;
  const [first, ...others] = scaling;
  const items = [linearityNote];
  if (first && others.length > 0) {
    const origin = first.run.corpus.sha256 === synthetic.corpus.sha256 ? 'is the synthetic corpus above' : 'was generated for this table';
    const fewer = others.every(({ run }) => run.runs < first.run.runs) ? 'fewer runs' : `${plural(others[0]?.run.runs ?? 0, 'run')}`;
    const cold = others.every(({ run }) => run.warmup === 0)
      ? 'no warm-up (their files were just written, so they are in the page cache)'
      : 'a warm-up';
    items.push(`The ${times(first.factor)} row ${origin}; ${others.map(({ factor }) => times(factor)).join(' and ')} ${others.length === 1 ? 'uses' : 'use'} ${fewer} and ${cold}.`);
  }
  return [
    { kind: 'heading', text: 'Scaling (synthetic corpus)' },
    {
      kind: 'table',
      table: {
        header: ['size', 'objects', 'files', 'MB', 'runs', '(a) s', '(a) ms/MB', '(b) s', '(b) ms/MB', 'RSS (a) MB', 'RSS (b) MB', 'RSS (b)/MB'],
        align: Array(12).fill('right'),
        rows,
      },
    },
    { kind: 'list', items },
  ];
}

/** @param {Results} results @returns {Block[]} */
function corporaSection({ real, synthetic, scaling, deterministic }) {
  // The 1× scaling point is the synthetic corpus itself: listed once.
  const corpora = [real.corpus, synthetic.corpus, ...scaling.filter(({ factor }) => factor !== 1).map(({ run }) => run.corpus)];
  return [
    { kind: 'heading', text: 'Corpora' },
    {
      kind: 'table',
      table: {
        header: ['corpus', 'what', 'files', 'bytes', 'sha256'],
        align: ['left', 'left', 'right', 'right', 'left'],
        // 16 hex digits tell runs apart; the full hash would only widen the table.
        rows: corpora.map((corpus) => [corpus.label, corpus.description, String(corpus.files), String(corpus.bytes), corpus.sha256.slice(0, 16)]),
      },
    },
    {
      kind: 'list',
      items: [
        deterministic
          ? 'Synthetic corpora regenerated and hashed again: identical bytes.'
          : 'Synthetic corpora regenerated and hashed again: DIFFERENT bytes — the generator is not deterministic, so these figures cannot be compared with other runs.',
      ],
    },
  ];
}

/** @param {Results} results @returns {Block[]} */
function machineSection({ machine, elapsedSeconds }) {
  return [
    { kind: 'heading', text: 'Machine' },
    {
      kind: 'table',
      table: {
        header: ['machine', ''],
        align: ['left', 'left'],
        rows: [
          ['CPU', machine.cpu],
          ['cores', plural(machine.cores, 'logical CPU')],
          ['RAM', `${fixed(machine.ramGiB, 1)} GiB`],
          ['OS', machine.os],
          ['Node', machine.node],
          ['load average at start', `${machine.loadAverage.map((load) => fixed(load, 2)).join(', ')} (1, 5, 15 min)`],
          ['date', machine.date],
          ['bench duration', `${Math.round(elapsedSeconds)} s`],
        ],
      },
    },
  ];
}

/** @param {Results} results @returns {Block[]} */
function body(results) {
  return [
    {
      kind: 'list',
      items: [
        '(a) parse-everything baseline: `node bench/parse-all.mjs <dir>` — `yaml` `parseAllDocuments` + `toJS` on every `.yaml/.yml/.json` file.',
        '(b) `node bin/oomlint.js <dir> --format json`, stdout to /dev/null.',
        `(c) \`node bin/oomlint.js ${results.startup.file} --format json\`, cold (a fresh process); (d) \`node -e ''\`.`,
        'Each is a fresh child process timed from spawn to exit; MB = 10^6 bytes; RSS is `process.resourceUsage().maxRSS`.',
      ],
    },
    ...resultsSection(results),
    { kind: 'heading', text: 'Targets (issue 6)' },
    { kind: 'table', table: targetsTable(results) },
    ...scalingSection(results),
    ...corporaSection(results),
    ...machineSection(results),
  ];
}

const QUICK_NOTE = 'Quick run (--quick): small corpora and few runs, to try the script; not comparable with a full run.';

/** @param {Results} results @returns {string} */
export function markdownReport(results) {
  const intro = `Generated by \`npm run bench\` (bench/run.mjs) on ${results.machine.date}; do not edit by hand, run it again. The method is in bench/README.md. The machine may be shared with other work: its load average at the start is under "Machine".`;
  /** @type {Block[]} */
  const blocks = [{ kind: 'paragraph', text: results.quick ? `${intro} ${QUICK_NOTE}` : intro }, ...body(results)];
  const rendered = blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
        return `## ${block.text}`;
      case 'paragraph':
        return block.text;
      case 'list':
        return block.items.map((item) => `- ${item}`).join('\n');
      case 'table':
        return markdownTable(block.table);
    }
  });
  return `# oomlint performance\n\n${rendered.join('\n\n')}\n`;
}

/** @param {Results} results @returns {string} */
export function textReport(results) {
  /** @type {Block[]} */
  const blocks = [{ kind: 'paragraph', text: `oomlint benchmark, ${results.machine.date}${results.quick ? `. ${QUICK_NOTE}` : ''}` }, ...body(results)];
  const rendered = blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
        return `${block.text}\n${'='.repeat(block.text.length)}`;
      case 'paragraph':
        return block.text;
      case 'list':
        return block.items.map((item) => `- ${item.replaceAll('`', '')}`).join('\n');
      case 'table':
        return textTable(block.table);
    }
  });
  return `\n${rendered.join('\n\n')}\n`;
}
