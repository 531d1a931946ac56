/**
 * Folds a snippet's checks into its status and the tier it reached, and a run's snippets into a summary.
 *
 *   reachedTier([{ tier: 'static', status: 'passed' }, { tier: 'local', status: 'skipped' }])  // → 'static'
 *   snippetStatus([{ status: 'passed' }, { status: 'skipped' }])                             // → 'skipped'
 *   skipped('local', 'step: unit tests', 'python3 is not on PATH')                            // → CheckResult
 */
import { TIERS, type CheckResult, type SnippetResult, type Status, type Summary, type Tier } from './types.ts';

/**
 * The highest tier such that it has at least one check and every check of it and of all lower tiers passed.
 * A tier with no checks (no static checker applies to an output file) does not block higher tiers.
 */
export function reachedTier(checks: readonly Pick<CheckResult, 'tier' | 'status'>[]): Tier | 'none' {
  let reached: Tier | 'none' = 'none';
  for (const tier of TIERS) {
    const own = checks.filter((c) => c.tier === tier);
    if (own.length === 0) continue;
    if (!own.every((c) => c.status === 'passed')) break;
    reached = tier;
  }
  return reached;
}

/** failed if anything failed; passed only if everything passed; otherwise skipped (a skip is never a pass). */
export function snippetStatus(checks: readonly Pick<CheckResult, 'status'>[]): Status {
  if (checks.some((c) => c.status === 'failed')) return 'failed';
  if (checks.length > 0 && checks.every((c) => c.status === 'passed')) return 'passed';
  return 'skipped';
}

/** A check that did not run, with the reason a reader sees. */
export function skipped(tier: Tier, name: string, reason: string, durationMs = 0): CheckResult {
  return { tier, name, status: 'skipped', skipReason: reason, diagnostics: [], durationMs, cached: false };
}

export function tierRank(tier: Tier | 'none'): number {
  return tier === 'none' ? -1 : TIERS.indexOf(tier);
}

export function summarize(snippets: readonly SnippetResult[]): Summary {
  const summary: Summary = { passed: 0, failed: 0, skipped: 0, tiers: { static: 0, local: 0, cluster: 0, none: 0 } };
  for (const snippet of snippets) {
    summary[snippet.status] += 1;
    summary.tiers[snippet.reached] += 1;
  }
  return summary;
}
