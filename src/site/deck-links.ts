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

export function remarkSectionDeckLinks() {
  return (tree: Root): void => {
    const children = tree.children;
    let heading = -1;
    for (let i = 0; i < children.length; i += 1) {
      const node = children[i]!;
      if (node.type === 'heading') heading = i;
      else if (isDeckLink(node) && heading >= 0 && i > heading + 1) {
        children.splice(i, 1);
        children.splice(heading + 1, 0, node);
      }
    }
  };
}
