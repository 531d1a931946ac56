/**
 * Input → output fixtures for every directive: tests/core/fixtures/directives/<case>/input.mdx is run
 * through the shared core against the fixture root, and the resulting Markdown must equal output.md.
 * Run with UPDATE=1 to rewrite the expected files after an intended change (then read the diff).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root } from 'mdast';
import { directiveToMarkdown } from 'mdast-util-directive';
import { toMarkdown } from 'mdast-util-to-markdown';
import { describe, expect, test } from 'vitest';
import { applyBookDirectives } from '../../src/core/directives.ts';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { parseMdx } from '../../src/core/parse.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, 'fixtures/root');
const casesDir = join(here, 'fixtures/directives');

/** Markdown for the transformed tree, with slide blocks appended so the fixture shows what the deck gets. */
function render(input: string): string {
  const tree = parseMdx(input);
  const result = applyBookDirectives(tree, { root, file: 'chapters/50-fixture/index.mdx', source: input });
  const page = toMarkdown(tree as Root, { extensions: [directiveToMarkdown()] });
  const parts = [`<!-- book page -->\n${page}`];
  result.slides.forEach((slide, index) => {
    const body = toMarkdown({ type: 'root', children: slide.children } as Root, { extensions: [directiveToMarkdown()] });
    const notes = toMarkdown({ type: 'root', children: slide.notes } as Root);
    parts.push(`<!-- slide ${index + 1}: title=${slide.title ?? '-'} layout=${slide.layout} book=${slide.book} section=${slide.section?.slug ?? '-'} line=${slide.line} -->\n${body}<!-- notes -->\n${notes}`);
  });
  if (result.includes.length) parts.push(`<!-- includes -->\n${result.includes.map((i) => `${i.kind} ${i.path} at ${i.line}:${i.column}${i.region ? ` region ${i.region}` : ''}`).join('\n')}\n`);
  if (result.mermaid.length) parts.push(`<!-- mermaid blocks -->\n${result.mermaid.map((m) => `line ${m.line}`).join('\n')}\n`);
  if (result.diagnostics.length) parts.push(`<!-- diagnostics -->\n${result.diagnostics.map(formatDiagnostic).join('\n')}\n`);
  return parts.join('\n');
}

describe('directive fixtures', () => {
  const cases = readdirSync(casesDir).sort();
  test('there is a fixture for every directive', () => {
    expect(cases).toEqual(expect.arrayContaining(['snippet-region', 'diagram', 'slide-hidden', 'slide-book', 'unknown-directives']));
  });
  for (const name of cases) {
    test(name, () => {
      const input = readFileSync(join(casesDir, name, 'input.mdx'), 'utf8');
      const actual = render(input);
      const expectedPath = join(casesDir, name, 'output.md');
      if (process.env['UPDATE'] || !existsSync(expectedPath)) writeFileSync(expectedPath, actual);
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    });
  }
});
