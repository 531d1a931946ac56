/**
 * `npm run dev` — previews the book with live reload. Editing a chapter, or a snippet or diagram a chapter
 * includes, reloads the pages that show it.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { dev } from 'astro';
import { runCommand, UsageError } from '../src/cli/run.ts';
import { bookAstroConfig } from '../src/site/config.ts';

const HELP = `Usage: npm run dev [-- options]

Serves the book with live reload at http://localhost:4321/ (Ctrl-C stops it).

Options:
  --port N       port to listen on (default 4321; 0 picks a free one)
  --host ADDR    address to listen on (default localhost)
  --root DIR     the book's folder (default: this repository)
  -h, --help     show this help

A new chapter folder appears in the sidebar after a restart; edits to existing chapters, snippets and
diagrams show at once.`;

await runCommand(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = values.port === undefined ? 4321 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  const root = resolve(values.root ?? fileURLToPath(new URL('..', import.meta.url)));
  const server = await dev({ ...bookAstroConfig({ root, repoUrl: process.env['BOOK_REPO_URL'] || undefined }), configFile: false, server: { port, host: values.host ?? 'localhost' } });
  console.log(`book: serving ${root} at http://${values.host ?? 'localhost'}:${server.address.port}/`);
  await new Promise<void>((done) => {
    const stop = () => void server.stop().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
});
