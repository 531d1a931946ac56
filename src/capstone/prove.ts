/**
 * Folds one verify-snippets run into the capstone's verdicts: for each requirement, whether its proof
 * passed, failed or did not run here (and why), and the highest tier it reached. A proof that did not run
 * is never a pass.
 *
 *   proveRequirements(resolved, run.snippets)
 *   // → [{ id: 'R50.1', status: 'passed', reached: 'local', via: 'snippets/50-fastapi/lumen › step: api-tests' },
 *   //    { id: 'R53.9', status: 'skipped', reached: 'static', reason: 'needs a container runtime …', … }]
 */
import { reachedTier, snippetStatus } from '../verify/results.ts';
import type { CheckResult, SnippetResult, Status, Tier } from '../verify/types.ts';
import type { Area, ResolvedRequirement } from './spec.ts';

export interface Verdict {
  id: string;
  chapter: number;
  area: Area;
  text: string;
  status: Status;
  reached: Tier | 'none';
  declared?: Tier | undefined;
  /** What proves it: `snippets/… › step: name`, `snippets/…` (the whole example) or a file. */
  via: string;
  /** Why it did not pass: the skip reason of the check, or what failed. */
  reason?: string | undefined;
}

/** The checks of an example across its files, each (tier, name) once. */
function exampleChecks(example: string, snippets: readonly SnippetResult[]): CheckResult[] {
  const seen = new Map<string, CheckResult>();
  for (const snippet of snippets) {
    if (snippet.example !== example) continue;
    for (const check of snippet.checks) {
      const key = `${check.tier}\0${check.name}\0${check.tier === 'static' ? snippet.path : ''}`;
      if (!seen.has(key)) seen.set(key, check);
    }
  }
  return [...seen.values()];
}

function reasonOf(checks: readonly CheckResult[]): string | undefined {
  const failed = checks.find((c) => c.status === 'failed');
  if (failed) return `${failed.name} failed`;
  const skipped = checks.find((c) => c.status === 'skipped');
  return skipped ? `${skipped.name}: ${skipped.skipReason ?? 'skipped'}` : undefined;
}

export function proveRequirements(resolved: readonly ResolvedRequirement[], snippets: readonly SnippetResult[]): Verdict[] {
  return resolved.map(({ requirement, target, kind, check, declared }): Verdict => {
    const base = { id: requirement.id, chapter: requirement.chapter, area: requirement.area, text: requirement.text, declared };
    if (kind === 'file') {
      const snippet = snippets.find((s) => s.path === target);
      if (!snippet) return { ...base, status: 'skipped', reached: 'none', via: target, reason: 'not in this run (no chapter includes it, or the run was narrowed)' };
      // A file proves what its own checkers say of it (its example's steps are proofs of their own).
      const own = snippet.checks.filter((c) => c.tier === 'static');
      return { ...base, status: snippetStatus(own), reached: reachedTier(own), via: target, reason: reasonOf(own) };
    }
    const checks = exampleChecks(target, snippets);
    if (checks.length === 0) return { ...base, status: 'skipped', reached: 'none', via: check ? `${target} › ${check.name}` : target, reason: 'not in this run (no chapter includes the example, or the run was narrowed)' };
    if (kind === 'example' || !check) return { ...base, status: snippetStatus(checks), reached: reachedTier(checks), via: target, reason: reasonOf(checks) };
    const own = checks.find((c) => c.tier === check.tier && c.name === check.name);
    const via = `${target} › ${check.name}`;
    if (!own) {
      const why = check.tier === 'cluster' ? 'the cluster tier was not run (add --cluster local, or kind in the book\'s CI)' : 'the step did not run';
      return { ...base, status: 'skipped', reached: reachedTier(checks.filter((c) => c.tier === 'static')), via, reason: why };
    }
    // A passed step reached its own tier; otherwise the proof stands at what the example's files reached statically.
    const reached = own.status === 'passed' ? own.tier : reachedTier(checks.filter((c) => c.tier === 'static'));
    return { ...base, status: own.status, reached, via, reason: own.status === 'passed' ? undefined : own.status === 'failed' ? `${own.name} failed` : own.skipReason };
  });
}
