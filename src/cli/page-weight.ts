/**
 * What a built page costs a reader before they interact with it: the JavaScript it runs on load (inline
 * scripts, module scripts and everything those import statically), gzipped. Dynamic `import()`s — like
 * the search UI, which loads only when search is opened — are not counted.
 *
 *   pageWeight('/repo/dist', '53-kubernetes/index.html')
 *   // → { jsGzip: 6120, jsFiles: ['_astro/page.js', …], htmlGzip: 9800, totalGzip: 27000 }
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  /** Gzipped bytes of JS run on load. */
  jsGzip: number;
  /** Site-relative paths of the JS files counted. */
  jsFiles: string[];
  htmlGzip: number;
  cssGzip: number;
  /** HTML + CSS + JS on load, gzipped. */
  totalGzip: number;
}

const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

/** Static import specifiers of an ES module (`import x from "./a.js"`, `import "./b.js"`, `export … from`). */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  const pattern = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g;
  for (const match of code.matchAll(pattern)) found.add(match[1] as string);
  return [...found];
}

/** Resolves a script reference from a page or module to a path inside dist (no leading slash). */
function resolveRef(ref: string, fromDir: string, base: string): string | undefined {
  if (/^[a-z]+:/i.test(ref) || ref.startsWith('//')) return undefined;
  if (ref.startsWith('/')) return ref.slice(1).replace(new RegExp(`^${base.replace(/^\/|\/$/g, '')}/`), '');
  return posix.normalize(posix.join(fromDir, ref));
}

export function pageWeight(distDir: string, pagePath: string, base = '/'): PageWeight {
  const html = readFileSync(join(distDir, pagePath), 'utf8');
  const jsFiles = new Set<string>();
  let jsGzip = 0;
  const queue: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attributes = match[1] ?? '';
    const src = /\bsrc="([^"]+)"/.exec(attributes)?.[1];
    const type = /\btype="([^"]+)"/.exec(attributes)?.[1];
    if (type && type !== 'module' && type !== 'text/javascript') continue; // JSON data blocks and the like
    if (src) {
      const file = resolveRef(src, posix.dirname(pagePath), base);
      if (file) queue.push(file);
    } else if ((match[2] ?? '').trim()) {
      jsGzip += gz(match[2] ?? '');
      for (const ref of type === 'module' ? staticImports(match[2] ?? '') : []) {
        const file = resolveRef(ref, posix.dirname(pagePath), base);
        if (file) queue.push(file);
      }
    }
  }
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (jsFiles.has(file) || !existsSync(join(distDir, file))) continue;
    jsFiles.add(file);
    const code = readFileSync(join(distDir, file), 'utf8');
    jsGzip += gz(code);
    for (const ref of staticImports(code)) {
      const next = resolveRef(ref, posix.dirname(file), base);
      if (next) queue.push(next);
    }
  }
  let cssGzip = 0;
  for (const match of html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(match[0])?.[1];
    const file = href ? resolveRef(href, dirname(pagePath), base) : undefined;
    if (file && existsSync(join(distDir, file))) cssGzip += gz(readFileSync(join(distDir, file)));
  }
  const htmlGzip = gz(html);
  return { jsGzip, jsFiles: [...jsFiles].sort(), htmlGzip, cssGzip, totalGzip: htmlGzip + cssGzip + jsGzip };
}
