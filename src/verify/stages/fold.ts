/**
 * Stage 6, fold: each planned file's checks from all three tiers become one SnippetResult, with a
 * `snippet-tier` diagnostic when it stays below the tier its manifest declares (an error under --strict).
 *
 *   const snippets = foldSnippets(plan, { staticResults, localResults, clusterResults }, options);
 */
import { diagnostic } from '../../core/diagnostics.ts';
import type { Plan } from '../plan.ts';
import { reachedTier, snippetStatus, tierRank } from '../results.ts';
import type { SnippetResult } from '../types.ts';
import type { TierResults, VerifyOptions } from './types.ts';

export interface AllResults {
  staticResults: TierResults;
  localResults: TierResults;
  clusterResults: TierResults;
}

export function foldSnippets(plan: Plan, results: AllResults, options: VerifyOptions): SnippetResult[] {
  return plan.files.map((file) => {
    const checks = [...(results.staticResults.get(file.path) ?? [])];
    if (file.example) checks.push(...(results.localResults.get(file.example.dir) ?? []), ...(results.clusterResults.get(file.example.dir) ?? []));
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
          hint: declared === 'cluster' && !options.cluster ? "Run with --cluster kind (the book's CI does)." : 'See the skipped or failed checks above.',
          rule: 'snippet-tier',
        }),
      );
    }
    let status = snippetStatus(checks);
    if (diagnostics.some((d) => d.severity === 'error')) status = 'failed';
    return { path: file.path, chapters: file.chapters, example: file.example?.dir, status, reached, declared, checks, diagnostics };
  });
}
