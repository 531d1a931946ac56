/**
 * A Shiki transformer that gives each code line its indent as a CSS variable, so that a line wrapping on a
 * slide (code there wraps rather than run off the column) continues right of where its text starts instead
 * of at the left edge, where `--from-` / `literal=` or a lone `\` read as lines of their own.
 *
 *   <span class="line">      - name: agent</span>
 *     → <span class="line" style="--book-indent:6ch">      - name: agent</span>
 *
 * slides/theme/styles/book.css turns the variable into a hanging indent. Only an attribute is added: the code's
 * text, and so what Slidev's copy button copies, stays byte for byte the same.
 */
import type { Element, ElementContent } from 'hast';
import type { ShikiTransformer } from 'shiki';

/** Columns a tab advances to (CSS `tab-size`, 8 unless a stylesheet says otherwise). */
const TAB_SIZE = 8;

function textOf(nodes: readonly ElementContent[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.value : node.type === 'element' ? textOf(node.children) : '')).join('');
}

/** Width of the leading white space of `line` in columns, tabs to the next tab stop. */
export function indentColumns(line: string): number {
  let columns = 0;
  for (const char of line) {
    if (char === ' ') columns += 1;
    else if (char === '\t') columns += TAB_SIZE - (columns % TAB_SIZE);
    else break;
  }
  return columns;
}

export function hangingIndent(): ShikiTransformer {
  return {
    name: 'book:hanging-indent',
    line(line: Element) {
      const columns = indentColumns(textOf(line.children));
      if (columns === 0) return;
      const style = typeof line.properties['style'] === 'string' ? line.properties['style'] : '';
      line.properties['style'] = `${style}${style && !style.endsWith(';') ? ';' : ''}--book-indent:${columns}ch`;
    },
  };
}
