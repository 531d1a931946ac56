/**
 * The capstone's reports: for people, each requirement with its verdict, the tier its proof reached and what
 * proves it, grouped by chapter, then the totals; for machines, the same as JSON.
 *
 *   formatCapstoneReport(verdicts, { spec: 'snippets/capstone/part7.yaml', cluster: undefined })
 *   // Chapter 50
 *   //   pass  R50.1  local    api            POST /v1/ask answers …
 *   //                                        ← snippets/50-fastapi/lumen › step: api-tests
 *   // …
 *   // 58 requirements: 51 proved (static 2, local 47, cluster 2), 7 not proved here, 0 failed
 */
import type { Status, Tier } from '../verify/types.ts';
import type { Verdict } from './prove.ts';

const MARK: Record<Status, string> = { passed: 'pass', skipped: 'skip', failed: 'FAIL' };

export interface CapstoneTotals {
  requirements: number;
  passed: number;
  skipped: number;
  failed: number;
  byTier: Record<Tier | 'none', number>;
}

export function capstoneTotals(verdicts: readonly Verdict[]): CapstoneTotals {
  const totals: CapstoneTotals = { requirements: verdicts.length, passed: 0, skipped: 0, failed: 0, byTier: { static: 0, local: 0, cluster: 0, none: 0 } };
  for (const v of verdicts) {
    totals[v.status] += 1;
    if (v.status === 'passed') totals.byTier[v.reached] += 1;
  }
  return totals;
}

export function formatCapstoneReport(verdicts: readonly Verdict[], context: { spec: string; cluster?: string | undefined }): string {
  const lines: string[] = [`Part 7 capstone: ${context.spec}, ${verdicts.length} requirements${context.cluster ? `, cluster tier: ${context.cluster}` : ', without the cluster tier (add --cluster local)'}`];
  const chapters = [...new Set(verdicts.map((v) => v.chapter))].sort((a, b) => a - b);
  const areaWidth = Math.max(...verdicts.map((v) => v.area.length));
  for (const chapter of chapters) {
    lines.push('', `Chapter ${chapter}`);
    for (const v of verdicts.filter((x) => x.chapter === chapter)) {
      const head = `  ${MARK[v.status]}  ${v.id.padEnd(6)} ${v.reached.padEnd(7)}  ${v.area.padEnd(areaWidth)}  `;
      lines.push(`${head}${v.text}`);
      const pad = ' '.repeat(head.length);
      lines.push(`${pad}← ${v.via}${v.reason ? ` (${v.reason})` : ''}`);
    }
  }
  const t = capstoneTotals(verdicts);
  lines.push(
    '',
    `${t.requirements} requirements: ${t.passed} proved (static ${t.byTier.static}, local ${t.byTier.local}, cluster ${t.byTier.cluster}), ${t.skipped} not proved here, ${t.failed} failed`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatCapstoneJson(verdicts: readonly Verdict[], context: { spec: string; cluster?: string | undefined }): string {
  return `${JSON.stringify({ version: 1, spec: context.spec, cluster: context.cluster ?? null, totals: capstoneTotals(verdicts), requirements: verdicts }, null, 2)}\n`;
}
