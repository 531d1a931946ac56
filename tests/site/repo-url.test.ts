/**
 * Site conventions that need the book's repository (BOOK_REPO_URL): "Edit page" links to the chapter's
 * source and "Last updated" dates from git. Built on a copy of the fixture book in a scratch folder,
 * first without a git checkout (edit links only; the build must not fail), then as a git repository
 * with one commit at a known date. The case without BOOK_REPO_URL is checked in build.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildBook } from '../../src/cli/build-book.ts';
import { parseRepoUrl } from '../../src/site/repo-url.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/book', import.meta.url));
const scratch = fileURLToPath(new URL('./.scratch-repo-url', import.meta.url));
const REPO = 'https://github.com/example-org/book';

async function build(): Promise<(path: string) => string> {
  const output: string[] = [];
  const ok = await buildBook({ root: scratch, decks: false, repoUrl: REPO, log: (l) => output.push(l), warn: (l) => output.push(l), astroLogLevel: 'error' });
  expect(ok, output.join('\n')).toBe(true);
  return (path) => readFileSync(join(scratch, 'dist', path), 'utf8');
}

const editLink = (html: string) => /<a href="([^"]+)"[^>]*>(?:(?!<\/a>)[\s\S])*Edit page/.exec(html)?.[1];
const lastUpdated = (html: string) => /Last updated:?\s*<time datetime="([^"]+)"/.exec(html)?.[1];

describe('BOOK_REPO_URL set, the book not in a git checkout', () => {
  let page: (path: string) => string;
  beforeAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    for (const folder of ['chapters', 'snippets', 'diagrams']) cpSync(join(FIXTURE, folder), join(scratch, folder), { recursive: true });
    page = await build();
  });

  test('each page links to its source file on the main branch', () => {
    expect(editLink(page('50-fastapi/index.html'))).toBe(`${REPO}/edit/main/chapters/50-fastapi/index.mdx`);
    expect(editLink(page('index.html'))).toBe(`${REPO}/edit/main/chapters/index.mdx`);
  });

  test('no "Last updated" date (there is no history to take it from), and the build does not fail', () => {
    expect(lastUpdated(page('50-fastapi/index.html'))).toBeUndefined();
  });
});

describe('BOOK_REPO_URL set, the book in a git checkout', () => {
  let page: (path: string) => string;
  beforeAll(async () => {
    const git = (...args: string[]) => execFileSync('git', ['-C', scratch, ...args], {
      stdio: 'pipe',
      env: { ...process.env, GIT_AUTHOR_DATE: '2026-03-14T12:00:00Z', GIT_COMMITTER_DATE: '2026-03-14T12:00:00Z' },
    });
    git('init', '-q');
    git('-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.org', 'add', 'chapters');
    git('-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.org', 'commit', '-q', '-m', 'fixture');
    page = await build();
  });

  test('each page shows the date of the last commit that changed its source', () => {
    expect(lastUpdated(page('50-fastapi/index.html'))).toBe('2026-03-14T12:00:00.000Z');
    expect(lastUpdated(page('53-kubernetes/index.html'))).toBe('2026-03-14T12:00:00.000Z');
    expect(editLink(page('53-kubernetes/index.html'))).toBe(`${REPO}/edit/main/chapters/53-kubernetes/index.mdx`);
  });
});

describe('parseRepoUrl', () => {
  test('takes an http(s) URL and drops a trailing slash or .git', () => {
    expect(parseRepoUrl('https://github.com/org/book/')).toBe('https://github.com/org/book');
    expect(parseRepoUrl('https://github.com/org/book.git')).toBe('https://github.com/org/book');
    expect(parseRepoUrl(undefined)).toBeUndefined();
    expect(parseRepoUrl('')).toBeUndefined();
  });

  test('anything else is refused with what to set instead', () => {
    expect(() => parseRepoUrl('git@github.com:org/book.git')).toThrowErrorMatchingInlineSnapshot(`[UsageError: BOOK_REPO_URL="git@github.com:org/book.git" is not an http(s) address. Set it to the repository's web page, e.g. BOOK_REPO_URL=https://github.com/org/book, or leave it unset for no edit links or dates.]`);
  });
});
