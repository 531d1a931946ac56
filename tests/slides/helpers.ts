/**
 * Shared pieces of the slide tests: fixture paths, a stand-in for the diagram cache whose keys do not depend
 * on the Mermaid version (so golden files stay put when the renderer changes), and a deck generator bound
 * to a fixture book.
 *
 *   const set = fixtureDecks('book', { base: '/book/' });
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BookError, diagnostic } from '../../src/core/diagnostics.ts';
import { generateDecks, type GenerateDecksOptions } from '../../src/slides/generate.ts';
import type { DiagramRenderings } from '../../src/slides/markdown.ts';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function fixtureRoot(name: string): string {
  return join(FIXTURES, name);
}

/** Fixture diagram cache: diagrams/.rendered/<sha256(source)[0:12]>.{light,dark}.svg. */
export function fixtureHash(source: string): string {
  return createHash('sha256').update(source.replace(/\r\n?/g, '\n').trimEnd()).digest('hex').slice(0, 12);
}

export const fixtureRenderings: DiagramRenderings = {
  read(root, source) {
    const hash = fixtureHash(source.source);
    const lightPath = `diagrams/.rendered/${hash}.light.svg`;
    const darkPath = `diagrams/.rendered/${hash}.dark.svg`;
    if (!existsSync(join(root, lightPath)) || !existsSync(join(root, darkPath))) {
      throw new BookError(diagnostic({ file: source.origin.file, line: source.origin.line, rule: 'diagram-stale', message: `No rendering ${lightPath}`, hint: 'run npm run diagrams (and commit diagrams/.rendered/)' }));
    }
    return { hash, lightPath, darkPath };
  },
};

export function fixtureDecks(name: string, options: GenerateDecksOptions = {}) {
  return generateDecks(fixtureRoot(name), { renderings: fixtureRenderings, base: '/book/', ...options });
}
