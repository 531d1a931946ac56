/**
 * Stage 7, report problems: files no chapter uses become `snippet-unused` problems (errors under --strict),
 * and the run's exit code follows: 130/143 when interrupted, 1 when anything failed, else 0.
 *
 *   unusedProblems(['snippets/53-k8s/old.yaml'], { strict: true })  // → [Diagnostic{ severity: 'error', … }]
 *   exitCodeOf(summary, problems, undefined)                         // → 0
 */
import { diagnostic, type Diagnostic } from '../../core/diagnostics.ts';
import type { Summary } from '../types.ts';
import type { VerifyOptions } from './types.ts';

export function unusedProblems(unused: readonly string[], options: Pick<VerifyOptions, 'strict'>): Diagnostic[] {
  return unused.map((path) =>
    diagnostic({
      file: path,
      severity: options.strict ? 'error' : 'warning',
      message: `${path} is not included by any chapter`,
      hint: 'Include it with ::snippet in a chapter, reference it from a verify.yaml, or delete it.',
      rule: 'snippet-unused',
    }),
  );
}

export function exitCodeOf(summary: Summary, problems: readonly Diagnostic[], interrupted: NodeJS.Signals | undefined): number {
  if (interrupted) return interrupted === 'SIGTERM' ? 143 : 130;
  return summary.failed > 0 || problems.some((d) => d.severity === 'error') ? 1 : 0;
}
