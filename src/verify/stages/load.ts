/**
 * Stage 1, load: reads the book and, under --changed, the files that changed. A book without chapters ends
 * the run here, with a note.
 *
 *   const loaded = await loadStage(options, deps, toolEnv);
 *   loaded.kind  // → 'book' (go on) or 'empty' (loaded.run is the finished run)
 */
import type { Diagnostic } from '../../core/diagnostics.ts';
import { changedFiles as gitChangedFiles } from '../changed.ts';
import type { Book } from '../types.ts';
import type { ChapterSummary, VerifyDependencies, VerifyOptions, VerifyRun } from './types.ts';

export type Loaded =
  | { kind: 'empty'; run: VerifyRun }
  | {
      kind: 'book';
      book: Book;
      chapters: ChapterSummary[];
      /** The book's own problems (include errors, frontmatter). */
      problems: Diagnostic[];
      /** Files changed since the base, under --changed; undefined for no filter. */
      changed: ReadonlySet<string> | undefined;
      notes: string[];
    };

const EMPTY_SUMMARY = { passed: 0, failed: 0, skipped: 0, tiers: { static: 0, local: 0, cluster: 0, none: 0 } };

export async function loadStage(options: VerifyOptions, deps: VerifyDependencies, toolEnv: Record<string, string>): Promise<Loaded> {
  const notes: string[] = [];
  const book = await deps.loadBook(options.root);
  const chapters = book.chapters.map((c) => ({ file: c.file, number: c.number, title: c.title }));
  const problems = [...book.diagnostics];
  if (book.chapters.length === 0) {
    const failed = problems.some((d) => d.severity === 'error');
    notes.push('The book has no chapters yet (no chapters/NN-slug/index.mdx): there are no snippets to verify.');
    return { kind: 'empty', run: { chapters, snippets: [], summary: EMPTY_SUMMARY, problems, unused: [], notes, cacheHits: 0, exitCode: failed ? 1 : 0 } };
  }
  let changed: ReadonlySet<string> | undefined;
  if (options.changed) {
    const found = await (deps.changedFiles ?? gitChangedFiles)(options.root, toolEnv);
    if (found.ok) changed = found.files;
    else notes.push(`--changed: ${found.reason}; verifying everything instead.`);
  }
  return { kind: 'book', book, chapters, problems, changed, notes };
}
