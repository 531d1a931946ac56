/**
 * The Part 7 capstone: its spec's errors as the author reads them (file:line:col, what, what to do), the
 * verdicts folded from a verify-snippets run (a skip is never a pass), the command's options, and the real
 * book's spec, every proof of which must exist.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { BookError, formatDiagnostic } from '../../src/core/diagnostics.ts';
import { mainCapstone } from '../../src/capstone/main.ts';
import { proveRequirements } from '../../src/capstone/prove.ts';
import { formatCapstoneReport } from '../../src/capstone/report.ts';
import { parseCapstoneSpec, resolveProofs } from '../../src/capstone/spec.ts';
import type { CheckResult, SnippetResult } from '../../src/verify/types.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixture = join(here, 'fixtures/book');
const repo = join(here, '../..');
const FILE = 'snippets/capstone/part7.yaml';

function errorsOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof BookError) return error.diagnostics.map(formatDiagnostic).join('\n');
    throw error;
  }
  return '(no error)';
}

async function asyncErrorsOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof BookError) return error.diagnostics.map(formatDiagnostic).join('\n');
    throw error;
  }
  return '(no error)';
}

const one = (proof: string, extra = '') => `part: 7\nrequirements:\n  - id: R50.1\n    chapter: 50\n    area: api\n    text: The API answers every question.\n    proof: ${proof}\n${extra}`;

describe('spec errors', () => {
  test('an unknown key, with a suggestion', () => {
    expect(errorsOf(() => parseCapstoneSpec(FILE, one('{ example: 50-x/app, stpe: unit }')))).toMatchInlineSnapshot(`
      "snippets/capstone/part7.yaml:7:33  error  Unknown key "stpe" in requirements[0].proof  [capstone-spec]
        hint: Allowed keys: example, step, file."
    `);
  });
  test('a wrong area names the allowed ones', () => {
    expect(errorsOf(() => parseCapstoneSpec(FILE, one('{ example: 50-x/app }').replace('area: api', 'area: apis')))).toContain('snippets/capstone/part7.yaml:5:11  error  requirements[0].area: Invalid option');
  });
  test('an id that disagrees with its chapter, and a duplicate id', () => {
    const twice = one('{ example: 50-x/app }', '  - id: R50.1\n    chapter: 51\n    area: cost\n    text: The cost is printed with its sums.\n    proof: { example: 50-x/app }\n');
    expect(errorsOf(() => parseCapstoneSpec(FILE, twice))).toMatchInlineSnapshot(`
      "snippets/capstone/part7.yaml:8:5  error  R50.1 is used twice (first at line 3)  [capstone-spec]
        hint: Give every requirement its own id.
      snippets/capstone/part7.yaml:9:5  error  R50.1 says chapter 50 but chapter: 51  [capstone-spec]
        hint: Number a requirement of chapter 51 R51.<n>."
    `);
  });
  test('invalid YAML points at the place', () => {
    expect(errorsOf(() => parseCapstoneSpec(FILE, one('{ example: 50-x/app }').replace('The API answers every question.', 'Kafka: every record')))).toContain('snippets/capstone/part7.yaml:6:11  error  Invalid YAML');
  });
  test('a step the example does not have, with the steps it has', async () => {
    const spec = parseCapstoneSpec(FILE, one('{ example: 50-x/app, step: unti }'));
    expect(await asyncErrorsOf(() => resolveProofs(fixture, spec))).toMatchInlineSnapshot(`
      "snippets/capstone/part7.yaml:3:5  error  R50.1: snippets/50-x/app has no step "unti"  [capstone-spec]
        hint: Its steps: unit, pods."
    `);
  });
  test('an example without a verify.yaml, and a missing file', async () => {
    const spec = parseCapstoneSpec(FILE, one('{ example: 50-x/nothing }', '  - id: R50.2\n    chapter: 50\n    area: cost\n    text: The cost is printed with its sums.\n    proof: { file: 50-x/app/gone.py }\n'));
    expect(await asyncErrorsOf(() => resolveProofs(fixture, spec))).toMatchInlineSnapshot(`
      "snippets/capstone/part7.yaml:3:5  error  R50.1: snippets/50-x/nothing has no verify.yaml  [capstone-spec]
        hint: Name an example folder (one holding a verify.yaml), relative to snippets/.
      snippets/capstone/part7.yaml:8:5  error  R50.2: the proof file snippets/50-x/app/gone.py does not exist  [capstone-spec]
        hint: Name a file under snippets/ that a chapter includes."
    `);
  });
});

const check = (tier: CheckResult['tier'], name: string, status: CheckResult['status'], skipReason?: string): CheckResult => ({ tier, name, status, skipReason, diagnostics: [], durationMs: 1, cached: false });
const snippet = (path: string, checks: CheckResult[]): SnippetResult => ({ path, chapters: ['chapters/50-x/index.mdx'], example: 'snippets/50-x/app', status: 'passed', reached: 'local', checks, diagnostics: [] });

describe('verdicts', () => {
  test('a passed step reaches its tier; a cluster step not run is a skip with the reason; a whole example is as good as its worst check', async () => {
    const spec = parseCapstoneSpec(FILE, (await import('node:fs')).readFileSync(join(fixture, FILE), 'utf8'));
    const resolved = await resolveProofs(fixture, spec);
    const steps = [check('local', 'step: unit', 'passed')];
    const run = [
      snippet('snippets/50-x/app/main.py', [check('static', 'python', 'passed'), ...steps]),
      snippet('snippets/50-x/app/k8s/cm.yaml', [check('static', 'kubernetes', 'passed'), ...steps]),
    ];
    const verdicts = proveRequirements(resolved, run);
    expect(verdicts.map((v) => [v.id, v.status, v.reached, v.reason ?? ''])).toEqual([
      ['R50.1', 'passed', 'local', ''],
      ['R50.2', 'skipped', 'static', "the cluster tier was not run (add --cluster local, or kind in the book's CI)"],
      ['R50.3', 'passed', 'local', ''],
      ['R50.4', 'passed', 'static', ''],
    ]);
    const withCluster = run.map((s) => ({ ...s, checks: [...s.checks, check('cluster', 'step: pods', 'skipped', 'needs a running container')] }));
    const again = proveRequirements(resolved, withCluster);
    expect(again.map((v) => [v.id, v.status, v.reached, v.reason ?? ''])).toEqual([
      ['R50.1', 'passed', 'local', ''],
      ['R50.2', 'skipped', 'static', 'needs a running container'],
      ['R50.3', 'skipped', 'local', 'step: pods: needs a running container'],
      ['R50.4', 'passed', 'static', ''],
    ]);
    const failing = run.map((s) => ({ ...s, checks: [check('static', 'python', 'passed'), check('local', 'step: unit', 'failed')] }));
    expect(proveRequirements(resolved, failing).map((v) => v.status)).toEqual(['failed', 'skipped', 'failed', 'passed']);
    expect(formatCapstoneReport(again, { spec: FILE, cluster: 'local' })).toMatchInlineSnapshot(`
      "Part 7 capstone: snippets/capstone/part7.yaml, 4 requirements, cluster tier: local

      Chapter 50
        pass  R50.1  local    api            The unit step proves the API answers.
                                             ← snippets/50-x/app › step: unit
        skip  R50.2  static   security       The pods step proves the manifests are admitted.
                                             ← snippets/50-x/app › step: pods (needs a running container)
        skip  R50.3  local    reliability    The whole example passes every check.
                                             ← snippets/50-x/app (step: pods: needs a running container)
        pass  R50.4  static   observability  The app file passes its static checks.
                                             ← snippets/50-x/app/main.py

      4 requirements: 2 proved (static 1, local 1, cluster 0), 2 not proved here, 0 failed
      "
    `);
  });
  test('a proof absent from the run is a skip, never a pass', async () => {
    const spec = parseCapstoneSpec(FILE, one('{ example: 50-x/app, step: unit }'));
    const [verdict] = proveRequirements(await resolveProofs(fixture, spec), []);
    expect(verdict?.status).toBe('skipped');
    expect(verdict?.reason).toMatch(/not in this run/);
  });
});

describe('the command', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, context: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), env: {} } };
  };
  test('--help, a bad option and a bad --cluster', async () => {
    const a = io();
    expect(await mainCapstone(['--help'], { root: fixture, ...a.context })).toBe(0);
    expect(a.out.join('')).toContain('Usage: npm run capstone');
    const b = io();
    expect(await mainCapstone(['--clutser', 'local'], { root: fixture, ...b.context })).toBe(2);
    expect(b.err.join('')).toContain("Unknown option '--clutser'");
    const c = io();
    expect(await mainCapstone(['--cluster', 'kube'], { root: fixture, ...c.context })).toBe(2);
    expect(c.err.join('')).toContain('--cluster must be local, kind, current (got "kube")');
  });
  test('--check on the real book: every proof of Part 7\'s capstone exists', async () => {
    const a = io();
    const code = await mainCapstone(['--check'], { root: repo, ...a.context });
    expect(a.err.join(''), 'the spec names proofs that do not exist').toBe('');
    expect(code).toBe(0);
    expect(a.out.join('')).toMatch(/^capstone: snippets\/capstone\/part7\.yaml: \d+ requirements, every proof found/);
  });
});
