/**
 * The one pass that turns the book's directives into ordinary Markdown nodes. The site, the slide
 * generator and verify-snippets all run it, so what a reader sees is what was checked.
 *
 *   ::snippet{src="…"}        → a `code` node (lang, Expressive Code meta, `data.snippet`)
 *   ::diagram{src="…" alt=""} → whatever the `diagram` hook returns (default: a figure with the alt text)
 *   ::::slide{…} … ::::       → removed from the page (kept when `book`), collected as a SlideBlock
 *   ```mermaid                → whatever the `mermaid` hook returns (default: left as a code block)
 *   :::note / :::tip / …      → left for Starlight's asides
 *   anything else             → restored as the literal text it was written as; a near miss of a known
 *                               name (`::snipet`) also gets a "did you mean" warning
 *
 * Problems become diagnostics at the directive's `file:line:column`; the node is then left out so one
 * broken include does not hide the others.
 */
import type { Code, Heading, Parent, Root, RootContent, Text } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import GithubSlugger from 'github-slugger';
import { diagnostic, isBookError, type Diagnostic } from './diagnostics.ts';
import { DIAGRAM_ATTRIBUTES, resolveDiagram, type ResolvedDiagram } from './diagram.ts';
import type { DirectiveProblem } from './resolution.ts';
import { checkSlideAttributes, SLIDE_ATTRIBUTES, type SlideBlock } from './slide.ts';
import { fsReader, resolveSnippet, SNIPPET_ATTRIBUTES, type FileReader, type ResolvedSnippet } from './snippet.ts';
import { closest } from './suggest.ts';
import { formatLineList } from './ranges.ts';

type Directive = ContainerDirective | LeafDirective | TextDirective;

/** Starlight's aside names: container directives we leave to Starlight. */
export const ASIDE_NAMES = ['note', 'tip', 'caution', 'danger'] as const;
const BOOK_NAMES = ['snippet', 'diagram', 'slide', 'notes'] as const;

export interface IncludeRef {
  kind: 'snippet' | 'diagram';
  /** As written in the directive, relative to snippets/ or diagrams/. */
  src: string;
  /** Repo-relative path of the included file. */
  path: string;
  /** Repo-relative path of the chapter. */
  chapterFile: string;
  line: number;
  column: number;
  region?: string | undefined;
  /** The base file a `diff` snippet is compared against (recorded beside the snippet itself). */
  diffBase?: boolean | undefined;
}

export interface MermaidBlock {
  code: string;
  /** Line of the first line of Mermaid text in the chapter (the line after the fence). */
  line: number;
  column: number;
}

export interface DirectiveHooks {
  /** What a snippet becomes: by default its code node (`defaultSnippetNode`); a hook may add nodes after it. */
  snippet?: (snippet: ResolvedSnippet) => RootContent | RootContent[];
  diagram?: (diagram: ResolvedDiagram, where: { line: number; column: number }) => RootContent;
  mermaid?: (block: MermaidBlock, node: Code) => RootContent;
  /**
   * What a slide block leaves in the page. `number` is its slide number in the deck (the title slide is 1,
   * so the first block is 2). Default: the block's content when it is marked `book`, otherwise nothing.
   */
  slide?: (slide: SlideBlock, number: number) => RootContent[];
}

/** Slide number of the n-th slide block (0-based) in its chapter's deck: slide 1 is the title slide. */
export function slideNumber(blockIndex: number): number {
  return blockIndex + 2;
}

export interface DirectiveContext {
  root: string;
  /** Repo-relative chapter path, used in diagnostics and include records. */
  file: string;
  /** The chapter's text; lets unknown directives be restored exactly as written. */
  source?: string | undefined;
  reader?: FileReader | undefined;
  hooks?: DirectiveHooks | undefined;
}

export interface DirectiveResult {
  includes: IncludeRef[];
  slides: SlideBlock[];
  mermaid: MermaidBlock[];
  diagnostics: Diagnostic[];
}

function isDirective(node: RootContent): node is Directive {
  return node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective';
}

function prefixOf(node: Directive): string {
  return node.type === 'textDirective' ? ':' : node.type === 'leafDirective' ? '::' : ':::';
}

/** Expressive Code's meta string: `title="deploy/deployment.yaml" {5-7}`, or `ins={4-5} del={3}` for a diff. */
export function expressiveCodeMeta(snippet: ResolvedSnippet): string {
  const parts: string[] = [];
  if (snippet.title) parts.push(`title="${snippet.title.replace(/"/g, '\\"')}"`);
  if (snippet.highlight.length) parts.push(`{${formatLineList(snippet.highlight)}}`);
  if (snippet.diff?.inserted.length) parts.push(`ins={${formatLineList(snippet.diff.inserted)}}`);
  if (snippet.diff?.deleted.length) parts.push(`del={${formatLineList(snippet.diff.deleted)}}`);
  return parts.join(' ');
}

/** The code node a snippet becomes unless a hook says otherwise (hooks may wrap or follow it). */
export function defaultSnippetNode(snippet: ResolvedSnippet): RootContent {
  const node: Code = { type: 'code', lang: snippet.lang, meta: expressiveCodeMeta(snippet) || null, value: snippet.code };
  node.data = { snippet } as Code['data'];
  return node;
}

function defaultDiagramNode(diagram: ResolvedDiagram): RootContent {
  return {
    type: 'paragraph',
    children: [{ type: 'text', value: diagram.alt }],
    data: { hName: 'figure', hProperties: { className: ['diagram', 'diagram-unrendered'], 'data-diagram': diagram.path } },
  } as RootContent;
}

export function applyBookDirectives(tree: Root, context: DirectiveContext): DirectiveResult {
  const result: DirectiveResult = { includes: [], slides: [], mermaid: [], diagnostics: [] };
  const reader = context.reader ?? fsReader;
  const hooks = context.hooks ?? {};
  const slugger = new GithubSlugger();
  let section: SlideBlock['section'];

  const report = (node: { position?: { start: { line: number; column: number } } | undefined }, problem: DirectiveProblem, severity: 'error' | 'warning' = 'error') => {
    result.diagnostics.push(diagnostic({
      file: context.file,
      line: node.position?.start.line,
      column: node.position?.start.column,
      severity,
      rule: problem.rule,
      message: problem.message,
      hint: problem.hint,
    }));
  };

  /** Runs a consumer's hook; its expected failures (a stale diagram rendering, …) become diagnostics. */
  const viaHook = (run: () => RootContent | RootContent[]): RootContent[] => {
    try {
      const out = run();
      return Array.isArray(out) ? out : [out];
    } catch (error) {
      if (!isBookError(error)) throw error;
      result.diagnostics.push(...error.diagnostics);
      return [];
    }
  };

  const unknownAttributes = (node: Directive, allowed: readonly string[]): boolean => {
    let bad = false;
    for (const name of Object.keys(node.attributes ?? {})) {
      if (allowed.includes(name)) continue;
      const match = closest(name, allowed);
      report(node, {
        rule: 'directive-attribute',
        message: `Unknown attribute "${name}" on ${prefixOf(node)}${node.name}`,
        hint: match ? `Did you mean "${match}"?` : `Attributes it takes: ${allowed.join(', ')}.`,
      });
      bad = true;
    }
    return bad;
  };

  /** The literal text a directive was written as, so prose like `10:30` survives untouched. */
  const literal = (node: Directive): string => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (context.source !== undefined && start !== undefined && end !== undefined) {
      const text = context.source.slice(start, end);
      return node.type === 'containerDirective' ? (text.split('\n')[0] ?? text) : text;
    }
    const label = node.type === 'containerDirective' ? '' : toString(node);
    const attributes = Object.entries(node.attributes ?? {}).map(([k, v]) => (v ? `${k}="${v}"` : k)).join(' ');
    return `${prefixOf(node)}${node.name}${label ? `[${label}]` : ''}${attributes ? `{${attributes}}` : ''}`;
  };

  const restore = (node: Directive): RootContent[] => {
    const nearMiss = closest(node.name, BOOK_NAMES);
    if (nearMiss && nearMiss !== node.name) {
      report(node, { rule: 'directive-unknown', message: `Unknown directive "${prefixOf(node)}${node.name}" is shown as plain text`, hint: `Did you mean "${nearMiss}"?` }, 'warning');
    }
    if (node.type === 'textDirective') return [{ type: 'text', value: literal(node) } satisfies Text];
    if (node.type === 'leafDirective') return [{ type: 'paragraph', children: [{ type: 'text', value: literal(node) }] }];
    return [
      { type: 'paragraph', children: [{ type: 'text', value: literal(node) }] },
      ...transformChildren(node.children as RootContent[], false),
      { type: 'paragraph', children: [{ type: 'text', value: ':'.repeat(Math.max(3, literal(node).match(/^:+/)?.[0].length ?? 3)) }] },
    ];
  };

  const wrongShape = (node: Directive, expected: string, example: string): RootContent[] => {
    report(node, { rule: 'directive-shape', message: `${prefixOf(node)}${node.name} must be written as ${expected}`, hint: `Write it as: ${example}` });
    return [];
  };

  const transformSnippet = (node: LeafDirective): RootContent[] => {
    if (unknownAttributes(node, SNIPPET_ATTRIBUTES)) return [];
    const resolution = resolveSnippet(context.root, node.attributes ?? {}, reader);
    if (!resolution.ok) {
      resolution.problems.forEach((p) => report(node, p));
      return [];
    }
    const snippet = resolution.value;
    result.includes.push({ kind: 'snippet', src: snippet.src, path: snippet.path, chapterFile: context.file, line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0, region: snippet.region });
    // A diff also shows lines of the base file: the chapter depends on it (the dev server reloads on it).
    if (snippet.diff) result.includes.push({ kind: 'snippet', src: snippet.diff.base.slice('snippets/'.length), path: snippet.diff.base, chapterFile: context.file, line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0, region: snippet.region, diffBase: true });
    return viaHook(() => (hooks.snippet ?? defaultSnippetNode)(snippet));
  };

  const transformDiagram = (node: LeafDirective): RootContent[] => {
    if (unknownAttributes(node, DIAGRAM_ATTRIBUTES)) return [];
    const resolution = resolveDiagram(context.root, node.attributes ?? {});
    if (!resolution.ok) {
      resolution.problems.forEach((p) => report(node, p));
      return [];
    }
    const diagram = resolution.value;
    const where = { line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0 };
    result.includes.push({ kind: 'diagram', src: diagram.src, path: diagram.path, chapterFile: context.file, ...where });
    return viaHook(() => (hooks.diagram ?? defaultDiagramNode)(diagram, where));
  };

  const transformSlide = (node: ContainerDirective): RootContent[] => {
    if (unknownAttributes(node, SLIDE_ATTRIBUTES)) return [];
    const checked = checkSlideAttributes(node.attributes ?? {});
    if (!checked.ok) {
      checked.problems.forEach((p) => report(node, p));
      return [];
    }
    const children: RootContent[] = [];
    const notes: RootContent[] = [];
    for (const child of node.children as RootContent[]) {
      if (child.type === 'containerDirective' && child.name === 'notes') {
        if (unknownAttributes(child, [])) continue;
        notes.push(...transformChildren(child.children as RootContent[], true));
      } else if (child.type === 'containerDirective' && child.name === 'slide') {
        report(child, { rule: 'slide-nested', message: 'A slide block cannot contain another slide block', hint: 'Close the first ::::slide with :::: before opening the next.' });
      } else {
        children.push(...transformChildren([child], true));
      }
    }
    const slide: SlideBlock = {
      ...checked.value,
      line: node.position?.start.line ?? 0,
      column: node.position?.start.column ?? 0,
      section,
      children,
      notes,
    };
    result.slides.push(slide);
    if (hooks.slide) return hooks.slide(slide, slideNumber(result.slides.length - 1));
    return slide.book ? children : [];
  };

  const transformNode = (node: RootContent, inSlide: boolean): RootContent[] => {
    if (node.type === 'heading' && !inSlide) {
      const text = toString(node as Heading);
      section = { text, slug: slugger.slug(text) };
    }
    if (node.type === 'code' && node.lang?.toLowerCase() === 'mermaid') {
      const block: MermaidBlock = { code: node.value, line: (node.position?.start.line ?? 0) + 1, column: node.position?.start.column ?? 0 };
      result.mermaid.push(block);
      return hooks.mermaid ? viaHook(() => (hooks.mermaid as NonNullable<DirectiveHooks['mermaid']>)(block, node)) : [node];
    }
    if (isDirective(node)) {
      switch (node.name) {
        case 'snippet':
          return node.type === 'leafDirective' ? transformSnippet(node) : wrongShape(node, 'a leaf directive on its own line (two colons)', '::snippet{src="chapter/file.py"}');
        case 'diagram':
          return node.type === 'leafDirective' ? transformDiagram(node) : wrongShape(node, 'a leaf directive on its own line (two colons)', '::diagram{src="chapter/picture.mmd" alt="…"}');
        case 'slide':
          if (node.type !== 'containerDirective') return wrongShape(node, 'a container directive (four colons) closed by ::::', '::::slide{title="…"} … ::::');
          if (inSlide) {
            report(node, { rule: 'slide-nested', message: 'A slide block cannot contain another slide block', hint: 'Close the first ::::slide with :::: before opening the next.' });
            return [];
          }
          return transformSlide(node);
        case 'notes':
          report(node, { rule: 'notes-outside-slide', message: ':::notes is only allowed inside a ::::slide block', hint: 'Move the notes into the slide they belong to.' });
          return [];
        default:
          if (node.type === 'containerDirective' && (ASIDE_NAMES as readonly string[]).includes(node.name)) {
            node.children = transformChildren(node.children as RootContent[], inSlide) as ContainerDirective['children'];
            return [node];
          }
          return restore(node);
      }
    }
    if ('children' in node && Array.isArray(node.children)) {
      (node as Parent).children = transformChildren(node.children as RootContent[], inSlide);
    }
    return [node];
  };

  const transformChildren = (children: readonly RootContent[], inSlide: boolean): RootContent[] => children.flatMap((child) => transformNode(child, inSlide));

  tree.children = transformChildren(tree.children, false);
  return result;
}
