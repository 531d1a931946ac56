/**
 * Where the non-TS files of the pipeline live: `browserScriptPath()` → absolute path of
 * `src/diagrams/browser-script.js`, `diagramsCssPath()` → `src/diagrams/diagrams.css`.
 * The page script is plain browser JavaScript (not a module) so it reaches the page exactly as written,
 * untouched by any test or build transform.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This module's folder (no `new URL('./x', import.meta.url)`: bundlers rewrite that pattern into assets). */
export const DIAGRAMS_SRC_DIR = dirname(fileURLToPath(import.meta.url));

export function browserScriptPath(): string {
  return join(DIAGRAMS_SRC_DIR, 'browser-script.js');
}

export function diagramsCssPath(): string {
  return join(DIAGRAMS_SRC_DIR, 'diagrams.css');
}
