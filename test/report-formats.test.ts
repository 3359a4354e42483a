import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, findingCommand, github } from '../src/report/github.js';
import { gitlab, toCodeQuality, type CodeQualityIssue } from '../src/report/gitlab.js';
import { FORMATS, loadReporter, reportText } from '../src/report/index.js';
import { junit, xmlAttribute, xmlText } from '../src/report/junit.js';
import { sarif } from '../src/report/sarif.js';
import { ruleDocsUrl } from '../src/rule-docs.js';
import * as fx from './report-results.js';
import { assertWellFormed } from './xml-well-formed.js';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const help = ruleDocsUrl;

describe('formats registry', () => {
  it('lists the CI formats and loads each lazily', async () => {
    expect(FORMATS).toEqual(['stylish', 'json', 'sarif', 'github', 'junit', 'gitlab']);
    expect(await loadReporter('sarif')).toBe(sarif);
    expect(await loadReporter('github')).toBe(github);
    expect(await loadReporter('junit')).toBe(junit);
    expect(await loadReporter('gitlab')).toBe(gitlab);
  });
});

describe('github', () => {
  it('escapes data (%, CR, LF) and properties (also : and ,) as the runner unescapes them', () => {
    expect(escapeData('100%\r\nnext: a, b')).toBe('100%25%0D%0Anext: a, b');
    expect(escapeProperty('100%\r\nnext: a, b')).toBe('100%25%0D%0Anext%3A a%2C b');
    // `%` goes first, or an escape already in the text would be decoded back into a newline.
    expect(escapeData('literal %0A')).toBe('literal %250A');
  });

  it('annotates one finding per line at its exact range, suppressed ones left out, input problems as errors', async () => {
    expect(reportText(await github(fx.result, { color: false })).split('\n')).toEqual([
      `::error file=deploy/api.yaml,line=30,col=11,endLine=31,endColumn=4,title=oomlint memory-limit-missing::${fx.limitMissing.message}%0A${help('memory-limit-missing')}`,
      `::warning file=deploy/api.yaml,line=41,col=21,endLine=41,endColumn=25,title=oomlint memory-no-headroom::container "envoy": request = limit = 64Mi; set limit ≥ 96Mi (request + 50 %25)%0A${help('memory-no-headroom')}`,
      `::notice file=deploy/api.yaml,line=120,col=15,endLine=120,endColumn=22,title=oomlint memory-request-missing::${fx.requestMissingInfo.message}%0A${help('memory-request-missing')}`,
      `::error file=deploy/worker.yaml,line=25,col=15,endLine=25,endColumn=23,title=oomlint jvm-flag-invalid::${fx.flagInvalid1.message}%0A${help('jvm-flag-invalid')}`,
      `::error file=deploy/worker.yaml,line=25,col=24,endLine=25,endColumn=30,title=oomlint jvm-flag-invalid::${fx.flagInvalid2.message}%0A${help('jvm-flag-invalid')}`,
      '::error file=deploy/broken.yaml,line=7,col=3,title=oomlint input error (yaml-syntax)::bad indentation of a mapping entry; indent "memory" like the keys above it',
      '',
    ]);
  });

  it('escapes manifest text in the file property and the message', () => {
    const odd = { ...fx.noHeadroom, file: 'deploy/a,b:c%.yaml', message: 'limit 100%\r\nset: 1Gi, now' };
    expect(findingCommand(odd)).toBe(
      `::warning file=deploy/a%2Cb%3Ac%25.yaml,line=41,col=21,endLine=41,endColumn=25,title=oomlint memory-no-headroom::limit 100%25%0D%0Aset: 1Gi, now%0A${help('memory-no-headroom')}`,
    );
  });

  it('prints nothing when there is nothing to annotate', async () => {
    expect(await github(fx.empty, { color: false })).toBe('');
    expect(await github({ ...fx.empty, findings: [fx.suppressedLimit] }, { color: false })).toBe('');
  });
});

describe('junit', () => {
  const H = (id: string): string => help(id);
  const EXPECTED = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="oomlint" tests="7" failures="4" errors="1" skipped="1" time="0">
  <testsuite name="deploy/api.yaml" tests="3" failures="2" errors="0" skipped="0" time="0">
    <testcase name="memory-limit-missing: Deployment shop/api › api" classname="deploy/api" file="deploy/api.yaml" time="0">
      <failure message="Deployment shop/api: container &quot;api&quot; has no memory limit; set resources.limits.memory to 512Mi" type="error">deploy/api.yaml:30:11: error: Deployment shop/api: container "api" has no memory limit; set resources.limits.memory to 512Mi (memory-limit-missing)
${H('memory-limit-missing')}</failure>
    </testcase>
    <testcase name="memory-no-headroom: Deployment shop/api › envoy" classname="deploy/api" file="deploy/api.yaml" time="0">
      <failure message="container &quot;envoy&quot;: request = limit = 64Mi; set limit ≥ 96Mi (request + 50 %)" type="warning">deploy/api.yaml:41:21: warning: container "envoy": request = limit = 64Mi; set limit ≥ 96Mi (request + 50 %) (memory-no-headroom)
${H('memory-no-headroom')}</failure>
    </testcase>
    <testcase name="memory-request-missing: CronJob shop/report › report" classname="deploy/api" file="deploy/api.yaml" time="0">
      <system-out>deploy/api.yaml:120:15: info: CronJob shop/report: container "report" has no memory request; set resources.requests.memory (memory-request-missing)
${H('memory-request-missing')}</system-out>
    </testcase>
  </testsuite>
  <testsuite name="deploy/broken.yaml" tests="1" failures="0" errors="1" skipped="0" time="0">
    <testcase name="input/yaml-syntax" classname="deploy/broken" file="deploy/broken.yaml" time="0">
      <error message="bad indentation of a mapping entry; indent &quot;memory&quot; like the keys above it" type="input/yaml-syntax">deploy/broken.yaml:7:3: bad indentation of a mapping entry; indent "memory" like the keys above it (input/yaml-syntax)</error>
    </testcase>
  </testsuite>
  <testsuite name="deploy/worker.yaml" tests="3" failures="2" errors="0" skipped="1" time="0">
    <testcase name="memory-limit-missing: StatefulSet jobs/worker › sidecar" classname="deploy/worker" file="deploy/worker.yaml" time="0">
      <skipped message="suppressed: bounded by the namespace quota"/>
    </testcase>
    <testcase name="jvm-flag-invalid: StatefulSet jobs/worker › worker" classname="deploy/worker" file="deploy/worker.yaml" time="0">
      <failure message="StatefulSet jobs/worker: container &quot;worker&quot;: -Xmx1.5g is not a size HotSpot accepts; write -Xmx1536m" type="error">deploy/worker.yaml:25:15: error: StatefulSet jobs/worker: container "worker": -Xmx1.5g is not a size HotSpot accepts; write -Xmx1536m (jvm-flag-invalid)
${H('jvm-flag-invalid')}</failure>
    </testcase>
    <testcase name="jvm-flag-invalid: StatefulSet jobs/worker › worker (2)" classname="deploy/worker" file="deploy/worker.yaml" time="0">
      <failure message="StatefulSet jobs/worker: container &quot;worker&quot;: -Xms2g is above -Xmx1.5g; HotSpot refuses to start" type="error">deploy/worker.yaml:25:24: error: StatefulSet jobs/worker: container "worker": -Xms2g is above -Xmx1.5g; HotSpot refuses to start (jvm-flag-invalid)
${H('jvm-flag-invalid')}</failure>
    </testcase>
  </testsuite>
</testsuites>
`;

  it('has one suite per file (byte order), one case per finding, failures, skips, errors and notes', async () => {
    const xml = await junit(fx.result, { color: false });
    expect(xml).toBe(EXPECTED);
    assertWellFormed(xml);
  });

  it('escapes markup, quotes, line breaks and characters XML 1.0 cannot carry', () => {
    const nasty = `a&b<c>d"e'f\r\ng\th\u0001i\uFFFEj\uD800k`;
    expect(xmlAttribute(nasty)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f&#13;&#10;g&#9;h\uFFFDi\uFFFDj\uFFFDk');
    expect(xmlText(nasty)).toBe(`a&amp;b&lt;c&gt;d"e'f&#13;\ng\th\uFFFDi\uFFFDj\uFFFDk`);
    // A surrogate pair (an emoji in a message) is one character, kept as is.
    expect(xmlText('🙂')).toBe('🙂');
  });

  it('stays well-formed when names and messages carry markup', async () => {
    const nasty = { ...fx.limitMissing, file: 'a&b/<c>.yaml', object: 'Deployment "x"/y', message: `x < y & "z" ]]> \u0007` };
    const xml = await junit({ ...fx.empty, findings: [nasty] }, { color: false });
    assertWellFormed(xml);
    expect(xml).toContain('<testsuite name="a&amp;b/&lt;c&gt;.yaml" tests="1" failures="1" errors="0" skipped="0" time="0">');
    expect(xml).toContain('classname="a&amp;b/&lt;c&gt;" file="a&amp;b/&lt;c&gt;.yaml"');
    expect(xml).toContain('<failure message="x &lt; y &amp; &quot;z&quot; ]]&gt; \uFFFD" type="error">a&amp;b/&lt;c&gt;.yaml:30:11: error: x &lt; y &amp; "z" ]]&gt; \uFFFD (memory-limit-missing)');
  });

  it('reports one passing test when nothing was found (Jenkins rejects a report without tests)', async () => {
    expect(await junit(fx.empty, { color: false })).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="oomlint" tests="1" failures="0" errors="0" skipped="0" time="0">
  <testsuite name="oomlint" tests="1" failures="0" errors="0" skipped="0" time="0">
    <testcase name="no memory problems found (2 files, 1 object)" classname="oomlint" time="0"/>
  </testsuite>
</testsuites>
`);
  });

  it('the well-formedness check rejects broken XML (so it can fail)', () => {
    expect(() => assertWellFormed('<a><b></a></b>')).toThrow();
    expect(() => assertWellFormed('<a x="1 & 2"/>')).toThrow();
    expect(() => assertWellFormed('<a>1 < 2</a>')).toThrow();
    expect(() => assertWellFormed('<a x="1"/><b/>')).toThrow();
  });
});

describe('gitlab', () => {
  const issue = (f: (typeof fx.findings)[number], severity: CodeQualityIssue['severity'], description: string, occurrence = 1): CodeQualityIssue => ({
    description,
    check_name: f.ruleId,
    fingerprint: md5(fx.identity(f, occurrence)),
    severity,
    location: { path: f.file, lines: { begin: f.line, end: f.endLine } },
  });

  it('lists unsuppressed findings and input problems with severities and fingerprints', async () => {
    const issues = JSON.parse(await gitlab(fx.result, { color: false })) as CodeQualityIssue[];
    expect(issues).toEqual([
      issue(fx.limitMissing, 'major', fx.limitMissing.message),
      issue(fx.noHeadroom, 'minor', `Deployment shop/api › envoy: ${fx.noHeadroom.message}`),
      issue(fx.requestMissingInfo, 'info', fx.requestMissingInfo.message),
      issue(fx.flagInvalid1, 'major', fx.flagInvalid1.message, 1),
      issue(fx.flagInvalid2, 'major', fx.flagInvalid2.message, 2),
      {
        description: fx.yamlError.message,
        check_name: 'input/yaml-syntax',
        fingerprint: md5(JSON.stringify(['input/yaml-syntax', 'deploy/broken.yaml', 1])),
        severity: 'critical',
        location: { path: 'deploy/broken.yaml', lines: { begin: 7, end: 7 } },
      },
    ]);
    expect(issues.every((i) => /^[0-9a-f]{32}$/.test(i.fingerprint))).toBe(true);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  });

  it('keeps every fingerprint when lines move, and the suppressed finding still counts', () => {
    const before = toCodeQuality(fx.result).map((i) => i.fingerprint);
    expect(toCodeQuality(fx.shifted(fx.result, 7)).map((i) => i.fingerprint)).toEqual(before);
    // Un-suppressing the first worker finding adds its issue and renames nothing else.
    const unsuppressed = { ...fx.result, findings: fx.findings.map((f) => (f === fx.suppressedLimit ? { ...f, suppressions: [] } : f)) };
    const after = toCodeQuality(unsuppressed).map((i) => i.fingerprint);
    expect(after.filter((p) => !before.includes(p))).toEqual([md5(fx.identity(fx.suppressedLimit))]);
  });

  it('is an empty array when there is nothing to report', async () => {
    expect(await gitlab(fx.empty, { color: false })).toBe('[]\n');
  });
});
