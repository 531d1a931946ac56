/**
 * The human report: snippets grouped by chapter with their status and reached tier, failures with their
 * diagnostics and details (diff, logs), unused files, then the summary line:
 *
 *   Chapter 53 · Kubernetes  (chapters/53-kubernetes/index.mdx)
 *     ok    snippets/53-kubernetes/deploy/deployment.yaml  [local]
 *     skip  snippets/53-kubernetes/deploy/app.py  [static]  step: run: python package fastapi is not importable by python3
 *   verify-snippets: 12 passed, 0 failed, 3 skipped
 *   tiers reached: static 4, local 6, cluster 0, none 2
 */
import { formatDiagnostic } from '../../core/diagnostics.ts';
import type { VerifyRun } from '../command.ts';
import type { SnippetResult, Status } from '../types.ts';

const MARK: Record<Status, string> = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' };

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `${by}${line}` : line))
    .join('\n');
}

function snippetLines(snippet: SnippetResult): string[] {
  const lines: string[] = [];
  const cached = snippet.checks.length > 0 && snippet.checks.every((c) => c.cached) ? '  (cached)' : '';
  lines.push(`  ${MARK[snippet.status]}  ${snippet.path}  [${snippet.reached}]${cached}`);
  for (const check of snippet.checks) {
    if (check.status === 'skipped') lines.push(`          skipped (${check.tier} tier) ${check.name}: ${check.skipReason ?? 'no reason given'}`);
    if (check.status === 'failed') {
      lines.push(`          failed (${check.tier} tier) ${check.name}`);
      for (const d of check.diagnostics) lines.push(indent(formatDiagnostic(d), '            '));
      if (check.detail) lines.push(indent(check.detail, '            | ').replace(/\| $/gm, '|'));
    } else if (check.detail) lines.push(`          ${check.name}: ${check.detail}`);
  }
  for (const d of snippet.diagnostics) lines.push(indent(formatDiagnostic(d), '          '));
  return lines;
}

export function formatHumanReport(run: VerifyRun): string {
  const out: string[] = [];
  for (const note of run.notes) out.push(note);
  const printed = new Set<string>();
  for (const chapter of run.chapters) {
    const mine = run.snippets.filter((s) => s.chapters[0] === chapter.file);
    if (mine.length === 0) continue;
    out.push('', `Chapter ${chapter.number} · ${chapter.title}  (${chapter.file})`);
    for (const snippet of mine) {
      out.push(...snippetLines(snippet));
      printed.add(snippet.path);
    }
  }
  const rest = run.snippets.filter((s) => !printed.has(s.path));
  if (rest.length > 0) {
    out.push('', 'Example files no chapter shows');
    for (const snippet of rest) out.push(...snippetLines(snippet));
  }
  const errors = run.problems.filter((d) => d.severity === 'error');
  const warnings = run.problems.filter((d) => d.severity === 'warning');
  if (errors.length > 0) {
    out.push('', 'Errors');
    for (const d of errors) out.push(indent(formatDiagnostic(d), '  '));
  }
  if (warnings.length > 0) {
    out.push('', 'Warnings');
    for (const d of warnings) out.push(indent(formatDiagnostic(d), '  '));
  }
  const { summary } = run;
  out.push(
    '',
    `tiers reached: static ${summary.tiers.static}, local ${summary.tiers.local}, cluster ${summary.tiers.cluster}, none ${summary.tiers.none}`,
    `verify-snippets: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`,
  );
  return `${out.join('\n').replace(/^\n+/, '')}\n`;
}
