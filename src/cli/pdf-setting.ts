/**
 * Whether `npm run build` publishes the decks' PDFs, and with which Chromium and cache: on by default,
 * off with --no-pdf or --site-only, and skipped with one line saying how to get them when no Chromium is
 * found (the site then links no PDF).
 *
 *   pdfSetting({ wanted: true, env: process.env, home: os.homedir() })
 *   // → { pdf: { executablePath: '/usr/bin/chromium', cacheDir: '~/.cache/ai-cloud-native-book/decks-pdf' }, note: undefined }
 *   // → { pdf: undefined, note: 'book: PDFs skipped — no Chromium found; install it (apt-get install chromium) or …' }
 */
import { findChromiumOrNull } from '../diagrams/chromium.ts';
import { pdfCacheDir } from '../slides/pdf-cache.ts';
import type { BuildPdfOptions } from './build-book.ts';

export interface PdfSettingInput {
  /** False with --no-pdf or --site-only. */
  wanted: boolean;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** Overridable for tests; the real file system by default. */
  isFile?: ((path: string) => boolean) | undefined;
  listDir?: ((path: string) => string[]) | undefined;
}

export function pdfSetting(input: PdfSettingInput): { pdf: BuildPdfOptions | undefined; note: string | undefined } {
  if (!input.wanted) return { pdf: undefined, note: undefined };
  const executablePath = findChromiumOrNull({ env: input.env, home: input.home, isFile: input.isFile, listDir: input.listDir });
  if (executablePath === null) {
    return {
      pdf: undefined,
      note: 'book: PDFs skipped — no Chromium found; install it (apt-get install chromium) or set BOOK_CHROMIUM=/path/to/chromium, then build again. Pages link no PDF.',
    };
  }
  return { pdf: { executablePath, cacheDir: pdfCacheDir({ ...input.env, HOME: input.env['HOME'] ?? input.home }) }, note: undefined };
}
