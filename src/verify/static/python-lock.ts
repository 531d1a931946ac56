/**
 * A hash lock (`requirements*.lock`, written by `npm run runtimes -- lock`) must still lock what its
 * requirements file asks for. Every distribution the requirements file names, through its `-r` includes as
 * pip follows them, must be in the lock, at the exact version where the requirement pins one (`==`). A lock
 * left behind after a requirements file changed installs a venv that lacks the new package, and the
 * failure only shows at run time, as an ImportError in a step; this check names it statically instead.
 *
 *   await pythonLockChecker.check('snippets/61-security/lumen/requirements-dev.lock', lockText, context)
 *   // → { diagnostics: [{ line: 1, column: 1, rule: 'python-lock-stale',
 *   //      message: 'dapr-ext-fastapi==1.18.3 (snippets/56-actors/lumen/requirements.txt:11) is not in this lock: …' }] }
 *   await lockInputs('snippets/61-security/lumen/requirements-dev.lock', root)  // what the check reads
 *   // → ['snippets/61-security/lumen/requirements-dev.txt', 'snippets/61-security/lumen/requirements.txt', …]
 *
 * It does not resolve dependencies (that needs PyPI): a package the lock holds but no longer needs, or a
 * transitive pin that moved, is for `npm run runtimes -- lock` to settle.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../../core/diagnostics.ts';
import { normaliseDistribution, requirementChain } from './python-requirements.ts';
import type { StaticChecker } from './types.ts';

const LOCK_NAME = /(^|\/)requirements[^/]*\.lock$/;

interface Pin {
  name: string;
  /** The exact version for `==` pins; undefined for a name with a range or no version. */
  version: string | undefined;
  file: string;
  line: number;
}

/** The requirements file a lock belongs to (`requirements-dev.lock` → `requirements-dev.txt`). */
export function requirementsFileOf(lock: string): string {
  return lock.replace(/\.lock$/, '.txt');
}

function readRepoFile(root: string, path: string): string | undefined {
  const abs = join(root, path);
  return existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
}

/** The requirements file of a lock and every file its `-r` lines include, in the order pip reads them. */
function chainOf(root: string, lock: string): Promise<{ path: string; content: string }[]> {
  return requirementChain(requirementsFileOf(lock), (path) => readRepoFile(root, path));
}

/** Repo-relative files the check of this lock reads besides the lock itself (part of its cache key). */
export async function lockInputs(lock: string, root: string): Promise<string[]> {
  return (await chainOf(root, lock)).map((file) => file.path);
}

function pinsOf(file: { path: string; content: string }): Pin[] {
  const pins: Pin[] = [];
  file.content.split(/\r?\n/).forEach((raw, index) => {
    const text = raw.replace(/(^|\s)#.*$/, '').trim();
    if (text === '' || text.startsWith('-') || /^[a-z+]+:\/\//i.test(text)) return;
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:==\s*([^\s,;]+)\s*(?:;|$))?/.exec(text);
    if (!match?.[1]) return;
    pins.push({ name: normaliseDistribution(match[1]), version: match[2], file: file.path, line: index + 1 });
  });
  return pins;
}

/** `name==version \` lines of a uv/pip-compile lock, by normalised name. */
function lockedVersions(content: string): Map<string, { version: string; line: number }> {
  const locked = new Map<string, { version: string; line: number }>();
  content.split(/\r?\n/).forEach((raw, index) => {
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s\\;]+)/.exec(raw);
    if (match?.[1] && match[2]) locked.set(normaliseDistribution(match[1]), { version: match[2], line: index + 1 });
  });
  return locked;
}

export const pythonLockChecker: StaticChecker = {
  name: 'python-lock',
  applies: (path) => LOCK_NAME.test(path),
  inputs: lockInputs,
  async check(path, content, context) {
    const requirements = requirementsFileOf(path);
    const regenerate = `npm run runtimes -- lock ${requirements}`;
    const chain = await chainOf(context.root, path);
    if (chain.length === 0) {
      return {
        diagnostics: [
          diagnostic({
            file: path,
            line: 1,
            column: 1,
            rule: 'python-lock-orphan',
            message: `No ${requirements} beside this lock: nothing says what it locks`,
            hint: `Delete the lock, or restore its requirements file and run ${regenerate}`,
          }),
        ],
      };
    }
    const locked = lockedVersions(content);
    const diagnostics: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const pin of chain.flatMap(pinsOf)) {
      const key = `${pin.name}==${pin.version ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = locked.get(pin.name);
      const where = `${pin.file}:${pin.line}`;
      if (!entry) {
        diagnostics.push(
          diagnostic({
            file: path,
            line: 1,
            column: 1,
            rule: 'python-lock-stale',
            message: `${pin.version === undefined ? pin.name : `${pin.name}==${pin.version}`} (${where}) is not in this lock: the lock is older than its requirements`,
            hint: `Regenerate it: ${regenerate}`,
          }),
        );
      } else if (pin.version !== undefined && entry.version !== pin.version) {
        diagnostics.push(
          diagnostic({
            file: path,
            line: entry.line,
            column: 1,
            rule: 'python-lock-stale',
            message: `The lock has ${pin.name}==${entry.version}, but ${where} pins ${pin.name}==${pin.version}`,
            hint: `Regenerate it: ${regenerate}`,
          }),
        );
      }
    }
    return { diagnostics };
  },
};
