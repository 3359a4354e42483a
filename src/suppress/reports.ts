/**
 * Suppressions that silence nothing, as Finding-shaped records, so every format shows them with
 * a position (ESLint reports "Unused eslint-disable directive" and "Definition for rule 'x' was
 * not found" as problems too). Two pseudo rule ids, documented in the README's Suppressions section.
 */
import type { Source } from '../model/source.js';
import { sourceFields, type Finding, type Severity } from '../result.js';
import { REPOSITORY_URL } from '../rule-docs.js';
import { EVERY_RULE } from './rule-list.js';

/** A directive or annotation that suppressed nothing (reported with --report-unused-disable-directives). */
export const UNUSED_DIRECTIVE = 'unused-disable-directive';
/** A directive or annotation that cannot work as written: unknown rule id, directive or container. */
export const INVALID_DIRECTIVE = 'invalid-disable-directive';
export const SUPPRESSIONS_HELP_URI = `${REPOSITORY_URL}/blob/main/README.md#suppressions`;

export interface Place {
  source: Source;
  /** The workload an annotation is on; a comment's file. */
  object: string;
  container?: string;
}

export function directiveRecord(ruleId: string, severity: Severity, message: string, place: Place): Finding {
  return {
    ruleId,
    severity,
    message,
    ...sourceFields(place.source),
    object: place.object,
    ...(place.container !== undefined ? { container: place.container } : {}),
    helpUri: SUPPRESSIONS_HELP_URI,
  };
}

const quoted = (ids: readonly string[]): string => ids.map((id) => `"${id}"`).join(', ');

/**
 * `what` names the suppression (`oomlint-disable-next-line directive`, `annotation "oomlint.io/ignore"`);
 * `unused` are the ids that silenced nothing (`*` for a suppression of every rule), `written` all known ids it names.
 */
export function unusedMessage(what: string, unused: readonly string[], written: readonly string[]): string {
  if (unused.includes(EVERY_RULE)) return `unused ${what} (no problems were reported); remove it`;
  const fix = unused.length === written.length ? 'remove it' : `remove ${quoted(unused)} from it`;
  return `unused ${what} (no problems were reported from ${quoted(unused)}); ${fix}`;
}

export function unusedEnableMessage(unused: readonly string[]): string {
  const which = unused.includes(EVERY_RULE) ? 'no oomlint-disable' : `no oomlint-disable of ${quoted(unused)}`;
  return `unused oomlint-enable directive (${which} is in effect here); remove it`;
}

export function unknownRuleMessage(what: string, ruleId: string, known: readonly string[]): string {
  return `${what} names unknown rule "${ruleId}"${unknownRuleHint(ruleId, known)}, so it does not suppress it; oomlint --list-rules lists the ids`;
}

function unknownRuleHint(ruleId: string, known: readonly string[]): string {
  if (ruleId.toLowerCase() === 'all') return ` (write "${EVERY_RULE}" for every rule)`;
  if (/\s/.test(ruleId)) return ' (separate rule ids with commas)';
  const near = closest(ruleId, known);
  return near === undefined ? '' : ` (did you mean "${near}"?)`;
}

/** The known id within two edits of a typo (one swapped or dropped letter is the usual slip), if one is. */
function closest(ruleId: string, known: readonly string[]): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const id of known) {
    const distance = editDistance(ruleId, id);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { id, distance };
  }
  return best?.id;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
