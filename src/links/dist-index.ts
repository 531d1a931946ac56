/**
 * A built site on disk, seen the way a plain static host serves it: URL paths map to files, a path ending
 * in `/` to its `index.html`, nothing is rewritten. Pages are parsed once, on first use.
 *
 *   const site = new DistIndex('/repo/dist');
 *   site.htmlFiles()                          // → ['404.html', '50-fastapi/index.html', 'index.html', …]
 *   site.fileFor('53-kubernetes/')            // → '53-kubernetes/index.html'   (undefined when absent)
 *   site.page('53-kubernetes/index.html')     // → { ids, refs, isDeck }  (see html.ts)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { parsePage, type ParsedPage } from './html.ts';

export class DistIndex {
  readonly dir: string;
  readonly #pages = new Map<string, ParsedPage>();

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Every .html file, dist-relative with forward slashes, sorted. */
  htmlFiles(): string[] {
    return (readdirSync(this.dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
      .map((entry) => join(entry.parentPath, entry.name).slice(this.dir.length + 1).split(sep).join('/'))
      .sort();
  }

  #isFile(relative: string): boolean {
    const absolute = join(this.dir, relative);
    return existsSync(absolute) && statSync(absolute).isFile();
  }

  /**
   * The file a dist-relative URL path is served from: `a/` → `a/index.html`, `a/x.css` → itself, and a
   * folder without its slash (`a`) → `a/index.html` as most static hosts redirect it. Undefined when none.
   */
  fileFor(path: string): string | undefined {
    if (path.includes('\0') || path.split('/').includes('..')) return undefined;
    if (path === '' || path.endsWith('/')) return this.#isFile(`${path}index.html`) ? `${path}index.html` : undefined;
    if (this.#isFile(path)) return path;
    return this.#isFile(`${path}/index.html`) ? `${path}/index.html` : undefined;
  }

  page(file: string): ParsedPage {
    let parsed = this.#pages.get(file);
    if (!parsed) {
      parsed = parsePage(readFileSync(join(this.dir, file), 'utf8'));
      this.#pages.set(file, parsed);
    }
    return parsed;
  }
}
