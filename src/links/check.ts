/**
 * Checks every internal link of a built site and lists the external ones without fetching them.
 *
 *   const report = checkLinks({ dist: '/repo/dist', base: '/book/', deckSlides: { 'slides/53-kubernetes/index.html': 9 } });
 *   report.problems  // → [{ file: '50-fastapi/index.html', line: 41, column: 7, rule: 'link-anchor',
 *                    //      message: 'broken link "../53-kubernetes/#probez" (no element with id "probez" on 53-kubernetes/index.html)', hint }]
 *   report.external  // → [{ url: 'https://kubernetes.io/docs/', file: '53-kubernetes/index.html', line: 80, column: 3 }]
 *
 * A link is resolved the way a browser resolves it against the page's URL (`<base>53-kubernetes/` for
 * `53-kubernetes/index.html`), then must stay under the base path, name a file that exists in dist/ (a path
 * ending in `/` means its index.html), and, when it has a fragment, point at an element with that id on the
 * target page. Fragments of a Slidev deck are routes (`#/4`): the slide must exist when the deck's slide
 * count is known. `checkRef` checks one URL found elsewhere (e.g. a link inside a rendered slide).
 */
import type { Diagnostic } from '../core/diagnostics.ts';
import { DistIndex } from './dist-index.ts';
import type { PageRef } from './html.ts';

export interface LinkCheckOptions {
  /** Absolute path of the built site. */
  dist: string;
  /** The base path the site is served under (BOOK_BASE_PATH), '/' by default. */
  base?: string | undefined;
  /** The published origin (BOOK_SITE_URL): absolute links to it are checked as internal links. */
  site?: string | undefined;
  /** Slide count per deck page (dist-relative, e.g. `slides/53-kubernetes/index.html`). */
  deckSlides?: Readonly<Record<string, number>> | undefined;
}

export interface ExternalLink {
  url: string;
  file: string;
  line: number;
  column: number;
}

export interface LinkReport {
  pages: number;
  /** Internal links checked. */
  links: number;
  problems: Diagnostic[];
  external: ExternalLink[];
}

/** Origin used to resolve URLs with the WHATWG parser; never contacted. */
const LOCAL = 'http://dist.invalid';
const IGNORED_SCHEMES = new Set(['data:', 'javascript:', 'blob:', 'about:']);
/** Slidev's own routes besides `/N`. */
const DECK_ROUTE = /^\/(?:(\d+)|presenter(?:\/(\d+))?|overview|notes|notes-edit|entry|print|presenter\/print|export(?:\/(\d+))?)$/;

export function normaliseBase(base: string | undefined): string {
  const trimmed = (base ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** The URL path a file is served at: `a/index.html` → `<base>a/`, `404.html` → `<base>404.html`. */
export function pageUrl(file: string, base: string): string {
  return `${base}${file === 'index.html' ? '' : file.replace(/(^|\/)index\.html$/, '$1')}`;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export class LinkChecker {
  readonly site: DistIndex;
  readonly base: string;
  readonly #siteOrigin: string | undefined;
  readonly #deckSlides: Readonly<Record<string, number>>;

  constructor(options: LinkCheckOptions) {
    this.site = new DistIndex(options.dist);
    this.base = normaliseBase(options.base);
    this.#siteOrigin = options.site ? new URL(options.site).origin : undefined;
    this.#deckSlides = options.deckSlides ?? {};
  }

  /**
   * Checks one reference found on `from` (dist-relative page). Returns a problem, an external link, or
   * undefined when the link resolves.
   */
  checkRef(from: string, ref: Pick<PageRef, 'url' | 'tag' | 'line' | 'column'>): { problem: Diagnostic } | { external: ExternalLink } | undefined {
    let url: URL;
    try {
      url = new URL(ref.url, `${LOCAL}${pageUrl(from, this.base)}`);
    } catch {
      return { problem: this.#problem(from, ref, 'link-syntax', 'not a valid URL', 'Fix the address; spaces and brackets must be percent-encoded.') };
    }
    if (IGNORED_SCHEMES.has(url.protocol)) return undefined;
    const local = url.origin === LOCAL || (this.#siteOrigin !== undefined && url.origin === this.#siteOrigin);
    if (!local) return { external: { url: ref.url, file: from, line: ref.line, column: ref.column } };

    const path = decode(url.pathname);
    if (!path.startsWith(this.base)) {
      return {
        problem: this.#problem(from, ref, 'link-base', `outside the base path ${this.base}`,
          `The site is served under ${this.base}: write the link relative to the page (e.g. ../53-kubernetes/) or start it with ${this.base}.`),
      };
    }
    const target = this.site.fileFor(path.slice(this.base.length));
    if (target === undefined) {
      const relativePath = path.slice(this.base.length);
      const deck = relativePath.startsWith('slides/');
      const pdf = deck && relativePath.endsWith('.pdf');
      const page = (ref.tag === 'a' || ref.tag === 'area') && !pdf;
      const hint = pdf
        ? 'A deck\'s PDF is published by npm run build when it finds Chromium (not with --no-pdf or --site-only); a page may link it only when the build made it.'
        : deck
          ? 'Decks are built into <dist>/slides/ by npm run build (not with --site-only); if the build made them, check the chapter slug.'
          : page
            ? 'Check the path: a chapter is served at <base>NN-slug/ (with the trailing slash); fix the link or the page it names.'
            : 'The file is missing from the build: check the path, or that the asset is part of the site.';
      return { problem: this.#problem(from, ref, page ? 'link-page' : 'link-file', page ? 'no such page' : 'no such file', hint) };
    }
    if (url.hash === '' || url.hash === '#' || !target.endsWith('.html')) return undefined;
    const fragment = decode(url.hash.slice(1));
    const parsed = this.site.page(target);
    if (parsed.isDeck) return this.#checkSlide(from, ref, target, fragment);
    if (fragment === 'top' || parsed.ids.has(fragment)) return undefined;
    const where = target === from ? 'this page' : target;
    return {
      problem: this.#problem(from, ref, 'link-anchor', `no element with id "${fragment}" on ${where}`,
        'Heading ids come from the heading text (## Readiness probes → #readiness-probes): fix the fragment, or link to the page without it.'),
    };
  }

  #checkSlide(from: string, ref: Pick<PageRef, 'url' | 'line' | 'column'>, deck: string, fragment: string): { problem: Diagnostic } | undefined {
    const route = DECK_ROUTE.exec(fragment.replace(/\?.*$/, ''));
    if (!route) {
      return { problem: this.#problem(from, ref, 'link-slide', 'not a route of the deck', 'Link to a slide as #/N (slide numbers start at 1), or to the deck without a fragment.') };
    }
    const slide = Number(route[1] ?? route[2] ?? route[3] ?? 1);
    const count = this.#deckSlides[deck];
    if (slide < 1 || (count !== undefined && slide > count)) {
      return { problem: this.#problem(from, ref, 'link-slide', `${deck} has ${count ?? 'no such'} slide${count === 1 ? '' : 's'}`, 'Link to an existing slide (#/1 is the title slide), or to the deck without a fragment.') };
    }
    return undefined;
  }

  #problem(file: string, ref: Pick<PageRef, 'url' | 'line' | 'column'>, rule: string, reason: string, hint: string): Diagnostic {
    return { file, line: ref.line, column: ref.column, severity: 'error', rule, message: `broken link "${ref.url}" (${reason})`, hint };
  }

  /** Every reference of every HTML page in dist/. */
  checkAll(): LinkReport {
    const problems: Diagnostic[] = [];
    const external: ExternalLink[] = [];
    let links = 0;
    const pages = this.site.htmlFiles();
    for (const file of pages) {
      for (const ref of this.site.page(file).refs) {
        const outcome = this.checkRef(file, ref);
        if (outcome && 'external' in outcome) {
          external.push(outcome.external);
          continue;
        }
        links += 1;
        if (outcome) problems.push(outcome.problem);
      }
    }
    return { pages: pages.length, links, problems, external };
  }
}

export function checkLinks(options: LinkCheckOptions): LinkReport {
  return new LinkChecker(options).checkAll();
}
