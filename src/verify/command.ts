/**
 * `verify-snippets`: loads the book, plans what to verify, runs the static tier (helper A's checkers and the
 * Mermaid validator) and the local tier (manifest steps) in parallel with caching, then the cluster tier, and
 * folds everything into per-snippet results. Dependencies are parameters, so tests drive it with doubles.
 *
 *   const run = await verifySnippets({ root: '/repo', strict: true }, await defaultDependencies(process.env));
 *   run.exitCode  // → 0 when nothing failed
 *   formatHumanReport(run)
 */
import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { cacheKey, CACHE_DIR, ResultCache } from './cache.ts';
import { changedFiles as gitChangedFiles, type ChangedFiles } from './changed.ts';
import { runClusterTier, type ClusterMode } from './cluster/session.ts';
import type { Pins } from './cluster/pins.ts';
import type { Manifest } from './manifest.ts';
import { planRun, type PlannedFile, SNIPPETS } from './plan.ts';
import { mapPool } from './pool.ts';
import { silentProgress, type Progress } from './progress.ts';
import { RequirementProbe } from './requirements.ts';
import { reachedTier, snippetStatus, summarize, tierRank } from './results.ts';
import { passThroughEnv, runSteps } from './steps.ts';
import type { Book, CheckResult, MermaidValidator, SnippetResult, StaticCheckers, Summary } from './types.ts';

export interface VerifyOptions {
  root: string;
  chapter?: number | undefined;
  snippet?: string | undefined;
  changed?: boolean | undefined;
  update?: boolean | undefined;
  /** false for --no-cache */
  cache?: boolean | undefined;
  cluster?: ClusterMode | undefined;
  keep?: boolean | undefined;
  strict?: boolean | undefined;
  jobs?: number | undefined;
  /** Run the static tier only: no manifest steps, no cluster, no tier-shortfall warnings. */
  staticOnly?: boolean | undefined;
}

export interface VerifyDependencies {
  loadBook: (root: string) => Promise<Book>;
  checkers: StaticCheckers;
  validateMermaid: MermaidValidator;
  /** The caller's environment (the CLI passes process.env): PATH for steps, env for kind/kubectl/docker. */
  env: Readonly<Record<string, string | undefined>>;
  progress?: Progress | undefined;
  changedFiles?: ((root: string, env: Record<string, string>) => Promise<ChangedFiles>) | undefined;
  /** Let the cluster tier install SIGINT/SIGTERM handlers (the CLI does). */
  handleSignals?: boolean | undefined;
  clusterName?: string | undefined;
  pins?: Pins | undefined;
  clusterTimeouts?: Partial<Record<'create' | 'install' | 'build' | 'command', number>> | undefined;
  graceMs?: number | undefined;
}

export interface ChapterSummary {
  file: string;
  number: number;
  title: string;
}

export interface VerifyRun {
  chapters: ChapterSummary[];
  snippets: SnippetResult[];
  summary: Summary;
  /** Problems not tied to one check: book/include errors, manifest errors, unused files, tier shortfalls. */
  problems: Diagnostic[];
  unused: string[];
  notes: string[];
  interrupted?: NodeJS.Signals | undefined;
  cacheHits: number;
  exitCode: number;
}

function definedEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

const EMPTY_SUMMARY: Summary = { passed: 0, failed: 0, skipped: 0, tiers: { static: 0, local: 0, cluster: 0, none: 0 } };

export async function verifySnippets(options: VerifyOptions, deps: VerifyDependencies): Promise<VerifyRun> {
  const { root } = options;
  const progress = deps.progress ?? silentProgress;
  const toolEnv = definedEnv(deps.env);
  const notes: string[] = [];
  const book = await deps.loadBook(root);
  const chapters = book.chapters.map((c) => ({ file: c.file, number: c.number, title: c.title }));
  const bookProblems = [...book.diagnostics];

  if (book.chapters.length === 0) {
    const failed = bookProblems.some((d) => d.severity === 'error');
    notes.push('The book has no chapters yet (no chapters/NN-slug/index.mdx): there are no snippets to verify.');
    return { chapters, snippets: [], summary: EMPTY_SUMMARY, problems: bookProblems, unused: [], notes, cacheHits: 0, exitCode: failed ? 1 : 0 };
  }

  // --changed
  let changed: ReadonlySet<string> | undefined;
  if (options.changed) {
    const found = await (deps.changedFiles ?? gitChangedFiles)(root, toolEnv);
    if (found.ok) changed = found.files;
    else notes.push(`--changed: ${found.reason}; verifying everything instead.`);
  }

  const contents = new Map<string, Promise<string>>();
  const read = (path: string) => {
    let text = contents.get(path);
    if (!text) {
      text = readFile(join(root, path), 'utf8');
      contents.set(path, text);
    }
    return text;
  };

  const plan = await planRun(root, book, { chapter: options.chapter, snippet: options.snippet, changed, update: options.update }, deps.checkers, read);
  const problems: Diagnostic[] = [...bookProblems, ...plan.problems];
  if (plan.files.length === 0) notes.push(plan.filtered ? 'Nothing matches the selection (--chapter/--snippet/--changed).' : 'No chapter includes a snippet yet.');

  const cache = new ResultCache(join(root, CACHE_DIR), { enabled: options.cache !== false });
  const toolVersions = JSON.stringify(await deps.checkers.staticToolVersions());
  const probe = new RequirementProbe({ env: toolEnv, cwd: root });
  const stepEnv = passThroughEnv(deps.env);
  const jobs = Math.max(1, options.jobs ?? availableParallelism());

  // Python requirements for static checks: the example's requirements file, else the nearest requirements.txt.
  const requirementsFor = async (file: PlannedFile): Promise<{ set: ReadonlySet<string>; source: string }> => {
    const candidates: string[] = [];
    if (file.example?.requirements) candidates.push(posix.join(file.example.dir, file.example.requirements));
    else {
      for (let dir = posix.dirname(file.path); dir.startsWith(SNIPPETS); dir = posix.dirname(dir)) candidates.push(`${dir}/requirements.txt`);
    }
    const existing = new Set(plan.all);
    const path = candidates.find((c) => existing.has(c));
    if (!path) return { set: new Set(), source: '' };
    // Follow `-r other.txt` / `--requirement other.txt` includes within the snippets, as pip does.
    const files: { path: string; content: string }[] = [];
    const queue = [path];
    while (queue.length > 0) {
      const next = queue.shift() as string;
      if (files.some((f) => f.path === next) || !existing.has(next)) continue;
      const content = await read(next);
      files.push({ path: next, content });
      for (const match of content.matchAll(/^\s*(?:-r|--requirement)[\s=]+(\S+)/gm)) queue.push(posix.normalize(posix.join(posix.dirname(next), match[1] as string)));
    }
    return { set: deps.checkers.readPythonRequirements(files), source: files.map((f) => `${f.path}\n${f.content}`).join('\n') };
  };

  const staticChecks = async (file: PlannedFile): Promise<CheckResult[]> => {
    const content = await read(file.path);
    const requirements = await requirementsFor(file);
    const key = cacheKey(['static', file.path, content, toolVersions, requirements.source]);
    const hit = await cache.get(key);
    if (hit) return hit;
    const started = performance.now();
    const results: CheckResult[] = [];
    if (file.path.endsWith('.mmd')) {
      const problem = await deps.validateMermaid(content);
      results.push({
        tier: 'static',
        name: 'mermaid',
        status: problem ? 'failed' : 'passed',
        diagnostics: problem ? [diagnostic({ file: file.path, line: problem.line, column: 1, message: problem.message, hint: 'Fix the Mermaid syntax; preview it with npm run diagrams.', rule: 'mermaid-syntax' })] : [],
        durationMs: 0,
        cached: false,
      });
    }
    if (deps.checkers.staticCheckersFor(file.path, content).length > 0) {
      const outcomes = await deps.checkers.checkFileStatically(file.path, content, { root, requirements: requirements.set });
      for (const outcome of outcomes) {
        results.push({ tier: 'static', name: outcome.checker, status: outcome.status, skipReason: outcome.skipReason, diagnostics: outcome.diagnostics, durationMs: 0, cached: false });
      }
    }
    const elapsed = Math.round(performance.now() - started);
    for (const r of results) r.durationMs = Math.round(elapsed / results.length);
    return cache.set(key, results);
  };

  const exampleFiles = (manifest: Manifest) => plan.all.filter((p) => p.startsWith(`${manifest.dir}/`));
  const localChecks = async (manifest: Manifest): Promise<CheckResult[]> => {
    if (manifest.steps.length === 0) return [];
    const files = exampleFiles(manifest);
    const parts = ['local', manifest.file, manifest.source, process.version];
    for (const path of files) parts.push(path, await read(path));
    const key = cacheKey(parts);
    if (!options.update) {
      const hit = await cache.get(key);
      if (hit) return hit;
    }
    const results = await runSteps(manifest.steps, { root, manifest, tier: 'local', probe, baseEnv: stepEnv, update: options.update ?? false, graceMs: deps.graceMs });
    // Under --update the expected files may just have been rewritten: do not key the cache on stale content.
    return options.update ? results : cache.set(key, results);
  };

  // Static and local tiers, in parallel.
  type Unit = { kind: 'file'; file: PlannedFile } | { kind: 'example'; manifest: Manifest };
  const exampleUnits = options.staticOnly ? [] : [...plan.examples.values()].map((manifest): Unit => ({ kind: 'example', manifest }));
  const units: Unit[] = [...plan.files.map((file): Unit => ({ kind: 'file', file })), ...exampleUnits];
  // Examples first: their steps are the slow part, so start them early.
  units.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'example' ? -1 : 1));
  const staticResults = new Map<string, CheckResult[]>();
  const localResults = new Map<string, CheckResult[]>();
  progress.start(units.length);
  await mapPool(units, jobs, async (unit) => {
    const label = unit.kind === 'file' ? unit.file.path : `${unit.manifest.dir}/ (local steps)`;
    progress.begin(label);
    const results = unit.kind === 'file' ? await staticChecks(unit.file) : await localChecks(unit.manifest);
    if (unit.kind === 'file') staticResults.set(unit.file.path, results);
    else localResults.set(unit.manifest.dir, results);
    progress.end(label, snippetStatus(results.length > 0 ? results : [{ status: 'passed' }]));
  });

  // Cluster tier.
  const clusterResults = new Map<string, CheckResult[]>();
  let interrupted: NodeJS.Signals | undefined;
  const clusterExamples = options.staticOnly ? [] : [...plan.examples.values()].filter((m) => m.cluster);
  if (clusterExamples.length > 0) {
    if (options.cluster) {
      const outcome = await runClusterTier(clusterExamples, {
        mode: options.cluster,
        keep: options.keep ?? false,
        root,
        toolEnv,
        stepEnv,
        probe,
        update: options.update ?? false,
        log: (line) => progress.log(line),
        clusterName: deps.clusterName,
        pins: deps.pins,
        handleSignals: deps.handleSignals,
        timeouts: deps.clusterTimeouts,
        graceMs: deps.graceMs,
      });
      for (const [dir, results] of outcome.results) clusterResults.set(dir, results);
      interrupted = outcome.interrupted;
    } else {
      for (const m of clusterExamples) {
        clusterResults.set(m.dir, [{ tier: 'cluster', name: 'cluster', status: 'skipped', skipReason: 'cluster tier not run: pass --cluster kind or --cluster current', diagnostics: [], durationMs: 0, cached: false }]);
      }
    }
  }
  progress.finish();

  // Per-snippet results.
  const snippets: SnippetResult[] = plan.files.map((file) => {
    const checks = [...(staticResults.get(file.path) ?? [])];
    if (file.example) checks.push(...(localResults.get(file.example.dir) ?? []), ...(clusterResults.get(file.example.dir) ?? []));
    const missing = plan.unverified.get(file.path);
    const diagnostics = missing ? [missing] : [];
    const reached = reachedTier(checks);
    const declared = file.example?.tier;
    if (declared && !options.staticOnly && tierRank(reached) < tierRank(declared)) {
      diagnostics.push(
        diagnostic({
          file: file.example?.file ?? file.path,
          ...(file.example?.tierAt ?? {}),
          severity: options.strict ? 'error' : 'warning',
          message: `${file.path} reached ${reached === 'none' ? 'no tier' : `the ${reached} tier`}, below the ${declared} tier its manifest declares`,
          hint: declared === 'cluster' && !options.cluster ? 'Run with --cluster kind (the book\'s CI does).' : 'See the skipped or failed checks above.',
          rule: 'snippet-tier',
        }),
      );
    }
    let status = snippetStatus(checks);
    if (diagnostics.some((d) => d.severity === 'error')) status = 'failed';
    return { path: file.path, chapters: file.chapters, example: file.example?.dir, status, reached, declared, checks, diagnostics };
  });

  for (const path of plan.unused) {
    problems.push(
      diagnostic({
        file: path,
        severity: options.strict ? 'error' : 'warning',
        message: `${path} is not included by any chapter`,
        hint: 'Include it with ::snippet in a chapter, reference it from a verify.yaml, or delete it.',
        rule: 'snippet-unused',
      }),
    );
  }

  const summary = summarize(snippets);
  const failed = summary.failed > 0 || problems.some((d) => d.severity === 'error');
  const exitCode = interrupted ? (interrupted === 'SIGTERM' ? 143 : 130) : failed ? 1 : 0;
  return { chapters, snippets, summary, problems, unused: plan.unused, notes, interrupted, cacheHits: cache.hits, exitCode };
}
