/**
 * `npm run check`: reads every page of the book through the shared core and reports every problem at once.
 *
 *   chapters/53-kubernetes/index.mdx:41:1  error  Unknown region "probez" in snippets/…  [snippet-region]
 *     hint: Regions in that file: probes, resources. Did you mean "probes"?
 *
 *   check: 3 chapters, 2 pages, 41 includes — 1 error, 0 warnings
 */
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { hasErrors, loadBook, type Book } from '../core/book.ts';

export interface CheckResult {
  book: Book;
  ok: boolean;
  summary: string;
}

export function summarise(book: Book): string {
  const count = (severity: Diagnostic['severity']) => book.diagnostics.filter((d) => d.severity === severity).length;
  const includes = book.chapters.reduce((sum, chapter) => sum + chapter.includes.length, 0) + book.pages.reduce((sum, page) => sum + page.includes.length, 0);
  const errors = count('error');
  const warnings = count('warning');
  return `${book.chapters.length} chapter${book.chapters.length === 1 ? '' : 's'}, ${book.pages.length} other page${book.pages.length === 1 ? '' : 's'}, ${includes} include${includes === 1 ? '' : 's'} — ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/** Loads and checks the book, printing each diagnostic through `print`. */
export function checkBook(root: string, print: (line: string) => void): CheckResult {
  const book = loadBook(root);
  for (const d of book.diagnostics) print(formatDiagnostic(d));
  return { book, ok: !hasErrors(book.diagnostics), summary: summarise(book) };
}
