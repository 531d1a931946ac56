/** remarkSectionDeckLinks: each "Slides for this section" link right under its section's heading. */
import type { Root, RootContent } from 'mdast';
import { expect, test } from 'vitest';
import { remarkSectionDeckLinks } from '../../src/site/deck-links.ts';

const heading = (text: string): RootContent => ({ type: 'heading', depth: 2, children: [{ type: 'text', value: text }] });
const prose = (text: string): RootContent => ({ type: 'paragraph', children: [{ type: 'text', value: text }] });
const deckLink = (slide: number): RootContent => ({
  type: 'paragraph',
  children: [{ type: 'link', url: `/slides/x/#/${slide}`, children: [{ type: 'text', value: 'Slides for this section' }] }],
  data: { hProperties: { className: ['deck-link'] } },
} as RootContent);
/** One line per node: `# Heading`, `▶ <deck link url>` or the paragraph's text. */
const outline = (tree: Root) => tree.children.map((node) => {
  const first = (node as { children: { value?: string; url?: string }[] }).children[0];
  if (node.type === 'heading') return `# ${first?.value}`;
  const deck = (node.data as { hProperties?: { className?: string[] } } | undefined)?.hProperties?.className?.includes('deck-link');
  return deck ? `▶ ${first?.url}` : first?.value;
});

test('a link left at the end of a section moves up under that section\'s heading', () => {
  const tree: Root = { type: 'root', children: [heading('Probes'), prose('Readiness …'), prose('Liveness …'), deckLink(4), heading('Capstone'), prose('Deploy …')] };
  remarkSectionDeckLinks()(tree);
  expect(outline(tree)).toEqual(['# Probes', '▶ /slides/x/#/4', 'Readiness …', 'Liveness …', '# Capstone', 'Deploy …']);
});

test('a link of the chapter\'s opening (before any heading) moves to the start of the page', () => {
  const tree: Root = { type: 'root', children: [prose('In chapter 50 …'), prose('A container image …'), deckLink(2), heading('Building the image'), prose('This section …')] };
  remarkSectionDeckLinks()(tree);
  expect(outline(tree)).toEqual(['▶ /slides/x/#/2', 'In chapter 50 …', 'A container image …', '# Building the image', 'This section …']);
});

test('a link already in place stays, and every section keeps its own link', () => {
  const tree: Root = { type: 'root', children: [heading('A'), deckLink(2), prose('a'), heading('B'), prose('b'), deckLink(3)] };
  remarkSectionDeckLinks()(tree);
  expect(outline(tree)).toEqual(['# A', '▶ /slides/x/#/2', 'a', '# B', '▶ /slides/x/#/3', 'b']);
});
