/**
 * Shared shapes of the static tier: what a checker is given, what it returns, and the outcome the
 * verify-snippets CLI receives for each (file, checker) pair.
 *
 *   const checker: StaticChecker = { name: 'json', applies: (path) => path.endsWith('.json'), check };
 *   await checker.check('snippets/x/a.json', '{', context)  // → { diagnostics: [...] }
 */
import type { Diagnostic } from '../../core/diagnostics.ts';

export interface StaticCheckOutcome {
  /** e.g. 'kubernetes', 'python', 'shell', 'dockerfile', 'workflow', 'helm', 'json', 'yaml', 'toml', 'secrets'. */
  checker: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why the checker could not run (a needed external tool is missing); never `passed` in that case. */
  skipReason?: string;
  /** file = repo-relative path, 1-based line/column, rule id, message, hint. */
  diagnostics: Diagnostic[];
}

export interface StaticCheckContext {
  /** Absolute repository root. */
  root: string;
  /** Normalised Python distribution/import names declared for the snippets. */
  requirements: ReadonlySet<string>;
  /**
   * Repo-relative folders a Python file may import local modules from. Unset: the file's own folder up to
   * its example folder. verify-snippets sets it for examples that `extends` another, so a module that only
   * the base has resolves (the same folders in every layer).
   */
  moduleFolders?: readonly string[] | undefined;
}

/** What one checker found: diagnostics, or a reason it could not run at all. */
export interface CheckResult {
  diagnostics: Diagnostic[];
  skipReason?: string;
}

export interface StaticChecker {
  name: string;
  /** Decides from the path (repo-relative, forward slashes) and the content alone. */
  applies(path: string, content: string): boolean;
  /** Never throws for bad input: problems are diagnostics. */
  check(path: string, content: string, context: StaticCheckContext): Promise<CheckResult>;
  /** Repo-relative files, besides this one, whose content the check reads (they join its cache key). */
  inputs?(path: string, root: string): Promise<string[]>;
}
