/**
 * The outer layer of every command in scripts/: turns expected failures into readable output and an exit
 * code, and unexpected ones into a stack trace with a note on how to report them.
 *
 *   await runCommand(async () => { …; return 0; });
 */
import { formatDiagnostic, isBookError } from '../core/diagnostics.ts';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export async function runCommand(main: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (error) {
    if (isBookError(error)) {
      for (const d of error.diagnostics) console.error(formatDiagnostic(d));
      code = 1;
    } else if (error instanceof UsageError) {
      console.error(`error: ${error.message}\nRun with --help for usage.`);
      code = 2;
    } else {
      console.error(error);
      console.error('\nThis is a bug in the book toolkit, not in your content. Please report it with the output above.');
      code = 70;
    }
  }
  process.exit(code);
}

/** Milliseconds as a short human figure: 840 ms, 3.4 s, 2 min 5 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}
