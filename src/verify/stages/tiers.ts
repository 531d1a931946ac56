/**
 * Runs the static tier (one unit per planned file) and the local tier (one unit per example) together in a
 * pool of `jobs`, examples first since their steps are the slow part, reporting progress per unit.
 *
 *   const { staticResults, localResults } = await runStaticAndLocal(context, plan);
 */
import type { Manifest } from '../manifest.ts';
import type { Plan, PlannedFile } from '../plan.ts';
import { mapPool } from '../pool.ts';
import { snippetStatus } from '../results.ts';
import { localTier } from './local-tier.ts';
import { staticTier } from './static-tier.ts';
import type { RunContext, TierResults } from './types.ts';

type Unit = { kind: 'file'; file: PlannedFile } | { kind: 'example'; manifest: Manifest };

export async function runStaticAndLocal(context: RunContext, plan: Plan): Promise<{ staticResults: TierResults; localResults: TierResults }> {
  const checks = await staticTier(context, plan);
  const examples = context.options.staticOnly ? [] : [...plan.examples.values()].map((manifest): Unit => ({ kind: 'example', manifest }));
  const units: Unit[] = [...examples, ...plan.files.map((file): Unit => ({ kind: 'file', file }))];
  const staticResults: TierResults = new Map();
  const localResults: TierResults = new Map();
  const { progress } = context;
  progress.start(units.length);
  await mapPool(units, context.jobs, async (unit) => {
    const label = unit.kind === 'file' ? unit.file.path : `${unit.manifest.dir}/ (local steps)`;
    progress.begin(label);
    const results = unit.kind === 'file' ? await checks.check(unit.file) : await localTier(context, plan, unit.manifest);
    if (unit.kind === 'file') staticResults.set(unit.file.path, results);
    else localResults.set(unit.manifest.dir, results);
    progress.end(label, snippetStatus(results.length > 0 ? results : [{ status: 'passed' }]));
  });
  return { staticResults, localResults };
}
