/**
 * A QR code of a chapter's published page, for its title slide: an SVG made at generation time by uqr (no
 * network, no canvas), as a data: URL the cover layout shows in its corner.
 *
 *   chapterQrCode('https://books.example.org/book/53-kubernetes/')
 *   // → 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0…'  (dark modules on white, one-module quiet border)
 */
import { renderSVG } from 'uqr';

export function chapterQrCode(url: string): string {
  const svg = renderSVG(url, { border: 1, ecc: 'M', blackColor: '#000', whiteColor: '#fff' });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** The absolute URL of a chapter page on the published site: `https://host/book/53-kubernetes/`. */
export function publishedPageUrl(siteUrl: string, path: string): string {
  return new URL(path, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}
