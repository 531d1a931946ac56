/**
 * The copy a benchmark works on: the book's chapters/, snippets/ and diagrams/ (with its committed
 * renderings) copied into `<repo>/.scratch-bench/` (git-ignored), so builds, the diagram cache and the
 * verify cache of the measured book are never written or pruned.
 *
 *   const root = scratchCopy('/repo', '/repo/tests/site/fixtures/book')   // → '/repo/.scratch-bench'
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function scratchCopy(repo: string, book: string): string {
  const root = join(repo, '.scratch-bench');
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const folder of ['chapters', 'snippets', 'diagrams']) {
    const source = join(book, folder);
    if (existsSync(source)) cpSync(source, join(root, folder), { recursive: true });
    else mkdirSync(join(root, folder), { recursive: true });
  }
  return root;
}
