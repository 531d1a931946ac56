import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedFiles } from '../../src/verify/changed.ts';
import { cleanupFixtures, copyFixture } from './helpers.ts';

afterAll(cleanupFixtures);

const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' };

describe('--changed', () => {
  it('lists files changed since main plus untracked ones', async () => {
    const root = await copyFixture('book');
    const git = (...args: string[]) => spawnSync('git', args, { cwd: root, env, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'book');
    git('checkout', '-q', '-b', 'topic');
    await writeFile(join(root, 'snippets/53-kubernetes/flow.mmd'), 'flowchart LR\n  a --> b\n');
    git('commit', '-q', '-am', 'change');
    await writeFile(join(root, 'snippets/53-kubernetes/new.yaml'), 'a: 1\n');
    const result = await changedFiles(root, env);
    expect(result).toEqual({ ok: true, files: new Set(['snippets/53-kubernetes/flow.mmd', 'snippets/53-kubernetes/new.yaml']) });
  });

  it('says why when the folder is not a git checkout', async () => {
    const root = await copyFixture('empty');
    expect(await changedFiles(root, { ...env, GIT_CEILING_DIRECTORIES: join(root, '..') })).toEqual({ ok: false, reason: 'not a git checkout' });
  });
});
