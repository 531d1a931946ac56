/** loadBook over small books written to a temporary folder: layout rules, duplicates, ordering. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadBook } from '../../src/core/book.ts';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { buildSidebar } from '../../src/site/sidebar.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function book(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'book-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const chapter = (n: number, stage: string, extra = '') => `---\ntitle: Chapter ${n}\nchapter: ${n}\nstage: ${stage}\ndescription: About ${n}.\ngoals:\n  - Learn ${n}\n---\n\nText.\n${extra}`;

describe('loadBook', () => {
  test('chapters come in number order with their stage; pages are separate', () => {
    const root = book({
      'chapters/index.mdx': '---\ntitle: Part 7\n---\nHi.\n',
      'chapters/authoring.mdx': '---\ntitle: Authoring guide\n---\nHow to write.\n',
      'chapters/55-dapr/index.mdx': chapter(55, 'dapr-framework'),
      'chapters/50-fastapi/index.mdx': chapter(50, 'foundational-infrastructure'),
      'chapters/53-kubernetes/index.mdx': chapter(53, 'orchestration'),
      'chapters/53-kubernetes/cluster.png': 'not a page',
    });
    const result = loadBook(root);
    expect(result.diagnostics).toEqual([]);
    expect(result.chapters.map((c) => [c.number, c.slug, c.stage?.id])).toEqual([
      [50, '50-fastapi', 'foundational-infrastructure'],
      [53, '53-kubernetes', 'orchestration'],
      [55, '55-dapr', 'dapr-framework'],
    ]);
    expect(result.pages.map((p) => p.slug)).toEqual(['authoring', '']);
    expect(buildSidebar(result)).toEqual([
      { label: 'Part 7 overview', link: '/' },
      { label: 'Foundational Infrastructure', items: [{ label: '50. Chapter 50', link: '/50-fastapi/' }] },
      { label: 'Orchestration', items: [{ label: '53. Chapter 53', link: '/53-kubernetes/' }] },
      { label: 'Dapr Framework', items: [{ label: '55. Chapter 55', link: '/55-dapr/' }] },
      { label: 'Contributing', items: [{ label: 'Authoring guide', link: '/authoring/' }] },
    ]);
  });

  test('a page with section: book follows the chapters in the reading order; contributor pages stay apart', () => {
    const root = book({
      'chapters/index.mdx': '---\ntitle: Part 7\n---\nHi.\n',
      'chapters/authoring.mdx': '---\ntitle: Authoring guide\n---\nHow to write.\n',
      'chapters/capstone.mdx': '---\ntitle: The Part 7 capstone\nsection: book\n---\nAll of it.\n',
      'chapters/50-fastapi/index.mdx': chapter(50, 'foundational-infrastructure'),
    });
    const result = loadBook(root);
    expect(result.diagnostics).toEqual([]);
    expect(buildSidebar(result)).toEqual([
      { label: 'Part 7 overview', link: '/' },
      { label: 'Foundational Infrastructure', items: [{ label: '50. Chapter 50', link: '/50-fastapi/' }] },
      { label: 'The Part 7 capstone', link: '/capstone/' },
      { label: 'Contributing', items: [{ label: 'Authoring guide', link: '/authoring/' }] },
    ]);
  });

  test('section takes book or contributing, on plain pages only', () => {
    const root = book({
      'chapters/capstone.mdx': '---\ntitle: The Part 7 capstone\nsection: books\n---\nAll of it.\n',
    });
    expect(loadBook(root).diagnostics.map((d) => `${d.line}:${d.column} ${d.message} | ${d.hint}`)).toEqual([
      '3:1 Frontmatter field "section" must be book, instructors or contributing (got "books") | section: book puts a page in the reading order after the chapters; instructors lists it under For instructors; contributing (the default) lists it under Contributing.',
    ]);
  });

  test('layout mistakes, duplicates and broken MDX are all reported at once', () => {
    const root = book({
      'chapters/53-kubernetes/index.mdx': chapter(53, 'orchestration'),
      'chapters/53-k8s/index.mdx': chapter(53, 'orchestration'),
      'chapters/54-cicd/index.mdx': chapter(55, 'dapr-framework'),
      'chapters/50-fastapi.mdx': chapter(50, 'foundational-infrastructure'),
      'chapters/51-docker/index.md': chapter(51, 'foundational-infrastructure'),
      'chapters/52-kafka/index.mdx': chapter(52, 'foundational-infrastructure', '\nA stray { brace.\n'),
      'chapters/59-ops/index.mdx': 'No frontmatter here.\n',
    });
    expect(loadBook(root).diagnostics.map(formatDiagnostic).join('\n')).toMatchInlineSnapshot(`
      "chapters/50-fastapi.mdx  error  A chapter is a folder with an index.mdx, not a single file  [chapter-layout]
        hint: A chapter is chapters/NN-slug/index.mdx (NN = 50–61, slug in lower-case kebab-case); other pages are chapters/name.mdx.
      chapters/51-docker/index.md  error  Pages must be .mdx files  [chapter-layout]
        hint: A chapter is chapters/NN-slug/index.mdx (NN = 50–61, slug in lower-case kebab-case); other pages are chapters/name.mdx.
      chapters/52-kafka/index.mdx:12:17  error  The page is not valid MDX: Unexpected end of file in expression, expected a corresponding closing brace for \`{\`  [mdx-syntax]
        hint: In MDX, a literal "{" or "<" in prose must be escaped as "\\{" or "&lt;".
      chapters/53-kubernetes/index.mdx:2:1  error  Chapter 53 is also chapters/53-k8s/index.mdx  [chapter-duplicate]
        hint: Each chapter number 50–61 may be used once.
      chapters/54-cicd/index.mdx:2:1  error  The folder says chapter 54 but the frontmatter says chapter 55  [chapter-number]
        hint: Make the folder prefix and "chapter:" agree.
      chapters/59-ops/index.mdx:1:1  error  The page has no frontmatter  [frontmatter-missing]
        hint: Start the file with a --- block holding at least "title:"."
    `);
  });

  test('figure numbers follow the order of the page; a slide may repeat the number of a figure shown before it', () => {
    const diagram = (src: string, caption: string) => `::diagram{src="55-dapr/${src}.mmd" alt="A diagram." caption="${caption}"}\n\n`;
    const root = book({
      'diagrams/55-dapr/a.mmd': 'flowchart LR\n  a --> b\n',
      'diagrams/55-dapr/b.mmd': 'flowchart LR\n  a --> b\n',
      'diagrams/55-dapr/c.mmd': 'flowchart LR\n  a --> b\n',
      'chapters/55-dapr/index.mdx': chapter(55, 'dapr-framework', [
        diagram('a', 'Figure 55.1: Two apps.'),
        diagram('a', 'Figure 55.1'),
        diagram('c', 'Figure 55.3: One question.'),
        diagram('b', 'Figure 55.2: Kubernetes mode.'),
        diagram('b', 'Figure 56.4: From another chapter.'),
        '```mermaid alt="Inline" caption="Figure 55.4: Inline."\nflowchart LR\n  a --> b\n```\n\n',
        diagram('c', 'A caption without a number.'),
        diagram('c', 'Figure 55.5: The last one.'),
      ].join('')),
    });
    expect(loadBook(root).diagnostics.map(formatDiagnostic).join('\n')).toMatchInlineSnapshot(`
      "chapters/55-dapr/index.mdx:15:1  error  Figure 55.3 is the 2nd figure of the page: number it Figure 55.2  [figure-number]
        hint: Number figures 55.1, 55.2, … in the order they first appear; a slide that shows a figure again repeats its number.
      chapters/55-dapr/index.mdx:17:1  error  Figure 55.2 is the 3rd figure of the page: number it Figure 55.3  [figure-number]
        hint: Number figures 55.1, 55.2, … in the order they first appear; a slide that shows a figure again repeats its number.
      chapters/55-dapr/index.mdx:19:1  error  Figure 56.4 is in chapter 55: number it Figure 55.4  [figure-number]
        hint: Number figures 55.1, 55.2, … in the order they first appear; a slide that shows a figure again repeats its number."
    `);
  });

  test('an empty book is not an error', () => {
    expect(loadBook(book({})).chapters).toEqual([]);
  });
});
