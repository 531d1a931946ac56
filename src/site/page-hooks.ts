/**
 * How the site shows diagrams: `::diagram` files and inline ```mermaid blocks both become a <figure> with
 * the committed light and dark SVG renderings inlined (no JavaScript; CSS picks the variant for the theme).
 *
 *   ```mermaid alt="The request path" caption="Figure 1"      ← optional alt/caption in the fence's meta
 *
 * A diagram whose rendering is missing or stale stops the page with its location and the command that
 * refreshes it (`npm run diagrams`); no browser runs during a site build.
 */
import type { Code, RootContent } from 'mdast';
import type { Element as HastElement, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { DirectiveHooks } from '../core/directives.ts';
import { diagramFigureHtml, readRenderedDiagram } from '../diagrams/index.ts';

/** Parses figure markup into the hast that mdast-util-to-hast attaches through `data.hName`. */
function figureNode(html: string): RootContent {
  const fragment = fromHtml(html, { fragment: true });
  const figure = fragment.children.find((node): node is HastElement => node.type === 'element' && node.tagName === 'figure');
  if (!figure) throw new Error('diagram markup has no <figure>');
  return {
    type: 'paragraph',
    children: [],
    data: { hName: 'figure', hProperties: figure.properties, hChildren: figure.children as ElementContent[] },
  } as unknown as RootContent;
}

/** `alt="…" caption="…"` from a fence's meta string. */
function metaAttribute(meta: string | null | undefined, name: string): string | undefined {
  if (!meta) return undefined;
  return new RegExp(`\\b${name}="([^"]*)"`).exec(meta)?.[1];
}

export function siteDiagramHooks(root: string): (file: string) => DirectiveHooks {
  return (file) => ({
    diagram: (diagram) => {
      const rendered = readRenderedDiagram(root, { source: diagram.source, origin: { file: diagram.path, line: 1 } });
      return figureNode(diagramFigureHtml({ rendered, alt: diagram.alt, caption: diagram.caption }));
    },
    mermaid: (block, node: Code) => {
      const rendered = readRenderedDiagram(root, { source: block.code, origin: { file, line: block.line } });
      const alt = metaAttribute(node.meta, 'alt') ?? 'Diagram';
      return figureNode(diagramFigureHtml({ rendered, alt, caption: metaAttribute(node.meta, 'caption') }));
    },
  });
}
