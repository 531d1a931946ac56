/** validateMermaid: the browser-free syntax check (Mermaid's parser in Node with a jsdom DOM). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateMermaid } from '../../src/diagrams/validate.ts';
import { FIXTURES, median } from './helpers.ts';

const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');

describe('validateMermaid', () => {
  it('accepts the fixture diagrams, region markers and HTML labels included', async () => {
    for (const file of ['nested-flowchart.mmd', 'sequence-autonumber.mmd', 'state-notes.mmd']) {
      expect(await validateMermaid(fixture(`book/diagrams/53-demo/${file}`)), file).toBeNull();
    }
    // Labels go through DOMPurify, which only works when a DOM existed at import time.
    expect(await validateMermaid('flowchart TD\n  A["<b>bold</b> label"] --> B{Decide}\n  B -->|yes| C["`**markdown** label`"]')).toBeNull();
  });

  it('leaves no global window or document behind', async () => {
    await validateMermaid('flowchart TD\n  A --> B');
    expect('window' in globalThis).toBe(false);
    expect('document' in globalThis).toBe(false);
  });

  it('reports the line and Mermaid message of a syntax error', async () => {
    expect(await validateMermaid(fixture('bad/diagrams/broken.mmd'))).toMatchInlineSnapshot(`
      {
        "line": 3,
        "message": "Parse error on line 3: Expecting 'TXT', got 'NEWLINE'",
      }
    `);
    expect(await validateMermaid('flowchart TD\n  A --> B\n  B --> --> C')).toMatchInlineSnapshot(`
      {
        "line": 3,
        "message": "Parse error on line 3: Expecting 'AMP', 'COLON', 'PIPE', 'TESTSTR', 'DOWN', 'DEFAULT', 'NUM', 'COMMA', 'NODE_STRING', 'BRKT', 'MINUS', 'MULT', 'UNICODE_TEXT', got 'LINK'",
      }
    `);
    expect(await validateMermaid('flowhcart TD\n  A --> B')).toMatchInlineSnapshot(`
      {
        "line": 1,
        "message": "No diagram type detected matching given configuration for text: flowhcart TD A --> B",
      }
    `);
    expect(await validateMermaid('pie title Pets\n  "Dogs" : 3\n  "Cats" 2')).toMatchInlineSnapshot(`
      {
        "line": 3,
        "message": "Parsing failed: Parse error on line 3, column 10: Expecting token of type ':' but found \`2\`.",
      }
    `);
  });

  it('takes milliseconds per diagram once loaded', async () => {
    const sources = ['nested-flowchart.mmd', 'sequence-autonumber.mmd', 'state-notes.mmd'].map((file) => fixture(`book/diagrams/53-demo/${file}`));
    await validateMermaid(sources[0]!);
    const times: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (const source of sources) {
        const started = performance.now();
        expect(await validateMermaid(source)).toBeNull();
        times.push(performance.now() - started);
      }
    }
    console.log(`validateMermaid: median ${median(times).toFixed(1)} ms per diagram (max ${Math.max(...times).toFixed(1)} ms)`);
    expect(median(times)).toBeLessThan(500);
  });
});
