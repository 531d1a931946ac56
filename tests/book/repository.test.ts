/**
 * The book in this repository, as committed: every page passes the shared core's checks, and every
 * Mermaid diagram has an up-to-date committed rendering (so a fresh clone builds without a browser).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { loadBook } from '../../src/core/book.ts';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { checkFileStatically } from '../../src/verify/static/index.ts';
import { collectDiagramSources, diagramHash, diagramSourcesOfBook, findStaleDiagrams, unusedCacheFiles } from '../../src/diagrams/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('every page of the book passes the content checks', () => {
  const book = loadBook(root);
  const errors = book.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  expect(errors, 'fix these, then run npm run check').toEqual([]);
  expect(book.pages.some((page) => page.slug === ''), 'chapters/index.mdx (the Part 7 landing page) exists').toBe(true);
});

test('every diagram has a fresh committed rendering', async () => {
  const stale = findStaleDiagrams(root, await collectDiagramSources(root));
  expect(stale.map((s) => `${s.origin.file}:${s.origin.line}`), 'run npm run diagrams and commit diagrams/.rendered/').toEqual([]);
});

test('no orphaned renderings are committed', async () => {
  const inUse = new Set((await collectDiagramSources(root)).map((s) => diagramHash(s.source)));
  expect(unusedCacheFiles(root, inUse), 'run npm run diagrams to prune them').toEqual([]);
});

test("the book's CI workflow passes the static checks it applies to snippets", async () => {
  const path = '.github/workflows/book.yml';
  const outcomes = await checkFileStatically(path, readFileSync(join(root, path), 'utf8'), { root, requirements: new Set() });
  expect(outcomes.map((o) => o.checker)).toContain('workflow');
  expect(outcomes.flatMap((o) => o.diagnostics).filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
});

test('the build derives the same diagram sources from the loaded book as a fresh parse does', async () => {
  expect(diagramSourcesOfBook(root, loadBook(root))).toEqual(await collectDiagramSources(root));
});
