/**
 * The shapes verify-snippets passes between its parts: tiers, checks, per-snippet results, the run summary,
 * and the contracts of the modules it consumes (the book loader and the static checkers), written out here
 * so the command can be driven by test doubles.
 *
 *   const result: SnippetResult = { path: 'snippets/53-k8s/deploy/app.yaml', status: 'passed', reached: 'local', … };
 */
import type { Book as CoreBook, ChapterEntry as CoreChapterEntry, IncludeRef as CoreIncludeRef } from '../core/book.ts';
import type { PlainPage as CorePlainPage } from '../core/chapter.ts';
import type { Diagnostic } from '../core/diagnostics.ts';

export const TIERS = ['static', 'local', 'cluster'] as const;
export type Tier = (typeof TIERS)[number];
export type Status = 'passed' | 'failed' | 'skipped';

/** One check run on a snippet: a static checker, or one step of its example's manifest. */
export interface CheckResult {
  tier: Tier;
  /** `yaml`, `ruff`, `step: unit tests`, … */
  name: string;
  status: Status;
  skipReason?: string | undefined;
  diagnostics: Diagnostic[];
  /** Extra text for the reader of a failure: a unified diff, command output, cluster logs. */
  detail?: string | undefined;
  durationMs: number;
  /** True when the result came from the cache instead of a fresh run. */
  cached: boolean;
}

export interface SnippetResult {
  /** Repo-relative path, e.g. `snippets/53-kubernetes/deploy/deployment.yaml`. */
  path: string;
  /** Repo-relative chapter files that include it (empty when no chapter does). */
  chapters: string[];
  /** The example folder (holding `verify.yaml`) that covers it, repo-relative. */
  example?: string | undefined;
  status: Status;
  /** The highest tier whose checks (and all lower tiers' checks) all passed; `none` otherwise. */
  reached: Tier | 'none';
  /** The tier the example's manifest says the book's CI must reach. */
  declared?: Tier | undefined;
  checks: CheckResult[];
  /** Problems with the snippet as a whole: nothing verifies it, or (under --strict) it stays below its declared tier. */
  diagnostics: Diagnostic[];
}

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  /** How many snippets reached each tier (`none`: reached none). */
  tiers: Record<Tier | 'none', number>;
}

/**
 * What verify-snippets needs of the book loader in `src/core/book.ts`: the same types, narrowed to the
 * fields it reads, so test doubles need not build whole chapters.
 */
export type IncludeRef = CoreIncludeRef;
export type ChapterEntry = Pick<CoreChapterEntry, 'file' | 'slug' | 'number' | 'title' | 'includes'>;
/** A page that is not a chapter (the Part 7 capstone): its snippets are verified like a chapter's. */
export type PageEntry = Pick<CorePlainPage, 'file' | 'includes'>;
export interface Book extends Pick<CoreBook, 'root' | 'diagnostics'> {
  chapters: ChapterEntry[];
  pages?: PageEntry[] | undefined;
}

/** The contract of `src/verify/static/index.ts`, restated structurally. */
export interface StaticCheckOutcome {
  checker: string;
  status: Status;
  skipReason?: string | undefined;
  diagnostics: Diagnostic[];
}
export interface StaticCheckContext {
  root: string;
  requirements: ReadonlySet<string>;
  /** Folders local Python modules may come from (see src/verify/static/types.ts). */
  moduleFolders?: readonly string[] | undefined;
}
export interface StaticCheckers {
  staticCheckersFor(repoRelativePath: string, content: string): string[];
  checkFileStatically(repoRelativePath: string, content: string, context: StaticCheckContext): Promise<StaticCheckOutcome[]>;
  /** Files the applicable checkers read besides this one; their contents join the cache key. */
  staticInputsFor(repoRelativePath: string, content: string, root: string): Promise<string[]>;
  staticToolVersions(): Promise<Record<string, string>>;
  readPythonRequirements(files: { path: string; content: string }[]): Set<string>;
}

/** The contract of `src/diagrams/validate.ts`. */
export type MermaidValidator = (source: string) => Promise<{ line: number; message: string } | null>;
