/**
 * Finds every Mermaid diagram of the book and every place a chapter embeds one.
 *
 *   await collectDiagramSources(root)
 *     → [{ source: 'flowchart LR…', origin: { file: 'diagrams/53-kubernetes/cluster.mmd', line: 1 } },
 *        { source: 'sequenceDiagram…', origin: { file: 'chapters/54-gateways/index.mdx', line: 88 } }, …]
 *   await collectDiagramUsage(root)
 *     → { files: ['53-kubernetes/cluster.mmd', …],                       (every diagrams/**\/*.mmd, relative to diagrams/)
 *         references: [{ src: '53-kubernetes/cluster.mmd', file: 'chapters/53-kubernetes/index.mdx', line: 12, column: 1 }] }
 *
 * Chapters are parsed with the core's remark parser (MDX + directives + frontmatter, as the site does); an inline
 * block is a `code` node with lang `mermaid`, and its origin line is the first line after the opening fence.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { BookError, diagnostic } from '../core/diagnostics.ts';
import { parseMdx } from '../core/parse.ts';
import type { Book } from '../core/book.ts';
import type { DiagramSource } from './types.ts';

export interface DiagramReference {
  /** The directive's `src`, relative to `diagrams/`. */
  src: string;
  file: string;
  line: number;
  column: number;
}

export interface DiagramUsage {
  files: string[];
  references: DiagramReference[];
}

/** Repository-relative paths (forward slashes) of files under `dir` whose name ends with `suffix`. */
function listFiles(root: string, dir: string, suffix: string): string[] {
  const absolute = join(root, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .map((path) => path.split('\\').join('/'))
    .filter((path) => path.endsWith(suffix) && !path.split('/').some((part) => part.startsWith('.')))
    .sort()
    .map((path) => `${dir}/${path}`);
}

function parseChapter(root: string, file: string): Root {
  const text = readFileSync(join(root, file), 'utf8');
  try {
    return parseMdx(text);
  } catch (error) {
    const place = error as { line?: unknown; column?: unknown; reason?: unknown; message?: unknown };
    throw new BookError(
      diagnostic({
        file,
        line: typeof place.line === 'number' ? place.line : 0,
        column: typeof place.column === 'number' ? place.column : 0,
        message: `Cannot parse chapter as MDX: ${String(place.reason ?? place.message)}`,
        hint: 'Fix the MDX syntax at that position (unclosed tag or a stray `{` or `<` in prose?)',
        rule: 'mdx-syntax',
      }),
    );
  }
}

function chapterFiles(root: string): string[] {
  return listFiles(root, 'chapters', '.mdx');
}

export async function collectDiagramSources(root: string): Promise<DiagramSource[]> {
  const sources: DiagramSource[] = [];
  for (const file of listFiles(root, 'diagrams', '.mmd')) {
    sources.push({ source: readFileSync(join(root, file), 'utf8'), origin: { file, line: 1 } });
  }
  for (const file of chapterFiles(root)) {
    visit(parseChapter(root, file), 'code', (node: Code) => {
      if (node.lang?.toLowerCase() !== 'mermaid') return;
      const fenceLine = node.position?.start.line ?? 0;
      sources.push({ source: node.value, origin: { file, line: fenceLine + 1 } });
    });
  }
  return sources;
}

/**
 * The same list as `collectDiagramSources`, from a book the caller has already loaded with the core (whose
 * pass records every inline Mermaid block), so a build does not parse each chapter a second time.
 */
export function diagramSourcesOfBook(root: string, book: Pick<Book, 'chapters' | 'pages'>): DiagramSource[] {
  const sources: DiagramSource[] = [];
  for (const file of listFiles(root, 'diagrams', '.mmd')) {
    sources.push({ source: readFileSync(join(root, file), 'utf8'), origin: { file, line: 1 } });
  }
  const pages = [...book.chapters, ...book.pages].sort((a, b) => a.file.localeCompare(b.file));
  for (const page of pages) {
    for (const block of page.mermaid) sources.push({ source: block.code, origin: { file: page.file, line: block.line } });
  }
  return sources;
}

export async function collectDiagramUsage(root: string): Promise<DiagramUsage> {
  const files = listFiles(root, 'diagrams', '.mmd').map((path) => path.slice('diagrams/'.length));
  const references: DiagramReference[] = [];
  for (const file of chapterFiles(root)) {
    visit(parseChapter(root, file), 'leafDirective', (node) => {
      if (node.name !== 'diagram') return;
      const src = node.attributes?.['src'];
      if (typeof src !== 'string' || src === '') return;
      references.push({ src, file, line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0 });
    });
  }
  return { files, references };
}
