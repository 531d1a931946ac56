/**
 * The command as a function of argv, streams and environment: parses options, runs verify-snippets, writes
 * the human or JSON report and the JUnit file, and returns the exit code. `scripts/verify-snippets.ts` calls
 * it with process.argv/stdout/stderr/env and the current directory; tests call it with their own.
 *
 *   await mainVerifySnippets(['--strict'], { root: '/repo', stdout, stderr, env: process.env, tty: false })  // → 0
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatDiagnostic, isBookError } from '../core/diagnostics.ts';
import { HELP, parseCliOptions } from './cli-options.ts';
import { verifySnippets, type VerifyDependencies } from './command.ts';
import { createProgress } from './progress.ts';
import { formatHumanReport } from './report/human.ts';
import { formatJsonReport } from './report/json.ts';
import { formatJunitReport } from './report/junit.ts';

export interface MainContext {
  root: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  tty: boolean;
  columns?: number | undefined;
  /** Dependencies to use instead of the real ones (tests). */
  deps?: Partial<VerifyDependencies> | undefined;
  handleSignals?: boolean | undefined;
}

/**
 * The dependencies of a command that runs verify-snippets (this one, `capstone`): the real ones unless the
 * caller passes its own, with progress on stderr (live on a terminal, plain in CI).
 */
export async function commandDependencies(context: Pick<MainContext, 'stderr' | 'env' | 'tty' | 'columns' | 'deps' | 'handleSignals'>): Promise<{ deps: VerifyDependencies; progress: ReturnType<typeof createProgress> }> {
  const ci = context.env['CI'] === 'true' || context.env['CI'] === '1';
  const progress = createProgress({ write: context.stderr, tty: context.tty, ci, columns: context.columns });
  const base = context.deps?.loadBook && context.deps.checkers && context.deps.validateMermaid ? undefined : (await import('./default-deps.ts')).realDependencies(context.env);
  const deps = { ...base, ...context.deps, env: context.env, progress, handleSignals: context.handleSignals } as VerifyDependencies;
  return { deps, progress };
}

export async function mainVerifySnippets(argv: readonly string[], context: MainContext): Promise<number> {
  const parsed = parseCliOptions(argv);
  if (!parsed.ok) {
    context.stderr(`verify-snippets: ${parsed.message}\nRun with --help for usage.\n`);
    return 2;
  }
  const options = parsed.options;
  if (options.help) {
    context.stdout(`${HELP}\n`);
    return 0;
  }
  const { deps, progress } = await commandDependencies(context);
  try {
    const run = await verifySnippets(
      {
        root: context.root,
        chapter: options.chapter,
        snippet: options.snippet,
        changed: options.changed,
        update: options.update,
        cache: options.cache,
        cluster: options.cluster,
        keep: options.keep,
        strict: options.strict,
        staticOnly: options.staticOnly,
        jobs: options.jobs,
      },
      deps,
    );
    if (options.json) context.stdout(formatJsonReport(run));
    else context.stdout(formatHumanReport(run));
    if (options.junit) {
      const file = resolve(context.root, options.junit);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, formatJunitReport(run));
      context.stderr(`verify-snippets: JUnit report written to ${options.junit}\n`);
    }
    if (run.interrupted) context.stderr(`verify-snippets: interrupted by ${run.interrupted}; cleaned up.\n`);
    return run.exitCode;
  } catch (error) {
    progress.finish();
    if (isBookError(error)) {
      for (const d of error.diagnostics) context.stderr(`${formatDiagnostic(d)}\n`);
      return 1;
    }
    throw error;
  }
}
