/**
 * `verify-snippets`: loads the book, plans what to verify, runs the static tier (the static checkers and the
 * Mermaid validator) and the local tier (manifest steps) in parallel with caching, then the cluster tier,
 * folds everything into per-snippet results, records what passed for the site (stages/record.ts) and reports
 * the problems not tied to one check. Each stage is
 * its own module under `stages/`; dependencies are parameters, so tests drive it with doubles.
 *
 *   const run = await verifySnippets({ root: '/repo', strict: true }, realDependencies(process.env));
 *   run.exitCode  // → 0 when nothing failed
 *   formatHumanReport(run)
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { overlayCopies } from './overlay.ts';
import { CACHE_DIR, ResultCache } from './cache.ts';
import { silentProgress } from './progress.ts';
import { RequirementProbe } from './requirements.ts';
import { moduleLocator } from './services/locator.ts';
import { summarize } from './results.ts';
import { clusterStage } from './stages/cluster-tier.ts';
import { foldSnippets } from './stages/fold.ts';
import { watchInterrupts } from './stages/interrupts.ts';
import { loadStage } from './stages/load.ts';
import { planStage } from './stages/plan.ts';
import { recordStage } from './stages/record.ts';
import { exitCodeOf, unusedProblems } from './stages/problems.ts';
import { runStaticAndLocal } from './stages/tiers.ts';
import type { RunContext, VerifyDependencies, VerifyOptions, VerifyRun } from './stages/types.ts';
import { passThroughEnv } from './steps.ts';

export type { ChapterSummary, VerifyDependencies, VerifyOptions, VerifyRun } from './stages/types.ts';

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function definedEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

/** Reads each repo-relative file at most once per run. */
function onceReader(root: string): (path: string) => Promise<string> {
  const contents = new Map<string, Promise<string>>();
  return (path) => {
    let text = contents.get(path);
    if (!text) {
      text = readFile(join(root, path), 'utf8');
      contents.set(path, text);
    }
    return text;
  };
}

function runContext(options: VerifyOptions, deps: VerifyDependencies, toolEnv: Record<string, string>, signal: AbortSignal | undefined): RunContext {
  const { root } = options;
  return {
    root,
    options,
    deps,
    read: onceReader(root),
    cache: new ResultCache(join(root, CACHE_DIR), { enabled: options.cache !== false }),
    probe: new RequirementProbe({ env: toolEnv, cwd: root }),
    toolEnv,
    stepEnv: passThroughEnv(deps.env),
    progress: deps.progress ?? silentProgress,
    jobs: Math.max(1, options.jobs ?? availableParallelism()),
    runtimes: deps.runtimes ?? moduleLocator(),
    signal,
  };
}

export async function verifySnippets(options: VerifyOptions, deps: VerifyDependencies): Promise<VerifyRun> {
  const toolEnv = definedEnv(deps.env);
  const loaded = await loadStage(options, deps, toolEnv);
  if (loaded.kind === 'empty') return loaded.run;

  const watch = watchInterrupts(deps.handleSignals);
  const context = runContext(options, deps, toolEnv, watch.signal);
  const { plan, notes, problems: selectionProblems } = await planStage(context, loaded.book, loaded.changed);
  const { staticResults, localResults } = await runStaticAndLocal(context, plan).finally(() => watch.dispose());
  // The cluster tier installs its own handlers (it must delete namespaces and the cluster first).
  const cluster = watch.received ? { clusterResults: new Map(), interrupted: watch.received } : await clusterStage(context, plan);
  const { clusterResults, interrupted } = cluster;
  context.progress.finish();

  const snippets = foldSnippets(plan, { staticResults, localResults, clusterResults }, options);
  const problems = [...loaded.problems, ...selectionProblems, ...plan.problems, ...unusedProblems(plan.unused, options), ...(await overlayCopies(options.root, plan.examples.values(), plan.all, options))];
  const summary = summarize(snippets);
  // An interrupted run proved too little to record; otherwise the site learns what this run verified.
  if (!interrupted) recordStage(options.root, snippets, (path) => readIfPresent(join(options.root, path)), new Date(), options.cluster);
  return {
    chapters: loaded.chapters,
    snippets,
    summary,
    problems,
    unused: plan.unused,
    notes: [...loaded.notes, ...notes],
    interrupted,
    cacheHits: context.cache.hits,
    exitCode: exitCodeOf(summary, problems, interrupted),
  };
}
