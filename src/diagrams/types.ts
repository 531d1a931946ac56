/**
 * Shared shapes of the diagram pipeline.
 *
 *   DiagramSource   { source: 'flowchart TD\n  A --> B', origin: { file: 'diagrams/53-kubernetes/cluster.mmd', line: 1 } }
 *   RenderedDiagram { hash: '3f9a…', light: '<svg …>', dark: '<svg …>', lightPath: 'diagrams/.rendered/3f9a….light.svg', darkPath: … }
 */

/** One piece of Mermaid text and where it was written. */
export interface DiagramSource {
  source: string;
  /** `file` is repository-relative; `line` is where the Mermaid text starts (1 for `.mmd` files, first code line for inline blocks). */
  origin: { file: string; line: number };
}

/** Both cached renderings of a diagram: SVG markup plus their repository-relative cache paths. */
export interface RenderedDiagram {
  hash: string;
  light: string;
  dark: string;
  lightPath: string;
  darkPath: string;
}

/** The two variants every diagram is rendered in. */
export type DiagramTheme = 'light' | 'dark';

export const DIAGRAM_THEMES: readonly DiagramTheme[] = ['light', 'dark'];
