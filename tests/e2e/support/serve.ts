/**
 * A plain static server for a built book below its base path (`/book/…` → dist/…), on 127.0.0.1: no SPA
 * fallback and no rewrites, like the simplest host the book could be published on. A folder URL serves its
 * index.html; anything outside the base is a 404.
 *
 *   const server = await serveBook(dist, '/book/');   // server.url → 'http://127.0.0.1:PORT/book/'
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.woff2': 'font/woff2', '.wasm': 'application/wasm',
  '.xml': 'application/xml', '.txt': 'text/plain', '.ico': 'image/x-icon',
};

export interface BookServer {
  /** Origin plus base path, ending in '/'. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export async function serveBook(dist: string, base: string): Promise<BookServer> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(base)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('outside the base path');
      return;
    }
    let file = normalize(join(dist, path.slice(base.length)));
    if (file !== dist && !file.startsWith(dist + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${base}`,
    origin,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
