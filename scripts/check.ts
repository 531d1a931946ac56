/** `npm run check` — reads every chapter through the shared core and reports every problem. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBook } from '../src/cli/check-book.ts';
import { runCommand, UsageError } from '../src/cli/run.ts';

const HELP = `Usage: npm run check [-- --root DIR]

Reads every page under chapters/ through the same core the site, the decks and verify-snippets use, and
reports every problem (frontmatter, missing snippets or diagrams, unknown regions, bad line ranges, …) as
file:line:col with what to do. Exits 1 when there is any error.

Options:
  --root DIR   the book's folder (default: this repository)
  -h, --help   show this help`;

await runCommand(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const root = resolve(values.root ?? fileURLToPath(new URL('..', import.meta.url)));
  const result = checkBook(root, (line) => console.error(line));
  console.log(`check: ${result.summary}`);
  return result.ok ? 0 : 1;
});
