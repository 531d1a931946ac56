/**
 * What the two slide commands share: printing problems the toolkit's way and failing cleanly.
 *
 *   await runCli(async () => { … })   // BookError → "file:line:col  error  message" + hint, exit code 1
 *   printDiagnostics(list)            // one problem per block, to stderr
 */
import { formatDiagnostic, isBookError, type Diagnostic } from '../core/diagnostics.ts';

export function printDiagnostics(list: readonly Diagnostic[], write: (text: string) => void = (t) => process.stderr.write(t)): void {
  for (const d of list) write(`${formatDiagnostic(d)}\n`);
}

/** A usage mistake: printed with the help hint, no stack. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Runs a command body; expected failures print without a stack trace and set a non-zero exit code. */
export async function runCli(body: () => Promise<number | void>, helpHint: string): Promise<void> {
  try {
    const code = await body();
    process.exitCode = code ?? 0;
  } catch (error) {
    if (isBookError(error)) {
      printDiagnostics(error.diagnostics);
      process.exitCode = 1;
    } else if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${helpHint}\n`);
      process.exitCode = 2;
    } else {
      throw error;
    }
  }
}
