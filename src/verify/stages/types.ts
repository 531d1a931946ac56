/**
 * The public shapes of a verify-snippets run (its options, its injected dependencies, its result) and the
 * run context every stage reads: the options, the dependencies and the per-run services (file reader,
 * result cache, requirement probe, environments, progress).
 *
 *   const context: RunContext = { root, options, deps, read, cache, probe, toolEnv, stepEnv, progress, jobs };
 */
import type { Diagnostic } from '../../core/diagnostics.ts';
import type { ResultCache } from '../cache.ts';
import type { ChangedFiles } from '../changed.ts';
import type { ClusterMode } from '../cluster/session.ts';
import type { Pins } from '../cluster/pins.ts';
import type { Progress } from '../progress.ts';
import type { RequirementProbe } from '../requirements.ts';
import type { RuntimeLocator } from '../services/locator.ts';
import type { Book, CheckResult, MermaidValidator, SnippetResult, StaticCheckers, Summary } from '../types.ts';

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
  /** Where provisioned runtimes and Python environments live (default: src/runtimes/locate.ts). */
  runtimes?: RuntimeLocator | undefined;
  /** How long a service may take to become healthy (default 60 s). */
  serviceHealthTimeoutMs?: number | undefined;
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

/** What every stage after loading reads. */
export interface RunContext {
  root: string;
  options: VerifyOptions;
  deps: VerifyDependencies;
  /** Reads a repo-relative file once per run. */
  read: (path: string) => Promise<string>;
  cache: ResultCache;
  probe: RequirementProbe;
  /** The caller's environment without unset variables: for git, kind, kubectl, docker. */
  toolEnv: Record<string, string>;
  /** The pass-through part of every step's clean environment. */
  stepEnv: Record<string, string>;
  progress: Progress;
  jobs: number;
  runtimes: RuntimeLocator;
  /** Aborted on Ctrl-C while the CLI watches for it: running steps and services stop. */
  signal?: AbortSignal | undefined;
}

/** Results of one tier, by snippet path (static) or example folder (local, cluster). */
export type TierResults = Map<string, CheckResult[]>;
