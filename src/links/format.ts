/**
 * How link problems and external links are printed.
 *
 *   formatLinkProblem(problem)
 *   // → '50-fastapi/index.html:41:7  broken link "../53-kubernetes/#probez" (no element with id "probez" on 53-kubernetes/index.html)  [link-anchor]
 *   //      hint: Heading ids come from …'
 *   externalSummary(report.external)
 *   // → ['https://kubernetes.io/docs/  (3 links, first on 53-kubernetes/index.html:80:3)', …]
 */
import { formatLocation, type Diagnostic } from '../core/diagnostics.ts';
import type { ExternalLink } from './check.ts';

export function formatLinkProblem(problem: Diagnostic): string {
  const head = `${formatLocation(problem)}  ${problem.message}${problem.rule ? `  [${problem.rule}]` : ''}`;
  return problem.hint ? `${head}\n  hint: ${problem.hint}` : head;
}

/** One line per distinct external URL, sorted, with how often and where it first appears. */
export function externalSummary(external: readonly ExternalLink[]): string[] {
  const byUrl = new Map<string, ExternalLink[]>();
  for (const link of external) byUrl.set(link.url, [...(byUrl.get(link.url) ?? []), link]);
  return [...byUrl.keys()].sort().map((url) => {
    const places = byUrl.get(url) ?? [];
    const first = places[0] as ExternalLink;
    return `${url}  (${places.length} link${places.length === 1 ? '' : 's'}, first on ${formatLocation({ file: first.file, line: first.line, column: first.column })})`;
  });
}
