/** Engine policy: severities, caps, superseding, crash containment, ordering. */
import { describe, expect, it } from 'vitest';
import { runRules } from '../src/engine.js';
import { defineRule } from '../src/rule.js';
import { modelOf } from './rule-tester.js';

const MODEL = modelOf('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}, {name: b}]\n');

const perContainer = defineRule({
  id: 'per-container',
  meta: { severity: 'error', summary: 'reports each container' },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: { each: (name: string) => `container ${name}` },
  check: (w, { problem }) => w.containers.map((c) => problem('each', [c.name], c.source, { container: c.name, ...(c.name === 'b' ? { severity: 'info' as const } : {}) })),
});

const wholePod = defineRule({
  id: 'whole-pod',
  meta: { severity: 'warning', summary: 'reports the pod once', supersedes: ['per-container'] },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: { pod: () => 'the pod' },
  check: (w, { problem }) => [problem('pod', [], w.source)],
});

const crashing = defineRule({
  id: 'crashing',
  meta: { severity: 'error', summary: 'throws on purpose' },
  options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
  messages: {},
  check: () => {
    throw new Error('boom');
  },
});

describe('runRules', () => {
  it('applies configured severities and per-problem caps (the lower wins)', () => {
    const { findings } = runRules(MODEL, [perContainer], { 'per-container': { setting: 'warning' } });
    expect(findings.map((f) => [f.container, f.severity])).toEqual([
      ['a', 'warning'],
      ['b', 'info'],
    ]);
  });

  it('off means no findings', () => {
    expect(runRules(MODEL, [perContainer], { 'per-container': { setting: 'off' } }).findings).toEqual([]);
  });

  it('a pod-level finding of a superseding rule replaces the per-container findings of the same object', () => {
    expect(runRules(MODEL, [perContainer, wholePod]).findings.map((f) => f.ruleId)).toEqual(['whole-pod']);
    const withoutIt = runRules(MODEL, [perContainer, wholePod], { 'whole-pod': { setting: 'off' } });
    expect(withoutIt.findings.map((f) => f.ruleId)).toEqual(['per-container', 'per-container']);
  });

  it('an object-level finding does not cover a container the manifest does not contain (an injected proxy)', () => {
    const injected = defineRule({
      id: 'per-container',
      meta: { severity: 'error', summary: 'reports an injected container' },
      options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
      messages: { proxy: () => 'proxy' },
      check: (w, { problem }) => [problem('proxy', [], w.source, { container: 'istio-proxy' })],
    });
    expect(runRules(MODEL, [injected, wholePod]).findings.map((f) => [f.ruleId, f.container])).toEqual([
      ['per-container', 'istio-proxy'],
      ['whole-pod', undefined],
    ]);
  });

  it('a rule that throws becomes an error naming the rule and the object; other rules still run', () => {
    const { findings, errors } = runRules(MODEL, [crashing, perContainer]);
    expect(errors).toEqual([
      expect.objectContaining({ code: 'rule-crash', file: 'test.yaml', line: 3, message: expect.stringContaining('rule "crashing" on Pod p: boom') }),
    ]);
    expect(findings).toHaveLength(2);
  });
});

describe('findings inside a linked Dockerfile', () => {
  const heapRule = defineRule({
    id: 'heap-here',
    meta: { severity: 'error', summary: 'points at the heap flag' },
    options: { schema: { type: 'object', additionalProperties: false, properties: {} }, defaults: {} },
    messages: { here: () => 'heap flag' },
    check: (w, { problem }) =>
      w.containers.flatMap((c) => (c.runtime.jvm?.settings.maxHeap ? [problem('here', [], c.runtime.jvm.settings.maxHeap.source, { container: c.name })] : [])),
  });

  it('say which link tied the Dockerfile to the container', () => {
    const model = modelOf(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: api, image: x/api:1, resources: {limits: {memory: 1Gi}}}]\n',
      'test.yaml',
      { 'api/Dockerfile': 'FROM eclipse-temurin:17-jre\nENV JAVA_TOOL_OPTIONS=-Xmx512m\n' },
    );
    const [finding] = runRules(model, [heapRule]).findings;
    expect(finding).toMatchObject({ file: 'api/Dockerfile', line: 2, object: 'Pod p', container: 'api' });
    expect(finding?.message).toBe('heap flag [image built by api/Dockerfile; linked by the Dockerfile in a directory named like the container "api"]');
  });
});
