/**
 * For the entry scripts of commands that run verify-snippets' steps (verify-snippets, capstone): steps run in
 * their own process groups, which a terminal's Ctrl-C does not reach, so the entry takes them down itself and
 * removes the steps' scratch folders on exit. The cluster tier installs its own handlers to delete namespaces
 * and the cluster first; a second Ctrl-C (or one outside the cluster tier) exits at once with 130/143.
 *
 *   cleanUpStepsOnExit();   // first line of scripts/verify-snippets.ts
 */
import { killRunningProcessGroups } from './process.ts';
import { removeScratchDirs } from './steps.ts';

export function cleanUpStepsOnExit(): void {
  let interrupts = 0;
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
}
