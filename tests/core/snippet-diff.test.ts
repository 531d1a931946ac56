/**
 * `::snippet{src=… diff}`: a file of an overlay example shown against the same path in its base, as the
 * page gets it (Expressive Code's `ins={…} del={…}` meta) and with every error an author can meet.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Code } from 'mdast';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { applyBookDirectives } from '../../src/core/directives.ts';
import { parseMdx } from '../../src/core/parse.ts';
import type { ResolvedSnippet } from '../../src/core/snippet.ts';
import { diffFenceText, diffListing } from '../../src/core/snippet-diff.ts';

const root = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures/overlay');

function run(mdx: string) {
  const tree = parseMdx(mdx);
  const result = applyBookDirectives(tree, { root, file: 'chapters/51-next/index.mdx', source: mdx });
  const code = tree.children.find((node): node is Code => node.type === 'code');
  return { code, result, problems: result.diagnostics.map(formatDiagnostic).join('\n') };
}

describe('diffListing', () => {
  test('merges both sides, numbering inserted and deleted lines in the listing', () => {
    const listing = diffListing(['a', 'b', 'c'], ['a', 'B', 'c', 'd']);
    expect(listing.lines).toEqual(['a', 'b', 'B', 'c', 'd']);
    expect(listing.deleted).toEqual([2]);
    expect(listing.inserted).toEqual([3, 5]);
    expect(listing.newIndex).toEqual([0, -1, 1, 2, 3]);
    expect(diffFenceText(listing.lines, listing.kinds)).toBe(' a\n-b\n+B\n c\n+d');
  });
});

describe('::snippet{diff} on the page', () => {
  test('a whole file: every line of both, with ins/del markers in the meta', () => {
    const { code, problems } = run('::snippet{src="51-next/app/pkg/main.py" diff}');
    expect(problems).toBe('');
    expect(code?.lang).toBe('python');
    expect(code?.meta).toBe('title="app/pkg/main.py" ins={10-11} del={9}');
    const lines = code?.value.split('\n') ?? [];
    expect(lines[8 - 1]).toBe('async def health() -> dict[str, str]:');
    expect(lines[9 - 1]).toBe('    return {"status": "ok"}');
    expect(lines[10 - 1]).toBe('    # The probe answers without touching the model.');
    expect(lines[11 - 1]).toBe('    return {"status": "ok", "ready": "yes"}');
    // region markers are never shown, on either side
    expect(code?.value).not.toContain('#region');
    const snippet = (code?.data as { snippet?: ResolvedSnippet } | undefined)?.snippet;
    expect(snippet?.diff?.base).toBe('snippets/50-base/app/pkg/main.py');
    expect(snippet?.sourceLines[9 - 1]).toBe(0);
    expect(snippet?.sourceLines[10 - 1]).toBe(10);
  });

  test('with a region: only the region of both files, dedented together', () => {
    const { code, problems } = run('::snippet{src="51-next/app/pkg/main.py" region="health" diff title=""}');
    expect(problems).toBe('');
    expect(code?.meta).toBe('ins={4-5} del={3}');
    expect(code?.value).toBe([
      '@app.get("/healthz")',
      'async def health() -> dict[str, str]:',
      '    return {"status": "ok"}',
      '    # The probe answers without touching the model.',
      '    return {"status": "ok", "ready": "yes"}',
    ].join('\n'));
  });

  test('the chapter records the base file too (the dev server reloads on it)', () => {
    const ok = run('::snippet{src="51-next/app/pkg/main.py" diff}');
    expect(ok.result.includes.map((i) => [i.path, i.diffBase ?? false])).toEqual([
      ['snippets/51-next/app/pkg/main.py', false],
      ['snippets/50-base/app/pkg/main.py', true],
    ]);
  });
});

describe('::snippet{diff} errors', () => {
  test('the file\'s example extends nothing', () => {
    expect(run('::snippet{src="60-plain/x/a.py" diff}').problems).toMatchInlineSnapshot(`
      "chapters/51-next/index.mdx:1:1  error  snippets/60-plain/x/a.py cannot be shown as a diff: its example snippets/60-plain/x/ extends no other example  [snippet-diff]
        hint: Add extends: <path of the earlier example> to snippets/60-plain/x/verify.yaml, or drop the diff option."
    `);
  });
  test('the base has no such file', () => {
    expect(run('intro\n\n::snippet{src="52-third/app/pkg/extra.py" diff}').problems).toMatchInlineSnapshot(`
      "chapters/51-next/index.mdx:3:1  error  The base example snippets/51-next/app/ has no pkg/extra.py to diff snippets/52-third/app/pkg/extra.py against  [snippet-diff]
        hint: The diff option shows how a file changed from the base; for a file the overlay adds, drop the option."
    `);
  });
  test('the file is identical to the base', () => {
    expect(run('::snippet{src="51-next/app/pkg/settings.py" diff}').problems).toMatchInlineSnapshot(`
      "chapters/51-next/index.mdx:1:1  error  snippets/51-next/app/pkg/settings.py is identical to snippets/50-base/app/pkg/settings.py: the diff would show no change  [snippet-diff]
        hint: If the overlay does not change the file, delete it from the overlay (the base provides it) and show the base file without diff."
    `);
  });
  test('a region the base does not have', () => {
    expect(run('::snippet{src="51-next/app/pkg/main.py" region="version" diff}').problems).toMatchInlineSnapshot(`
      "chapters/51-next/index.mdx:1:1  error  The base file snippets/50-base/app/pkg/main.py has no region "version" to diff against  [snippet-diff]
        hint: Regions in the base file: health. Add the same #region there, or diff the whole file."
    `);
  });
  test('lines or highlight with diff', () => {
    expect(run('::snippet{src="51-next/app/pkg/main.py" lines="1-3" diff}').problems).toMatchInlineSnapshot(`
      "chapters/51-next/index.mdx:1:1  error  diff cannot be combined with lines  [snippet-diff]
        hint: A diff marks its own inserted and deleted lines; to show part of the file, wrap it in a #region (in both files) and use region="…"."
    `);
    expect(run('::snippet{src="51-next/app/pkg/main.py" highlight="2" diff}').problems).toContain('diff cannot be combined with highlight');
  });
  test('a value for diff', () => {
    expect(run('::snippet{src="51-next/app/pkg/main.py" diff="base"}').problems).toContain('diff="base" is not understood');
  });
  test('a broken extends chain is reported with the manifest position', () => {
    expect(run('::snippet{src="70-cycle/a/a.py" diff}').problems).toContain('snippets/70-cycle/b/verify.yaml:1:1: extends forms a cycle');
  });
});
