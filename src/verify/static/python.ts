/**
 * Python snippets: ruff (WebAssembly build, loaded once) for syntax errors and a small pyflakes-style rule
 * set, then an import check: every imported top-level module must be standard library (3.12), a local
 * module of the same example folder, or provided by a declared requirement.
 *
 *   await pythonChecker.check('snippets/55-agents/api/main.py', text, context)
 *   // → { diagnostics: [{ line: 3, column: 8, rule: 'ruff:F401', message: '`os` imported but unused' }, ...] }
 *
 * Ruff rules: `F` (pyflakes: F401 unused import, F821 undefined name, F811 redefinition, F841 unused
 * variable, ...), `E9` (I/O and syntax errors) and `PLE` (pylint errors such as `return` outside a
 * function), for Python 3.12. Syntax errors are reported as `python-syntax`.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../../core/diagnostics.ts';
import { closest } from '../../core/suggest.ts';
import { dirName } from './paths.ts';
import { allowedImports } from './python-requirements.ts';
import { PYTHON_STDLIB } from './python-stdlib.ts';
import type { StaticChecker, StaticCheckContext } from './types.ts';

export const RUFF_RULES = ['F', 'E9', 'PLE'] as const;

interface RuffDiagnostic {
  code: string | null;
  message: string;
  start_location: { row: number; column: number };
}

interface RuffWorkspace {
  check(contents: string): RuffDiagnostic[];
}

interface RuffModule {
  Workspace: { new (options: unknown, encoding: number): RuffWorkspace; version(): string };
  PositionEncoding: { Utf16: number };
}

let ruff: Promise<{ workspace: RuffWorkspace; version: string }> | undefined;

/** The ruff workspace, created on first use (the wasm module takes a moment to instantiate). */
function loadRuff(): Promise<{ workspace: RuffWorkspace; version: string }> {
  ruff ??= (async () => {
    const module = (await import('@astral-sh/ruff-wasm-nodejs')) as unknown as RuffModule & { default?: RuffModule };
    const api = module.Workspace ? module : (module.default as RuffModule);
    const workspace = new api.Workspace(
      { 'target-version': 'py312', 'line-length': 120, lint: { select: [...RUFF_RULES] } },
      api.PositionEncoding.Utf16,
    );
    return { workspace, version: api.Workspace.version() };
  })();
  return ruff;
}

export async function ruffVersion(): Promise<string> {
  return (await loadRuff()).version;
}

const RUFF_HINTS: Record<string, string> = {
  F401: 'Remove the import, or use it.',
  F811: 'Remove the earlier definition or rename one of them.',
  F821: 'Define or import the name before it is used (check its spelling).',
  F841: 'Remove the assignment, or use the variable.',
};

export interface PythonImport {
  module: string;
  line: number;
  column: number;
}

/** Absolute imports (`import a.b`, `from a.b import c`) outside strings; relative imports are local. */
export function extractImports(content: string): PythonImport[] {
  const imports: PythonImport[] = [];
  let inString: string | undefined;
  content.split(/\r?\n/).forEach((text, index) => {
    const line = index + 1;
    const code = text.replace(/(^|\s)#.*$/, '');
    if (inString === undefined) {
      const plain = /^(\s*)import\s+(.+)$/.exec(code);
      const from = /^(\s*)from\s+(\.*)([A-Za-z_][\w.]*)?\s+import\b/.exec(code);
      if (plain) {
        let offset = (plain[1]?.length ?? 0) + code.slice(plain[1]?.length ?? 0).indexOf(plain[2] ?? '');
        for (const part of (plain[2] ?? '').replace(/[()\\]/g, ' ').split(',')) {
          const name = /^\s*([A-Za-z_][\w.]*)/.exec(part);
          if (name?.[1]) imports.push({ module: name[1], line, column: offset + part.indexOf(name[1]) + 1 });
          offset += part.length + 1;
        }
      } else if (from && !from[2] && from[3]) {
        imports.push({ module: from[3], line, column: code.indexOf(from[3], from[1]?.length ?? 0) + 1 });
      }
    }
    for (const quote of code.match(/"""|'''/g) ?? []) {
      if (inString === undefined) inString = quote;
      else if (inString === quote) inString = undefined;
    }
  });
  return imports;
}

/** Folders searched for local modules unless the context lists them: the file's folder up to its example folder (`snippets/NN-x/example`). */
function localFolders(path: string): string[] {
  const folders: string[] = [];
  const parts = dirName(path).split('/').filter(Boolean);
  const floor = parts[0] === 'snippets' ? Math.min(3, parts.length) : parts.length;
  for (let depth = parts.length; depth >= Math.max(floor, 1); depth -= 1) folders.push(parts.slice(0, depth).join('/'));
  return folders;
}

function isLocalModule(top: string, path: string, context: StaticCheckContext): boolean {
  return (context.moduleFolders ?? localFolders(path)).some((folder) => {
    const base = join(context.root, folder, top);
    return existsSync(`${base}.py`) || (existsSync(base) && statSync(base).isDirectory());
  });
}

const allowedCache = new WeakMap<ReadonlySet<string>, Set<string>>();

function allowedFor(context: StaticCheckContext): Set<string> {
  let allowed = allowedCache.get(context.requirements);
  if (!allowed) {
    allowed = allowedImports(context.requirements);
    allowedCache.set(context.requirements, allowed);
  }
  return allowed;
}

export const pythonChecker: StaticChecker = {
  name: 'python',
  applies: (path) => path.toLowerCase().endsWith('.py'),
  async check(path, content, context) {
    const { workspace } = await loadRuff();
    const diagnostics: Diagnostic[] = [];
    let syntaxError = false;
    for (const found of workspace.check(content)) {
      const code = found.code ?? 'invalid-syntax';
      const isSyntax = code === 'invalid-syntax' || code === 'E999';
      if (isSyntax) {
        if (syntaxError) continue; // the first syntax error is the useful one
        syntaxError = true;
      }
      diagnostics.push(
        diagnostic({
          file: path,
          line: found.start_location.row,
          column: found.start_location.column,
          rule: isSyntax ? 'python-syntax' : `ruff:${code}`,
          message: isSyntax ? `Syntax error: ${found.message}` : found.message,
          hint: isSyntax ? 'The file must parse as Python 3.12.' : (RUFF_HINTS[code] ?? `See https://docs.astral.sh/ruff/rules/ for ${code}.`),
        }),
      );
    }
    const allowed = allowedFor(context);
    for (const entry of extractImports(content)) {
      const top = entry.module.split('.')[0] ?? entry.module;
      if (PYTHON_STDLIB.has(top) || allowed.has(top) || allowed.has(top.toLowerCase())) continue;
      if (isLocalModule(top, path, context)) continue;
      const declared = closest(top, [...allowed].filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)));
      diagnostics.push(
        diagnostic({
          file: path,
          line: entry.line,
          column: entry.column,
          rule: 'python-import',
          message: `Import "${top}" is not in the Python 3.12 standard library, not a local module of this example, and not declared in the requirements`,
          hint: declared
            ? `Did you mean "${declared}" (declared)? Otherwise declare the distribution that provides "${top}" in requirements.txt or pyproject.toml.`
            : `Declare the distribution that provides "${top}" in the example's requirements.txt or pyproject.toml.`,
        }),
      );
    }
    return { diagnostics };
  },
};
