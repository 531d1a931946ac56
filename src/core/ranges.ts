/**
 * Line ranges as authors write them in directive attributes.
 *
 *   parseLineRange('3-20')       // → { start: 3, end: 20 }
 *   parseLineRange('7')          // → { start: 7, end: 7 }
 *   parseLineRange('12-')        // → { start: 12, end: undefined }  (to the end)
 *   parseLineList('1,4-6')       // → [1, 4, 5, 6]
 *   formatLineList([1, 4, 5, 6]) // → '1,4-6'
 */

export interface LineRange {
  start: number;
  /** Inclusive; undefined means "to the last line". */
  end: number | undefined;
}

const RANGE = /^\s*(\d+)\s*(?:(-)\s*(\d+)?)?\s*$/;

/** Parses `N`, `N-M` or `N-`; returns undefined for anything else (including 0 and reversed ranges). */
export function parseLineRange(text: string): LineRange | undefined {
  const match = RANGE.exec(text);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : match[3] === undefined ? undefined : Number(match[3]);
  if (start < 1 || (end !== undefined && end < start)) return undefined;
  return { start, end };
}

/** Parses a comma-separated list of closed ranges into sorted, distinct line numbers. */
export function parseLineList(text: string): number[] | undefined {
  const lines = new Set<number>();
  for (const part of text.split(',')) {
    const range = parseLineRange(part);
    if (!range || range.end === undefined) return undefined;
    for (let line = range.start; line <= range.end; line += 1) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}

/** The compact form of a sorted list of line numbers, as Expressive Code and Slidev both read it. */
export function formatLineList(lines: readonly number[]): string {
  const parts: string[] = [];
  let index = 0;
  while (index < lines.length) {
    const start = lines[index] as number;
    let end = start;
    while (lines[index + 1] === end + 1) {
      end += 1;
      index += 1;
    }
    parts.push(start === end ? String(start) : `${start}-${end}`);
    index += 1;
  }
  return parts.join(',');
}
