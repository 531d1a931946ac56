/**
 * npm run slides -- <chapter> [--port N] [--site URL]
 *
 * Opens one chapter's lecture deck in Slidev's dev server, regenerating it whenever the chapter or a file
 * it includes changes. Thin entry: arguments in, src/slides/dev.ts does the work.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { printDiagnostics, runCli, UsageError } from '../src/slides/cli.ts';
import { startDeckDev } from '../src/slides/dev.ts';


const HELP = `Usage: npm run slides -- <chapter> [options]

Opens the lecture deck of one chapter in Slidev's dev server. The deck is generated from
chapters/<NN-slug>/index.mdx and regenerated when the chapter, a snippet or a diagram it includes changes.

  <chapter>          chapter number or slug, e.g. 53 or 53-kubernetes

Options:
  --port <n>         port for Slidev (default: the first free port from 3030)
  --site <url>       where the book's dev server runs, for the "back to the book" links
                     (default: http://localhost:4321, the port of npm run dev)
  --root <dir>       the book's root folder (default: the current folder)
  -h, --help         show this help

In the browser: the deck at http://localhost:<port>/, presenter mode (with speaker notes) at
http://localhost:<port>/#/presenter/1. Press q in this terminal (or Ctrl-C) to stop.`;

const optionsSchema = z.object({
  chapter: z.string().regex(/^(\d{2}|\d{2}-[a-z0-9-]+)$/, 'the chapter must be a number like 53 or a slug like 53-kubernetes'),
  port: z.coerce.number().int().min(1).max(65535).optional(),
  site: z.url({ error: '--site must be a URL such as http://localhost:4321' }).default('http://localhost:4321'),
  root: z.string().min(1),
});

await runCli(async () => {
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        args: process.argv.slice(2),
        allowPositionals: true,
        options: { port: { type: 'string' }, site: { type: 'string' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  })();
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'Give exactly one chapter.' : 'Which chapter? Give its number, e.g. npm run slides -- 53');
  const parsed = optionsSchema.safeParse({ chapter: positionals[0], port: values.port, site: values.site, root: values.root ?? process.cwd() });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('\n'));
  const options = parsed.data;

  const session = await startDeckDev(options.root, {
    chapter: options.chapter,
    port: options.port,
    siteOrigin: options.site,
    onMessage: (message) => process.stdout.write(`[slides] ${message}\n`),
    onProblems: (list) => printDiagnostics(list),
  });
  const stop = () => session.close();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return session.exited;
}, 'Run npm run slides -- --help for usage.');
