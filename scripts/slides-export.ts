/**
 * npm run slides:export -- <chapter…> | --all [--out DIR] [--chromium PATH] [--with-clicks] [--base /book/]
 *
 * Writes one PDF per deck with the system Chromium (never a browser download). Thin entry: arguments in,
 * src/slides/export.ts does the work.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { findChromium } from '../src/diagrams/chromium.ts';
import { runCli, UsageError } from '../src/slides/cli.ts';
import { exportDecks } from '../src/slides/export.ts';

const HELP = `Usage: npm run slides:export -- <chapter>… [options]
       npm run slides:export -- --all [options]

Exports lecture decks to PDF, one file per chapter (<out>/<NN-slug>.pdf), using the system Chromium.

  <chapter>          chapter number or slug, e.g. 53 or 53-kubernetes (several allowed)

Options:
  --all              export every chapter's deck
  --out <dir>        where the PDFs go (default: dist/pdf)
  --chromium <path>  the Chromium binary (default: $BOOK_CHROMIUM, $CHROME_PATH, then /usr/bin/chromium)
  --with-clicks      one page per click step (code highlight steps) instead of one per slide
  --base <path>      the site's base path, for the book links printed on slides (default: /)
  --root <dir>       the book's root folder (default: the current folder)
  -h, --help         show this help`;

const optionsSchema = z
  .object({
    chapters: z.array(z.string().regex(/^(\d{2}|\d{2}-[a-z0-9-]+)$/, 'chapters are numbers like 53 or slugs like 53-kubernetes')),
    all: z.boolean(),
    out: z.string().min(1),
    chromium: z.string().min(1).optional(),
    withClicks: z.boolean(),
    base: z.string().regex(/^\/([\w.-]+\/)*$|^$/, '--base must be a path such as / or /book/').optional(),
    root: z.string().min(1),
  })
  .refine((o) => o.all !== o.chapters.length > 0, { message: 'Name the chapters to export, or pass --all (not both).' });

await runCli(async () => {
  let parsedArgs;
  try {
    parsedArgs = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        all: { type: 'boolean', default: false },
        out: { type: 'string' },
        chromium: { type: 'string' },
        'with-clicks': { type: 'boolean', default: false },
        base: { type: 'string' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsedArgs;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const root = resolve(values.root ?? process.cwd());
  const parsed = optionsSchema.safeParse({
    chapters: positionals,
    all: values.all,
    out: values.out ?? join(root, 'dist', 'pdf'),
    chromium: values.chromium,
    withClicks: values['with-clicks'],
    base: values.base,
    root,
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('\n'));
  const options = parsed.data;
  const executablePath = options.chromium ?? findChromium({ env: process.env, home: homedir() });
  const pdfDir = isAbsolute(options.out) ? options.out : resolve(options.out);

  const started = Date.now();
  const pdfs = await exportDecks(root, {
    pdfDir,
    executablePath,
    chapters: options.all ? [] : options.chapters,
    base: options.base,
    withClicks: options.withClicks,
    onProgress: (message) => process.stdout.write(`[slides:export] ${message}\n`),
  });
  for (const { slug, pdf } of pdfs) process.stdout.write(`${slug}: ${relative(process.cwd(), pdf) || pdf}\n`);
  process.stdout.write(`[slides:export] ${pdfs.length} PDF${pdfs.length === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}, 'Run npm run slides:export -- --help for usage.');
