/**
 * With the real checkers: a manifest's requirements file may include another with `-r`, as pip allows, and
 * the imports of both count as declared.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { verifySnippets } from '../../src/verify/command.ts';
import { realDependencies } from '../../src/verify/default-deps.ts';

// Inside the repository, so the book loader and checkers resolve their packages as usual.
const scratch = mkdtempSync(join(fileURLToPath(new URL('.', import.meta.url)), '.scratch-req-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(scratch, path)), { recursive: true });
  writeFileSync(join(scratch, path), text);
}

it('imports declared through `-r requirements.txt` are accepted', async () => {
  write('chapters/50-fastapi/index.mdx', '---\ntitle: T\nchapter: 50\nstage: foundational-infrastructure\ndescription: D.\ngoals:\n  - G\n---\n\n::snippet{src="50-fastapi/app/app.py"}\n\n::snippet{src="50-fastapi/app/test_app.py"}\n');
  write('snippets/50-fastapi/app/app.py', 'from fastapi import FastAPI\n\napp = FastAPI()\n');
  write('snippets/50-fastapi/app/test_app.py', 'import pytest\nfrom fastapi.testclient import TestClient\n\nfrom app import app\n\n\n@pytest.fixture\ndef client() -> TestClient:\n    return TestClient(app)\n');
  write('snippets/50-fastapi/app/requirements.txt', 'fastapi==0.141.1\n');
  write('snippets/50-fastapi/app/requirements-dev.txt', '-r requirements.txt\npytest==9.1.1\n');
  write('snippets/50-fastapi/app/verify.yaml', 'tier: static\nrequirements: requirements-dev.txt\n');
  const run = await verifySnippets({ root: scratch, jobs: 1, cache: false }, realDependencies(process.env));
  const python = run.snippets.filter((s) => s.path.endsWith('.py'));
  expect(python.map((s) => [s.path, s.status, s.checks.flatMap((c) => c.diagnostics).map((d) => d.message)])).toEqual([
    ['snippets/50-fastapi/app/app.py', 'passed', []],
    ['snippets/50-fastapi/app/test_app.py', 'passed', []],
  ]);
});
