/**
 * Writes generated decks into the deck folder, touching only files whose content changed (so Slidev's dev
 * server reloads only when something really changed).
 *
 *   writeDeck(deckDir, deck, { themeDir })   // → { file: '/book/.slidev/decks/53-kubernetes.md', changed: true }
 *
 * Layout of the deck folder: `<slug>.md`, `diagrams/<hash>.{light,dark}.svg`, `assets/<slug>/…` (pictures),
 * `public/favicon.svg` (Slidev copies public/ into every built deck).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { embedDiagramFont } from '../diagrams/font.ts';
import type { GeneratedDeck } from './deck.ts';

function sameContent(target: string, content: Buffer | string): boolean {
  if (!existsSync(target)) return false;
  const current = readFileSync(target);
  return typeof content === 'string' ? current.toString('utf8') === content : current.equals(content);
}

/** Writes `content` to `target` unless it already holds exactly that; true when it wrote. */
export function writeIfChanged(target: string, content: Buffer | string): boolean {
  if (sameContent(target, content)) return false;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  return true;
}

/**
 * What a deck file holds for one of its assets: the file itself, except a diagram, which gets the diagram font
 * embedded (a deck shows it as <img>, which cannot use the page's fonts). The PDF cache key hashes this too.
 */
export function deckAssetContent(target: string, source: string): Buffer {
  const content = readFileSync(source);
  return target.startsWith('diagrams/') && target.endsWith('.svg') ? Buffer.from(embedDiagramFont(content.toString('utf8'))) : content;
}

export function writeDeck(deckDir: string, deck: GeneratedDeck, options: { themeDir: string }): { file: string; changed: boolean } {
  let changed = false;
  for (const [target, source] of deck.assets) {
    changed = writeIfChanged(join(deckDir, target), deckAssetContent(target, source)) || changed;
  }
  const favicon = join(options.themeDir, 'favicon.svg');
  if (existsSync(favicon)) {
    const target = join(deckDir, 'public', 'favicon.svg');
    if (!sameContent(target, readFileSync(favicon))) {
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(favicon, target);
    }
  }
  const file = join(deckDir, `${deck.slug}.md`);
  changed = writeIfChanged(file, deck.markdown) || changed;
  return { file, changed };
}
