/**
 * Stage 4, the local tier: an example's manifest steps, each in a temporary copy of the example, cached by
 * the manifest and every file of the example (never under --update, whose expected files may just change).
 *
 *   await localTier(context, plan, manifest)  // → [{ tier: 'local', name: 'step: unit tests', status: 'passed', … }]
 */
import { cacheKey } from '../cache.ts';
import type { Manifest } from '../manifest.ts';
import { layeredFiles } from '../overlay.ts';
import type { Plan } from '../plan.ts';
import { runSteps } from '../steps.ts';
import type { CheckResult } from '../types.ts';
import type { RunContext } from './types.ts';

/** The repo-relative files of an example (everything under its folder and, for an overlay, its bases'). */
export function exampleFiles(plan: Plan, manifest: Manifest): string[] {
  return layeredFiles(plan.all, manifest);
}

export async function localTier(context: RunContext, plan: Plan, manifest: Manifest): Promise<CheckResult[]> {
  if (manifest.steps.length === 0) return [];
  const { options, cache } = context;
  const parts = ['local', manifest.file, manifest.source, process.version];
  for (const path of exampleFiles(plan, manifest)) parts.push(path, await context.read(path));
  const key = cacheKey(parts);
  if (!options.update) {
    const hit = await cache.get(key);
    if (hit) return hit;
  }
  const results = await runSteps(manifest.steps, { root: context.root, manifest, tier: 'local', probe: context.probe, baseEnv: context.stepEnv, update: options.update ?? false, graceMs: context.deps.graceMs });
  return options.update ? results : cache.set(key, results);
}
