/**
 * Live reload for included files in `npm run dev`: editing a snippet or a diagram re-renders the chapters
 * that include it and reloads the browser. Vite only watches files that pages import, and a snippet is read
 * by the remark plugin, not imported, so without this an edit would show only after restarting.
 */
import type { Plugin } from 'vite';
import { join } from 'node:path';
import { DIAGRAMS_DIR, SNIPPETS_DIR } from '../core/paths.ts';
import { chaptersIncluding } from './include-graph.ts';

export function includeReloadPlugin(root: string): Plugin {
  return {
    name: 'book:include-reload',
    apply: 'serve',
    configureServer(server) {
      const watched = [join(root, SNIPPETS_DIR), join(root, DIAGRAMS_DIR)];
      server.watcher.add(watched);
      const onChange = (path: string) => {
        if (!watched.some((dir) => path.startsWith(dir))) return;
        const chapters = chaptersIncluding(path);
        if (chapters.length === 0) return;
        for (const chapter of chapters) {
          // Re-announce the chapter as changed: the content layer re-renders it and Vite reloads its pages.
          server.watcher.emit('change', chapter);
        }
        server.config.logger.info(`book: ${path.slice(root.length + 1)} changed; reloading ${chapters.length} chapter(s)`, { timestamp: true });
      };
      server.watcher.on('change', onChange);
      server.watcher.on('add', onChange);
    },
  };
}
