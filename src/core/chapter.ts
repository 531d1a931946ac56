/**
 * Reads one page of the book: its frontmatter, checked, and its directives, resolved.
 *
 *   loadPage('/repo', 'chapters/53-kubernetes/index.mdx')
 *   // → { kind: 'chapter', file, slug: '53-kubernetes', frontmatter: { chapter: 53, … }, includes, slides, mermaid, diagnostics }
 *
 * A chapter is `chapters/NN-slug/index.mdx`; other `.mdx` files under chapters/ (the Part 7 landing page
 * `index.mdx`, the authoring guide) are plain pages with Starlight frontmatter only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { applyBookDirectives, type DirectiveHooks, type IncludeRef, type MermaidBlock } from './directives.ts';
import { checkFigureNumbers } from './figure-numbers.ts';
import { checkFrontmatter, type ChapterFrontmatter } from './frontmatter.ts';
import { frontmatterText, parseMdx } from './parse.ts';
import { CHAPTERS_DIR } from './paths.ts';
import type { SlideBlock } from './slide.ts';
import type { FileReader } from './snippet.ts';

/** `chapters/53-kubernetes/index.mdx` → `53-kubernetes`. */
export const CHAPTER_PATH = /^chapters\/((\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*)\/index\.mdx$/;

interface PageBase {
  /** Repo-relative path. */
  file: string;
  /** URL slug, e.g. `53-kubernetes`; '' for the landing page. */
  slug: string;
  tree: Root;
  includes: IncludeRef[];
  slides: SlideBlock[];
  mermaid: MermaidBlock[];
  diagnostics: Diagnostic[];
}

export interface ChapterPage extends PageBase {
  kind: 'chapter';
  /** Undefined when the frontmatter is invalid (see diagnostics). */
  frontmatter: ChapterFrontmatter | undefined;
}

export interface PlainPage extends PageBase {
  kind: 'page';
  frontmatter: Record<string, unknown> | undefined;
}

export type BookPage = ChapterPage | PlainPage;

/** The slug Starlight gives a page under chapters/. */
export function slugOf(file: string): string {
  const inside = file.slice(CHAPTERS_DIR.length + 1).replace(/\.mdx$/, '');
  return inside === 'index' ? '' : inside.replace(/\/index$/, '');
}

export interface LoadPageOptions {
  reader?: FileReader | undefined;
  hooks?: DirectiveHooks | undefined;
  /** The page's text, when the caller already has it. */
  text?: string | undefined;
}

/** Parses and checks one page; never throws for bad content (problems are in `diagnostics`). */
export function loadPage(root: string, file: string, options: LoadPageOptions = {}): BookPage {
  const text = options.text ?? readFileSync(join(root, file), 'utf8');
  const chapterMatch = CHAPTER_PATH.exec(file);
  const kind = chapterMatch ? 'chapter' : 'page';
  const base = { file, slug: slugOf(file), includes: [], slides: [], mermaid: [], diagnostics: [] as Diagnostic[] };

  let tree: Root;
  try {
    tree = parseMdx(text);
  } catch (error) {
    const place = error as { line?: number; column?: number; reason?: string; message?: string };
    base.diagnostics.push(diagnostic({
      file, line: place.line, column: place.column, rule: 'mdx-syntax',
      message: `The page is not valid MDX: ${place.reason ?? place.message ?? String(error)}`,
      hint: 'In MDX, a literal "{" or "<" in prose must be escaped as "\\{" or "&lt;".',
    }));
    const empty: Root = { type: 'root', children: [] };
    return kind === 'chapter' ? { ...base, kind, tree: empty, frontmatter: undefined } : { ...base, kind, tree: empty, frontmatter: undefined };
  }

  const yamlText = frontmatterText(tree);
  let frontmatter: ChapterFrontmatter | Record<string, unknown> | undefined;
  if (yamlText === undefined) {
    base.diagnostics.push(diagnostic({ file, line: 1, column: 1, rule: 'frontmatter-missing', message: 'The page has no frontmatter', hint: 'Start the file with a --- block holding at least "title:".' }));
  } else if (kind === 'chapter') {
    const checked = checkFrontmatter(yamlText, file, 'chapter');
    base.diagnostics.push(...checked.diagnostics);
    frontmatter = checked.data;
    const number = chapterMatch?.[2];
    if (frontmatter && number && Number(number) !== (frontmatter as ChapterFrontmatter).chapter) {
      base.diagnostics.push(diagnostic({
        file, line: 2, column: 1, rule: 'chapter-number',
        message: `The folder says chapter ${number} but the frontmatter says chapter ${(frontmatter as ChapterFrontmatter).chapter}`,
        hint: 'Make the folder prefix and "chapter:" agree.',
      }));
    }
  } else {
    const checked = checkFrontmatter(yamlText, file, 'page');
    base.diagnostics.push(...checked.diagnostics);
    frontmatter = checked.data;
  }

  if (chapterMatch?.[2]) base.diagnostics.push(...checkFigureNumbers(tree, file, Number(chapterMatch[2])));
  const directives = applyBookDirectives(tree, { root, file, source: text, reader: options.reader, hooks: options.hooks });
  const page = {
    ...base,
    tree,
    includes: directives.includes,
    slides: directives.slides,
    mermaid: directives.mermaid,
    diagnostics: [...base.diagnostics, ...directives.diagnostics],
  };
  return kind === 'chapter'
    ? { ...page, kind, frontmatter: frontmatter as ChapterFrontmatter | undefined }
    : { ...page, kind, frontmatter: frontmatter as Record<string, unknown> | undefined };
}
