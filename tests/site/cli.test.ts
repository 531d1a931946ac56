/**
 * The commands as a contributor runs them: a broken chapter stops `npm run build` and `npm run check` with
 * every problem as file:line:col + hint, exit code 1, and no stack trace; bad options exit 2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { pdfSetting } from '../../src/cli/pdf-setting.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const broken = join(repo, 'tests/site/fixtures/broken');
const run = (script: string, ...args: string[]) => {
  const result = spawnSync(process.execPath, [join(repo, 'scripts', script), ...args], { cwd: repo, encoding: 'utf8' });
  return { code: result.status, out: `${result.stdout}${result.stderr}`.replaceAll(broken, '<root>') };
};

describe('a broken chapter', () => {
  test('npm run build stops before Astro, listing every problem with its place and no stack trace', () => {
    const { code, out } = run('build.ts', '--root', broken);
    expect(code).toBe(1);
    expect(out).toMatchInlineSnapshot(`
      "book: checking chapters …
      book: 1 chapter, 0 other pages, 0 includes — 3 errors, 0 warnings
      book: build stopped — fix the errors above (npm run check lists them again).
      chapters/53-kubernetes/index.mdx:10:1  error  Unknown region "probez" in snippets/53-kubernetes/deploy/deployment.yaml  [snippet-region]
        hint: Regions in that file: probes. Did you mean "probes"?
      chapters/53-kubernetes/index.mdx:12:1  error  ::diagram 53-kubernetes/cluster.mmd has no alt text  [diagram-alt]
        hint: Add alt="…" describing what the diagram shows, for readers who cannot see it.
      chapters/53-kubernetes/index.mdx:14:1  error  Snippet path "../../package.json" escapes snippets/  [snippet-path]
        hint: Snippets must live inside snippets/; write src relative to that folder without "..".
      "
    `);
    expect(out).not.toMatch(/^\s+at /m);
    expect(existsSync(join(broken, 'dist'))).toBe(false);
  });

  test('npm run check reports the same problems', () => {
    const { code, out } = run('check.ts', '--root', broken);
    expect(code).toBe(1);
    expect(out).toContain('chapters/53-kubernetes/index.mdx:10:1  error  Unknown region "probez"');
    expect(out).toContain('check: 1 chapter, 0 other pages, 0 includes — 3 errors, 0 warnings');
  });
});

describe('options', () => {
  test.each(['build.ts', 'check.ts', 'dev.ts', 'bench.ts', 'diagrams.ts', 'verify-snippets.ts', 'slides.ts', 'slides-export.ts', 'check-links.ts'])('%s --help prints usage and exits 0', (script) => {
    const { code, out } = run(script, '--help');
    expect(code).toBe(0);
    expect(out).toMatch(/Usage: npm run/);
  });

  test('an unknown option exits 2 with a pointer to --help', () => {
    const { code, out } = run('build.ts', '--sight-only');
    expect(code).toBe(2);
    expect(out).toContain("Unknown option '--sight-only'");
    expect(out).toContain('--help');
  });
});

describe('PDFs in npm run build', () => {
  const home = '/home/reader';
  const listDir = () => [];
  test('with a Chromium, PDFs are exported with it and cached outside the work tree ($BOOK_CACHE_DIR wins)', () => {
    const found = pdfSetting({ wanted: true, env: {}, home, isFile: (path) => path === '/usr/bin/chromium', listDir });
    expect(found).toEqual({ pdf: { executablePath: '/usr/bin/chromium', cacheDir: '/home/reader/.cache/ai-cloud-native-book/decks-pdf' }, note: undefined });
    expect(pdfSetting({ wanted: true, env: { BOOK_CACHE_DIR: '/var/cache/book', BOOK_CHROMIUM: '/opt/chrome' }, home, isFile: (path) => path === '/opt/chrome', listDir }).pdf)
      .toEqual({ executablePath: '/opt/chrome', cacheDir: '/var/cache/book/decks-pdf' });
  });

  test('without a Chromium the build says in one line that PDFs were skipped and how to get them', () => {
    expect(pdfSetting({ wanted: true, env: {}, home, isFile: () => false, listDir })).toEqual({
      pdf: undefined,
      note: 'book: PDFs skipped — no Chromium found; install it (apt-get install chromium) or set BOOK_CHROMIUM=/path/to/chromium, then build again. Pages link no PDF.',
    });
  });

  test('--no-pdf and --site-only skip them on purpose', () => {
    expect(pdfSetting({ wanted: false, env: {}, home, isFile: () => true, listDir })).toEqual({ pdf: undefined, note: undefined });
  });

  test('npm run build --help documents --no-pdf and where the PDFs go', () => {
    const { out } = run('build.ts', '--help');
    expect(out).toContain('--no-pdf');
    expect(out).toContain('dist/slides/<chapter>/<chapter>.pdf');
  });
});
