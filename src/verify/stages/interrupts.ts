/**
 * Ctrl-C during the static and local tiers: while watching (the CLI asks for it), SIGINT/SIGTERM abort the
 * running steps and services through an AbortSignal instead of killing the process, so every service is
 * stopped (SIGTERM, then SIGKILL after the grace) before the run returns 130 or 143. A second signal is left
 * to the CLI's own handler, which exits at once.
 *
 *   const watch = watchInterrupts(true);  …  watch.received  // → 'SIGINT' | undefined;  watch.dispose();
 */
export interface InterruptWatch {
  signal: AbortSignal | undefined;
  readonly received: NodeJS.Signals | undefined;
  dispose(): void;
}

export function watchInterrupts(enabled: boolean | undefined): InterruptWatch {
  if (!enabled) return { signal: undefined, received: undefined, dispose: () => {} };
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) return;
    received = signal;
    controller.abort();
    dispose();
  };
  const dispose = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    dispose,
  };
}
