/**
 * `node scripts/check-links.ts` — checks every internal link and #fragment of a built book (dist/) and
 * lists its external links without fetching them. Thin entry: options in, src/links/ does the work.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isBookError } from '../src/core/diagnostics.ts';
import { runCommand, UsageError } from '../src/cli/run.ts';
import { checkLinks, deckSlideCounts, externalSummary, formatLinkProblem } from '../src/links/index.ts';

const HELP = `Usage: npm run check-links [-- options]

Checks every link in a built book (run npm run build first): pages, #fragments (ids on the target page),
deck links (#/N within the deck's slides), stylesheets, scripts and images, and that each stays under the
base path. External links are listed, never fetched.

Options:
  --dist DIR     the built site (default: <root>/dist)
  --root DIR     the book the site was built from, for deck slide counts (default: this repository)
  --base PATH    the base path the site was built with (default: $BOOK_BASE_PATH or /)
  --site URL     the published origin; absolute links to it count as internal (default: $BOOK_SITE_URL)
  --json         print the report as JSON instead of text
  --quiet        do not list external links
  -h, --help     show this help

Exit code 1 when a link is broken.`;

const optionsSchema = z.object({
  dist: z.string().min(1).optional(),
  root: z.string().min(1).optional(),
  base: z.string().regex(/^\/?[\w.~%/-]*$/, 'must be a URL path such as /book').optional(),
  site: z.url({ protocol: /^https?$/, error: 'must be an http(s) origin such as https://example.org' }).optional(),
  json: z.boolean().default(false),
  quiet: z.boolean().default(false),
  help: z.boolean().default(false),
});

await runCommand(async () => {
  let raw: unknown;
  try {
    ({ values: raw } = parseArgs({
      options: {
        dist: { type: 'string' }, root: { type: 'string' }, base: { type: 'string' }, site: { type: 'string' },
        json: { type: 'boolean' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const parsed = optionsSchema.safeParse({ base: process.env['BOOK_BASE_PATH'] || undefined, site: process.env['BOOK_SITE_URL'] || undefined, ...(raw as object) });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => `--${issue.path.join('.')} ${issue.message}`).join('; '));
  const options = parsed.data;
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  const root = resolve(options.root ?? fileURLToPath(new URL('..', import.meta.url)));
  const dist = resolve(options.dist ?? join(root, 'dist'));
  if (!existsSync(join(dist, 'index.html'))) throw new UsageError(`${dist} holds no built site (no index.html): run npm run build first, or pass --dist`);

  let deckSlides: Record<string, number> = {};
  try {
    if (existsSync(join(root, 'chapters'))) deckSlides = deckSlideCounts(root);
  } catch (error) {
    if (!isBookError(error)) throw error;
    console.error('check-links: the chapters have errors, so deck links are checked without slide counts (npm run check lists them)');
  }

  const report = checkLinks({ dist, base: options.base, site: options.site, deckSlides });
  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
    return report.problems.length > 0 ? 1 : 0;
  }
  for (const problem of report.problems) console.error(formatLinkProblem(problem));
  const external = externalSummary(report.external);
  if (!options.quiet && external.length > 0) {
    console.log(`External links (listed, not fetched):`);
    for (const line of external) console.log(`  ${line}`);
  }
  const broken = report.problems.length;
  console.log(`check-links: ${report.pages} pages, ${report.links} internal links, ${broken} broken, ${external.length} distinct external URLs`);
  return broken > 0 ? 1 : 0;
});
