/**
 * Resolves a `::snippet` directive to the exact text a reader sees and verify-snippets checks.
 *
 *   ::snippet{src="53-kubernetes/deploy/deployment.yaml" region="probes" lines="3-20" highlight="5-7"}
 *
 * - `src` is relative to snippets/ and must stay inside it.
 * - `region` selects the lines between `#region probes` and `#endregion probes` (markers never shown).
 * - `lines` narrows further, counted within the region (or the whole file): `3-20`, `7`, `12-`.
 * - `highlight` marks lines counted within what is shown (line 1 = first line the reader sees): `5-7`, `1,4-6`.
 * - `title` defaults to the path below the chapter folder (`deploy/deployment.yaml`); `title=""` hides it.
 * - `lang` overrides the language guessed from the file name.
 * - `diff` (a bare word) shows the file as a diff against the same path in the example its folder extends
 *   (`extends:` in its verify.yaml, see src/core/overlay.ts): every line of both, the overlay's additions
 *   and the base's deletions marked. It combines with `region` (the region must exist in both files), not
 *   with `lines` or `highlight`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { languageOf } from './languages.ts';
import { baseFileOf } from './overlay.ts';
import { resolveInside, SNIPPETS_DIR } from './paths.ts';
import { parseLineList, parseLineRange } from './ranges.ts';
import { dedent, scanRegions } from './regions.ts';
import { fail, type Resolution } from './resolution.ts';
import { diffListing, type LineKind } from './snippet-diff.ts';
import { closest, didYouMean } from './suggest.ts';

export interface SnippetAttributes {
  src?: string | undefined;
  region?: string | undefined;
  lines?: string | undefined;
  highlight?: string | undefined;
  title?: string | undefined;
  lang?: string | undefined;
  diff?: string | undefined;
}

export const SNIPPET_ATTRIBUTES = ['src', 'region', 'lines', 'highlight', 'title', 'lang', 'diff'] as const;

/** How a `diff` snippet differs from its base; line numbers count shown lines (1 = first shown line). */
export interface SnippetDiff {
  /** Repo-relative file in the base example. */
  base: string;
  /** Per shown line: unchanged, inserted by the overlay, or deleted from the base. */
  kinds: LineKind[];
  inserted: number[];
  deleted: number[];
}

export interface ResolvedSnippet {
  /** As written in the directive. */
  src: string;
  /** Repo-relative path, e.g. `snippets/53-kubernetes/deploy/deployment.yaml`. */
  path: string;
  absolute: string;
  region: string | undefined;
  lang: string;
  title: string | undefined;
  /** The text shown, marker lines removed and common indentation stripped. */
  code: string;
  /** Shown-line numbers to highlight (1 = first shown line). */
  highlight: number[];
  /** Line in the source file of each shown line, for mapping checks back to the book (0: a deleted line of a diff). */
  sourceLines: number[];
  /** Set for `diff` snippets. */
  diff?: SnippetDiff | undefined;
}

/** Cached reads: one build reads a snippet file once however often it is included. */
export interface FileReader {
  read(absolute: string): string;
}

export const fsReader: FileReader = { read: (absolute) => readFileSync(absolute, 'utf8') };

/** A close sibling file name when the requested one does not exist. */
function siblingSuggestion(absolute: string): string {
  const folder = dirname(absolute);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return 'Check the folder: it does not exist under snippets/.';
  const match = closest(basename(absolute), readdirSync(folder));
  return match ? `Did you mean "${match}"?` : 'Check the path: it is relative to snippets/.';
}

/** Default title: the path below the chapter folder, e.g. `deploy/deployment.yaml`. */
function defaultTitle(src: string): string {
  const parts = src.split('/');
  return parts.length > 1 ? parts.slice(1).join('/') : src;
}

export function resolveSnippet(root: string, attributes: SnippetAttributes, reader: FileReader = fsReader): Resolution<ResolvedSnippet> {
  const src = attributes.src;
  if (src === undefined || src.trim() === '') {
    return fail('snippet-src', '::snippet needs a src attribute', 'Write the file path relative to snippets/, e.g. ::snippet{src="53-kubernetes/deploy/deployment.yaml"}.');
  }
  const resolved = resolveInside(root, SNIPPETS_DIR, src);
  if (!resolved.ok) {
    return fail('snippet-path', `Snippet path "${src}" ${resolved.reason}`, 'Snippets must live inside snippets/; write src relative to that folder without "..".');
  }
  if (!existsSync(resolved.absolute) || !statSync(resolved.absolute).isFile()) {
    return fail('snippet-missing', `Snippet file ${resolved.relative} does not exist`, siblingSuggestion(resolved.absolute));
  }
  const text = reader.read(resolved.absolute);
  const language = languageOf(resolved.relative);
  const scan = scanRegions(text, language.comment);
  const firstProblem = scan.problems[0];
  if (firstProblem) {
    return fail('snippet-markers', `${resolved.relative}:${firstProblem.line}: ${firstProblem.message}`, firstProblem.hint);
  }

  let candidates: number[] = scan.visible;
  let scope = `the file ${resolved.relative}`;
  if (attributes.region !== undefined) {
    if (!language.comment) {
      return fail('snippet-region', `${resolved.relative} cannot have regions: its format has no comments`, 'Use lines="N-M" to show part of this file instead.');
    }
    const region = scan.regions.get(attributes.region);
    if (!region) {
      const names = [...scan.regions.keys()];
      const suggestion = didYouMean(attributes.region, names);
      const listing = names.length ? `Regions in that file: ${names.join(', ')}.` : 'That file defines no regions.';
      return fail('snippet-region', `Unknown region "${attributes.region}" in ${resolved.relative}`, [listing, suggestion].filter(Boolean).join(' '));
    }
    candidates = region.content;
    scope = `the region "${region.name}"`;
  }

  if (attributes.diff !== undefined) {
    return resolveDiff(root, attributes, reader, { src, path: resolved.relative, absolute: resolved.absolute, lang: attributes.lang?.trim() || language.lang, comment: language.comment, scan, candidates });
  }

  if (attributes.lines !== undefined) {
    const range = parseLineRange(attributes.lines);
    if (!range) {
      return fail('snippet-lines', `lines="${attributes.lines}" is not a line range`, 'Write lines="N-M", lines="N" or lines="N-" (counted from 1).');
    }
    const end = range.end ?? candidates.length;
    if (range.start > candidates.length || end > candidates.length) {
      return fail('snippet-lines', `lines="${attributes.lines}" is out of range: ${scope} has ${candidates.length} line${candidates.length === 1 ? '' : 's'}`, `Lines are counted within ${scope}, from 1 to ${candidates.length}.`);
    }
    candidates = candidates.slice(range.start - 1, end);
  }

  // Drop blank lines at either end of the excerpt: they only add space.
  let first = 0;
  let last = candidates.length - 1;
  while (first <= last && (scan.lines[(candidates[first] as number) - 1] ?? '').trim() === '') first += 1;
  while (last >= first && (scan.lines[(candidates[last] as number) - 1] ?? '').trim() === '') last -= 1;
  const sourceLines = candidates.slice(first, last + 1);
  if (sourceLines.length === 0) {
    return fail('snippet-empty', `The snippet from ${scope} is empty`, 'Check the region markers and the lines attribute.');
  }
  const shown = dedent(sourceLines.map((line) => scan.lines[line - 1] ?? ''));

  let highlight: number[] = [];
  if (attributes.highlight !== undefined) {
    const list = parseLineList(attributes.highlight);
    if (!list) {
      return fail('snippet-highlight', `highlight="${attributes.highlight}" is not a list of lines`, 'Write highlight="5-7" or highlight="1,4-6", counted from the first line shown.');
    }
    const outside = list.find((line) => line > shown.length);
    if (outside !== undefined) {
      return fail('snippet-highlight', `highlight="${attributes.highlight}" is out of range: the snippet shows ${shown.length} line${shown.length === 1 ? '' : 's'}`, 'Highlight lines are counted within what is shown, starting at 1.');
    }
    highlight = list;
  }

  return {
    ok: true,
    value: {
      src,
      path: resolved.relative,
      absolute: resolved.absolute,
      region: attributes.region,
      lang: attributes.lang?.trim() || language.lang,
      title: attributes.title === undefined ? defaultTitle(src) : attributes.title.trim() || undefined,
      code: shown.join('\n'),
      highlight,
      sourceLines,
    },
  };
}

interface DiffInput {
  src: string;
  path: string;
  absolute: string;
  lang: string;
  comment: Parameters<typeof scanRegions>[1];
  scan: ReturnType<typeof scanRegions>;
  /** Source lines of the overlay file that are shown (the region's, or every visible line). */
  candidates: number[];
}

/** Drops blank lines at either end of a list of source line numbers. */
function trimBlankEnds(candidates: readonly number[], lines: readonly string[]): number[] {
  let first = 0;
  let last = candidates.length - 1;
  while (first <= last && (lines[(candidates[first] as number) - 1] ?? '').trim() === '') first += 1;
  while (last >= first && (lines[(candidates[last] as number) - 1] ?? '').trim() === '') last -= 1;
  return candidates.slice(first, last + 1);
}

function resolveDiff(root: string, attributes: SnippetAttributes, reader: FileReader, input: DiffInput): Resolution<ResolvedSnippet> {
  if (attributes.diff !== '' && attributes.diff !== 'true') {
    return fail('snippet-diff', `diff="${attributes.diff}" is not understood`, 'Write the bare word: ::snippet{src="…" diff}.');
  }
  if (attributes.lines !== undefined || attributes.highlight !== undefined) {
    return fail('snippet-diff', `diff cannot be combined with ${attributes.lines !== undefined ? 'lines' : 'highlight'}`, 'A diff marks its own inserted and deleted lines; to show part of the file, wrap it in a #region (in both files) and use region="…".');
  }
  const base = baseFileOf(root, input.path);
  if (!base.ok) return base;
  const baseText = reader.read(join(root, base.value.path));
  const baseScan = scanRegions(baseText, input.comment);
  const baseProblem = baseScan.problems[0];
  if (baseProblem) return fail('snippet-markers', `${base.value.path}:${baseProblem.line}: ${baseProblem.message}`, baseProblem.hint);
  let baseCandidates = baseScan.visible;
  if (attributes.region !== undefined) {
    const region = baseScan.regions.get(attributes.region);
    if (!region) {
      const names = [...baseScan.regions.keys()];
      return fail('snippet-diff', `The base file ${base.value.path} has no region "${attributes.region}" to diff against`, names.length ? `Regions in the base file: ${names.join(', ')}. Add the same #region there, or diff the whole file.` : 'Add the same #region markers to the base file, or diff the whole file.');
    }
    baseCandidates = region.content;
  }
  const oldSource = trimBlankEnds(baseCandidates, baseScan.lines);
  const newSource = trimBlankEnds(input.candidates, input.scan.lines);
  const listing = diffListing(
    oldSource.map((line) => baseScan.lines[line - 1] ?? ''),
    newSource.map((line) => input.scan.lines[line - 1] ?? ''),
  );
  if (listing.inserted.length === 0 && listing.deleted.length === 0) {
    const scope = attributes.region === undefined ? input.path : `the region "${attributes.region}" of ${input.path}`;
    return fail('snippet-diff', `${scope} is identical to ${base.value.path}: the diff would show no change`, 'If the overlay does not change the file, delete it from the overlay (the base provides it) and show the base file without diff.');
  }
  if (listing.lines.length === 0) return fail('snippet-empty', `The diff of ${input.path} is empty`, 'Check the region markers.');
  return {
    ok: true,
    value: {
      src: input.src,
      path: input.path,
      absolute: input.absolute,
      region: attributes.region,
      lang: input.lang,
      title: attributes.title === undefined ? defaultTitle(input.src) : attributes.title.trim() || undefined,
      code: dedent(listing.lines).join('\n'),
      highlight: [],
      sourceLines: listing.newIndex.map((index) => (index < 0 ? 0 : (newSource[index] as number))),
      diff: { base: base.value.path, kinds: listing.kinds, inserted: listing.inserted, deleted: listing.deleted },
    },
  };
}
