#!/usr/bin/env node
// @ts-check
/**
 * `npm run validate:runtime`: checks oomlint's JVM and Node verdicts against real processes in
 * real memory cgroups, killed (or not) by the kernel, and writes docs/validation.md.
 *
 *   node validate/run.mjs [--dry-run] [--quick] [--filter REGEX] [--both-profiles] [--profile expected|worst]
 *                         [--out docs/validation.md] [--cgroup-parent DIR] [--max-minutes N]
 *                         [--save FILE] [--report-from validate/last-run.json[,validate/last-run-expected.json]]
 *
 * --dry-run lists the cases, oomlint's verdicts and budgets and the planned runs, running nothing.
 * Where cgroups, java or jcmd are missing it says why, writes that into the report, and exits 0.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exampleCases, gridCases, lessonCases, QUICK } from './cases.mjs';
import { findHierarchy, removeCgroup, removeStale } from './cgroup.mjs';
import { docExamples, testExamples } from './examples.mjs';
import { buildStress } from './java-build.mjs';
import { planOf } from './plan.mjs';
import { jvmProfile, nodeProfile } from './profiles.mjs';
import { describeMachine, writeReport, dryRunTable } from './report.mjs';
import { cleanEnv, current, runInCgroup } from './run-case.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const NODE_STRESS = join(HERE, 'node', 'stress.mjs');

const { values: opt } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    filter: { type: 'string' },
    'both-profiles': { type: 'boolean', default: false },
    out: { type: 'string', default: join(HERE, '..', 'docs', 'validation.md') },
    'cgroup-parent': { type: 'string' },
    'max-minutes': { type: 'string', default: '20' },
    'report-from': { type: 'string' },
    profile: { type: 'string' },
    save: { type: 'string' },
  },
});

// Re-render the report from saved runs (validate/last-run.json; several, comma-separated, are
// merged: the first one's plan, every one's runs) without running anything.
if (opt['report-from']) {
  const [first, ...more] = opt['report-from'].split(',').map((file) => JSON.parse(readFileSync(file, 'utf8')));
  for (const other of more) {
    first.command += `; then ${other.command}`;
    first.results.push(...other.results);
  }
  writeReport(resolve(opt.out), first);
  console.log(`wrote ${opt.out} from ${opt['report-from']}`);
  process.exit(0);
}

const cases = [...lessonCases(), ...exampleCases(docExamples(), 'docs'), ...exampleCases(await testExamples(), 'tests'), ...gridCases()].filter(
  (c) => (!opt.quick || QUICK.has(c.id)) && (!opt.filter || new RegExp(opt.filter).test(`${c.id} ${c.title}`)),
);
const plan = await planOf(cases, { bothProfiles: Boolean(opt['both-profiles']) });
// --profile runs every case under one profile (a calibration pass: expected-profile runs that survive).
if (opt.profile === 'expected' || opt.profile === 'worst') for (const run of plan.runs) run.profiles = [opt.profile];
const command = `node validate/run.mjs ${process.argv.slice(2).join(' ')}`.trim();

if (opt['dry-run']) {
  console.log(dryRunTable(plan));
  process.exit(0);
}

const unavailable = preflight();
if (unavailable) {
  console.log(`validate:runtime: skipped: ${unavailable}`);
  writeReport(resolve(opt.out), { command, machine: describeMachine(), unavailable, plan, results: [] });
  process.exit(0);
}
const hierarchy = /** @type {import('./cgroup.mjs').Hierarchy} */ (/** @type {any} */ (findHierarchy(opt['cgroup-parent'])).hierarchy);
const stale = removeStale(hierarchy);
if (stale.length) console.log(`removed ${stale.length} cgroup(s) an interrupted run left: ${stale.join(', ')}`);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => {
    current.child?.kill('SIGKILL');
    if (current.cgroup) removeCgroup(current.cgroup);
    console.log(`\nvalidate:runtime: stopped by ${signal}; cgroup removed`);
    process.exit(130);
  });
}

const java = buildStress();
const deadline = Date.now() + Number(opt['max-minutes']) * 60_000;
/** @type {any[]} */
const results = [];
let n = 0;
const total = plan.runs.reduce((sum, r) => sum + r.profiles.length, 0);
for (const run of plan.runs) {
  for (const profile of run.profiles) {
    n++;
    if (Date.now() > deadline) {
      results.push({ run, profile, outcome: 'not run', reason: `--max-minutes ${opt['max-minutes']} reached` });
      continue;
    }
    const launch = run.launch;
    const stress = launch.runtime === 'jvm' ? jvmProfile(launch, profile) : nodeProfile(launch, profile, run.case.ruleConfig?.['node-heap-exceeds-limit']?.options);
    const kv = Object.entries(stress).map(([k, v]) => `${k}=${v}`);
    const argv =
      launch.runtime === 'jvm'
        ? ['java', ...launch.args, '-XX:NativeMemoryTracking=summary', '-cp', java.classPath, 'Stress', `filler=${java.fillerClass}`, ...kv]
        : ['node', ...launch.args, NODE_STRESS, ...kv];
    const measured = await runInCgroup({ hierarchy, name: `${process.pid}-${n}`, limit: launch.limit, argv, env: { ...cleanEnv(), ...launch.env }, nmt: launch.runtime === 'jvm' });
    results.push({ run, profile, stress, argv, ...measured });
    const peak = measured.peak ? `${Math.round(measured.peak / 2 ** 20)} MiB` : '?';
    console.log(`[${n}/${total}] ${run.case.id} ${profile}: verdict ${run.verdict.verdict}, ${measured.outcome} (peak ${peak} of ${Math.round(launch.limit / 2 ** 20)} MiB, ${measured.seconds.toFixed(1)} s)`);
  }
}
const json = opt.save ? resolve(opt.save) : join(HERE, opt.profile ? `last-run-${opt.profile}.json` : 'last-run.json');
const saved = { command, machine: { ...describeMachine(), cgroup: `cgroup v${hierarchy.version}, case cgroups created under ${hierarchy.parent}` }, plan, results };
writeFileSync(json, JSON.stringify(saved));
writeReport(resolve(opt.out), saved);
console.log(`wrote ${opt.out} (raw results: ${json})`);

/** Why the harness cannot run here, or undefined when it can. */
function preflight() {
  if (process.platform !== 'linux') return `cgroups are Linux-only (this is ${process.platform})`;
  for (const [tool, flag] of [['java', '-version'], ['javac', '-version'], ['jcmd', '-h']]) {
    try {
      execFileSync(String(tool), [String(flag)], { stdio: 'ignore' });
    } catch {
      return `\`${tool}\` is not installed or not on PATH (the harness needs a JDK 17+)`;
    }
  }
  const found = findHierarchy(opt['cgroup-parent']);
  return found.ok ? undefined : /** @type {any} */ (found).reason;
}
