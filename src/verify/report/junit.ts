/**
 * The `--junit FILE` report: one <testsuite> per chapter (plus one for files no chapter shows and one for
 * book-level problems), one <testcase> per check of each snippet, with <failure> or <skipped message>.
 *
 *   <testsuites name="verify-snippets" tests="3" failures="1" skipped="1">
 *     <testsuite name="chapters/53-k8s/index.mdx" …>
 *       <testcase classname="snippets/53-k8s/deploy/app.yaml" name="static: yaml" time="0.012"/>
 */
import { formatDiagnostic } from '../../core/diagnostics.ts';
import type { VerifyRun } from '../command.ts';
import type { SnippetResult } from '../types.ts';

export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

interface Case {
  classname: string;
  name: string;
  seconds: number;
  failure?: { message: string; body: string } | undefined;
  skipped?: string | undefined;
}

function casesOf(snippet: SnippetResult): Case[] {
  const cases: Case[] = snippet.checks.map((check) => ({
    classname: snippet.path,
    name: `${check.tier}: ${check.name}`,
    seconds: check.durationMs / 1000,
    failure:
      check.status === 'failed'
        ? { message: check.diagnostics[0]?.message ?? `${check.name} failed`, body: [...check.diagnostics.map(formatDiagnostic), check.detail ?? ''].filter(Boolean).join('\n') }
        : undefined,
    skipped: check.status === 'skipped' ? (check.skipReason ?? 'skipped') : undefined,
  }));
  const errors = snippet.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    cases.push({ classname: snippet.path, name: 'verification', seconds: 0, failure: { message: errors[0]?.message ?? 'failed', body: errors.map(formatDiagnostic).join('\n') } });
  }
  return cases;
}

function suite(name: string, cases: Case[]): string {
  const failures = cases.filter((c) => c.failure).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const time = cases.reduce((sum, c) => sum + c.seconds, 0);
  const body = cases.map((c) => {
    const head = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}" time="${c.seconds.toFixed(3)}"`;
    if (c.failure) return `${head}>\n      <failure message="${escapeXml(c.failure.message)}">${escapeXml(c.failure.body)}</failure>\n    </testcase>`;
    if (c.skipped !== undefined) return `${head}>\n      <skipped message="${escapeXml(c.skipped)}"/>\n    </testcase>`;
    return `${head}/>`;
  });
  return [`  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time.toFixed(3)}">`, ...body, '  </testsuite>'].join('\n');
}

export function formatJunitReport(run: VerifyRun): string {
  const suites: { name: string; cases: Case[] }[] = [];
  const placed = new Set<string>();
  for (const chapter of run.chapters) {
    const mine = run.snippets.filter((s) => s.chapters[0] === chapter.file);
    mine.forEach((s) => placed.add(s.path));
    if (mine.length > 0) suites.push({ name: chapter.file, cases: mine.flatMap(casesOf) });
  }
  const rest = run.snippets.filter((s) => !placed.has(s.path));
  if (rest.length > 0) suites.push({ name: 'snippets (no chapter)', cases: rest.flatMap(casesOf) });
  const bookProblems = run.problems.filter((d) => d.severity === 'error');
  if (bookProblems.length > 0) {
    suites.push({ name: 'book', cases: bookProblems.map((d) => ({ classname: d.file, name: d.rule ?? 'problem', seconds: 0, failure: { message: d.message, body: formatDiagnostic(d) } })) });
  }
  const all = suites.flatMap((s) => s.cases);
  const failures = all.filter((c) => c.failure).length;
  const skipped = all.filter((c) => c.skipped !== undefined).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="verify-snippets" tests="${all.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...suites.map((s) => suite(s.name, s.cases)),
    '</testsuites>',
    '',
  ].join('\n');
}
