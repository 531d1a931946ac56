/**
 * The line under an included snippet that tells the reader it is a real file that was verified: shown only
 * for a file whose verification record entry matches its current content, never otherwise.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RootContent } from 'mdast';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSnippet, fsReader } from '../../src/core/snippet.ts';
import { contentHash, writeVerificationRecord } from '../../src/core/verification-record.ts';
import { sitePageHooks } from '../../src/site/page-hooks.ts';

const fixture = fileURLToPath(new URL('./fixtures/book', import.meta.url));
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function book(): string {
  const root = mkdtempSync(join(tmpdir(), 'tested-code-'));
  made.push(root);
  cpSync(fixture, root, { recursive: true });
  return root;
}

function render(root: string, src: string, options: { repoUrl?: string } = {}): RootContent[] {
  const resolved = resolveSnippet(root, { src }, fsReader);
  if (!resolved.ok) throw new Error(resolved.problems.map((p) => p.message).join('; '));
  const out = sitePageHooks(root, '/book/', options)('chapters/50-fastapi/index.mdx').snippet?.(resolved.value);
  return Array.isArray(out) ? out : out ? [out] : [];
}

const text = (node: RootContent | undefined): string => JSON.stringify(node);
const path = 'snippets/50-fastapi/agent/main.py';

describe('the tested-code line under a snippet', () => {
  it('is absent when nothing was verified (no record)', () => {
    expect(render(book(), '50-fastapi/agent/main.py').map((n) => n.type)).toEqual(['code']);
  });

  it('names the tier reached and the command that checks the file again, kept out of search', () => {
    const root = book();
    const sha256 = contentHash(readFileSync(join(root, path), 'utf8'));
    writeVerificationRecord(root, [{ path, sha256, reached: 'local', example: 'snippets/50-fastapi/agent', command: 'npm run verify-snippets -- --snippet snippets/50-fastapi/agent', verifiedAt: '2026-12-02T18:00:00.000Z' }]);
    const [code, line] = render(root, '50-fastapi/agent/main.py');
    expect(code?.type).toBe('code');
    expect(line?.type).toBe('paragraph');
    expect(text(line)).toContain('local tier');
    expect(text(line)).toContain('npm run verify-snippets -- --snippet snippets/50-fastapi/agent');
    expect(text(line)).toContain('data-pagefind-ignore');
    expect(text(line)).not.toContain('github');
  });

  it('links to the file in the repository when BOOK_REPO_URL is set', () => {
    const root = book();
    const sha256 = contentHash(readFileSync(join(root, path), 'utf8'));
    writeVerificationRecord(root, [{ path, sha256, reached: 'static', command: `npm run verify-snippets -- --snippet ${path}`, verifiedAt: '2026-12-02T18:00:00.000Z' }]);
    const [, line] = render(root, '50-fastapi/agent/main.py', { repoUrl: 'https://github.com/example/book/' });
    expect(text(line)).toContain('https://github.com/example/book/blob/main/snippets/50-fastapi/agent/main.py');
  });

  it('disappears once the file changes after it was verified', () => {
    const root = book();
    const sha256 = contentHash(readFileSync(join(root, path), 'utf8'));
    writeVerificationRecord(root, [{ path, sha256, reached: 'local', command: 'x', verifiedAt: '2026-12-02T18:00:00.000Z' }]);
    writeFileSync(join(root, path), `${readFileSync(join(root, path), 'utf8')}\n# edited\n`);
    expect(render(root, '50-fastapi/agent/main.py').map((n) => n.type)).toEqual(['code']);
  });
});
