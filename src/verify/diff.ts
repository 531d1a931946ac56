/**
 * A small unified diff (LCS over lines) with a pluggable line equality, so wildcard lines of an expected
 * output count as equal to the lines they match.
 *
 *   unifiedDiff(['a', 'b'], ['a', 'c'])  // → '--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n+c'
 */

export interface DiffOptions {
  fromName?: string;
  toName?: string;
  context?: number;
  equals?: (from: string, to: string) => boolean;
}

export type Op = { kind: ' ' | '-' | '+'; text: string; fromLine: number; toLine: number };

/** The edit script from `from` to `to`: kept (' '), removed ('-') and added ('+') lines, removals first in a block. */
export function operations(from: readonly string[], to: readonly string[], equals: (a: string, b: string) => boolean): Op[] {
  const n = from.length;
  const m = to.length;
  // lcs[i][j]: length of the longest common subsequence of from[i..] and to[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    const row = lcs[i] as number[];
    const next = lcs[i + 1] as number[];
    for (let j = m - 1; j >= 0; j -= 1) {
      row[j] = equals(from[i] ?? '', to[j] ?? '') ? (next[j + 1] ?? 0) + 1 : Math.max(next[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && equals(from[i] ?? '', to[j] ?? '')) {
      ops.push({ kind: ' ', text: to[j] ?? '', fromLine: i, toLine: j });
      i += 1;
      j += 1;
    } else if (j < m && (i === n || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      ops.push({ kind: '+', text: to[j] ?? '', fromLine: i, toLine: j });
      j += 1;
    } else {
      ops.push({ kind: '-', text: from[i] ?? '', fromLine: i, toLine: j });
      i += 1;
    }
  }
  // Within a changed block, show removals before additions, as diff(1) does.
  const sorted: Op[] = [];
  let block: Op[] = [];
  const flush = () => {
    sorted.push(...block.filter((op) => op.kind === '-'), ...block.filter((op) => op.kind === '+'));
    block = [];
  };
  for (const op of ops) {
    if (op.kind === ' ') {
      flush();
      sorted.push(op);
    } else block.push(op);
  }
  flush();
  return sorted;
}

/** Unified diff of two line lists; empty string when they are equal. */
export function unifiedDiff(from: readonly string[], to: readonly string[], options: DiffOptions = {}): string {
  const context = options.context ?? 3;
  const ops = operations(from, to, options.equals ?? ((a, b) => a === b));
  if (ops.every((op) => op.kind === ' ')) return '';
  const out = [`--- ${options.fromName ?? 'a'}`, `+++ ${options.toName ?? 'b'}`];
  let index = 0;
  while (index < ops.length) {
    // find next change
    while (index < ops.length && ops[index]?.kind === ' ') index += 1;
    if (index >= ops.length) break;
    const start = Math.max(0, index - context);
    let end = index;
    let lastChange = index;
    while (end < ops.length) {
      if (ops[end]?.kind !== ' ') lastChange = end;
      else if (end - lastChange > context * 2) break;
      end += 1;
    }
    const stop = Math.min(ops.length, lastChange + context + 1);
    const hunk = ops.slice(start, stop);
    const first = hunk[0] as Op;
    const fromCount = hunk.filter((op) => op.kind !== '+').length;
    const toCount = hunk.filter((op) => op.kind !== '-').length;
    const fromStart = fromCount === 0 ? first.fromLine : first.fromLine + 1;
    const toStart = toCount === 0 ? first.toLine : first.toLine + 1;
    out.push(`@@ -${fromStart},${fromCount} +${toStart},${toCount} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.text}`);
    index = stop;
  }
  return out.join('\n');
}
