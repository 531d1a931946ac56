/**
 * Turns resolved slide content (mdast from the shared core) into Slidev Markdown.
 *
 *   const out = createSlideWriter({ root, chapterFile, slug, diagrams: 'strict', renderings });
 *   out.markdown(slide.children)   // → "```yaml [deploy/deployment.yaml] {all|5-7}\n…\n```\n\n<figure …>"
 *   out.assets                      // deck-relative path → absolute source, files the deck needs copied
 *   out.diagnostics                 // problems at the chapter's file:line
 *
 * - snippets (code nodes with `data.snippet`) become fences with a `[title]` and Slidev click steps
 *   `{all|5-7}` when a highlight is given; a `diff` snippet becomes a `diff` fence (`+`/`-`/space before
 *   each line), which Slidev's Shiki colours as inserted and deleted lines;
 * - diagrams become a figure with the light and the dark SVG rendering (copied into the deck folder);
 * - Starlight asides become `<div class="book-aside …">`; thematic breaks are written `***` (a `---` line
 *   would start a new slide);
 * - links become `<a href>`: Slidev reads a Markdown link starting with `/`, `.` or `#` as a link to a
 *   slide of the deck, so a link to the book would open a route that does not exist; relative and `#`
 *   links are resolved against the chapter's book page first;
 * - text that Slidev would misread is protected: `$` (KaTeX) is escaped, `{{` (Vue) is wrapped in v-pre;
 * - pictures must be files beside the chapter (copied into the deck); remote pictures and MDX/JSX are
 *   errors, because a deck must not fetch from other hosts and Slidev does not run MDX.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { Code, Html, Image, InlineCode, Nodes, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import { diagnostic, isBookError, type Diagnostic } from '../core/diagnostics.ts';
import { ASIDE_NAMES } from '../core/directives.ts';
import { formatLineList } from '../core/ranges.ts';
import type { ResolvedSnippet } from '../core/snippet.ts';
import { diffFenceText } from '../core/snippet-diff.ts';
import { diagramRefOf, type DiagramRef } from './hooks.ts';

/** What the generator needs from the diagram cache (src/diagrams): the repo-relative SVG paths. */
export interface DiagramRenderings {
  /** Throws a BookError when the diagram has no up-to-date rendering. */
  read(root: string, source: { source: string; origin: { file: string; line: number } }): { hash: string; lightPath: string; darkPath: string };
}

export interface SlideWriterOptions {
  root: string;
  /** Repo-relative chapter path, for diagnostics and to resolve pictures. */
  chapterFile: string;
  slug: string;
  /** 'strict' reports a diagram without rendering as an error; 'fallback' shows its alt text (dev server). */
  diagrams: 'strict' | 'fallback';
  renderings: DiagramRenderings | undefined;
  /** URL of the chapter's book page (e.g. `/book/53-kubernetes/`): relative and `#` links resolve against it. */
  bookPage?: string | undefined;
}

export interface SlideWriter {
  markdown(nodes: readonly RootContent[]): string;
  /** Deck-relative target path → absolute source file. */
  readonly assets: Map<string, string>;
  readonly diagnostics: Diagnostic[];
}

const SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//i;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function html(value: string): Html {
  return { type: 'html', value };
}

/** Slidev's fence info after the language: `[title] {all|5-7}`. */
export function slidevCodeMeta(snippet: Pick<ResolvedSnippet, 'title' | 'highlight'>): string | null {
  const parts: string[] = [];
  if (snippet.title) parts.push(`[${snippet.title.replace(/[[\]]/g, '')}]`);
  if (snippet.highlight.length) parts.push(`{all|${formatLineList(snippet.highlight)}}`);
  return parts.length ? parts.join(' ') : null;
}

/** Splits `{{` out of text so Vue does not read it as an interpolation. */
function protectText(node: Text): PhrasingContent[] {
  if (!node.value.includes('{{')) return [node];
  const pieces = node.value.split('{{');
  const out: PhrasingContent[] = [];
  pieces.forEach((piece, index) => {
    if (index > 0) out.push(html('<span v-pre>{{</span>'));
    if (piece) out.push({ type: 'text', value: piece });
  });
  return out;
}

export function createSlideWriter(options: SlideWriterOptions): SlideWriter {
  const assets = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const chapterDir = dirname(options.chapterFile);

  const report = (at: { line: number; column: number } | undefined, rule: string, message: string, hint: string, severity: 'error' | 'warning' = 'error') => {
    diagnostics.push(diagnostic({ file: options.chapterFile, line: at?.line, column: at?.column, severity, rule, message, hint }));
  };
  const positionOf = (node: Nodes) => (node.position ? { line: node.position.start.line, column: node.position.start.column } : undefined);

  const figure = (ref: DiagramRef): Html => {
    const caption = ref.caption ? `\n  <figcaption>${escapeHtml(ref.caption)}</figcaption>` : '';
    const origin = { file: ref.origin.file || options.chapterFile, line: ref.origin.line };
    const fallback = html(`<figure class="book-diagram book-diagram-missing">\n  <p>${escapeHtml(ref.alt)}</p>${caption}\n</figure>`);
    if (!options.renderings) return fallback;
    try {
      const rendered = options.renderings.read(options.root, { source: ref.source, origin });
      const light = `diagrams/${posix.basename(rendered.lightPath)}`;
      const dark = `diagrams/${posix.basename(rendered.darkPath)}`;
      assets.set(light, join(options.root, rendered.lightPath));
      assets.set(dark, join(options.root, rendered.darkPath));
      const alt = escapeHtml(ref.alt);
      return html(
        `<figure class="book-diagram">\n  <img class="book-diagram-light" src="./${light}" alt="${alt}">\n  <img class="book-diagram-dark" src="./${dark}" alt="${alt}">${caption}\n</figure>`,
      );
    } catch (error) {
      if (!isBookError(error)) throw error;
      const first = error.diagnostics[0];
      report(
        ref.at,
        'slide-diagram',
        `Diagram ${origin.file === options.chapterFile ? `at line ${origin.line}` : origin.file} has no up-to-date rendering for the deck`,
        first?.hint ?? 'Run npm run diagrams.',
        options.diagrams === 'strict' ? 'error' : 'warning',
      );
      return fallback;
    }
  };

  const picture = (node: Image): PhrasingContent[] => {
    const url = node.url.trim();
    if (SCHEME.test(url) || url.startsWith('/')) {
      report(positionOf(node), 'slide-remote-asset', `The picture "${url}" is not a file beside the chapter`, 'Decks must not fetch from other hosts: put the picture in the chapter folder and write a relative path, e.g. ![…](./picture.png).');
      return [];
    }
    const relative = posix.normalize(url.replace(/^\.\//, '').split(/[?#]/)[0] ?? '');
    const absolute = join(options.root, chapterDir, relative);
    if (relative.startsWith('..') || !existsSync(absolute) || !statSync(absolute).isFile()) {
      report(positionOf(node), 'slide-asset-missing', `The picture "${url}" does not exist in ${chapterDir}/`, 'Write the path relative to the chapter folder; pictures must stay inside it.');
      return [];
    }
    const target = `assets/${options.slug}/${relative}`;
    assets.set(target, absolute);
    return [{ ...node, url: `./${target}` }];
  };

  const transform = (node: RootContent): RootContent[] => {
    const diagram = diagramRefOf(node);
    if (diagram) return [figure(diagram)];
    switch (node.type) {
      case 'code': {
        const snippet = (node.data as { snippet?: ResolvedSnippet } | undefined)?.snippet;
        if (snippet?.diff) return [{ type: 'code', lang: 'diff', meta: slidevCodeMeta(snippet), value: diffFenceText(snippet.code.split('\n'), snippet.diff.kinds) } satisfies Code];
        if (snippet) return [{ type: 'code', lang: snippet.lang, meta: slidevCodeMeta(snippet), value: snippet.code } satisfies Code];
        const meta = node.meta && /^\{[\w,|\-*]+\}$/.test(node.meta.trim()) ? node.meta.trim() : null;
        return [{ type: 'code', lang: node.lang ?? null, meta, value: node.value } satisfies Code];
      }
      case 'text':
        return protectText(node);
      case 'inlineCode':
        return node.value.includes('{{') ? [html(`<code v-pre>${escapeHtml((node as InlineCode).value)}</code>`)] : [node];
      case 'image':
        return picture(node);
      case 'link': {
        const url = node.url.trim();
        const page = options.bookPage ?? `/${options.slug}/`;
        const origin = /^https?:\/\/[^/]+/.exec(page)?.[0] ?? '';
        const resolved = new URL(url, `http://book.invalid${page.slice(origin.length)}`);
        const href = SCHEME.test(url) || url.startsWith('/') ? url : `${origin}${resolved.pathname}${resolved.search}${resolved.hash}`;
        const title = node.title ? ` title="${escapeHtml(node.title)}"` : '';
        return [html(`<a href="${escapeHtml(href)}"${title} target="_blank" rel="noopener">`), ...transformAll(node.children as RootContent[]), html('</a>')];
      }
      case 'containerDirective': {
        if (!(ASIDE_NAMES as readonly string[]).includes(node.name)) break;
        const children = node.children as RootContent[];
        const [first, ...rest] = children;
        const labelled = first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel;
        const label: RootContent[] = labelled ? [{ type: 'paragraph', children: [{ type: 'strong', children: (first as Paragraph).children }] }] : [];
        return [html(`<div class="book-aside book-aside-${node.name}">`), ...transformAll([...label, ...(labelled ? rest : children)]), html('</div>')];
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        report(positionOf(node), 'slide-mdx', `The component <${node.name ?? ''}> cannot be shown on a slide`, 'Slide blocks hold Markdown and book directives only; describe it in Markdown or move it out of the ::::slide block.');
        return [];
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        report(positionOf(node), 'slide-mdx', 'An MDX {expression} cannot be shown on a slide', 'Write the text itself, or escape the brace as "\\{".');
        return [];
      case 'mdxjsEsm':
        report(positionOf(node), 'slide-mdx', 'import/export cannot appear inside a slide block', 'Move it to the top of the chapter.');
        return [];
      default:
        break;
    }
    if (node.type === 'leafDirective' || node.type === 'textDirective' || node.type === 'containerDirective') {
      report(positionOf(node), 'slide-directive', `The directive "${node.name}" cannot be shown on a slide`, 'Use ::snippet, ::diagram or a Starlight aside (:::note, :::tip, :::caution, :::danger).');
      return [];
    }
    if ('children' in node && Array.isArray(node.children)) {
      return [{ ...node, children: transformAll(node.children as RootContent[]) } as RootContent];
    }
    return [node];
  };

  const transformAll = (nodes: readonly RootContent[]): RootContent[] => nodes.flatMap(transform);

  return {
    assets,
    diagnostics,
    markdown(nodes) {
      const tree: Root = { type: 'root', children: transformAll(nodes) };
      return toMarkdown(tree, {
        bullet: '-',
        rule: '*',
        fence: '`',
        fences: true,
        emphasis: '_',
        strong: '*',
        listItemIndent: 'one',
        // Tables, strikethrough and task lists are written the way the chapter wrote them (GFM).
        extensions: [gfmToMarkdown()],
        // `$…$` is KaTeX math in Slidev; an escaped dollar stays a dollar.
        unsafe: [{ character: '$' }],
      }).trimEnd();
    },
  };
}
