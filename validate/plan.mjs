// @ts-check
/**
 * From cases to runs: oomlint's verdict and budgets for each case, duplicates merged (the same
 * runtime, limit, options and assumptions run once), and the profile each verdict is checked
 * under (the three criteria of issue 7):
 *
 * - error   → expected profile, must be killed   (a likely kill)
 * - warning → worst profile, must be killed      (a possible kill under the calculator's worst case)
 * - clean   → worst profile, must survive
 *
 * `bothProfiles` adds the other profile too, reported but outside the criteria.
 */
import { defaultConfig } from '../lib/src/config.js';
import { configFor, launchOf, verdictOf } from './oomlint.mjs';

/** @typedef {import('./cases.mjs').Case} Case */

export async function planOf(/** @type {Case[]} */ cases, /** @type {{ bothProfiles: boolean }} */ opts) {
  /** @type {any[]} */
  const skipped = [];
  /** @type {Map<string, any>} */
  const planned = new Map();
  for (const c of cases) {
    if (c.skip) {
      skipped.push({ case: c, reason: c.skip });
      continue;
    }
    const config = c.settings ? { ...defaultConfig(), settings: c.settings } : configFor(c.runtimeJvm);
    const launch = /** @type {any} */ (launchOf(c.manifest, config));
    if (launch.skip) {
      skipped.push({ case: c, reason: launch.skip });
      continue;
    }
    const verdict = await verdictOf(c.manifest, launch.container, config, c.ruleConfig);
    const key = JSON.stringify([launch.runtime, launch.limit, launch.env, launch.args, config.settings, verdict.verdict]);
    const seen = planned.get(key);
    if (seen) {
      seen.also.push(c);
      continue;
    }
    const primary = verdict.verdict === 'error' ? 'expected' : 'worst';
    const profiles = opts.bothProfiles ? [primary, primary === 'expected' ? 'worst' : 'expected'] : [primary];
    planned.set(key, { case: c, also: [], launch, verdict, profiles });
  }
  return { runs: [...planned.values()], skipped };
}

/** What each verdict predicts under each profile: 'killed' or 'survived'. */
export function expectedOutcome(/** @type {'error' | 'warning' | 'clean'} */ verdict, /** @type {'expected' | 'worst'} */ profile) {
  if (verdict === 'error') return 'killed'; // likely under the expected budget, so also under the worst
  if (verdict === 'warning') return profile === 'worst' ? 'killed' : 'survived';
  return 'survived';
}

/**
 * Whether the run counts toward one of the three criteria, and which. A clean verdict from a
 * test case whose rule options relax the rule (worstCase: false, fewer worst-case threads)
 * makes no worst-case claim the worst profile could check: it counts toward none.
 */
export function criterionOf(/** @type {'error' | 'warning' | 'clean'} */ verdict, /** @type {'expected' | 'worst'} */ profile, relaxed = false) {
  if (verdict === 'clean' && relaxed) return undefined;
  if (verdict === 'error' && profile === 'expected') return 'error verdicts killed (expected profile)';
  if (verdict === 'warning' && profile === 'worst') return 'warning verdicts killed (worst-case profile)';
  if (verdict === 'clean' && profile === 'worst') return 'clean verdicts survive (worst-case profile)';
  return undefined;
}
