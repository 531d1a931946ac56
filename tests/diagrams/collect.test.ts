/** Finding diagrams (files and inline blocks), unused diagram files, and the no-browser --check mode. */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { diagramsCheck, runDiagramsCommand, unusedDiagramWarnings } from '../../src/diagrams/command.ts';
import { collectDiagramSources, collectDiagramUsage } from '../../src/diagrams/collect.ts';
import { copyFixture, FIXTURES, forbiddenLauncher } from './helpers.ts';

const BOOK = `${FIXTURES}book`;

describe('collectDiagramSources', () => {
  it('returns .mmd files (line 1) and inline mermaid blocks (first code line) with repo-relative origins', async () => {
    const sources = await collectDiagramSources(BOOK);
    expect(sources.map((source) => source.origin)).toEqual([
      { file: 'diagrams/53-demo/nested-flowchart.mmd', line: 1 },
      { file: 'diagrams/53-demo/sequence-autonumber.mmd', line: 1 },
      { file: 'diagrams/53-demo/state-notes.mmd', line: 1 },
      { file: 'chapters/53-demo/index.mdx', line: 17 },
    ]);
    expect(sources[3]?.source).toBe('flowchart TD\n  build[Build image] --> push[Push to registry]\n  push --> deploy[Deploy]');
  });

  it('finds the ::diagram references of chapters', async () => {
    const usage = await collectDiagramUsage(BOOK);
    expect(usage.files).toEqual(['53-demo/nested-flowchart.mmd', '53-demo/sequence-autonumber.mmd', '53-demo/state-notes.mmd']);
    expect(usage.references.map((ref) => `${ref.file}:${ref.line}:${ref.column} ${ref.src}`)).toEqual([
      'chapters/53-demo/index.mdx:8:1 53-demo/nested-flowchart.mmd',
      'chapters/53-demo/index.mdx:12:1 53-demo/sequence-autonumber.mmd',
    ]);
  });

  it('reports broken MDX at its position', async () => {
    const book = copyFixture('bad');
    try {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${book.root}/chapters/50-broken/index.mdx`, '# Title\n\nText with <unclosed tag\n');
      await expect(collectDiagramSources(book.root)).rejects.toThrowErrorMatchingInlineSnapshot(`
        [BookError: chapters/50-broken/index.mdx:3:24  error  Cannot parse chapter as MDX: Unexpected end of file in attribute name, expected an attribute name character such as letters, digits, \`$\`, or \`_\`; \`=\` to initialize a value; whitespace before attributes; or the end of the tag  [mdx-syntax]
          hint: Fix the MDX syntax at that position (unclosed tag or a stray \`{\` or \`<\` in prose?)]
      `);
    } finally {
      book.cleanup();
    }
  });
});

describe('unused diagrams and --check', () => {
  it('warns about diagram files no chapter embeds', async () => {
    expect((await unusedDiagramWarnings(BOOK)).map((entry) => formatDiagnostic(entry)).join('\n')).toMatchInlineSnapshot(`
      "diagrams/53-demo/state-notes.mmd  warning  Diagram is not used by any chapter  [diagram-unused]
        hint: Embed it with ::diagram{src="53-demo/state-notes.mmd" alt="…"} or delete the file"
    `);
  });

  it('reports every stale diagram at its origin without launching a browser, and exits 1', async () => {
    expect((await diagramsCheck(BOOK)).map((entry) => formatDiagnostic(entry))).toHaveLength(4);
    const lines: string[] = [];
    const errors: string[] = [];
    let clock = 0;
    const result = await runDiagramsCommand(
      BOOK,
      { force: false, check: true },
      { log: (line) => lines.push(line), error: (text) => errors.push(text), now: () => (clock += 250) },
      { launcher: forbiddenLauncher },
    );
    expect(result.exitCode).toBe(1);
    expect(result.summary).toBe('4 diagram(s) stale or missing in 0.3 s');
    expect(errors.join('\n')).toMatchInlineSnapshot(`
      "chapters/53-demo/index.mdx:17  error  Mermaid diagram has no up-to-date rendering in diagrams/.rendered/  [diagram-stale]
        hint: run npm run diagrams and commit diagrams/.rendered/
      diagrams/53-demo/nested-flowchart.mmd:1  error  Mermaid diagram has no up-to-date rendering in diagrams/.rendered/  [diagram-stale]
        hint: run npm run diagrams and commit diagrams/.rendered/
      diagrams/53-demo/sequence-autonumber.mmd:1  error  Mermaid diagram has no up-to-date rendering in diagrams/.rendered/  [diagram-stale]
        hint: run npm run diagrams and commit diagrams/.rendered/
      diagrams/53-demo/state-notes.mmd  warning  Diagram is not used by any chapter  [diagram-unused]
        hint: Embed it with ::diagram{src="53-demo/state-notes.mmd" alt="…"} or delete the file
      diagrams/53-demo/state-notes.mmd:1  error  Mermaid diagram has no up-to-date rendering in diagrams/.rendered/  [diagram-stale]
        hint: run npm run diagrams and commit diagrams/.rendered/"
    `);
  });
});
