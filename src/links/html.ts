/**
 * What the link checker needs from one built HTML page: the ids it offers as fragment targets and every
 * URL it refers to, with the line and column of the element, parsed by a real HTML parser (parse5 via hast).
 *
 *   parsePage('<h2 id="probes">…</h2><a href="../50-fastapi/#health">…</a>')
 *   // → { ids: Set { 'probes' }, isDeck: false,
 *   //     refs: [{ url: '../50-fastapi/#health', tag: 'a', attribute: 'href', line: 1, column: 24 }] }
 *
 * URL attributes read: href (a, area, link, use), src (script, img, source, iframe, video, audio, track,
 * embed, input), srcset (img, source), poster (video), data (object), xlink:href (SVG). `<link rel=
 * "preconnect|dns-prefetch">` is skipped (a host, not a resource). A Slidev deck page is recognised by its
 * `<meta property="slidev:version">`: its fragments are routes (`#/4`), not ids.
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

export interface PageRef {
  url: string;
  tag: string;
  attribute: string;
  line: number;
  column: number;
}

export interface ParsedPage {
  ids: Set<string>;
  refs: PageRef[];
  isDeck: boolean;
}

/** hast property name → the attribute as written, per element. */
const URL_PROPERTIES: Record<string, Record<string, string>> = {
  a: { href: 'href' },
  area: { href: 'href' },
  link: { href: 'href' },
  use: { href: 'href', xLinkHref: 'xlink:href' },
  image: { href: 'href', xLinkHref: 'xlink:href' },
  script: { src: 'src' },
  img: { src: 'src', srcSet: 'srcset' },
  source: { src: 'src', srcSet: 'srcset' },
  iframe: { src: 'src' },
  video: { src: 'src', poster: 'poster' },
  audio: { src: 'src' },
  track: { src: 'src' },
  embed: { src: 'src' },
  input: { src: 'src' },
  object: { data: 'data' },
};

const SKIPPED_RELS = new Set(['preconnect', 'dns-prefetch']);

/** `a.png 1x, b.png 2x` → ['a.png', 'b.png'] (hast gives srcset as a list or a string). */
function srcsetUrls(value: unknown): string[] {
  const text = Array.isArray(value) ? value.join(',') : String(value);
  return text.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

function urlsOf(node: Element, property: string): string[] {
  const value = node.properties[property];
  if (value === undefined || value === null || value === false) return [];
  if (property === 'srcSet') return srcsetUrls(value);
  return [String(Array.isArray(value) ? value.join(' ') : value).trim()];
}

export function parsePage(html: string): ParsedPage {
  const tree: Root = fromHtml(html);
  const ids = new Set<string>();
  const refs: PageRef[] = [];
  let isDeck = false;
  visit(tree, 'element', (node: Element) => {
    const id = node.properties['id'];
    if (typeof id === 'string' && id !== '') ids.add(id);
    if (node.tagName === 'a' && typeof node.properties['name'] === 'string') ids.add(node.properties['name']);
    if (node.tagName === 'meta' && node.properties['property'] === 'slidev:version') isDeck = true;
    const properties = URL_PROPERTIES[node.tagName];
    if (!properties) return;
    if (node.tagName === 'link') {
      const rel: unknown = node.properties['rel'];
      const rels: string[] = Array.isArray(rel) ? rel.map(String) : typeof rel === 'string' ? rel.split(/\s+/) : [];
      if (rels.some((r) => SKIPPED_RELS.has(r.toLowerCase()))) return;
    }
    const line = node.position?.start.line ?? 0;
    const column = node.position?.start.column ?? 0;
    const seen = new Set<string>();
    for (const [property, attribute] of Object.entries(properties)) {
      for (const url of urlsOf(node, property)) {
        if (seen.has(url)) continue; // <img src="a.png" srcset="a.png 1x, …"> names a.png once
        seen.add(url);
        refs.push({ url, tag: node.tagName, attribute, line, column });
      }
    }
  });
  return { ids, refs, isDeck };
}
