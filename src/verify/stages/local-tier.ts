/**
 * Stage 4, the local tier: an example's manifest steps, each in a temporary copy of the example, with the
 * example's Python venv active, its Go modules offline and its services running (started before the first step, stopped after the
 * last, on failure and on Ctrl-C). A failed step carries the last lines of every service's log. Results are
 * cached by the manifest and every file of the example (never under --update, whose expected files may change).
 *
 *   await localTier(context, plan, manifest)  // → [{ tier: 'local', name: 'step: unit tests', status: 'passed', … }]
 */
import { cacheKey } from '../cache.ts';
import type { Manifest } from '../manifest.ts';
import { goModulesFor, withGoEnv, type GoModules } from '../go-env.ts';
import { layeredFiles } from '../overlay.ts';
import type { Plan } from '../plan.ts';
import { pythonEnvFor, withPythonEnv, type PythonEnv } from '../python-env.ts';
import { RequirementProbe } from '../requirements.ts';
import { skipped } from '../results.ts';
import { startServices } from '../services/session.ts';
import { runSteps } from '../steps.ts';
import type { CheckResult } from '../types.ts';
import type { RunContext } from './types.ts';

/** The repo-relative files of an example (everything under its folder and, for an overlay, its bases'). */
export function exampleFiles(plan: Plan, manifest: Manifest): string[] {
  return layeredFiles(plan.all, manifest);
}

/** One requirement probe per Python environment and Go module state per run (probes remember what they found). */
const probes = new WeakMap<RunContext, Map<string, RequirementProbe>>();
function probeFor(context: RunContext, python: PythonEnv, go: GoModules): RequirementProbe {
  const goMissing = go.kind === 'missing' ? go.reason : undefined;
  if (python.kind === 'none' && goMissing === undefined) return context.probe;
  const key = `${python.kind === 'ready' ? python.venv : python.kind === 'missing' ? python.reason : ''}\0${goMissing ?? ''}`;
  const own = probes.get(context) ?? new Map<string, RequirementProbe>();
  probes.set(context, own);
  let probe = own.get(key);
  if (!probe) {
    probe = new RequirementProbe({
      env: python.kind === 'ready' ? withPythonEnv(context.toolEnv, python) : context.toolEnv,
      cwd: context.root,
      pythonMissing: python.kind === 'missing' ? python.reason : undefined,
      goMissing,
    });
    own.set(key, probe);
  }
  return probe;
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
  const results = await runLocalSteps(context, manifest);
  return options.update ? results : cache.set(key, results);
}

async function runLocalSteps(context: RunContext, manifest: Manifest): Promise<CheckResult[]> {
  const python = await pythonEnvFor(context.root, manifest, context.runtimes, context.deps.env);
  const go = await goModulesFor(context.root, manifest, context.runtimes, context.deps.env);
  const baseEnv = withGoEnv(withPythonEnv(context.stepEnv, python), go);
  const stepContext = { root: context.root, manifest, tier: 'local' as const, probe: probeFor(context, python, go), baseEnv, update: context.options.update ?? false, graceMs: context.deps.graceMs, signal: context.signal };
  const skipAll = (reason: string) => manifest.steps.map((step) => skipped('local', `step: ${step.name}`, reason));
  if (context.signal?.aborted) return skipAll('interrupted');

  const services = await startServices(manifest, {
    root: context.root,
    locator: context.runtimes,
    env: context.deps.env,
    stepEnv: baseEnv,
    log: (line) => context.progress.log(line),
    graceMs: context.deps.graceMs,
    healthTimeoutMs: context.deps.serviceHealthTimeoutMs,
  });
  if (services.kind === 'none') return runSteps(manifest.steps, stepContext);
  if (services.kind === 'skipped') return skipAll(services.reason);
  if (services.kind === 'failed') return [services.result, ...skipAll(`${services.result.name.replace(/^service: /, '')} could not start`)];

  const stopOnAbort = () => void services.stop();
  context.signal?.addEventListener('abort', stopOnAbort, { once: true });
  try {
    const results = await runSteps(manifest.steps, { ...stepContext, env: services.env });
    const tails = services.logTails();
    if (tails !== '') for (const r of results) if (r.status === 'failed') r.detail = [r.detail, tails].filter(Boolean).join('\n');
    return results;
  } finally {
    context.signal?.removeEventListener('abort', stopOnAbort);
    await services.stop();
  }
}
