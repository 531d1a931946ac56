/**
 * The whole book as the toolkit sees it: every page under chapters/, checked, with what each includes.
 *
 *   const book = loadBook('/repo');
 *   book.chapters   // chapter pages in chapter order, each with number, title, includes, slides
 *   book.pages      // other pages (the Part 7 landing page, the authoring guide)
 *   book.diagnostics // every problem found, sorted by file and line
 *
 * The site's sidebar, `npm run check`, the slide generator and verify-snippets all start here.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostic, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { CHAPTER_PATH, loadPage, type ChapterPage, type LoadPageOptions, type PlainPage } from './chapter.ts';
import { CHAPTERS_DIR, toPosix } from './paths.ts';
import { stageOfChapter, type Stage } from './stages.ts';

export type { IncludeRef } from './directives.ts';

export interface ChapterEntry extends ChapterPage {
  number: number;
  title: string;
  stage: Stage | undefined;
}

export interface Book {
  root: string;
  chapters: ChapterEntry[];
  pages: PlainPage[];
  diagnostics: Diagnostic[];
}

/** Every file under chapters/, repo-relative, sorted. */
function listFiles(root: string): string[] {
  const top = join(root, CHAPTERS_DIR);
  if (!existsSync(top)) return [];
  return (readdirSync(top, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => toPosix(join(CHAPTERS_DIR, entry.parentPath.slice(top.length), entry.name)).replace(/\/+/g, '/'))
    .sort();
}

/** Where a file under chapters/ belongs: a chapter, a plain top-level page, an asset, or a mistake. */
function classify(file: string): 'chapter' | 'page' | 'asset' | Diagnostic {
  if (CHAPTER_PATH.test(file)) return 'chapter';
  const inside = file.slice(CHAPTERS_DIR.length + 1);
  if (/^[a-z0-9-]+\.mdx$/.test(inside) && !/^\d/.test(inside)) return 'page';
  if (/\.(md|mdx|markdown)$/.test(file)) {
    const message = inside.includes('/') && !/\.mdx$/.test(file)
      ? 'Pages must be .mdx files'
      : inside.includes('/')
        ? 'This page is not where the book looks for chapters'
        : /^\d/.test(inside)
          ? 'A chapter is a folder with an index.mdx, not a single file'
          : 'Pages must be .mdx files with lower-case kebab-case names';
    return diagnostic({
      file, rule: 'chapter-layout', message,
      hint: 'A chapter is chapters/NN-slug/index.mdx (NN = 50–61, slug in lower-case kebab-case); other pages are chapters/name.mdx.',
    });
  }
  return 'asset';
}

export function loadBook(root: string, options: LoadPageOptions = {}): Book {
  const chapters: ChapterEntry[] = [];
  const pages: PlainPage[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of listFiles(root)) {
    const kind = classify(file);
    if (kind === 'asset') continue;
    if (typeof kind !== 'string') {
      diagnostics.push(kind);
      continue;
    }
    const page = loadPage(root, file, options);
    diagnostics.push(...page.diagnostics);
    if (page.kind === 'chapter') {
      const number = page.frontmatter?.chapter ?? Number(CHAPTER_PATH.exec(file)?.[2]);
      chapters.push({ ...page, number, title: page.frontmatter?.title ?? page.slug, stage: stageOfChapter(number) });
    } else {
      pages.push(page);
    }
  }
  chapters.sort((a, b) => a.number - b.number || a.file.localeCompare(b.file));
  for (let i = 1; i < chapters.length; i += 1) {
    const previous = chapters[i - 1] as ChapterEntry;
    const current = chapters[i] as ChapterEntry;
    if (previous.number === current.number) {
      diagnostics.push(diagnostic({
        file: current.file, line: 2, column: 1, rule: 'chapter-duplicate',
        message: `Chapter ${current.number} is also ${previous.file}`,
        hint: 'Each chapter number 50–61 may be used once.',
      }));
    }
  }
  return { root, chapters, pages, diagnostics: sortDiagnostics(diagnostics) };
}

/** True when any diagnostic is an error (warnings alone do not stop a build). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
