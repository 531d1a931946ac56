/**
 * Figure numbers in a chapter's captions ("Figure 55.2: …") must run 1, 2, 3 in the order the figures first
 * appear, with the chapter's own number; a slide that shows a figure again repeats the number it had.
 * Captions come from `::diagram{caption="…"}` and from a Mermaid fence's `caption="…"` meta.
 *
 *   checkFigureNumbers(tree, 'chapters/55-dapr/index.mdx', 55)
 *   // → [{ rule: 'figure-number', line: 17, message: 'Figure 55.3 is the 2nd figure of the page: number it Figure 55.2', … }]
 *
 * Run it on the parsed page, before the book's directives replace the diagram nodes.
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { diagnostic, type Diagnostic } from './diagnostics.ts';

const RULE = 'figure-number';
const NUMBERED = /^Figure\s+(\d+)\.(\d+)\b/;

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

/** The `caption="…"` of a fence's meta string, e.g. `alt="…" caption="Figure 1"`. */
function metaCaption(meta: string | null | undefined): string | undefined {
  return meta ? /(?:^|\s)caption="([^"]*)"/.exec(meta)?.[1] : undefined;
}

export function checkFigureNumbers(tree: Root, file: string, chapter: number): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<number>();
  const hint = `Number figures ${chapter}.1, ${chapter}.2, … in the order they first appear; a slide that shows a figure again repeats its number.`;
  visit(tree, (node) => {
    let caption: string | undefined;
    if (node.type === 'leafDirective' && node.name === 'diagram') caption = node.attributes?.caption ?? undefined;
    else if (node.type === 'code' && node.lang === 'mermaid') caption = metaCaption(node.meta);
    const match = caption === undefined ? null : NUMBERED.exec(caption.trim());
    if (!match) return;
    const [written, inChapter, figure] = [match[0], Number(match[1]), Number(match[2])];
    const expected = seen.size + 1;
    const where = { file, line: node.position?.start.line, column: node.position?.start.column, rule: RULE, hint };
    if (inChapter !== chapter) {
      diagnostics.push(diagnostic({ ...where, message: `${written} is in chapter ${chapter}: number it Figure ${chapter}.${expected}` }));
      return;
    }
    if (seen.has(figure)) return;
    seen.add(figure);
    if (figure !== expected) diagnostics.push(diagnostic({ ...where, message: `${written} is the ${ordinal(expected)} figure of the page: number it Figure ${chapter}.${expected}` }));
  });
  return diagnostics;
}
