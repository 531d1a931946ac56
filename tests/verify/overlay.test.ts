/**
 * `extends` overlays in verify-snippets, on the fixture chain A ← B ← C (fixtures/overlay-chain):
 * C's temporary copy is A, then B, then C with C's `remove` applied; its steps run there; removal can delete
 * nothing outside the copy; manifest errors point at the key that is wrong; a Python file of C importing a
 * module only A has resolves; a whole run over the fixture book passes with nothing reported unused.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, isBookError } from '../../src/core/diagnostics.ts';
import { verifySnippets } from '../../src/verify/command.ts';
import { loadManifest, parseManifest, type Manifest } from '../../src/verify/manifest.ts';
import { layeredFiles, materializeExample, moduleSearchFolders, removeInside } from '../../src/verify/overlay.ts';
import { RequirementProbe } from '../../src/verify/requirements.ts';
import { pythonChecker } from '../../src/verify/static/python.ts';
import { passThroughEnv, runSteps } from '../../src/verify/steps.ts';
import { cleanupFixtures, copyFixture, fakeDependencies } from './helpers.ts';

afterAll(cleanupFixtures);

const C = 'snippets/52-c/app/verify.yaml';

async function manifestErrors(root: string, file: string, source: string): Promise<string> {
  try {
    await parseManifest(root, file, source);
  } catch (error) {
    if (isBookError(error)) return error.diagnostics.map(formatDiagnostic).join('\n');
    throw error;
  }
  throw new Error('the manifest was accepted');
}

/** Every file under `dir`, relative to it, sorted. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

async function scratch(): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), 'overlay-test-')));
}

describe('an extends chain of two (A ← B ← C)', () => {
  it('resolves the layers base first and inherits requirements from A', async () => {
    const root = await copyFixture('overlay-chain');
    const manifest = await loadManifest(root, C);
    expect(manifest.layers.map((l) => l.dir)).toEqual(['snippets/50-a/app', 'snippets/51-b/app', 'snippets/52-c/app']);
    expect(manifest.requirements).toBe('requirements.txt');
    expect(manifest.requirementsFile).toBe('snippets/50-a/app/requirements.txt');
    // C's greet step compares against B's expected output: the base's file counts as used.
    expect(manifest.referenced).toContain('snippets/51-b/app/output/greet.out');
    expect(layeredFiles(['snippets/50-a/app/show.sh', 'snippets/53-x/y', 'snippets/52-c/app/app.py'], manifest)).toEqual(['snippets/50-a/app/show.sh', 'snippets/52-c/app/app.py']);
  });

  it('materialises A, then B, then C: later layers win and C\'s removals are gone', async () => {
    const root = await copyFixture('overlay-chain');
    const manifest = await loadManifest(root, C);
    const target = join(await scratch(), 'example');
    try {
      await materializeExample(root, manifest, target);
      expect(await tree(target)).toEqual(['app.py', 'config/kept.txt', 'greeting.txt', 'lib/helper.py', 'new-in-b.txt', 'output/greet.out', 'output/tree.out', 'requirements.txt', 'show.sh', 'verify.yaml']);
      expect(await readFile(join(target, 'greeting.txt'), 'utf8')).toBe('hello from B\n');
      expect(await readFile(join(target, 'verify.yaml'), 'utf8')).toContain('Example C');
    } finally {
      await rm(join(target, '..'), { recursive: true, force: true });
    }
    // The bases in the repository are untouched.
    expect(existsSync(join(root, 'snippets/50-a/app/old/notes.txt'))).toBe(true);
    expect(existsSync(join(root, 'snippets/50-a/app/config/base.txt'))).toBe(true);
  });

  it('runs C\'s steps in the materialised copy, against its own and inherited expected outputs', async () => {
    const root = await copyFixture('overlay-chain');
    const manifest = await loadManifest(root, C);
    const probe = new RequirementProbe({ env: passThroughEnv(process.env), cwd: root });
    const results = await runSteps(manifest.steps, { root, manifest, tier: 'local', probe, baseEnv: passThroughEnv(process.env), update: false, graceMs: 300 });
    expect(results.map((r) => [r.name, r.status, r.detail ?? ''])).toEqual([
      ['step: tree', 'passed', ''],
      ['step: greet', 'passed', ''],
    ]);
  });

  it('a failing step of C reports the inherited expected file; --update writes C\'s own copy only', async () => {
    const root = await copyFixture('overlay-chain');
    await writeFile(join(root, 'snippets/52-c/app/greeting.txt'), 'hello from C\n');
    const manifest = await loadManifest(root, C);
    const probe = new RequirementProbe({ env: passThroughEnv(process.env), cwd: root });
    const context = { root, manifest, tier: 'local' as const, probe, baseEnv: passThroughEnv(process.env), graceMs: 300 };
    const [failed] = await runSteps([manifest.steps[1] as Manifest['steps'][number]], { ...context, update: false });
    expect(failed?.status).toBe('failed');
    expect(failed?.diagnostics[0]?.message).toBe('Output of step "greet" differs from snippets/51-b/app/output/greet.out');
    const [updated] = await runSteps([manifest.steps[1] as Manifest['steps'][number]], { ...context, update: true });
    expect(updated?.detail).toBe('updated snippets/52-c/app/output/greet.out');
    expect(await readFile(join(root, 'snippets/52-c/app/output/greet.out'), 'utf8')).toBe('hello from C\n');
    expect(await readFile(join(root, 'snippets/51-b/app/output/greet.out'), 'utf8')).toBe('hello from B\n');
  });

  it('a whole verify-snippets run over the fixture book passes every example and reports nothing unused', async () => {
    const root = await copyFixture('overlay-chain');
    const run = await verifySnippets({ root, cache: false, jobs: 2 }, fakeDependencies());
    expect(run.problems.map(formatDiagnostic)).toEqual([]);
    expect(run.unused).toEqual([]);
    const steps = run.snippets.filter((s) => s.example === 'snippets/52-c/app').flatMap((s) => s.checks.filter((c) => c.tier === 'local'));
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.every((c) => c.status === 'passed')).toBe(true);
    expect(run.exitCode).toBe(0);
  });

  it('the static tier gives the checkers the layered module folders and the inherited requirements', async () => {
    const root = await copyFixture('overlay-chain');
    const deps = fakeDependencies();
    const seen = new Map<string, readonly string[] | undefined>();
    const requirementFiles: string[] = [];
    deps.checkers.staticCheckersFor = (path) => (path.endsWith('.py') ? ['fake-python'] : []);
    deps.checkers.checkFileStatically = async (path, _content, context) => {
      seen.set(path, context.moduleFolders);
      return [{ checker: 'fake-python', status: 'passed', diagnostics: [] }];
    };
    deps.checkers.readPythonRequirements = (files) => {
      requirementFiles.push(...files.map((f) => f.path));
      return new Set();
    };
    await verifySnippets({ root, cache: false, staticOnly: true }, deps);
    expect(seen.get('snippets/52-c/app/app.py')).toEqual(['snippets/52-c/app', 'snippets/51-b/app', 'snippets/50-a/app']);
    expect(seen.get('snippets/50-a/app/lib/helper.py')).toBeUndefined();
    expect(new Set(requirementFiles)).toEqual(new Set(['snippets/50-a/app/requirements.txt']));
  });
});

describe('remove deletes nothing outside the temporary copy', () => {
  const layer = { dir: 'snippets/x/b', manifest: 'snippets/x/b/verify.yaml', remove: [] };

  it('refuses paths that climb out, and leaves the neighbour of the copy alone', async () => {
    const top = await scratch();
    try {
      const target = join(top, 'example');
      await mkdir(target);
      await writeFile(join(top, 'outside.txt'), 'keep me');
      for (const entry of ['../outside.txt', '/etc/hostname', 'a/../../outside.txt']) {
        await expect(removeInside(target, entry, layer)).rejects.toThrow(`remove: "${entry}" is outside the example folder; nothing was deleted for it`);
      }
      expect(await readFile(join(top, 'outside.txt'), 'utf8')).toBe('keep me');
    } finally {
      await rm(top, { recursive: true, force: true });
    }
  });

  it('never follows a symbolic link of the base: removing through it is refused, removing it deletes only the link', async () => {
    const top = await scratch();
    try {
      const outside = join(top, 'outside');
      await mkdir(outside);
      await writeFile(join(outside, 'secret.txt'), 'keep me');
      const target = join(top, 'example');
      await mkdir(target);
      await symlink(outside, join(target, 'data'));
      await expect(removeInside(target, 'data/secret.txt', layer)).rejects.toThrow('passes through the symbolic link data');
      expect(existsSync(join(outside, 'secret.txt'))).toBe(true);
      await removeInside(target, 'data', layer);
      expect(existsSync(join(target, 'data'))).toBe(false);
      expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('keep me');
    } finally {
      await rm(top, { recursive: true, force: true });
    }
  });

  it('a step of an overlay whose base links out fails with the reason and deletes nothing', async () => {
    const root = await copyFixture('overlay-chain');
    const outside = await scratch();
    try {
      await writeFile(join(outside, 'secret.txt'), 'keep me');
      await symlink(outside, join(root, 'snippets/50-a/app/data'));
      await writeFile(join(root, C), (await readFile(join(root, C), 'utf8')).replace('  - old\n', '  - old\n  - data/secret.txt\n'));
      const manifest = await loadManifest(root, C);
      const probe = new RequirementProbe({ env: passThroughEnv(process.env), cwd: root });
      const [result] = await runSteps(manifest.steps.slice(0, 1), { root, manifest, tier: 'local', probe, baseEnv: passThroughEnv(process.env), update: false, graceMs: 300 });
      expect(result?.status).toBe('failed');
      expect(result?.diagnostics.map(formatDiagnostic)).toEqual([expect.stringContaining('remove: "data/secret.txt" passes through the symbolic link data; nothing was deleted for it')]);
      expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('keep me');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe('manifest errors of an overlay, at file:line:col', () => {
  it('a missing base, a base that is not an example, a path outside snippets/', async () => {
    const root = await copyFixture('overlay-chain');
    expect(await manifestErrors(root, C, 'tier: static\nextends: ../../51-b/ap\n')).toMatchInlineSnapshot(`
      "snippets/52-c/app/verify.yaml:2:1  error  extends "../../51-b/ap": the base example snippets/51-b/ap/ does not exist  [verify-extends]
        hint: Check the path; it is relative to snippets/52-c/app/."
    `);
    expect(await manifestErrors(root, C, 'tier: static\nextends: ../../50-a/app/lib\n')).toContain('snippets/52-c/app/verify.yaml:2:1  error  extends "../../50-a/app/lib": snippets/50-a/app/lib/ has no verify.yaml, so it is not an example');
    expect(await manifestErrors(root, C, 'tier: static\nextends: ../../../chapters\n')).toContain('snippets/52-c/app/verify.yaml:2:1  error  extends "../../../chapters" points outside snippets/');
  });

  it('a cycle: A made to extend C closes A → C → B → A', async () => {
    const root = await copyFixture('overlay-chain');
    const file = 'snippets/50-a/app/verify.yaml';
    expect(await manifestErrors(root, file, 'tier: static\nextends: ../../52-c/app\n')).toMatchInlineSnapshot(`
      "snippets/51-b/app/verify.yaml:3:1  error  extends forms a cycle: snippets/50-a/app → snippets/52-c/app → snippets/51-b/app → snippets/50-a/app  [verify-extends]
        hint: Each example must extend an earlier one; remove the extends that points back."
    `);
  });

  it('remove entries outside the example, not in the base, or without extends', async () => {
    const root = await copyFixture('overlay-chain');
    expect(await manifestErrors(root, C, 'tier: static\nextends: ../../51-b/app\nremove:\n  - ../../50-a/app/show.sh\n  - olds\n')).toMatchInlineSnapshot(`
      "snippets/52-c/app/verify.yaml:4:5  error  remove[0] "../../50-a/app/show.sh" is outside the example folder snippets/52-c/app/  [verify-manifest]
        hint: remove names files or folders of the base, relative to the example folder; it can delete nothing else.
      snippets/52-c/app/verify.yaml:5:5  error  remove: olds is not in the base example snippets/51-b/app/  [verify-manifest]
        hint: List paths of the base, relative to the example folder; check the spelling."
    `);
    expect(await manifestErrors(root, 'snippets/50-a/app/verify.yaml', 'tier: static\nremove: [old]\n')).toContain('snippets/50-a/app/verify.yaml:2:1  error  remove is only meaningful with extends');
  });

  it('a misspelt key suggests extends', async () => {
    const root = await copyFixture('overlay-chain');
    expect(await manifestErrors(root, C, 'tier: static\nextend: ../../51-b/app\n')).toContain('Did you mean "extends"?');
  });

  it('a file the overlay names must exist in it or in a base', async () => {
    const root = await copyFixture('overlay-chain');
    expect(await manifestErrors(root, C, 'tier: local\nextends: ../../51-b/app\nsteps:\n  - name: x\n    run: "true"\n    expect: output/none.out\n')).toContain('expected-output file snippets/52-c/app/output/none.out does not exist (in this example or the examples it extends)');
  });
});

describe('static Python checks see the materialised tree', () => {
  it('C\'s import of a module only A has resolves through the layers, and not without them', async () => {
    const root = await copyFixture('overlay-chain');
    const manifest = await loadManifest(root, C);
    const path = 'snippets/52-c/app/app.py';
    const content = await readFile(join(root, path), 'utf8');
    const folders = moduleSearchFolders(path, manifest);
    expect(folders).toEqual(['snippets/52-c/app', 'snippets/51-b/app', 'snippets/50-a/app']);
    expect(moduleSearchFolders('snippets/52-c/app/pkg/x.py', manifest)).toEqual(['snippets/52-c/app/pkg', 'snippets/51-b/app/pkg', 'snippets/50-a/app/pkg', 'snippets/52-c/app', 'snippets/51-b/app', 'snippets/50-a/app']);
    const layered = await pythonChecker.check(path, content, { root, requirements: new Set(), moduleFolders: folders });
    expect(layered.diagnostics.map(formatDiagnostic)).toEqual([]);
    const alone = await pythonChecker.check(path, content, { root, requirements: new Set() });
    expect(alone.diagnostics.map((d) => d.rule)).toEqual(['python-import']);
  });
});
