/**
 * Test helpers for the static checkers: run a fixture through `checkFileStatically` and render the
 * findings as the CLI prints them (formatDiagnostic), so tests can compare against inline snapshots.
 *
 *   await findings('kubernetes/bad/service-typo.yaml', 'kubernetes')
 *   // → 'tests/verify-static/fixtures/kubernetes/bad/service-typo.yaml:11:7  error  Unknown field ...'
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { checkFileStatically, readPythonRequirements, type StaticCheckOutcome } from '../../src/verify/static/index.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = 'tests/verify-static/fixtures';

/** Whether `helm` is on this process's PATH (the helm checker runs `helm lint` only then). */
export const helmOnPath = (process.env['PATH'] ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, 'helm')));

/** Every fixture file under `fixtures/<folder>`, as repo-relative paths. */
export function fixtureFiles(folder: string): string[] {
  const files: string[] = [];
  const walk = (relative: string): void => {
    for (const name of readdirSync(join(ROOT, relative)).sort()) {
      const path = `${relative}/${name}`;
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(`${FIXTURES}/${folder}`);
  return files;
}

export function readFixture(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** The requirements declared anywhere under the fixtures (requirements*.txt, pyproject.toml). */
export function fixtureRequirements(): Set<string> {
  const files = fixtureFiles('python')
    .filter((path) => /requirements[^/]*\.txt$/.test(path))
    .map((path) => ({ path, content: readFixture(path) }));
  return readPythonRequirements(files);
}

export async function outcomes(fixture: string, requirements: ReadonlySet<string> = new Set()): Promise<StaticCheckOutcome[]> {
  const path = `${FIXTURES}/${fixture}`;
  return checkFileStatically(path, readFixture(path), { root: ROOT, requirements });
}

/** The formatted diagnostics of one checker (or all) for one fixture, one per line. */
export async function findings(fixture: string, checker?: string, requirements?: ReadonlySet<string>): Promise<string> {
  const list = await outcomes(fixture, requirements);
  return list
    .filter((outcome) => checker === undefined || outcome.checker === checker)
    .flatMap((outcome) => outcome.diagnostics)
    .map(formatDiagnostic)
    .join('\n');
}

/** `checker:status` for every checker that ran, e.g. `kubernetes:passed yaml:passed secrets:passed`. */
export async function statuses(fixture: string, requirements?: ReadonlySet<string>): Promise<string> {
  return (await outcomes(fixture, requirements)).map((outcome) => `${outcome.checker}:${outcome.status}`).join(' ');
}
