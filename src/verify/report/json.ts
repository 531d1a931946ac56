/**
 * The `--json` report: one object with the summary, chapters, every snippet with its checks, and problems.
 *
 *   { "version": 1, "summary": { "passed": 2, "failed": 0, "skipped": 1, "tiers": { … } },
 *     "chapters": [...], "snippets": [{ "path": "snippets/…", "status": "passed", "reached": "local", "checks": [...] }],
 *     "unused": [...], "problems": [...], "interrupted": null }
 */
import type { VerifyRun } from '../command.ts';

export function formatJsonReport(run: VerifyRun): string {
  const report = {
    version: 1,
    summary: run.summary,
    exitCode: run.exitCode,
    chapters: run.chapters,
    snippets: run.snippets.map((s) => ({
      path: s.path,
      chapters: s.chapters,
      example: s.example ?? null,
      status: s.status,
      reached: s.reached,
      declared: s.declared ?? null,
      diagnostics: s.diagnostics,
      checks: s.checks.map((c) => ({
        tier: c.tier,
        name: c.name,
        status: c.status,
        skipReason: c.skipReason ?? null,
        cached: c.cached,
        durationMs: c.durationMs,
        diagnostics: c.diagnostics,
        detail: c.detail ?? null,
      })),
    })),
    unused: run.unused,
    problems: run.problems,
    notes: run.notes,
    interrupted: run.interrupted ?? null,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
