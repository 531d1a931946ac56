/**
 * `npm run runtimes -- <command>`: provisions Python, Kafka, Redis, Dapr and the tools the book's examples
 * run on, into the cache. Thin entry: see src/runtimes/cli.ts and `--help`.
 */
import { killRunningGroups } from '../src/runtimes/exec.ts';
import { mainRuntimes } from '../src/runtimes/cli.ts';

const onSignal = (signal: NodeJS.Signals) => {
  killRunningGroups();
  process.exit(signal === 'SIGTERM' ? 143 : 130);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  process.exitCode = await mainRuntimes(process.argv.slice(2), {
    root: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} catch (error) {
  killRunningGroups();
  process.stderr.write(`runtimes: unexpected error (a bug in the toolkit):\n${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 70;
}
