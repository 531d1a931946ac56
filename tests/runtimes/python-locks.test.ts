import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverLocks } from '../../src/runtimes/cli.ts';
import { requirementIncludes } from '../../src/core/pip-requirements.ts';
import { discoverRequirements, lockPathFor } from '../../src/runtimes/python.ts';
import { fixtureRepo } from './helpers.ts';

describe('lock discovery', () => {
  it('reads -r and --requirement lines, ignoring comments and pins', () => {
    expect(requirementIncludes('# -r not-this.txt\n-r requirements.txt\nfastapi==1.0  # -r nor-this\n--requirement=base.txt\n--requirement more.txt\n')).toEqual([
      'requirements.txt', 'base.txt', 'more.txt',
    ]);
  });

  it('finds what verify.yaml files name plus their includes, once each, and their lock paths', () => {
    const { root } = fixtureRepo();
    expect(discoverRequirements(root)).toEqual(['snippets/50-x/app/requirements-dev.txt', 'snippets/50-x/app/requirements.txt']);
    expect(discoverLocks(root)).toEqual(['snippets/50-x/app/requirements-dev.lock', 'snippets/50-x/app/requirements.lock']);
    expect(lockPathFor('a/requirements-dev.txt')).toBe('a/requirements-dev.lock');
  });

  it('finds a requirements file an overlay names but inherits from the example it extends', () => {
    const { root } = fixtureRepo();
    mkdirSync(join(root, 'snippets/51-y/app'), { recursive: true });
    writeFileSync(join(root, 'snippets/51-y/app/verify.yaml'), 'tier: local\nextends: ../../50-x/app\nrequirements: requirements.txt\n');
    expect(discoverRequirements(root)).toEqual(['snippets/50-x/app/requirements-dev.txt', 'snippets/50-x/app/requirements.txt']);
  });

  it('finds the book’s own requirements files', () => {
    const found = discoverRequirements(new URL('../..', import.meta.url).pathname);
    expect(found).toContain('snippets/50-fastapi/lumen/requirements-dev.txt');
    expect(found).toContain('snippets/50-fastapi/lumen/requirements.txt');
  });
});
