/**
 * Lumen, the running example, is copied into each chapter's example folder (verification copies an example
 * alone, so it cannot reach into another chapter's folder). Chapters 51 and 53 use chapter 50's code
 * unchanged, and chapter 53 builds the image with chapter 51's Dockerfile; this test keeps the copies from
 * drifting. When a later chapter evolves Lumen, its copy is listed here as the new source for the chapters
 * after it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const snippets = fileURLToPath(new URL('../../snippets', import.meta.url));

/** [source, copy] folder or file pairs, relative to snippets/. */
const COPIES: [string, string][] = [
  ['50-fastapi/lumen/lumen', '51-docker/lumen/lumen'],
  ['50-fastapi/lumen/lumen', '53-kubernetes/manifests/lumen'],
  ['50-fastapi/lumen/requirements.txt', '51-docker/lumen/requirements.txt'],
  ['50-fastapi/lumen/requirements.txt', '53-kubernetes/manifests/requirements.txt'],
  ['51-docker/lumen/Dockerfile', '53-kubernetes/manifests/Dockerfile'],
  ['51-docker/lumen/.dockerignore', '53-kubernetes/manifests/.dockerignore'],
  ['50-fastapi/lumen/scripts/serve_check.py', '51-docker/lumen/scripts/serve_check.py'],
];

function files(path: string): Map<string, string> {
  const absolute = join(snippets, path);
  try {
    const names = (readdirSync(absolute, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.pyc'))
      .map((entry) => join(entry.parentPath, entry.name).slice(absolute.length + 1));
    return new Map(names.map((name) => [name, readFileSync(join(absolute, name), 'utf8')]));
  } catch {
    return new Map([['', readFileSync(absolute, 'utf8')]]);
  }
}

describe("copies of the running example match their source", () => {
  test.each(COPIES)('%s → %s', (source, copy) => {
    const expected = files(source);
    const actual = files(copy);
    expect([...actual.keys()].sort(), `the same files in ${copy}`).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect(actual.get(name), `${copy}/${name} differs from ${source}/${name}: copy it again`).toBe(text);
  });
});
