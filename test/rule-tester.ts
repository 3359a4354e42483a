/**
 * RuleTester: valid/invalid tables with exact ranges (ESLint's RuleTester, stylelint's testRule).
 * Each case's YAML goes through the real loader and model; the rule runs on a deep-frozen
 * model, so a rule that mutates it throws. Invalid cases must give messageId, args and the
 * full range of every problem; duplicate case names are refused.
 */
import { describe, expect, it } from 'vitest';
import { kubernetesObjects } from '../src/load/kubernetes.js';
import { loadYaml } from '../src/load/yaml.js';
import { loadDockerfile } from '../src/load/dockerfile/index.js';
import { imageRepository } from '../src/model/image-ref.js';
import { buildInputModel } from '../src/model/input.js';
import type { InputModel } from '../src/model/workload.js';
import { DEFAULT_RULE_SETTINGS, deepFreeze, makeProblem, ruleApplies, type AnyRule, type RuleSettings } from '../src/rule.js';
import type { Severity } from '../src/result.js';

export interface ValidCase {
  name: string;
  yaml: string;
  options?: Record<string, unknown>;
  /** Dockerfiles of the input, by path (`api/Dockerfile`): linked to containers by directory name, else linted alone. */
  dockerfiles?: Record<string, string>;
  /** The configuration's `images:` map (image repository → Dockerfile path). */
  images?: Record<string, string>;
  /** The configuration's model settings (`runtime:`), when a case overrides them. */
  settings?: RuleSettings;
}

export interface ExpectedProblem {
  messageId: string;
  args: unknown[];
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  container?: string;
  /** The problem's severity ceiling, when the rule sets one. */
  severity?: Severity;
}

export interface InvalidCase extends ValidCase {
  problems: ExpectedProblem[];
}

/** Strips the common indentation and the first newline of a template literal, so tests read naturally. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const indents = text.split('\n').filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = Math.min(...indents);
  return text.split('\n').map((l) => l.slice(cut)).join('\n');
}

export function modelOf(text: string, file = 'test.yaml', dockerfiles: Record<string, string> = {}, images: Record<string, string> = {}): InputModel {
  const loaded = loadYaml(file, text);
  if (loaded.problems.length > 0) throw new Error(`fixture does not parse: ${loaded.problems[0]?.message}`);
  const docker = Object.entries(dockerfiles).map(([path, content]) => {
    const model = loadDockerfile(path, content);
    if (model.problems.length > 0) throw new Error(`Dockerfile fixture does not parse: ${model.problems[0]?.message}`);
    return { absolutePath: `/${path}`, model };
  });
  const imageMap = new Map(Object.entries(images).flatMap(([image, path]) => {
    const repository = imageRepository(image);
    return repository ? [[repository, `/${path}`] as [string, string]] : [];
  }));
  return deepFreeze(buildInputModel(kubernetesObjects(loaded).objects, docker, imageMap, '.oomlint.yaml'));
}

export function problemsOf(
  rule: AnyRule,
  text: string,
  options: Record<string, unknown> = {},
  dockerfiles: Record<string, string> = {},
  images: Record<string, string> = {},
  settings: RuleSettings = DEFAULT_RULE_SETTINGS,
) {
  const model = modelOf(text, 'test.yaml', dockerfiles, images);
  const merged = deepFreeze({ ...rule.options.defaults, ...options });
  const frozenSettings = deepFreeze({ ...settings });
  return model.workloads.filter((w) => ruleApplies(rule, w)).flatMap((w) => rule.check(w, { options: merged, settings: frozenSettings, all: model, problem: makeProblem }));
}

export function ruleTester(rule: AnyRule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`duplicate test case name: ${duplicate}`);
  if (cases.valid.length === 0 || cases.invalid.length === 0) throw new Error(`${rule.id}: need valid and invalid cases`);

  describe(`${rule.id}`, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          expect(problemsOf(rule, c.yaml, c.options, c.dockerfiles, c.images, c.settings).map(summarise)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          if (c.problems.length === 0) throw new Error('an invalid case needs at least one problem');
          const actual = problemsOf(rule, c.yaml, c.options, c.dockerfiles, c.images, c.settings);
          expect(actual.map(summarise)).toEqual(c.problems.map(normalise));
          for (const problem of actual) {
            const text = rule.messages[problem.messageId]?.(...problem.args);
            expect(typeof text).toBe('string');
            expect(text).not.toMatch(/undefined|NaN|\[object Object\]/);
          }
        });
      }
    });
  });
}

interface RawProblem {
  messageId: string;
  args: unknown[];
  source: { line: number; column: number; endLine: number; endColumn: number };
  container?: string;
  severity?: Severity;
}

function summarise(p: RawProblem): ExpectedProblem {
  return normalise({
    messageId: p.messageId,
    args: p.args,
    line: p.source.line,
    column: p.source.column,
    endLine: p.source.endLine,
    endColumn: p.source.endColumn,
    ...(p.container !== undefined ? { container: p.container } : {}),
    ...(p.severity !== undefined ? { severity: p.severity } : {}),
  });
}

function normalise(p: ExpectedProblem): ExpectedProblem {
  return {
    messageId: p.messageId,
    args: p.args,
    line: p.line,
    column: p.column,
    endLine: p.endLine,
    endColumn: p.endColumn,
    container: p.container,
    severity: p.severity,
  };
}
