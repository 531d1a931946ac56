/**
 * Keyboard access to content that can scroll sideways: a wide code block or table must be focusable,
 * or keyboard users cannot scroll it (axe: scrollable-region-focusable).
 *
 * - Code blocks: Expressive Code adds `tabindex="0"` from a script, after a resize observer and an idle
 *   callback; the plugin below renders it into the HTML from the start (the script still removes it from
 *   blocks that do not scroll).
 * - Tables: Starlight lets wide tables scroll inside the page; `rehypeFocusableTables` makes each table a
 *   focusable region.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export function focusableCodeBlocks() {
  return {
    name: 'book:focusable-code-blocks',
    hooks: {
      postprocessRenderedBlock: ({ renderData }: { renderData: { blockAst: Element } }) => {
        visit(renderData.blockAst, 'element', (node: Element) => {
          if (node.tagName === 'pre') node.properties['tabIndex'] = 0;
        });
      },
    },
  };
}

export function rehypeFocusableTables() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'table') node.properties['tabIndex'] = 0;
    });
  };
}
