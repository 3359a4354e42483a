/**
 * SARIF 2.1.0 (`--format sarif`), for GitHub code scanning (`github/codeql-action/upload-sarif`) and
 * any SARIF viewer. test/report-sarif.test.ts validates the output against the official OASIS
 * schema. Choices, each with its reason:
 *
 * - `tool.driver.rules` lists every registered rule, not only those with results: code scanning
 *   shows rule help for any alert, and a rule that found nothing this run is still the tool's.
 *   Ids that are not rules (the suppression checks' pseudo rules) get a descriptor of their own,
 *   so every result's `ruleIndex` points at its rule.
 * - Relative paths become relative URIs on `%SRCROOT%`: GitHub resolves them from the repository
 *   root, and the log carries no absolute path of the machine that ran it. Absolute paths (files
 *   outside the working directory) become `file:` URIs.
 * - `partialFingerprints["oomlint/v1"]` is a SHA-256 of rule, file, object, container and occurrence
 *   (./fingerprint.ts), never of positions, so alerts survive edits above them.
 * - Suppressed findings stay, with `suppressions` (kind `inSource`: annotations and comments both
 *   live in the linted files), so code scanning shows them as suppressed rather than fixed.
 * - Input problems are tool execution notifications (level `error`, at the place that stopped the
 *   reader), and `executionSuccessful` is false when there are any: the run did not see everything.
 * - Columns are UTF-16 code units (JavaScript string offsets), said so in `columnKind`.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { rules as registry } from '../../rules/index.js';
import type { Finding, InputProblem, LintResult, Severity, Suppression } from '../result.js';
import { REPOSITORY_URL } from '../rule-docs.js';
import { findingIdentities, sha256Hex } from './fingerprint.js';
import { packageVersion } from '../version.js';
import type { TextReporter, ReportOptions } from './reporter.js';

/** The OASIS location of the 2.1.0 schema (with errata 01), the URI SARIF consumers expect. */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Versioned, as SARIF §3.27.17 asks: a change of what goes into the hash gets a new key. */
export const FINGERPRINT_KEY = 'oomlint/v1';
export const SRCROOT = '%SRCROOT%';

export type SarifLevel = 'error' | 'warning' | 'note';
export const SARIF_LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** What the SARIF reporter needs of a rule (a registry entry fits). */
export interface SarifRule {
  id: string;
  meta: { severity: Severity; summary: string; docsUrl: string };
}

export interface SarifOptions extends Partial<ReportOptions> {
  /** Defaults to the version in oomlint's package.json. */
  toolVersion?: string;
  /** Defaults to the rule registry. */
  rules?: readonly SarifRule[];
}

interface Message {
  text: string;
  markdown?: string;
}
interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}
export interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region };
}
export interface SarifReportingDescriptor {
  id: string;
  shortDescription?: Message;
  helpUri: string;
  help?: Message;
  defaultConfiguration?: { level: SarifLevel };
}
export interface SarifSuppression {
  kind: 'inSource';
  justification?: string;
  location: SarifLocation;
}
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: Message;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: SarifSuppression[];
  properties: { object: string; container?: string };
}
export interface SarifNotification {
  level: 'error';
  message: Message;
  descriptor: { id: string };
  locations: SarifLocation[];
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: {
        driver: { name: 'oomlint'; version: string; informationUri: string; rules: SarifReportingDescriptor[] };
      };
      invocations: [{ executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }];
      columnKind: 'utf16CodeUnits';
      results: SarifResult[];
    },
  ];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A file as a URI reference. Each path segment is percent-encoded, which also covers the
 * characters that would change a relative reference's meaning: `:` (read as a scheme), `?`, `#`,
 * `%`, and names such as `<stdin>`.
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  const segments = file.replace(LONE_SURROGATE, '\uFFFD').split('/');
  return { uri: segments.map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

// SARIF lines and columns start at 1; a 0 from a damaged position must not make the log invalid.
const atLeast1 = (n: number): number => (Number.isInteger(n) && n >= 1 ? n : 1);

function location(file: string, region: Region): SarifLocation {
  return { physicalLocation: { artifactLocation: artifactLocation(file), region } };
}

function findingLocation(f: Finding): SarifLocation {
  const startLine = atLeast1(f.line);
  return location(f.file, {
    startLine,
    startColumn: atLeast1(f.column),
    endLine: Math.max(startLine, atLeast1(f.endLine)),
    endColumn: atLeast1(f.endColumn),
  });
}

export function ruleDescriptor(rule: SarifRule): SarifReportingDescriptor {
  const { summary, docsUrl, severity } = rule.meta;
  return {
    id: rule.id,
    shortDescription: { text: summary },
    helpUri: docsUrl,
    // Code scanning shows `help` on the alert page (it does not link helpUri by itself).
    help: { text: `${summary}. Documentation: ${docsUrl}`, markdown: `${summary}.\n\n[Rule documentation](${docsUrl})` },
    defaultConfiguration: { level: SARIF_LEVEL[severity] },
  };
}

function suppressionsOf(f: Finding): SarifSuppression[] | undefined {
  if (!f.suppressions || f.suppressions.length === 0) return undefined;
  // The schema wants unique items; two records of the same directive would say the same thing.
  const unique = new Map<string, SarifSuppression>();
  for (const s of f.suppressions as readonly Suppression[]) {
    const suppression: SarifSuppression = {
      kind: 'inSource',
      ...(s.justification ? { justification: s.justification } : {}),
      location: location(s.file, { startLine: atLeast1(s.line), startColumn: 1 }),
    };
    unique.set(JSON.stringify(suppression), suppression);
  }
  return [...unique.values()];
}

function notification(problem: InputProblem): SarifNotification {
  return {
    level: 'error',
    message: { text: problem.message },
    descriptor: { id: problem.code },
    locations: [location(problem.file, { startLine: atLeast1(problem.line), startColumn: atLeast1(problem.column) })],
  };
}

/** The SARIF log as an object: pure, and what the reporter serialises. */
export function toSarif(result: LintResult, options: { toolVersion: string; rules: readonly SarifRule[] }): SarifLog {
  const descriptors = options.rules.map(ruleDescriptor);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const indexOf = (f: Finding): number => {
    const known = index.get(f.ruleId);
    if (known !== undefined) return known;
    descriptors.push({ id: f.ruleId, helpUri: f.helpUri });
    index.set(f.ruleId, descriptors.length - 1);
    return descriptors.length - 1;
  };
  const identities = findingIdentities(result.findings);
  const results = result.findings.map((f, i): SarifResult => {
    const suppressions = suppressionsOf(f);
    return {
      ruleId: f.ruleId,
      ruleIndex: indexOf(f),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [findingLocation(f)],
      partialFingerprints: { [FINGERPRINT_KEY]: sha256Hex(identities[i] ?? '') },
      ...(suppressions ? { suppressions } : {}),
      properties: { object: f.object, ...(f.container !== undefined ? { container: f.container } : {}) },
    };
  });
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'oomlint', version: options.toolVersion, informationUri: REPOSITORY_URL, rules: descriptors } },
        invocations: [
          { executionSuccessful: result.errors.length === 0, toolExecutionNotifications: result.errors.map(notification) },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}


/** oomlint's version from its package.json, found upward from this module (src/, lib/src/ or dist/). */

export const sarif: TextReporter = (result, options) => {
  const { toolVersion, rules } = options as SarifOptions;
  const log = toSarif(result, { toolVersion: toolVersion ?? packageVersion(), rules: rules ?? registry });
  return `${JSON.stringify(log, null, 2)}\n`;
};

export { packageVersion };
