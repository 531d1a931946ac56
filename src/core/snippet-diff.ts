/**
 * The line diff behind `::snippet{src=… diff}`: the lines of a file in the base example against the same
 * lines in the overlay, merged into one listing with the shown-line numbers of inserted and deleted lines
 * (Expressive Code's `ins={…} del={…}` markers; the slide turns them into a `diff` fence). The diff itself
 * is jsdiff's (`diffArrays`, Myers' algorithm), line by line.
 *
 *   diffListing(['a', 'b', 'c'], ['a', 'B', 'c'])
 *   // → { lines: ['a', 'b', 'B', 'c'], kinds: ['same', 'del', 'ins', 'same'], inserted: [3], deleted: [2] }
 */
import { diffArrays } from 'diff';

export type LineKind = 'same' | 'ins' | 'del';

export interface DiffListing {
  lines: string[];
  kinds: LineKind[];
  /** For each listed line, its index in the new lines, or -1 for a deleted line. */
  newIndex: number[];
  /** 1-based listing lines that the overlay adds. */
  inserted: number[];
  /** 1-based listing lines that exist only in the base. */
  deleted: number[];
}

export function diffListing(oldLines: readonly string[], newLines: readonly string[]): DiffListing {
  const listing: DiffListing = { lines: [], kinds: [], newIndex: [], inserted: [], deleted: [] };
  let next = 0;
  for (const change of diffArrays([...oldLines], [...newLines])) {
    const kind: LineKind = change.added ? 'ins' : change.removed ? 'del' : 'same';
    for (const line of change.value) {
      listing.lines.push(line);
      listing.kinds.push(kind);
      listing.newIndex.push(kind === 'del' ? -1 : next++);
      if (kind === 'ins') listing.inserted.push(listing.lines.length);
      if (kind === 'del') listing.deleted.push(listing.lines.length);
    }
  }
  return listing;
}

/** The listing as the text of a `diff` code block: `+`, `-` or a space before each line. */
export function diffFenceText(lines: readonly string[], kinds: readonly LineKind[]): string {
  return lines.map((line, index) => `${kinds[index] === 'ins' ? '+' : kinds[index] === 'del' ? '-' : ' '}${line}`).join('\n');
}
