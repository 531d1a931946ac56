/**
 * `npm run capstone [-- options]`: the Part 7 capstone's proofs, run and reported per requirement. Thin
 * entry: hands argv, the current directory, the streams and the environment to src/capstone/main.ts and
 * turns its result into an exit code. See `--help`.
 */
import { mainCapstone } from '../src/capstone/main.ts';
import { cleanUpStepsOnExit } from '../src/verify/entry-signals.ts';

cleanUpStepsOnExit();

try {
  process.exitCode = await mainCapstone(process.argv.slice(2), {
    root: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    tty: Boolean(process.stderr.isTTY),
    columns: process.stderr.columns,
    handleSignals: true,
  });
} catch (error) {
  process.stderr.write(`capstone: unexpected error (a bug in the toolkit):\n${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
}
