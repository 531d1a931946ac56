/**
 * Stage 5, the cluster tier: the examples with a cluster section, through `runClusterTier` when --cluster is
 * given, otherwise SKIPPED with the option that runs them.
 *
 *   const { clusterResults, interrupted } = await clusterStage(context, plan);
 */
import { runClusterTier } from '../cluster/session.ts';
import type { Plan } from '../plan.ts';
import { skipped } from '../results.ts';
import type { RunContext, TierResults } from './types.ts';

export async function clusterStage(context: RunContext, plan: Plan): Promise<{ clusterResults: TierResults; interrupted?: NodeJS.Signals | undefined }> {
  const { options, deps } = context;
  const clusterResults: TierResults = new Map();
  const examples = options.staticOnly ? [] : [...plan.examples.values()].filter((m) => m.cluster);
  if (examples.length === 0) return { clusterResults };
  if (!options.cluster) {
    for (const m of examples) clusterResults.set(m.dir, [skipped('cluster', 'cluster', 'cluster tier not run: pass --cluster kind, --cluster current or --cluster local')]);
    return { clusterResults };
  }
  const outcome = await runClusterTier(examples, {
    mode: options.cluster,
    keep: options.keep ?? false,
    root: context.root,
    toolEnv: context.toolEnv,
    stepEnv: context.stepEnv,
    probe: context.probe,
    update: options.update ?? false,
    log: (line) => context.progress.log(line),
    clusterName: deps.clusterName,
    pins: deps.pins,
    handleSignals: deps.handleSignals,
    timeouts: deps.clusterTimeouts,
    graceMs: deps.graceMs,
  });
  for (const [dir, results] of outcome.results) clusterResults.set(dir, results);
  return { clusterResults, interrupted: outcome.interrupted };
}
