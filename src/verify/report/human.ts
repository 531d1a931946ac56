/**
 * The human report: per chapter, per example folder, what was checked and how far each example got.
 * Steps of an example's manifest are shown once (not once per file), skips are grouped by reason, and
 * failures carry their diagnostics and details (diff, logs):
 *
 *   Chapter 51 · Docker for AI Services  (chapters/51-docker/index.mdx)
 *     snippets/51-docker/lumen/  declares local · reached static
 *       ok    static   15 files
 *       ok    local    context-demo, cost-per-request
 *       skip  local    build, smoke-test: no Docker engine: `docker info` failed
 *       warn  15 files stay below the local tier the manifest declares (see the skips above)
 *
 *   snippets: 15 · tier reached: static 15, local 0, cluster 0, none 0
 *   verify-snippets: 17 passed, 0 failed, 2 skipped
 *
 * The closing line counts checks: each static check of each file, and each manifest step once per example.
 */
import { formatDiagnostic, type Diagnostic } from '../../core/diagnostics.ts';
import type { VerifyRun } from '../command.ts';
import { TIERS, type CheckResult, type SnippetResult, type Status, type Tier } from '../types.ts';

const MARK: Record<Status, string> = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' };

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `${by}${line}` : line))
    .join('\n');
}

interface Row {
  tier: Tier;
  check: CheckResult;
  /** Files the check ran on (one for a static check; all files of the example for a step). */
  files: string[];
}

/** Static checks per file; steps (local, cluster) once per example. */
export function uniqueChecks(snippets: readonly SnippetResult[]): Row[] {
  const rows = new Map<string, Row>();
  for (const snippet of snippets) {
    for (const check of snippet.checks) {
      const key = check.tier === 'static' ? `${snippet.path}|${check.name}` : `${snippet.example ?? snippet.path}|${check.tier}|${check.name}`;
      const row = rows.get(key);
      if (row) row.files.push(snippet.path);
      else rows.set(key, { tier: check.tier, check, files: [snippet.path] });
    }
  }
  return [...rows.values()];
}

/**
 * The closing line's counts: unique checks, plus as failures the snippets that failed without a failing
 * check (nothing verifies them, or --strict found them below their tier) and the run's own errors (a broken
 * chapter, a bad manifest), so the line never says "0 failed" when the run fails.
 */
export function countChecks(snippets: readonly SnippetResult[], problems: readonly Diagnostic[] = []): Record<Status, number> {
  const counts: Record<Status, number> = { passed: 0, failed: 0, skipped: 0 };
  for (const row of uniqueChecks(snippets)) counts[row.check.status] += 1;
  counts.failed += snippets.filter((s) => s.status === 'failed' && !s.checks.some((c) => c.status === 'failed')).length;
  counts.failed += problems.filter((d) => d.severity === 'error').length;
  return counts;
}

function lowestTier(snippets: readonly SnippetResult[]): Tier | 'none' {
  const order: (Tier | 'none')[] = ['none', ...TIERS];
  return snippets.reduce<Tier | 'none'>((low, s) => (order.indexOf(s.reached) < order.indexOf(low) ? s.reached : low), 'cluster');
}

function exampleLines(example: string | undefined, snippets: readonly SnippetResult[], base: string): string[] {
  const lines: string[] = [];
  const declared = snippets.find((s) => s.declared)?.declared;
  const cached = snippets.every((s) => s.checks.length > 0 && s.checks.every((c) => c.cached)) ? '  (cached)' : '';
  const head = example ? `${example}/` : 'files without a verify.yaml';
  lines.push(`${base}${head}  ${declared ? `declares ${declared} · ` : ''}reached ${lowestTier(snippets)}${cached}`);
  const rows = uniqueChecks(snippets);
  const short = (path: string) => (example && path.startsWith(`${example}/`) ? path.slice(example.length + 1) : path);

  for (const tier of TIERS) {
    const mine = rows.filter((row) => row.tier === tier);
    if (mine.length === 0) continue;
    if (tier === 'static') {
      const passedFiles = new Set(snippets.map((s) => s.path));
      for (const row of mine) if (row.check.status !== 'passed') passedFiles.delete(row.files[0] as string);
      const checkedFiles = new Set(mine.map((row) => row.files[0] as string));
      const okCount = [...passedFiles].filter((f) => checkedFiles.has(f)).length;
      if (okCount > 0) lines.push(`${base}  ${MARK.passed}  static   ${okCount} file${okCount === 1 ? '' : 's'}`);
    } else {
      const passed = mine.filter((row) => row.check.status === 'passed').map((row) => row.check.name.replace(/^step: /, ''));
      if (passed.length > 0) lines.push(`${base}  ${MARK.passed}  ${tier.padEnd(7)}  ${passed.join(', ')}`);
    }
    const skipped = new Map<string, string[]>();
    for (const row of mine.filter((r) => r.check.status === 'skipped')) {
      const reason = row.check.skipReason ?? 'no reason given';
      const what = tier === 'static' ? `${row.check.name} on ${short(row.files[0] as string)}` : row.check.name.replace(/^step: /, '');
      skipped.set(reason, [...(skipped.get(reason) ?? []), what]);
    }
    for (const [reason, what] of skipped) lines.push(`${base}  ${MARK.skipped}  ${tier.padEnd(7)}  ${what.join(', ')}: ${reason}`);
    for (const row of mine.filter((r) => r.check.status === 'failed')) {
      const what = tier === 'static' ? `${short(row.files[0] as string)} (${row.check.name})` : row.check.name.replace(/^step: /, '');
      lines.push(`${base}  ${MARK.failed}  ${tier.padEnd(7)}  ${what}`);
      for (const d of row.check.diagnostics) lines.push(indent(formatDiagnostic(d), `${base}          `));
      if (row.check.detail) lines.push(indent(row.check.detail, `${base}          | `).replace(/\| $/gm, '|'));
    }
  }
  const belowTier = snippets.filter((s) => s.diagnostics.some((d) => d.rule === 'snippet-tier'));
  if (belowTier.length > 0) {
    const severity = belowTier.flatMap((s) => s.diagnostics).find((d) => d.rule === 'snippet-tier')?.severity ?? 'warning';
    lines.push(`${base}  ${severity === 'error' ? 'FAIL' : 'warn'}  ${belowTier.length === 1 ? '1 file stays' : `${belowTier.length} files stay`} below the ${declared ?? 'declared'} tier the manifest declares (see the skips above)`);
  }
  for (const snippet of snippets) {
    for (const d of snippet.diagnostics.filter((x) => x.rule !== 'snippet-tier')) lines.push(indent(formatDiagnostic(d), `${base}  `));
  }
  return lines;
}

function groupLines(snippets: readonly SnippetResult[], base: string): string[] {
  const groups = new Map<string, SnippetResult[]>();
  for (const snippet of snippets) {
    const key = snippet.example ?? '';
    groups.set(key, [...(groups.get(key) ?? []), snippet]);
  }
  return [...groups].flatMap(([example, members]) => exampleLines(example || undefined, members, base));
}

function problemLines(title: string, list: readonly Diagnostic[]): string[] {
  return list.length === 0 ? [] : ['', title, ...list.map((d) => indent(formatDiagnostic(d), '  '))];
}

export function formatHumanReport(run: VerifyRun): string {
  const out: string[] = [...run.notes];
  const printed = new Set<string>();
  for (const chapter of run.chapters) {
    const mine = run.snippets.filter((s) => s.chapters[0] === chapter.file);
    if (mine.length === 0) continue;
    out.push('', `Chapter ${chapter.number} · ${chapter.title}  (${chapter.file})`, ...groupLines(mine, '  '));
    for (const snippet of mine) printed.add(snippet.path);
  }
  const rest = run.snippets.filter((s) => !printed.has(s.path));
  if (rest.length > 0) out.push('', 'Example files no chapter shows', ...groupLines(rest, '  '));
  out.push(...problemLines('Errors', run.problems.filter((d) => d.severity === 'error')));
  out.push(...problemLines('Warnings', run.problems.filter((d) => d.severity === 'warning')));
  const { summary } = run;
  const checks = countChecks(run.snippets, run.problems);
  out.push(
    '',
    `snippets: ${run.snippets.length} · tier reached: static ${summary.tiers.static}, local ${summary.tiers.local}, cluster ${summary.tiers.cluster}, none ${summary.tiers.none}`,
    `verify-snippets: ${checks.passed} passed, ${checks.failed} failed, ${checks.skipped} skipped`,
  );
  return `${out.join('\n').replace(/^\n+/, '')}\n`;
}
