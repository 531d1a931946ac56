/**
 * Directive hooks for the slide generator: diagrams (`::diagram` and inline ```mermaid) become placeholder
 * nodes that keep what the generator needs to find the cached SVG renderings later.
 *
 *   loadBook(root, { hooks: deckHooks() })
 *   diagramRefOf(node)   // → { source, alt, caption, origin: { file, line }, at: { line, column } } or undefined
 */
import type { RootContent } from 'mdast';
import type { DirectiveHooks } from '../core/directives.ts';

export interface DiagramRef {
  /** Mermaid text, as the diagram renderer hashes it. */
  source: string;
  alt: string;
  caption: string | undefined;
  /** Where the Mermaid text lives (the .mmd file, or the chapter for an inline block). */
  origin: { file: string; line: number };
  /** Where the chapter asks for it, for diagnostics. */
  at: { line: number; column: number };
}

interface DiagramData {
  bookDiagram?: DiagramRef;
}

function placeholder(ref: DiagramRef): RootContent {
  return { type: 'paragraph', children: [{ type: 'text', value: ref.alt }], data: { bookDiagram: ref } as DiagramData } as RootContent;
}

export function diagramRefOf(node: RootContent): DiagramRef | undefined {
  return node.type === 'paragraph' ? (node.data as DiagramData | undefined)?.bookDiagram : undefined;
}

/** Hooks for `loadBook`/`loadPage`. An inline block's origin file is left empty: the generator knows the chapter. */
export function deckHooks(): DirectiveHooks {
  return {
    diagram: (diagram, where) =>
      placeholder({ source: diagram.source, alt: diagram.alt, caption: diagram.caption, origin: { file: diagram.path, line: 1 }, at: where }),
    mermaid: (block, node) =>
      placeholder({
        source: block.code,
        alt: 'Diagram',
        caption: undefined,
        // The chapter file is not known here; the generator fills it in (see `withChapterFile`).
        origin: { file: '', line: block.line },
        at: { line: node.position?.start.line ?? block.line - 1, column: node.position?.start.column ?? 1 },
      }),
  };
}
