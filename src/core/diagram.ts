/**
 * Resolves a `::diagram` directive to its Mermaid source file.
 *
 *   ::diagram{src="53-kubernetes/cluster.mmd" alt="The agent Deployment behind a Service" caption="…"}
 *
 * `src` is relative to diagrams/, must stay inside it and name a `.mmd` file; `alt` is required because the
 * picture must have a text equivalent for screen readers and search.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { DIAGRAMS_DIR, resolveInside } from './paths.ts';
import { fail, type Resolution } from './resolution.ts';

export const DIAGRAM_ATTRIBUTES = ['src', 'alt', 'caption'] as const;

export interface DiagramAttributes {
  src?: string | undefined;
  alt?: string | undefined;
  caption?: string | undefined;
}

export interface ResolvedDiagram {
  src: string;
  /** Repo-relative, e.g. `diagrams/53-kubernetes/cluster.mmd`. */
  path: string;
  absolute: string;
  source: string;
  alt: string;
  caption: string | undefined;
}

export function resolveDiagram(root: string, attributes: DiagramAttributes): Resolution<ResolvedDiagram> {
  const src = attributes.src;
  if (src === undefined || src.trim() === '') {
    return fail('diagram-src', '::diagram needs a src attribute', 'Write the .mmd path relative to diagrams/, e.g. ::diagram{src="53-kubernetes/cluster.mmd" alt="…"}.');
  }
  const resolved = resolveInside(root, DIAGRAMS_DIR, src);
  if (!resolved.ok) {
    return fail('diagram-path', `Diagram path "${src}" ${resolved.reason}`, 'Diagrams must live inside diagrams/; write src relative to that folder without "..".');
  }
  if (!src.endsWith('.mmd')) {
    return fail('diagram-path', `Diagram "${src}" is not a Mermaid file`, 'Diagram sources are .mmd files under diagrams/.');
  }
  if (!existsSync(resolved.absolute) || !statSync(resolved.absolute).isFile()) {
    return fail('diagram-missing', `Diagram file ${resolved.relative} does not exist`, 'Create the .mmd file or fix the path (relative to diagrams/).');
  }
  const alt = attributes.alt?.trim();
  if (!alt) {
    return fail('diagram-alt', `::diagram ${src} has no alt text`, 'Add alt="…" describing what the diagram shows, for readers who cannot see it.');
  }
  return {
    ok: true,
    value: {
      src,
      path: resolved.relative,
      absolute: resolved.absolute,
      source: readFileSync(resolved.absolute, 'utf8'),
      alt,
      caption: attributes.caption?.trim() || undefined,
    },
  };
}
