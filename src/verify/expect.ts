/**
 * Compares a run's normalised output with an expected-output file, trycmd style: `[..]` in an expected
 * line matches any text within that line, a line `...` matches any number of lines (zero included). Runs of
 * spaces compare equal whatever their length, so table columns may shift. On mismatch gives a unified diff.
 *
 *   matchOutput('NAME  READY\nagent-[HASH]  1/1\n...', 'NAME READY\nagent-[HASH] 1/1\nmore\nlines')
 *   // → { ok: true }
 *   matchOutput('a\nb', 'a\nc', 'output/x.out')  // → { ok: false, diff: '--- expected output/x.out\n+++ actual\n@@ -1,2 +1,2 @@\n a\n-b\n+c' }
 */
import { operations, unifiedDiff, type Op } from './diff.ts';

export const ANY_LINES = '...';
export const ANY_TEXT = '[..]';

function squash(line: string): string {
  return line.trimEnd().replace(/[ \t]+/g, ' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const compiled = new Map<string, RegExp>();

/** Whether one actual line matches one expected line (with `[..]` wildcards). */
export function lineMatches(expected: string, actual: string): boolean {
  const e = squash(expected);
  const a = squash(actual);
  if (!e.includes(ANY_TEXT)) return e === a;
  let pattern = compiled.get(e);
  if (!pattern) {
    pattern = new RegExp(`^${e.split(ANY_TEXT).map(escapeRegExp).join('.*')}$`, 's');
    compiled.set(e, pattern);
  }
  return pattern.test(a);
}

function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines;
}

/** Line-by-line match with backtracking over `...` lines; memoised so it stays polynomial. */
function matchLines(expected: string[], actual: string[]): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (actual.length + 1) + j;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let result: boolean;
    if (i === expected.length) result = j === actual.length;
    else if (expected[i]?.trim() === ANY_LINES) result = go(i + 1, j) || (j < actual.length && go(i, j + 1));
    else result = j < actual.length && lineMatches(expected[i] ?? '', actual[j] ?? '') && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

export type MatchResult = { ok: true } | { ok: false; diff: string };

export function matchOutput(expectedText: string, actualText: string, expectedName = 'expected'): MatchResult {
  const expected = splitLines(expectedText);
  const actual = splitLines(actualText);
  if (matchLines(expected, actual)) return { ok: true };
  const diff = unifiedDiff(expected, actual, {
    fromName: `expected ${expectedName}`,
    toName: 'actual (normalised)',
    equals: (e, a) => e.trim() !== ANY_LINES && lineMatches(e, a),
  });
  return { ok: false, diff };
}

/**
 * What `--update` writes: the run's output, except that an expected line with `[..]` which still matches its
 * line of the run is kept as it was, and a `...` line is kept where it still stands for lines of the run. So
 * a re-recording changes only the lines that really changed, and a value masked by hand (a timing, a
 * throughput) stays masked. Lines are aligned like a diff, keeping as many expected lines as possible.
 *
 *   updatedExpected('took [..] s\nold', 'took 3 s\nnew')   // → 'took [..] s\nnew\n'
 */
export function updatedExpected(expectedText: string | undefined, actualText: string): string {
  const actual = splitLines(actualText);
  const finish = (lines: string[]) => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);
  if (expectedText === undefined) return finish(actual);
  const expected = splitLines(expectedText);
  const isDots = (line: string) => line.trim() === ANY_LINES;
  if (!expected.some((line) => line.includes(ANY_TEXT) || isDots(line))) return finish(actual);
  const out: string[] = [];
  let block: Op[] = []; // a run of removed and added lines between two kept ones
  const flush = () => {
    const dots = block.find((op) => op.kind === '-' && isDots(op.text));
    // A "..." that was there stands for the block's new lines; otherwise they are written as the run printed them.
    out.push(...(dots ? [dots.text] : block.filter((op) => op.kind === '+').map((op) => op.text)));
    block = [];
  };
  for (const op of operations(expected, actual, (e, a) => !isDots(e) && lineMatches(e, a))) {
    if (op.kind !== ' ') block.push(op);
    else {
      flush();
      out.push(expected[op.fromLine] ?? op.text); // the expected line, wildcards and all
    }
  }
  flush();
  return finish(out);
}
