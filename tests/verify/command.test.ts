import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { freshEntry, readVerificationRecord } from '../../src/core/verification-record.ts';
import { verifySnippets, type VerifyOptions, type VerifyRun } from '../../src/verify/command.ts';
import { formatHumanReport } from '../../src/verify/report/human.ts';
import { formatJsonReport } from '../../src/verify/report/json.ts';
import { escapeXml, formatJunitReport } from '../../src/verify/report/junit.ts';
import { cleanupFixtures, copyFixture, fakeDependencies, fakeLoadBook } from './helpers.ts';

afterAll(cleanupFixtures);

function table(run: VerifyRun): string[][] {
  return run.snippets.map((s) => [s.path.replace(/^snippets\//, ''), s.status, s.reached]);
}

async function verify(root: string, options: Partial<VerifyOptions> = {}, deps = fakeDependencies()) {
  const run = await verifySnippets({ root, jobs: 2, ...options }, deps);
  return { run, deps };
}

describe('verify-snippets on a fixture book', () => {
  it('verifies static and local tiers and reports the cluster tier as skipped without --cluster', async () => {
    const root = await copyFixture('book');
    const { run } = await verify(root);
    expect(table(run)).toEqual([
      ['50-fastapi/hello/hello.sh', 'passed', 'local'],
      ['50-fastapi/hello/output/hello.out', 'passed', 'local'],
      ['50-fastapi/hello/settings.yaml', 'passed', 'local'],
      ['53-kubernetes/deploy/Dockerfile', 'skipped', 'static'],
      ['53-kubernetes/deploy/k8s/deployment.yaml', 'skipped', 'static'],
      ['53-kubernetes/deploy/output/pods.out', 'skipped', 'none'],
      ['53-kubernetes/flow.mmd', 'passed', 'static'],
    ]);
    const cluster = run.snippets.find((s) => s.path.endsWith('deployment.yaml'))?.checks.find((c) => c.tier === 'cluster');
    expect(cluster).toMatchObject({ status: 'skipped', skipReason: 'cluster tier not run: pass --cluster kind, --cluster current or --cluster local' });
    expect(run.exitCode).toBe(0);
    const report = formatHumanReport(run);
    expect(report).toContain('Chapter 50 · A first agent service  (chapters/50-fastapi/index.mdx)');
    // The closing line counts checks (each manifest step once per example), the line above counts snippets.
    expect(report.trimEnd().split('\n').slice(-2)).toEqual(['snippets: 7 · tier reached: static 3, local 3, cluster 0, none 1', 'verify-snippets: 6 passed, 0 failed, 1 skipped']);
    // Once per example group (the chapter's, and its files no chapter shows), not once per file.
    expect(report.match(/cluster tier not run/g)).toHaveLength(2);
  });

  it('a snippet a plain page includes (the capstone) is verified and not reported unused', async () => {
    const root = await copyFixture('book');
    await mkdir(join(root, 'snippets/capstone'), { recursive: true });
    await writeFile(join(root, 'snippets/capstone/spec.yaml'), 'part: 7\n');
    const loadBook = async (dir: string) => {
      const book = await fakeLoadBook(dir);
      const include = { kind: 'snippet' as const, src: 'capstone/spec.yaml', path: 'snippets/capstone/spec.yaml', chapterFile: 'chapters/capstone.mdx', line: 3, column: 1 };
      return { ...book, pages: [{ file: 'chapters/capstone.mdx', includes: [include] }] };
    };
    const { run } = await verify(root, { strict: true }, fakeDependencies({ loadBook }));
    expect(run.unused).not.toContain('snippets/capstone/spec.yaml');
    expect(run.snippets.find((s) => s.path === 'snippets/capstone/spec.yaml')?.chapters).toEqual(['chapters/capstone.mdx']);
  });

  it('under --strict fails snippets below their declared tier', async () => {
    const root = await copyFixture('book');
    const { run } = await verify(root, { strict: true });
    expect(run.exitCode).toBe(1);
    const deployment = run.snippets.find((s) => s.path.endsWith('deployment.yaml'));
    expect(deployment?.status).toBe('failed');
    expect(deployment?.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'snippets/53-kubernetes/deploy/verify.yaml:1:7 snippets/53-kubernetes/deploy/k8s/deployment.yaml reached the static tier, below the cluster tier its manifest declares',
    ]);
  });

  it('caches: a second run re-checks nothing, a changed file is re-checked, --no-cache forces all', async () => {
    const root = await copyFixture('book');
    const first = await verify(root);
    expect(first.deps.checkers.calls.length).toBe(4);
    const second = await verify(root);
    expect(second.deps.checkers.calls).toEqual([]);
    const hello = second.run.snippets.find((s) => s.path.endsWith('hello.sh'));
    expect(hello?.checks.map((c) => [c.name, c.cached])).toEqual([['fake-shell', true], ['step: hello', true]]);
    // Skipped results are never cached as passes: the cluster check is still skipped, not cached.
    expect(second.run.snippets.find((s) => s.path.endsWith('pods.out'))?.checks).toMatchObject([{ status: 'skipped', cached: false }]);

    await writeFile(join(root, 'snippets/53-kubernetes/deploy/k8s/deployment.yaml'), '# changed\n' + (await readFile(join(root, 'snippets/53-kubernetes/deploy/k8s/deployment.yaml'), 'utf8')));
    const third = await verify(root);
    expect(third.deps.checkers.calls).toEqual(['snippets/53-kubernetes/deploy/k8s/deployment.yaml']);
    const forced = await verify(root, { cache: false });
    expect(forced.deps.checkers.calls.length).toBe(4);
  });

  it('re-checks a file when another file its check reads changes (a lock when its requirements change)', async () => {
    const root = await copyFixture('book');
    const dir = join(root, 'snippets/50-fastapi/other');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'env.locked.yaml'), 'a: 1\n');
    await writeFile(join(dir, 'inputs.txt'), 'one\n');
    await verify(root);
    expect((await verify(root)).deps.checkers.calls).toEqual([]);
    await writeFile(join(dir, 'inputs.txt'), 'two\n');
    expect((await verify(root)).deps.checkers.calls).toEqual(['snippets/50-fastapi/other/env.locked.yaml']);
  });

  it('does not cache failures', async () => {
    const root = await copyFixture('book');
    await writeFile(join(root, 'snippets/50-fastapi/hello/settings.yaml'), 'greeting: BROKEN\n');
    await verify(root);
    const again = await verify(root);
    expect(again.deps.checkers.calls).toEqual(['snippets/50-fastapi/hello/settings.yaml']);
    expect(again.run.exitCode).toBe(1);
  });

  it('shows a diff when output differs, and --update rewrites the expected file', async () => {
    const root = await copyFixture('book');
    const expectedFile = join(root, 'snippets/50-fastapi/hello/output/hello.out');
    await writeFile(expectedFile, 'hello from the agent\nstarted at [TIMESTAMP] in [TMP]\nrequest id: [UUID]\ndone quickly\n');
    const { run } = await verify(root);
    const step = run.snippets.find((s) => s.path.endsWith('hello.sh'))?.checks.find((c) => c.name === 'step: hello');
    expect(step?.status).toBe('failed');
    expect(step?.detail).toMatchInlineSnapshot(`
      "--- expected snippets/50-fastapi/hello/output/hello.out
      +++ actual (normalised)
      @@ -1,4 +1,4 @@
       hello from the agent
       started at [TIMESTAMP] in [TMP]
       request id: [UUID]
      -done quickly
      +done in [DURATION]"
    `);
    expect(run.exitCode).toBe(1);

    const updated = await verify(root, { update: true });
    expect(updated.run.exitCode).toBe(0);
    expect(await readFile(expectedFile, 'utf8')).toBe('hello from the agent\nstarted at [TIMESTAMP] in [TMP]\nrequest id: [UUID]\ndone in [DURATION]\n');
    const after = await verify(root);
    expect(after.run.exitCode).toBe(0);
  });

  it('--update keeps an expected file whose wildcards still match', async () => {
    const root = await copyFixture('book');
    const expectedFile = join(root, 'snippets/50-fastapi/hello/output/hello.out');
    await writeFile(expectedFile, 'hello from the agent\n...\n');
    await verify(root, { update: true });
    expect(await readFile(expectedFile, 'utf8')).toBe('hello from the agent\n...\n');
  });

  it('narrows with --chapter and --snippet', async () => {
    const root = await copyFixture('book');
    const { run } = await verify(root, { chapter: 53 });
    expect(run.snippets.map((s) => s.path)).toEqual([
      'snippets/53-kubernetes/deploy/Dockerfile',
      'snippets/53-kubernetes/deploy/k8s/deployment.yaml',
      'snippets/53-kubernetes/deploy/output/pods.out',
      'snippets/53-kubernetes/flow.mmd',
    ]);
    const one = await verify(root, { snippet: '53-kubernetes/flow.mmd' });
    expect(one.run.snippets.map((s) => s.path)).toEqual(['snippets/53-kubernetes/flow.mmd']);
  });

  it('falls back to everything, saying why, when --changed has no git checkout', async () => {
    const root = await copyFixture('book');
    const { run } = await verify(root, { changed: true });
    expect(run.notes).toEqual(['--changed: not a git checkout; verifying everything instead.']);
    expect(run.snippets).toHaveLength(7);
  });

  it('--changed keeps only changed files and the examples they belong to', async () => {
    const root = await copyFixture('book');
    const deps = fakeDependencies({ changedFiles: async () => ({ ok: true, files: new Set(['snippets/50-fastapi/hello/hello.sh']) }) });
    const { run } = await verify(root, { changed: true }, deps);
    expect(run.snippets.map((s) => s.path)).toEqual(['snippets/50-fastapi/hello/hello.sh', 'snippets/50-fastapi/hello/output/hello.out', 'snippets/50-fastapi/hello/settings.yaml']);
  });

  it('reports unverified includes as errors and unused files as warnings (errors under --strict)', async () => {
    const root = await copyFixture('untidy');
    const { run } = await verify(root);
    expect(table(run)).toEqual([
      ['51-containers/build.sh', 'passed', 'static'],
      ['51-containers/notes.txt', 'failed', 'none'],
    ]);
    expect(run.snippets[1]?.diagnostics[0]).toMatchObject({ file: 'chapters/51-containers/index.mdx', line: 12, column: 1, rule: 'snippet-unverified' });
    expect(run.problems.map((d) => [d.file, d.severity, d.rule])).toEqual([['snippets/unused/old.txt', 'warning', 'snippet-unused']]);
    expect(run.exitCode).toBe(1);
    const strict = await verify(root, { strict: true });
    expect(strict.run.problems.map((d) => d.severity)).toEqual(['error']);
  });

  it('checks a file no chapter includes yet, statically, and still reports it as unused', async () => {
    const root = await copyFixture('book');
    await mkdir(join(root, 'snippets/54-cicd'), { recursive: true });
    await writeFile(join(root, 'snippets/54-cicd/bad.sh'), 'echo BROKEN\n'); // the fake checkers fail on BROKEN
    const one = await verify(root, { snippet: 'snippets/54-cicd/bad.sh' });
    expect(table(one.run)).toEqual([['54-cicd/bad.sh', 'failed', 'none']]);
    expect(one.run.exitCode).toBe(1);
    const all = await verify(root);
    expect(table(all.run)).toContainEqual(['54-cicd/bad.sh', 'failed', 'none']);
    expect(all.run.problems.map((d) => [d.file, d.rule])).toContainEqual(['snippets/54-cicd/bad.sh', 'snippet-unused']);
  });

  it('a selection that matches nothing is an error, not a pass', async () => {
    const root = await copyFixture('book');
    const { run } = await verify(root, { snippet: 'snippets/no/such.sh' });
    expect(run.snippets).toEqual([]);
    expect(run.problems.map((d) => `${d.rule}: ${d.message}`)).toEqual(['verify-empty-selection: Nothing matches --snippet snippets/no/such.sh: no such file or folder under snippets/']);
    expect(run.exitCode).toBe(1);
    const chapter = await verify(root, { chapter: 61 });
    expect(chapter.run.problems.map((d) => d.rule)).toEqual(['verify-empty-selection']);
    expect(chapter.run.exitCode).toBe(1);
  });

  it('--static-only runs the static tier alone: no steps, no cluster, no tier shortfalls', async () => {
    const root = await copyFixture('book');
    const { run } = await verify(root, { staticOnly: true });
    expect(run.snippets.flatMap((s) => s.checks).every((c) => c.tier === 'static')).toBe(true);
    expect(run.snippets.flatMap((s) => s.diagnostics).filter((d) => d.rule === 'snippet-tier')).toEqual([]);
    expect(run.exitCode).toBe(0);
  });

  it('counts files a manifest declares as support, or that lie in a folder it references, as used', async () => {
    const root = await copyFixture('untidy');
    await writeFile(join(root, 'snippets/unused/verify.yaml'), 'tier: static\nsupport: [old.txt]\n');
    expect((await verify(root, { strict: true })).run.problems.filter((d) => d.rule === 'snippet-unused')).toEqual([]);
    await writeFile(join(root, 'snippets/unused/verify.yaml'), 'tier: static\nsupport: [.]\n');
    expect((await verify(root, { strict: true })).run.problems.filter((d) => d.rule === 'snippet-unused')).toEqual([]);
    await mkdir(join(root, 'snippets/unused/data'), { recursive: true });
    await writeFile(join(root, 'snippets/unused/data/more.txt'), 'x\n');
    await writeFile(join(root, 'snippets/unused/verify.yaml'), 'tier: static\nsupport: [old.txt, data/]\n');
    expect((await verify(root, { strict: true })).run.problems.filter((d) => d.rule === 'snippet-unused')).toEqual([]);
    await writeFile(join(root, 'snippets/unused/requirements.txt'), 'httpx==0.28.1\n');
    await writeFile(join(root, 'snippets/unused/requirements.lock'), 'httpx==0.28.1 --hash=sha256:00\n');
    await writeFile(join(root, 'snippets/unused/verify.yaml'), 'tier: static\nsupport: [old.txt, data/, requirements.txt]\n');
    expect((await verify(root, { strict: true })).run.problems.filter((d) => d.rule === 'snippet-unused'), 'a lock is used when its requirements file is').toEqual([]);
    await writeFile(join(root, 'snippets/unused/verify.yaml'), 'tier: static\nsupport: [missing.txt]\n');
    const missing = (await verify(root)).run.problems.map(formatDiagnostic);
    expect(missing).toContain('snippets/unused/verify.yaml:2:11  error  support file or folder snippets/unused/missing.txt does not exist  [verify-manifest]\n  hint: Create snippets/unused/missing.txt or fix the path.');
  });

  it('reports chapter and include errors from the book as failures', async () => {
    const root = await copyFixture('book');
    const deps = fakeDependencies({
      loadBook: async (r) => ({ ...(await fakeLoadBook(r)), diagnostics: [{ file: 'chapters/53-kubernetes/index.mdx', line: 9, column: 1, severity: 'error', message: 'Snippet file not found', rule: 'snippet-missing' }] }),
    });
    const { run } = await verify(root, {}, deps);
    expect(run.exitCode).toBe(1);
    expect(formatHumanReport(run)).toContain('chapters/53-kubernetes/index.mdx:9:1  error  Snippet file not found  [snippet-missing]');
  });

  it('says so plainly and succeeds when the book has no chapters yet', async () => {
    const root = await copyFixture('empty');
    const { run } = await verify(root);
    expect(run.exitCode).toBe(0);
    expect(formatHumanReport(run)).toMatchInlineSnapshot(`
      "The book has no chapters yet (no chapters/NN-slug/index.mdx): there are no snippets to verify.

      snippets: 0 · tier reached: static 0, local 0, cluster 0, none 0
      verify-snippets: 0 passed, 0 failed, 0 skipped
      "
    `);
  });
});

describe('reporters', () => {
  it('JSON: summary, chapters, snippets with checks', async () => {
    const root = await copyFixture('book');
    const { run } = await verify(root);
    const json = JSON.parse(formatJsonReport(run)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['version', 'summary', 'exitCode', 'chapters', 'snippets', 'unused', 'problems', 'notes', 'interrupted']);
    expect(json['summary']).toEqual({ passed: 4, failed: 0, skipped: 3, tiers: { static: 3, local: 3, cluster: 0, none: 1 } });
    const snippets = json['snippets'] as { path: string; checks: Record<string, unknown>[] }[];
    const hello = snippets.find((s) => s.path.endsWith('hello.sh'));
    expect(hello).toMatchObject({ chapters: ['chapters/50-fastapi/index.mdx'], example: 'snippets/50-fastapi/hello', status: 'passed', reached: 'local', declared: 'local' });
    expect(Object.keys(hello?.checks[0] ?? {})).toEqual(['tier', 'name', 'status', 'skipReason', 'cached', 'durationMs', 'diagnostics', 'detail']);
  });

  it('JUnit: a suite per chapter, a case per check, failures and skips', async () => {
    const root = await copyFixture('book');
    await writeFile(join(root, 'snippets/53-kubernetes/flow.mmd'), 'flowchart LR\n  a -->--> "<b> & c"\n');
    const { run } = await verify(root, { snippet: '53-kubernetes/flow.mmd' });
    const xml = formatJunitReport(run).replace(/time="[\d.]+"/g, 'time="T"');
    expect(xml).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="verify-snippets" tests="1" failures="1" errors="0" skipped="0">
        <testsuite name="chapters/53-kubernetes/index.mdx" tests="1" failures="1" errors="0" skipped="0" time="T">
          <testcase classname="snippets/53-kubernetes/flow.mmd" name="static: mermaid" time="T">
            <failure message="Parse error">snippets/53-kubernetes/flow.mmd:2:1  error  Parse error  [mermaid-syntax]
        hint: Fix the Mermaid syntax; preview it with npm run diagrams.</failure>
          </testcase>
        </testsuite>
      </testsuites>
      "
    `);
    await writeFile(join(root, 'snippets/50-fastapi/hello/settings.yaml'), 'greeting: BROKEN & <bad>\n');
    const all = await verify(root);
    expect(formatJunitReport(all.run)).toContain('<failure message="BROKEN found">snippets/50-fastapi/hello/settings.yaml:1:1  error  BROKEN found  [fake]');
    const full = formatJunitReport(all.run);
    expect(full).toContain('<skipped message="cluster tier not run: pass --cluster kind, --cluster current or --cluster local"/>');
    expect(full.match(/<testsuite name="[^"]+"/g)).toEqual(['<testsuite name="chapters/50-fastapi/index.mdx"', '<testsuite name="chapters/53-kubernetes/index.mdx"', '<testsuite name="snippets (no chapter)"']);
    expect(escapeXml('a & <b> "c"\u0007')).toBe('a &amp; &lt;b&gt; &quot;c&quot;');
  });
});

describe('the verification record the site reads', () => {
  it('records each file that reached a tier with its content hash and command; a failure removes its entry', async () => {
    const root = await copyFixture('book');
    await verify(root);
    const record = readVerificationRecord(root);
    expect(record.problem).toBeUndefined();
    expect([...record.entries.values()].map((e) => [e.path.replace(/^snippets\//, ''), e.reached, e.command])).toEqual([
      ['50-fastapi/hello/hello.sh', 'local', 'npm run verify-snippets -- --snippet snippets/50-fastapi/hello'],
      ['50-fastapi/hello/output/hello.out', 'local', 'npm run verify-snippets -- --snippet snippets/50-fastapi/hello'],
      ['50-fastapi/hello/settings.yaml', 'local', 'npm run verify-snippets -- --snippet snippets/50-fastapi/hello'],
      ['53-kubernetes/deploy/Dockerfile', 'static', 'npm run verify-snippets -- --snippet snippets/53-kubernetes/deploy'],
      ['53-kubernetes/deploy/k8s/deployment.yaml', 'static', 'npm run verify-snippets -- --snippet snippets/53-kubernetes/deploy'],
      ['53-kubernetes/flow.mmd', 'static', 'npm run verify-snippets -- --snippet snippets/53-kubernetes/flow.mmd'],
    ]);
    const settings = 'snippets/50-fastapi/hello/settings.yaml';
    expect(freshEntry(record, settings, await readFile(join(root, settings), 'utf8'))).toMatchObject({ reached: 'local' });
    // Edited since it was verified: no longer fresh.
    expect(freshEntry(record, settings, 'greeting: edited\n')).toBeUndefined();

    await writeFile(join(root, settings), 'greeting: BROKEN\n');
    await verify(root);
    const after = readVerificationRecord(root);
    expect(after.entries.has(settings)).toBe(false);
    expect(after.entries.has('snippets/53-kubernetes/flow.mmd')).toBe(true);
  });

  it('a --static-only run does not demote a file a full run took to the local tier', async () => {
    const root = await copyFixture('book');
    await verify(root);
    await verify(root, { staticOnly: true });
    expect(readVerificationRecord(root).entries.get('snippets/50-fastapi/hello/hello.sh')?.reached).toBe('local');
  });
});
