/** Small pure pieces: Chromium lookup order, Mermaid error parsing, the content hash. */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { chromiumCandidates, findChromium, findChromiumOrNull } from '../../src/diagrams/chromium.ts';
import { diagramHash } from '../../src/diagrams/hash.ts';
import { mermaidErrorDiagnostic, parseMermaidError } from '../../src/diagrams/mermaid-errors.ts';

const noFiles = { isFile: () => false, listDir: () => [] };

describe('findChromium', () => {
  it('tries $BOOK_CHROMIUM, $CHROME_PATH, /usr/bin/chromium, then the newest Playwright build', () => {
    const candidates = chromiumCandidates({
      env: { BOOK_CHROMIUM: '/opt/book/chrome', CHROME_PATH: '/opt/chrome' },
      home: '/home/u',
      listDir: () => ['chromium-1100', 'chromium_headless_shell-1200', 'chromium-1200', 'ffmpeg-1010'],
    });
    expect(candidates.map((candidate) => candidate.path)).toEqual([
      '/opt/book/chrome',
      '/opt/chrome',
      '/usr/bin/chromium',
      '/home/u/.cache/ms-playwright/chromium-1200/chrome-linux/chrome',
      '/home/u/.cache/ms-playwright/chromium-1200/chrome-linux64/chrome',
      '/home/u/.cache/ms-playwright/chromium-1100/chrome-linux/chrome',
      '/home/u/.cache/ms-playwright/chromium-1100/chrome-linux64/chrome',
    ]);
  });

  it('returns the first candidate that exists', () => {
    const lookup = { env: { CHROME_PATH: '/opt/chrome' }, home: '/h', isFile: (p: string) => p !== '/opt/chrome', listDir: () => [] };
    expect(findChromiumOrNull(lookup)).toBe('/usr/bin/chromium');
  });

  it('says what to install when there is none', () => {
    let message = '';
    try {
      findChromium({ env: {}, home: '/h', ...noFiles });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatchInlineSnapshot(`
      "diagrams  error  No Chromium found to render Mermaid diagrams (looked at $BOOK_CHROMIUM, $CHROME_PATH, /usr/bin/chromium and ~/.cache/ms-playwright)  [diagram-browser]
        hint: Install it with \`apt-get install -y chromium\`, or set BOOK_CHROMIUM=/path/to/chrome"
    `);
  });
});

describe('parseMermaidError', () => {
  it('keeps the message, drops the caret excerpt and maps the line into the chapter', () => {
    const raw = "Parse error on line 2:\n...A --> B --> --> C\n---------------^\nExpecting 'AMP', got 'LINK'";
    const position = parseMermaidError(raw, 2);
    expect(position).toEqual({ line: 2, column: 0, message: "Parse error on line 2: Expecting 'AMP', got 'LINK'" });
    expect(formatDiagnostic(mermaidErrorDiagnostic({ file: 'chapters/54-x/index.mdx', line: 40 }, position))).toMatchInlineSnapshot(`
      "chapters/54-x/index.mdx:41  error  Mermaid syntax error: Parse error on line 2: Expecting 'AMP', got 'LINK'  [diagram-syntax]
        hint: Fix the Mermaid text at that line, then run \`npm run diagrams\`"
    `);
  });

  it('reads line and column from Langium-style messages and defaults to line 1', () => {
    expect(parseMermaidError('Parsing failed:  Parse error on line 4, column 7: Expecting token', null)).toEqual({
      line: 4,
      column: 7,
      message: 'Parsing failed: Parse error on line 4, column 7: Expecting token',
    });
    expect(parseMermaidError('No diagram type detected', null)).toEqual({ line: 1, column: 0, message: 'No diagram type detected' });
  });
});

describe('diagramHash', () => {
  it('depends on the text only up to line endings and trailing whitespace', () => {
    const hash = diagramHash('flowchart TD\n  A --> B\n');
    expect(hash).toMatch(/^[0-9a-f]{20}$/);
    expect(diagramHash('flowchart TD\r\n  A --> B')).toBe(hash);
    expect(diagramHash('flowchart TD\n  A --> C\n')).not.toBe(hash);
  });
});
