/**
 * `npm run build` — the whole book: checks the content, builds the site into dist/, the lecture decks
 * into dist/slides/ and their PDFs beside them. Content problems stop the build before Astro starts, each
 * as file:line:col.
 */
import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBook } from '../src/cli/build-book.ts';
import { pdfSetting } from '../src/cli/pdf-setting.ts';
import { runCommand, UsageError } from '../src/cli/run.ts';

const HELP = `Usage: npm run build [-- options]

Builds the book: checks every chapter, builds the static site into dist/ (Astro + Starlight, with
Pagefind search), every chapter's lecture deck into dist/slides/<chapter>/ and its PDF into
dist/slides/<chapter>/<chapter>.pdf. PDFs are exported with the system Chromium and cached by content
in $BOOK_CACHE_DIR/decks-pdf (default ~/.cache/ai-cloud-native-book/decks-pdf): an unchanged deck is
copied, not exported again. Without Chromium the PDFs are skipped (one line says so) and not linked.

Options:
  --site-only      build the site without the decks (and without PDFs)
  --no-pdf         build the decks but not their PDFs
  --root DIR       the book's folder (default: this repository)
  -h, --help       show this help

Environment:
  BOOK_SITE_URL    the published site's origin (e.g. https://example.org), for canonical links and the sitemap
  BOOK_BASE_PATH   the path the site is served under (e.g. /book), default /
  BOOK_REPO_URL    the repository's web address (e.g. https://github.com/org/book): "Edit page" links to
                   <repo>/edit/main/… and "Last updated" dates from git; unset, pages have neither
  BOOK_CHROMIUM    the Chromium that exports the PDFs (default: $CHROME_PATH, then /usr/bin/chromium)
  BOOK_CACHE_DIR   where cached PDFs live (default ~/.cache/ai-cloud-native-book)`;

await runCommand(async () => {
  let values;
  try {
    ({ values } = parseArgs({ allowNegative: true, options: { 'site-only': { type: 'boolean' }, pdf: { type: 'boolean', default: true }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const root = resolve(values.root ?? fileURLToPath(new URL('..', import.meta.url)));
  const pdfs = pdfSetting({ wanted: values.pdf && !values['site-only'], env: process.env, home: homedir() });
  const ok = await buildBook({
    root,
    decks: !values['site-only'],
    pdf: pdfs.pdf,
    pdfSkipped: pdfs.note,
    site: process.env['BOOK_SITE_URL'] || undefined,
    base: process.env['BOOK_BASE_PATH'] || undefined,
    repoUrl: process.env['BOOK_REPO_URL'] || undefined,
    log: (line) => console.log(line), warn: (line) => console.error(line) });
  return ok ? 0 : 1;
});
