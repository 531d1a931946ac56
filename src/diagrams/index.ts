/**
 * Public API of the diagram pipeline (Mermaid → light/dark SVGs, cached in diagrams/.rendered/).
 *
 *   const sources = await collectDiagramSources(root);          // .mmd files + inline ```mermaid blocks
 *   findStaleDiagrams(root, sources);                            // what needs `npm run diagrams`
 *   await renderDiagrams(root, sources, { prune: true });        // one headless Chromium for the run
 *   diagramFigureHtml({ rendered: readRenderedDiagram(root, source), alt, caption });
 *   await validateMermaid(text);                                 // browser-free syntax check
 */
export type { DiagramSource, DiagramTheme, RenderedDiagram } from './types.ts';
export { DIAGRAM_THEMES } from './types.ts';
export { diagramHash, normaliseDiagramSource } from './hash.ts';
export {
  cachePath,
  cachePaths,
  findStaleDiagrams,
  readRenderedDiagram,
  RENDERED_DIR,
  svgId,
  unusedCacheFiles,
} from './cache.ts';
export { defaultLauncher, renderDiagrams } from './render.ts';
export type { RenderDiagramsOptions, RenderDiagramsResult } from './render.ts';
export { validateMermaid } from './validate.ts';
export type { MermaidSyntaxError } from './validate.ts';
export { diagramFigureHtml, withAccessibleName } from './figure-html.ts';
export type { DiagramFigureInput } from './figure-html.ts';
export { collectDiagramSources, collectDiagramUsage, diagramSourcesOfBook } from './collect.ts';
export type { DiagramReference, DiagramUsage } from './collect.ts';
export { findChromium, findChromiumOrNull, CHROMIUM_ARGS } from './chromium.ts';
export type { ChromiumLookup } from './chromium.ts';
export { launchMermaidRenderer } from './mermaid-renderer.ts';
export type { MermaidRenderer, MermaidRendererLauncher, PageRenderResult } from './mermaid-renderer.ts';
export { parseMermaidError, mermaidErrorDiagnostic } from './mermaid-errors.ts';
export { diagramsCheck, runDiagramsCommand } from './command.ts';
export type { DiagramsCommandOptions, DiagramsCommandResult } from './command.ts';
