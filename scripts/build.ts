/**
 * `npm run build` — the whole book: checks the content, builds the site into dist/ and the lecture decks
 * into dist/slides/. Content problems stop the build before Astro starts, each as file:line:col.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBook } from '../src/cli/build-book.ts';
import { runCommand, UsageError } from '../src/cli/run.ts';

const HELP = `Usage: npm run build [-- options]

Builds the book: checks every chapter, builds the static site into dist/ (Astro + Starlight, with
Pagefind search) and every chapter's lecture deck into dist/slides/<chapter>/.

Options:
  --site-only      build the site without the decks
  --root DIR       the book's folder (default: this repository)
  -h, --help       show this help

Environment:
  BOOK_SITE_URL    the published site's origin (e.g. https://example.org), for canonical links and the sitemap
  BOOK_BASE_PATH   the path the site is served under (e.g. /book), default /
  BOOK_REPO_URL    the repository's web address (e.g. https://github.com/org/book): "Edit page" links to
                   <repo>/edit/main/… and "Last updated" dates from git; unset, pages have neither`;

await runCommand(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { 'site-only': { type: 'boolean' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const root = resolve(values.root ?? fileURLToPath(new URL('..', import.meta.url)));
  const ok = await buildBook({
    root,
    decks: !values['site-only'],
    site: process.env['BOOK_SITE_URL'] || undefined,
    base: process.env['BOOK_BASE_PATH'] || undefined,
    repoUrl: process.env['BOOK_REPO_URL'] || undefined,
    log: (line) => console.log(line), warn: (line) => console.error(line) });
  return ok ? 0 : 1;
});
