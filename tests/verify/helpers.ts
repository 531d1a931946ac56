/**
 * Test doubles and fixture handling for the verify-snippets tests: a copy of a fixture mini-book in a
 * temporary folder, a tiny book loader (finds `::snippet{src=…}` lines), and static checkers that count
 * their invocations.
 */
import { cp, mkdtemp, readdir, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VerifyDependencies } from '../../src/verify/command.ts';
import type { Book, ChapterEntry, StaticCheckers } from '../../src/verify/types.ts';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

const made: string[] = [];

/** A fresh copy of `fixtures/<name>` in a temporary folder (removed by `cleanupFixtures`). */
export async function copyFixture(name: string): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), `verify-test-${name}-`)));
  made.push(dir);
  await cp(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export async function cleanupFixtures(): Promise<void> {
  while (made.length > 0) await rm(made.pop() ?? '', { recursive: true, force: true });
}

/** Reads chapters/NN-slug/index.mdx files and their `::snippet{src="…"}` lines. */
export async function fakeLoadBook(root: string): Promise<Book> {
  const chapters: ChapterEntry[] = [];
  let entries: string[] = [];
  try {
    entries = (await readdir(join(root, 'chapters'))).sort();
  } catch {
    entries = [];
  }
  for (const slug of entries) {
    const match = /^(\d{2})-/.exec(slug);
    if (!match) continue;
    const file = `chapters/${slug}/index.mdx`;
    const text = await readFile(join(root, file), 'utf8');
    const title = /^title: (.*)$/m.exec(text)?.[1] ?? slug;
    const includes = text.split('\n').flatMap((line, index) => {
      const src = /^::snippet\{src="([^"]+)"/.exec(line)?.[1];
      return src ? [{ kind: 'snippet' as const, src, path: `snippets/${src}`, chapterFile: file, line: index + 1, column: 1 }] : [];
    });
    chapters.push({ file, slug, number: Number(match[1]), title, includes });
  }
  return { root, chapters, diagnostics: [] };
}

export interface CountingCheckers extends StaticCheckers {
  calls: string[];
}

/** Static checkers for .sh/.yaml/Dockerfile files; a file containing BROKEN fails; counts every call. */
export function countingCheckers(): CountingCheckers {
  const calls: string[] = [];
  const applies = (path: string) => (/\.(sh|ya?ml)$/.test(path) || path.endsWith('Dockerfile') ? [path.endsWith('.sh') ? 'fake-shell' : path.endsWith('Dockerfile') ? 'fake-docker' : 'fake-yaml'] : []);
  return {
    calls,
    staticCheckersFor: (path) => applies(path),
    checkFileStatically: async (path, content) => {
      calls.push(path);
      const line = content.split('\n').findIndex((l) => l.includes('BROKEN'));
      return applies(path).map((checker) => ({
        checker,
        status: line >= 0 ? ('failed' as const) : ('passed' as const),
        diagnostics: line >= 0 ? [{ file: path, line: line + 1, column: 1, severity: 'error' as const, message: 'BROKEN found', hint: 'Remove it.', rule: 'fake' }] : [],
      }));
    },
    staticToolVersions: async () => ({ fake: '1.0.0' }),
    // A fake yaml file named `*.locked.yaml` reads `inputs.txt` beside it, like a lock reads its requirements.
    staticInputsFor: async (path) => (path.endsWith('.locked.yaml') ? [path.replace(/[^/]*$/, 'inputs.txt')] : []),
    readPythonRequirements: () => new Set<string>(),
  };
}

/** Dependencies made of doubles; `env` defaults to the test process's environment. */
export function fakeDependencies(overrides: Partial<VerifyDependencies> = {}): VerifyDependencies & { checkers: CountingCheckers } {
  const checkers = countingCheckers();
  return {
    loadBook: fakeLoadBook,
    checkers,
    validateMermaid: async (source) => (source.includes('-->-->') ? { line: 2, message: 'Parse error' } : null),
    env: process.env,
    ...overrides,
  } as VerifyDependencies & { checkers: CountingCheckers };
}
