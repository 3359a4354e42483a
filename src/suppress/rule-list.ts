/**
 * The text that names what a suppression silences, shared by comments and annotations:
 * `rule-a, rule-b -- reason`. ESLint's grammar: ids are separated by commas, and the reason
 * follows the first run of two or more dashes that has whitespace (or the start/end) on both
 * sides. Rule ids are kebab-case with single dashes, so a `--` is never part of an id.
 */
export interface RuleList {
  /** Trimmed, duplicates dropped, in written order; empty means every rule. */
  ruleIds: string[];
  /** True when no id was written at all (as opposed to `*`, which also means every rule). */
  empty: boolean;
  justification?: string;
}

/** `*` names every rule, in comments and annotations alike. */
export const EVERY_RULE = '*';

export function parseRuleList(text: string): RuleList {
  const separator = /(?:^|\s)-{2,}(?:\s|$)/.exec(text);
  const list = separator ? text.slice(0, separator.index) : text;
  const reason = separator ? text.slice(separator.index + separator[0].length).trim() : '';
  const written = [...new Set(list.split(',').map((id) => id.trim()))].filter((id) => id !== '');
  return {
    ruleIds: written.includes(EVERY_RULE) ? [] : written,
    empty: written.length === 0,
    ...(reason !== '' ? { justification: reason } : {}),
  };
}

/** Whether a suppression naming `ruleIds` (empty = every rule) covers `ruleId`. */
export function coversRule(ruleIds: readonly string[], ruleId: string): boolean {
  return ruleIds.length === 0 || ruleIds.includes(ruleId);
}
