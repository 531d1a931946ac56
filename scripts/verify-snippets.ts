/**
 * `npm run verify-snippets [-- options]`: verifies the book's snippets (static, local and cluster tiers).
 * Thin entry: hands argv, the current directory, the streams and the environment to src/verify/main.ts and
 * turns its result into an exit code. See `--help`.
 */
import { mainVerifySnippets } from '../src/verify/main.ts';
import { cleanUpStepsOnExit } from '../src/verify/entry-signals.ts';

cleanUpStepsOnExit();

try {
  process.exitCode = await mainVerifySnippets(process.argv.slice(2), {
    root: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    tty: Boolean(process.stderr.isTTY),
    columns: process.stderr.columns,
    handleSignals: true,
  });
} catch (error) {
  process.stderr.write(`verify-snippets: unexpected error (a bug in the toolkit):\n${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
}
