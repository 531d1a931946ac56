/**
 * `npm run slides -- 53`: one chapter's deck in Slidev's dev server, regenerated whenever the chapter or a
 * file it includes changes (Slidev then reloads the deck file by itself).
 *
 *   const session = await startDeckDev('/book', { chapter: '53', port: 3030, onMessage: console.log, onProblems });
 *   await session.exited;    // resolves with Slidev's exit code
 *   session.close();         // stops watching and stops Slidev
 *
 * While editing, a diagram without an up-to-date rendering shows its alt text (a warning), and a chapter
 * with errors keeps the last good deck on screen while the problems are reported.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ChapterEntry } from '../core/book.ts';
import { isBookError, type Diagnostic } from '../core/diagnostics.ts';
import { RENDERED_DIR } from '../diagrams/cache.ts';
import { generateDecks, type DeckSet, type GenerateDecksOptions } from './generate.ts';
import { startSlidev } from './slidev.ts';
import { writeDeck } from './write.ts';

export interface DeckDevOptions {
  /** Chapter number or slug. */
  chapter: string;
  port?: number | undefined;
  /** Where the book's own dev server runs, so "back to the book" links work while presenting locally. */
  siteOrigin?: string | undefined;
  onMessage: (message: string) => void;
  onProblems: (diagnostics: readonly Diagnostic[]) => void;
  generate?: Pick<GenerateDecksOptions, 'deckDir' | 'themeDir' | 'renderings'> | undefined;
}

export interface DeckDevSession {
  deckFile: string;
  exited: Promise<number>;
  close(): void;
}

/** Absolute paths a chapter's deck depends on: the chapter, every included file, and the render cache. */
export function deckInputs(root: string, chapter: ChapterEntry): string[] {
  return [chapter.file, ...chapter.includes.map((include) => include.path)].map((file) => join(root, file));
}

export async function startDeckDev(root: string, options: DeckDevOptions): Promise<DeckDevSession> {
  const generateOptions: GenerateDecksOptions = { chapters: [options.chapter], diagrams: 'fallback', siteOrigin: options.siteOrigin, ...options.generate };
  const first = generateDecks(root, generateOptions);
  const deck = first.decks[0];
  if (!deck) throw new Error('generateDecks returned no deck for one selected chapter');
  const { file: deckFile } = writeDeck(first.deckDir, deck, { themeDir: first.themeDir });
  if (first.warnings.length) options.onProblems(first.warnings);

  // Watch folders, not files: editors often save by replacing the file, which ends a per-file watch.
  const watchers = new Map<string, FSWatcher>();
  let wanted = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const renderedDir = join(root, RENDERED_DIR);

  const regenerate = () => {
    let set: DeckSet;
    try {
      set = generateDecks(root, generateOptions);
    } catch (error) {
      if (!isBookError(error)) throw error;
      options.onProblems(error.diagnostics);
      options.onMessage('The deck was not updated: fix the problems above.');
      return;
    }
    const next = set.decks[0];
    const chapter = set.chapters[0];
    if (!next || !chapter) return;
    if (set.warnings.length) options.onProblems(set.warnings);
    const { changed } = writeDeck(set.deckDir, next, { themeDir: set.themeDir });
    options.onMessage(changed ? `Deck regenerated (${next.slideCount} slides)` : 'No change in the deck');
    follow(chapter);
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(regenerate, 120);
  };

  const follow = (chapter: ChapterEntry) => {
    wanted = new Set(deckInputs(root, chapter));
    const folders = new Set([...wanted].map((file) => dirname(file)));
    folders.add(renderedDir);
    for (const [folder, watcher] of watchers) {
      if (!folders.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        watchers.set(folder, watch(folder, (_event, name) => {
          if (folder === renderedDir || name === null || wanted.has(join(folder, basename(String(name))))) schedule();
        }));
      } catch {
        // The folder does not exist (yet): nothing to watch there.
      }
    }
  };
  const firstChapter = first.chapters[0];
  if (firstChapter) follow(firstChapter);

  options.onMessage(`Deck source: ${deckFile}`);
  const args = [deckFile, '--open', 'false'];
  if (options.port !== undefined) args.push('--port', String(options.port));
  const child = startSlidev(args, { cwd: first.deckDir });
  const close = () => {
    clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
    watchers.clear();
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  const exited = new Promise<number>((resolvePromise) => {
    child.on('close', (code) => {
      close();
      resolvePromise(code ?? 0);
    });
  });
  return { deckFile, exited, close };
}
