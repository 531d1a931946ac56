/**
 * `npm run dev`: editing a snippet re-renders the chapters that include it, without a restart. The fixture
 * book is copied to a scratch folder inside the repo (so packages resolve) and removed afterwards; the
 * committed fixture is never edited. The server runs as its own process, as a contributor starts it
 * (Astro's dev server cannot run inside vitest's own Vite).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const fixture = join(repo, 'tests/site/fixtures/book');
const scratch = join(repo, 'tests/site/.scratch-dev-book');
let child: ChildProcess | undefined;
let base = '';

beforeAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  for (const dir of ['chapters', 'snippets', 'diagrams']) cpSync(join(fixture, dir), join(scratch, dir), { recursive: true });
  // The environment a contributor has: without vitest's own variables, which switch Astro into test mode.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST'));
  child = spawn(process.execPath, [join(repo, 'scripts/dev.ts'), '--root', scratch, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let log = '';
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev server did not start:\n${log}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const url = /serving .* at (http:\/\/\S+?)\/?$/m.exec(log)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child?.stdout?.on('data', onData);
    child?.stderr?.on('data', onData);
    child?.once('exit', (code) => reject(new Error(`dev server exited with ${code}:\n${log}`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
  rmSync(scratch, { recursive: true, force: true });
});

async function fetchUntil(url: string, predicate: (html: string) => boolean, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let html = '';
  while (Date.now() < deadline) {
    html = await (await fetch(url)).text();
    if (predicate(html)) return html;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return html;
}

test('editing an included snippet updates the chapter page without a restart', async () => {
  const url = `${base}/53-kubernetes/`;
  const before = await fetchUntil(url, (html) => html.includes('readinessProbe'));
  expect(before).toContain('readinessProbe');
  expect(before).not.toContain('startupProbe');

  const snippet = join(scratch, 'snippets/53-kubernetes/deploy/deployment.yaml');
  writeFileSync(snippet, readFileSync(snippet, 'utf8').replace('readinessProbe:', 'startupProbe:'));

  const after = await fetchUntil(url, (html) => html.includes('startupProbe'));
  expect(after).toContain('startupProbe');
}, 240_000);
