/**
 * What a snippet file is, from its name: the highlighting language the book shows it in, and the comment
 * syntax its region markers are written in.
 *
 *   languageOf('deploy/Dockerfile')      // → { lang: 'dockerfile', comment: { start: '#' } }
 *   languageOf('agent/app/main.py')      // → { lang: 'python',     comment: { start: '#' } }
 *   languageOf('site/page.html')         // → { lang: 'html',       comment: { start: '<!--', end: '-->' } }
 *   languageOf('data/config.json')       // → { lang: 'json',       comment: undefined }  (no comments: no regions)
 */

export interface CommentSyntax {
  start: string;
  end?: string;
}

export interface LanguageInfo {
  /** Shiki language id used for highlighting. */
  lang: string;
  /** How a line comment is written; undefined for formats without comments (JSON, plain output). */
  comment: CommentSyntax | undefined;
}

const HASH: CommentSyntax = { start: '#' };
const SLASHES: CommentSyntax = { start: '//' };
const HTML: CommentSyntax = { start: '<!--', end: '-->' };
const DASHES: CommentSyntax = { start: '--' };
const PERCENT: CommentSyntax = { start: '%%' };

/** Whole file names that decide the language on their own. */
const BY_NAME: Record<string, LanguageInfo> = {
  dockerfile: { lang: 'dockerfile', comment: HASH },
  containerfile: { lang: 'dockerfile', comment: HASH },
  makefile: { lang: 'makefile', comment: HASH },
  '.dockerignore': { lang: 'ini', comment: HASH },
  '.gitignore': { lang: 'ini', comment: HASH },
  '.env': { lang: 'ini', comment: HASH },
  'requirements.txt': { lang: 'ini', comment: HASH },
};

/** File extensions (without the dot, lower case). */
const BY_EXTENSION: Record<string, LanguageInfo> = {
  py: { lang: 'python', comment: HASH },
  yaml: { lang: 'yaml', comment: HASH },
  yml: { lang: 'yaml', comment: HASH },
  sh: { lang: 'bash', comment: HASH },
  bash: { lang: 'bash', comment: HASH },
  toml: { lang: 'toml', comment: HASH },
  tf: { lang: 'hcl', comment: HASH },
  env: { lang: 'ini', comment: HASH },
  ini: { lang: 'ini', comment: HASH },
  conf: { lang: 'ini', comment: HASH },
  dockerfile: { lang: 'dockerfile', comment: HASH },
  ts: { lang: 'ts', comment: SLASHES },
  tsx: { lang: 'tsx', comment: SLASHES },
  js: { lang: 'js', comment: SLASHES },
  mjs: { lang: 'js', comment: SLASHES },
  cjs: { lang: 'js', comment: SLASHES },
  go: { lang: 'go', comment: SLASHES },
  rs: { lang: 'rust', comment: SLASHES },
  java: { lang: 'java', comment: SLASHES },
  jsonc: { lang: 'jsonc', comment: SLASHES },
  json: { lang: 'json', comment: undefined },
  html: { lang: 'html', comment: HTML },
  xml: { lang: 'xml', comment: HTML },
  svg: { lang: 'xml', comment: HTML },
  md: { lang: 'md', comment: HTML },
  mdx: { lang: 'mdx', comment: HTML },
  sql: { lang: 'sql', comment: DASHES },
  mmd: { lang: 'mermaid', comment: PERCENT },
  out: { lang: 'text', comment: undefined },
  txt: { lang: 'text', comment: undefined },
  log: { lang: 'text', comment: undefined },
};

/** The language of a file, from its base name; plain text when nothing matches. */
export function languageOf(path: string): LanguageInfo {
  const base = (path.split('/').pop() ?? path).toLowerCase();
  const byName = BY_NAME[base];
  if (byName) return byName;
  // Ignore files are matched before Dockerfile variants: `Dockerfile.dev.dockerignore` is an ignore file.
  if (base.endsWith('.dockerignore') || base.endsWith('.gitignore')) return { lang: 'ini', comment: HASH };
  if (/^(?:dockerfile|containerfile)[.-]/.test(base) || base.endsWith('.dockerfile')) return { lang: 'dockerfile', comment: HASH };
  if (base.startsWith('requirements') && base.endsWith('.txt')) return { lang: 'ini', comment: HASH };
  const dot = base.lastIndexOf('.');
  const extension = dot >= 0 ? base.slice(dot + 1) : '';
  return BY_EXTENSION[extension] ?? { lang: 'text', comment: undefined };
}
