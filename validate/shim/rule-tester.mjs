// @ts-check
// Stands in for test/rule-tester.ts when validate/examples.mjs loads a rule's test file: it
// records the valid and invalid cases instead of running them (no vitest in the harness).
/** @type {Array<{ rule: string, name: string, yaml: string, options?: Record<string, unknown>, settings?: unknown, dockerfiles?: unknown, images?: unknown }>} */
export const recorded = [];

export function ruleTester(/** @type {{ id: string }} */ rule, /** @type {{ valid?: any[], invalid?: any[] }} */ table) {
  for (const c of [...(table.valid ?? []), ...(table.invalid ?? [])]) recorded.push({ rule: rule.id, ...c });
}

/** The same dedent as test/rule-tester.ts, so the YAML is byte for byte what the test lints. */
export function yaml(/** @type {TemplateStringsArray} */ strings, /** @type {unknown[]} */ ...values) {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const indents = text.split('\n').filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = Math.min(...indents);
  return text.split('\n').map((l) => l.slice(cut)).join('\n');
}

export const problemsOf = () => [];
export const modelOf = () => ({ workloads: [], images: [] });
