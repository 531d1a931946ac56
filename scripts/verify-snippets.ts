/**
 * `npm run verify-snippets [-- options]`: verifies the book's snippets (static, local and cluster tiers).
 * Thin entry: hands argv, the current directory, the streams and the environment to src/verify/main.ts and
 * turns its result into an exit code. See `--help`.
 */
import { killRunningProcessGroups } from '../src/verify/process.ts';
import { mainVerifySnippets } from '../src/verify/main.ts';
import { removeScratchDirs } from '../src/verify/steps.ts';

let interrupts = 0;
// Steps run in their own process groups, which a terminal's Ctrl-C does not reach: take them down here.
// The cluster tier installs its own handlers to delete namespaces and the cluster first; a second Ctrl-C
// (or one outside the cluster tier) exits at once.
const onSignal = (signal: NodeJS.Signals) => {
  interrupts += 1;
  if (process.listenerCount(signal) === 1 || interrupts > 1) {
    killRunningProcessGroups('SIGKILL');
    process.exit(signal === 'SIGTERM' ? 143 : 130);
  }
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('exit', () => {
  killRunningProcessGroups('SIGKILL');
  removeScratchDirs();
});

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
