import { describe, expect, it } from 'vitest';
import { staticCheckersFor, staticInputsFor } from '../../src/verify/static/index.ts';
import { findings, FIXTURES, readFixture, ROOT } from './support.ts';

describe('python-lock checker', () => {
  it('applies to requirements locks only', () => {
    expect(staticCheckersFor('snippets/61-security/lumen/requirements-dev.lock', 'a==1\n')).toContain('python-lock');
    expect(staticCheckersFor('snippets/61-security/lumen/requirements.lock', 'a==1\n')).toContain('python-lock');
    expect(staticCheckersFor('snippets/x/poetry.lock', '')).not.toContain('python-lock');
    expect(staticCheckersFor('snippets/x/requirements.txt', 'a==1\n')).not.toContain('python-lock');
  });

  it('accepts a lock holding every pin of its requirements and their -r includes (names normalised, extras ignored)', async () => {
    expect(await findings('python-lock/good/requirements.lock', 'python-lock')).toBe('');
  });

  it('names each pin the lock misses or pins differently, where it was pinned, and the command that regenerates it', async () => {
    expect(await findings('python-lock/stale/requirements.lock', 'python-lock')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/python-lock/stale/requirements.lock:1:1  error  pytest (tests/verify-static/fixtures/python-lock/stale/requirements.txt:3) is not in this lock: the lock is older than its requirements  [python-lock-stale]
        hint: Regenerate it: npm run runtimes -- lock tests/verify-static/fixtures/python-lock/stale/requirements.txt
      tests/verify-static/fixtures/python-lock/stale/requirements.lock:1:1  error  dapr-ext-fastapi==1.18.3 (tests/verify-static/fixtures/python-lock/base/requirements.txt:3) is not in this lock: the lock is older than its requirements  [python-lock-stale]
        hint: Regenerate it: npm run runtimes -- lock tests/verify-static/fixtures/python-lock/stale/requirements.txt
      tests/verify-static/fixtures/python-lock/stale/requirements.lock:3:1  error  The lock has fastapi==0.164.0, but tests/verify-static/fixtures/python-lock/base/requirements.txt:2 pins fastapi==0.165.0  [python-lock-stale]
        hint: Regenerate it: npm run runtimes -- lock tests/verify-static/fixtures/python-lock/stale/requirements.txt"
    `);
  });

  it('refuses a lock with no requirements file beside it', async () => {
    expect(await findings('python-lock/orphan/requirements.lock', 'python-lock')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/python-lock/orphan/requirements.lock:1:1  error  No tests/verify-static/fixtures/python-lock/orphan/requirements.txt beside this lock: nothing says what it locks  [python-lock-orphan]
        hint: Delete the lock, or restore its requirements file and run npm run runtimes -- lock tests/verify-static/fixtures/python-lock/orphan/requirements.txt"
    `);
  });

  it('names the requirements files it reads, so a cached result is redone when one of them changes', async () => {
    const path = `${FIXTURES}/python-lock/stale/requirements.lock`;
    expect(await staticInputsFor(path, readFixture(path), ROOT)).toEqual([
      `${FIXTURES}/python-lock/stale/requirements.txt`,
      `${FIXTURES}/python-lock/base/requirements.txt`,
    ]);
  });
});
