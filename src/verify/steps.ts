/**
 * Runs a manifest's steps, each in a TEMPORARY COPY of its example folder (never in the repo) with a clean
 * environment plus the step's own `env`, and checks exit status and expected output. `update` rewrites
 * expected-output files that no longer match from the real, normalised output.
 *
 *   await runStep(step, { root, manifest, tier: 'local', probe, update: false })
 *   // → { tier: 'local', name: 'step: health', status: 'passed', diagnostics: [], durationMs: 412, cached: false }
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { diagnostic, isBookError } from '../core/diagnostics.ts';
import { fileInLayers } from '../core/overlay.ts';
import { materialiseExample } from './example-copy.ts';
import { matchOutput, updatedExpected } from './expect.ts';
import { insideExample, type Manifest, type Requirement, type Step } from './manifest.ts';
import { normalizeOutput } from './normalize.ts';
import { runProcess, type ProcessResult } from './process.ts';
import type { RequirementProbe } from './requirements.ts';
import type { CheckResult, Tier } from './types.ts';

export interface StepContext {
  root: string;
  manifest: Manifest;
  tier: Exclude<Tier, 'static'>;
  probe: RequirementProbe;
  /** The few variables passed through into the clean environment (PATH first; see `passThroughEnv`). */
  baseEnv: Record<string, string>;
  update: boolean;
  /** Extra variables, e.g. KUBECONFIG and NAMESPACE in the cluster tier. */
  env?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
  /** Grace between SIGTERM and SIGKILL on timeout. */
  graceMs?: number | undefined;
}

const RULE = 'verify-step';

/** Temporary copies in use, so an interrupted CLI can remove them on its way out. */
const scratchDirs = new Set<string>();

/** Registers a temporary folder (a service's data) so an interrupted CLI removes it too. */
export function trackScratchDir(dir: string): void {
  scratchDirs.add(dir);
}

export function untrackScratchDir(dir: string): void {
  scratchDirs.delete(dir);
}

/** Removes the temporary copies of steps still running (synchronous: safe in an 'exit' handler). */
export function removeScratchDirs(): void {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  scratchDirs.clear();
}

function tail(text: string, lines = 40): string {
  const all = text.replace(/\s+$/, '').split('\n');
  const shown = all.slice(-lines);
  return (all.length > lines ? [`… ${all.length - lines} earlier lines`, ...shown] : shown).join('\n');
}

function streamOf(result: ProcessResult, step: Step): string {
  return step.output === 'stdout' ? result.stdout : step.output === 'stderr' ? result.stderr : result.combined;
}

/** Variables a step inherits from the caller's environment; everything else is dropped. */
const PASS_THROUGH = ['PATH', 'USER', 'LOGNAME', 'PYENV_ROOT', 'PYENV_VERSION', 'VIRTUAL_ENV', 'PYTHONPATH', 'DOCKER_HOST', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

/** The pass-through part of a clean environment, taken from `env` (the CLI gives process.env). */
export function passThroughEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PASS_THROUGH) {
    const value = env[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The clean environment a step runs with: pass-through variables, a private HOME and TMPDIR, its own env. */
export function stepEnvironment(base: Record<string, string>, home: string, temp: string, extra: Record<string, string>, own: Record<string, string>): Record<string, string> {
  return {
    ...base,
    HOME: home,
    TMPDIR: temp,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
    ...extra,
    ...own,
  };
}

export async function runStep(step: Step, context: StepContext): Promise<CheckResult> {
  const { manifest } = context;
  const name = `step: ${step.name}`;
  const base = { tier: context.tier, name, cached: false } as const;
  const at = { file: manifest.file, line: step.line, column: step.column, rule: RULE };
  const requirements: Requirement[] = context.tier === 'cluster' ? ['cluster', ...step.requires] : step.requires;
  const reason = await context.probe.firstSkipReason(requirements, context.tier);
  if (reason) return { ...base, status: 'skipped', skipReason: reason, diagnostics: [], durationMs: 0 };

  const scratch = await realpath(await mkdtemp(join(tmpdir(), 'verify-snippets-')));
  scratchDirs.add(scratch);
  try {
    const work = join(scratch, 'example');
    const home = join(scratch, 'home');
    const temp = join(scratch, 'tmp');
    try {
      await materialiseExample(context.root, manifest, work);
    } catch (error) {
      if (!isBookError(error)) throw error;
      return { ...base, status: 'failed', diagnostics: [...error.diagnostics], durationMs: 0 };
    }
    await mkdir(home);
    await mkdir(temp);
    const cwdRelative = insideExample('.', step.cwd);
    if (cwdRelative === undefined) throw new Error(`step cwd escapes the example: ${step.cwd}`);
    const argv = typeof step.run === 'string' ? ['/bin/sh', '-c', step.run] : step.run;
    const result = await runProcess({
      argv,
      cwd: join(work, cwdRelative),
      env: stepEnvironment(context.baseEnv, home, temp, context.env ?? {}, step.env),
      timeoutMs: step.timeout,
      stdin: step.stdin,
      graceMs: context.graceMs,
      signal: context.signal,
    });
    const durationMs = result.durationMs;
    const output = streamOf(result, step);
    const fail = (message: string, hint: string, detail?: string): CheckResult => ({
      ...base,
      status: 'failed',
      diagnostics: [diagnostic({ ...at, message, hint })],
      detail,
      durationMs,
    });
    if (result.spawnError) return fail(`Step "${step.name}" could not start: ${result.spawnError}`, 'Check the run command of the step.');
    if (result.aborted) return { ...base, status: 'skipped', skipReason: 'interrupted', diagnostics: [], durationMs };
    if (result.timedOut) {
      return fail(`Step "${step.name}" timed out after ${step.timeout / 1000}s; its whole process tree was killed`, 'Make the step finish sooner, or raise its timeout.', tail(result.combined));
    }
    if (result.exitCode !== step.exitCode) {
      const how = result.exitCode === null ? `was killed by ${result.signal ?? 'a signal'}` : `exited with status ${result.exitCode}`;
      return fail(`Step "${step.name}" ${how}, expected ${step.exitCode}`, 'Run the step by hand in the example folder to see why; its output is below.', tail(result.combined));
    }
    if (step.expect !== undefined) {
      // An overlay may reuse the expected output of a base; --update writes the overlay's own file.
      const ownPath = insideExample(manifest.dir, step.expect) ?? '';
      const inherited = manifest.layers.length > 1 ? fileInLayers(context.root, manifest.layers, ownPath.slice(manifest.dir.length + 1)) : undefined;
      const expectedPath = inherited ?? ownPath;
      const absolute = join(context.root, expectedPath);
      const ownAbsolute = join(context.root, ownPath);
      const actual = normalizeOutput(output, { tempDirs: [scratch, work] });
      let expected: string | undefined;
      try {
        expected = await readFile(absolute, 'utf8');
      } catch {
        expected = undefined;
      }
      const match = expected === undefined ? undefined : matchOutput(expected, actual, expectedPath);
      if (!match?.ok) {
        if (context.update) {
          await mkdir(dirname(ownAbsolute), { recursive: true });
          await writeFile(ownAbsolute, updatedExpected(expected, actual));
          return { ...base, status: 'passed', diagnostics: [], detail: `updated ${ownPath}`, durationMs };
        }
        return {
          ...base,
          status: 'failed',
          diagnostics: [diagnostic({ file: expectedPath, line: 1, column: 1, rule: 'verify-output', message: `Output of step "${step.name}" differs from ${expectedPath}`, hint: 'If the new output is right, run with --update to rewrite the expected file.' })],
          detail: match && !match.ok ? match.diff : `${expectedPath} is missing`,
          durationMs,
        };
      }
    }
    return { ...base, status: 'passed', diagnostics: [], durationMs };
  } finally {
    await rm(scratch, { recursive: true, force: true, maxRetries: 3 });
    scratchDirs.delete(scratch);
  }
}

/** Runs steps one after another (each in its own copy); stops early only when aborted. */
export async function runSteps(steps: readonly Step[], context: StepContext): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const step of steps) {
    if (context.signal?.aborted) {
      results.push({ tier: context.tier, name: `step: ${step.name}`, status: 'skipped', skipReason: 'interrupted', diagnostics: [], durationMs: 0, cached: false });
      continue;
    }
    results.push(await runStep(step, context));
  }
  return results;
}
