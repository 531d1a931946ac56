/**
 * Content hash of a diagram: the cache key of its renderings.
 *
 *   diagramHash('flowchart TD\n  A --> B')  →  '5c1e0b7a9d2f4e68a1b3'   (20 hex characters)
 *
 * The key covers the source text (line endings normalised), the Mermaid version, the theme configuration
 * and the page-side post-processing script, so upgrading Mermaid or retuning a colour makes every diagram
 * stale, while renaming or moving a diagram file does not.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { browserScriptPath } from './browser-script-path.ts';
import { renderFingerprint } from './render-config.ts';

const HASH_LENGTH = 20;

let fingerprint: string | undefined;

function pipelineFingerprint(): string {
  if (fingerprint === undefined) {
    fingerprint = `${renderFingerprint()}\n${readFileSync(browserScriptPath(), 'utf8')}`;
  }
  return fingerprint;
}

/** Line endings normalised and trailing whitespace at the end of the text dropped: neither changes a picture. */
export function normaliseDiagramSource(source: string): string {
  return source.replace(/\r\n?/g, '\n').trimEnd();
}

export function diagramHash(source: string): string {
  return createHash('sha256')
    .update(pipelineFingerprint())
    .update('\0')
    .update(normaliseDiagramSource(source))
    .digest('hex')
    .slice(0, HASH_LENGTH);
}
