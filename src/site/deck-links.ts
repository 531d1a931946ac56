/**
 * Puts each "Slides for this section" link (left by page-hooks.ts where a section's first slide block was)
 * right under the heading of that section, so it reads as part of the section it opens and never as the
 * start of the next one. Runs after remarkBook on the page's Markdown tree; only top-level links move.
 *
 *   ## Probes                          ## Probes
 *   Readiness and liveness …     →     ▶ Slides for this section
 *   ▶ Slides for this section          Readiness and liveness …
 *   ## Capstone                        ## Capstone
 */
import type { Root, RootContent } from 'mdast';

/** Whether `node` is a deck link paragraph made by page-hooks.ts. */
export function isDeckLink(node: RootContent): boolean {
  const className = (node.data as { hProperties?: { className?: unknown } } | undefined)?.hProperties?.className;
  return node.type === 'paragraph' && Array.isArray(className) && className.includes('deck-link');
}

/** Nodes at the top of a page that are not content: frontmatter and MDX imports/exports. */
const PREAMBLE = new Set(['yaml', 'toml', 'mdxjsEsm']);

export function remarkSectionDeckLinks() {
  return (tree: Root): void => {
    const children = tree.children;
    let start = 0;
    while (start < children.length && PREAMBLE.has(children[start]!.type)) start += 1;
    // Where the current section's content begins: after its heading, or (before any heading) the page's start.
    let sectionStart = start;
    for (let i = start; i < children.length; i += 1) {
      const node = children[i]!;
      if (node.type === 'heading') sectionStart = i + 1;
      else if (isDeckLink(node) && i > sectionStart) {
        children.splice(i, 1);
        children.splice(sectionStart, 0, node);
      }
    }
  };
}
