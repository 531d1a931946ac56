/**
 * `npm run diagrams [--force | --check]`: renders Mermaid diagrams to diagrams/.rendered/. Thin entry:
 * parses argv, runs src/diagrams/command.ts in the current directory, turns the outcome into an exit code.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatDiagnostic, isBookError } from '../src/core/diagnostics.ts';
import { runDiagramsCommand } from '../src/diagrams/command.ts';

const HELP = `Usage: npm run diagrams -- [options]

Renders every Mermaid diagram (diagrams/**/*.mmd and \`\`\`mermaid blocks in chapters) to a light and a
dark SVG in diagrams/.rendered/, with real Mermaid in headless Chromium. Only stale or missing
renderings are made; cache files no diagram uses any more are deleted.

Options:
  --force   re-render every diagram
  --check   only report stale or missing renderings (exit 1 if any); no browser, no writes
  --root DIR  the book's folder (default: the current directory)
  --help    show this help

Chromium: $BOOK_CHROMIUM, $CHROME_PATH, /usr/bin/chromium, then ~/.cache/ms-playwright.`;

const optionsSchema = z
  .object({ force: z.boolean().default(false), check: z.boolean().default(false), help: z.boolean().default(false), root: z.string().min(1).optional() })
  .refine((o) => !(o.force && o.check), { message: '--force and --check cannot be combined' });

async function main(): Promise<number> {
  let values: unknown;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { force: { type: 'boolean' }, check: { type: 'boolean' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`diagrams: ${(error as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    process.stderr.write(`diagrams: ${parsed.error.issues.map((issue) => issue.message).join('; ')}\n`);
    return 2;
  }
  if (parsed.data.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const { root, ...commandOptions } = parsed.data;
  const result = await runDiagramsCommand(resolve(root ?? process.cwd()), commandOptions, {
    log: (line) => process.stdout.write(`${line}\n`),
    error: (text) => process.stderr.write(`${text}\n`),
  });
  return result.exitCode;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (isBookError(error)) {
    for (const entry of error.diagnostics) process.stderr.write(`${formatDiagnostic(entry)}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
