/**
 * The `extends` chain as the shared core reads it (tests/core/fixtures/overlay): base first, removals per
 * layer, where a file of the materialised base comes from, and every error with its position.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { baseFileOf, exampleRelative, fileInLayers, resolveOverlayChain } from '../../src/core/overlay.ts';

const root = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures/overlay');

function errors(dir: string): string {
  const chain = resolveOverlayChain(root, dir);
  if (chain.ok) throw new Error(`${dir} resolved`);
  return chain.diagnostics.map(formatDiagnostic).join('\n');
}

describe('resolveOverlayChain', () => {
  test('an example that extends nothing is its own only layer', () => {
    const chain = resolveOverlayChain(root, 'snippets/60-plain/x');
    expect(chain.ok && chain.layers.map((l) => l.dir)).toEqual(['snippets/60-plain/x']);
  });

  test('a chain of two resolves base first, with each layer\'s removals and requirements', () => {
    const chain = resolveOverlayChain(root, 'snippets/52-third/app');
    if (!chain.ok) throw new Error(chain.diagnostics.map(formatDiagnostic).join('\n'));
    expect(chain.layers.map((l) => [l.dir, l.remove, l.requirements])).toEqual([
      ['snippets/50-base/app', [], 'requirements.txt'],
      ['snippets/51-next/app', [], undefined],
      ['snippets/52-third/app', ['pkg/settings.py'], undefined],
    ]);
    expect(chain.layers[2]?.extends).toEqual({ value: '../../51-next/app', line: 2, column: 1 });
  });

  test('a cycle is reported at the extends that closes it, naming the whole loop', () => {
    expect(errors('snippets/70-cycle/a')).toMatchInlineSnapshot(`
      "snippets/70-cycle/b/verify.yaml:1:1  error  extends forms a cycle: snippets/70-cycle/a → snippets/70-cycle/b → snippets/70-cycle/a  [verify-extends]
        hint: Each example must extend an earlier one; remove the extends that points back."
    `);
  });

  test('a missing base', () => {
    expect(errors('snippets/71-broken/missing')).toMatchInlineSnapshot(`
      "snippets/71-broken/missing/verify.yaml:2:1  error  extends "../../50-base/gone": the base example snippets/50-base/gone/ does not exist  [verify-extends]
        hint: Check the path; it is relative to snippets/71-broken/missing/."
    `);
  });

  test('a base folder without verify.yaml', () => {
    expect(errors('snippets/71-broken/nomanifest')).toMatchInlineSnapshot(`
      "snippets/71-broken/nomanifest/verify.yaml:2:1  error  extends "../notexample": snippets/71-broken/notexample/ has no verify.yaml, so it is not an example  [verify-extends]
        hint: Extend the example folder that holds the verify.yaml (a parent of snippets/71-broken/notexample/?), or add one there."
    `);
  });

  test('a path that escapes snippets/', () => {
    expect(errors('snippets/71-broken/escape')).toMatchInlineSnapshot(`
      "snippets/71-broken/escape/verify.yaml:2:1  error  extends "../../../../package" points outside snippets/  [verify-extends]
        hint: Give the path of an earlier example folder relative to snippets/71-broken/escape/, e.g. ../../50-fastapi/lumen."
    `);
  });

  test('an example cannot extend itself', () => {
    expect(errors('snippets/71-broken/self')).toContain('extends "." names snippets/71-broken/self, which is this example');
  });
});

describe('files of the materialised base', () => {
  test('the topmost layer that has a file provides it; a removal hides the layers below', () => {
    const chain = resolveOverlayChain(root, 'snippets/52-third/app');
    if (!chain.ok) throw new Error('unresolved');
    expect(fileInLayers(root, chain.layers, 'pkg/main.py')).toBe('snippets/51-next/app/pkg/main.py');
    expect(fileInLayers(root, chain.layers, 'requirements.txt')).toBe('snippets/50-base/app/requirements.txt');
    expect(fileInLayers(root, chain.layers, 'pkg/extra.py')).toBe('snippets/52-third/app/pkg/extra.py');
    expect(fileInLayers(root, chain.layers, 'pkg/settings.py')).toBeUndefined();
    expect(fileInLayers(root, chain.layers, 'nothing.py')).toBeUndefined();
  });

  test('baseFileOf finds the same path in the base, or says why not', () => {
    expect(baseFileOf(root, 'snippets/51-next/app/pkg/main.py')).toEqual({ ok: true, value: { path: 'snippets/50-base/app/pkg/main.py', example: 'snippets/51-next/app', base: 'snippets/50-base/app' } });
    expect(baseFileOf(root, 'snippets/52-third/app/pkg/main.py')).toMatchObject({ ok: true, value: { path: 'snippets/51-next/app/pkg/main.py', base: 'snippets/51-next/app' } });
    expect(baseFileOf(root, 'snippets/60-plain/x/a.py')).toMatchObject({ ok: false, problems: [{ rule: 'snippet-diff', message: expect.stringContaining('extends no other example') }] });
    expect(baseFileOf(root, 'snippets/52-third/app/pkg/extra.py')).toMatchObject({ ok: false, problems: [{ message: 'The base example snippets/51-next/app/ has no pkg/extra.py to diff snippets/52-third/app/pkg/extra.py against' }] });
  });

  test('exampleRelative refuses paths that leave the example', () => {
    expect(exampleRelative('tests/old.py')).toBe('tests/old.py');
    expect(exampleRelative('./a/../b/')).toBe('b');
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', '.', '', 'C:\\\\x']) expect(exampleRelative(bad)).toBeUndefined();
  });
});
