// @ts-check
/**
 * Every runtime example of the JVM and Node rules: the YAML blocks of their READMEs and the
 * valid/invalid cases of their tests. Test files are bundled with esbuild, with the rule tester
 * and vitest replaced by recorders (validate/shim/), so a case is exactly the YAML the test lints.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const RULES = join(HERE, '..', 'rules');
const RUNTIME_RULE = /^(jvm-|node-)/;

/** @typedef {{ origin: string, name: string, yaml: string, rule?: string, options?: Record<string, unknown>, settings?: any, unsupported?: string }} Example */

/** ```yaml blocks of the runtime rules' READMEs, one example per block (documents stay together). */
export function docExamples() {
  /** @type {Example[]} */
  const out = [];
  for (const rule of readdirSync(RULES).filter((r) => RUNTIME_RULE.test(r)).sort()) {
    let text;
    try {
      text = readFileSync(join(RULES, rule, 'README.md'), 'utf8');
    } catch {
      continue;
    }
    let n = 0;
    for (const m of text.matchAll(/^```ya?ml[^\n]*\n([\s\S]*?)^```/gm)) {
      n++;
      out.push({ origin: `rules/${rule}/README.md`, name: `example ${n}`, yaml: String(m[1]), rule });
    }
  }
  return out;
}

/** The cases of the runtime rules' test files. */
export async function testExamples() {
  const files = readdirSync(RULES)
    .filter((r) => RUNTIME_RULE.test(r))
    .sort()
    .flatMap((rule) => readdirSync(join(RULES, rule)).filter((f) => f.endsWith('.test.ts')).map((f) => join(RULES, rule, f)));
  const dir = await mkdtemp(join(tmpdir(), 'oomlint-validate-tests-'));
  /** @type {Example[]} */
  const out = [];
  try {
    for (const file of files) {
      const origin = file.slice(join(RULES, '..').length + 1);
      const bundle = join(dir, `${out.length}-${origin.replace(/\W+/g, '_')}.mjs`);
      const recorder = join(HERE, 'shim', 'rule-tester.mjs');
      await build({
        entryPoints: [file], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'silent',
        // Bundled CommonJS (yaml) requires node built-ins: give the ESM bundle a require.
        banner: { js: "import { createRequire as __oomlintRequire } from 'node:module'; const require = __oomlintRequire(import.meta.url);" },
        // One recorder module for the bundle and for us: mark it external and import it by URL.
        plugins: [{
          name: 'record-cases',
          setup(b) {
            b.onResolve({ filter: /rule-tester(\.js)?$/ }, () => ({ path: pathToFileURL(recorder).href, external: true }));
            b.onResolve({ filter: /^vitest$/ }, () => ({ path: pathToFileURL(join(HERE, 'shim', 'vitest.mjs')).href, external: true }));
          },
        }],
      });
      const { recorded } = await import(pathToFileURL(recorder).href);
      const before = recorded.length;
      await import(pathToFileURL(bundle).href);
      for (const c of recorded.slice(before)) {
        const unsupported = c.dockerfiles || c.images ? 'the case links Dockerfiles (the harness runs the manifest alone)' : undefined;
        out.push({ origin, name: c.name, yaml: c.yaml, rule: c.rule, ...(c.options ? { options: c.options } : {}), ...(c.settings ? { settings: c.settings } : {}), ...(unsupported ? { unsupported } : {}) });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}
