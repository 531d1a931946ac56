/**
 * The static tier of `npm run verify-snippets`: checks a snippet file without network, cluster or
 * docker. A small registry of checkers (one module each) decides which apply to a file and runs them.
 *
 *   staticCheckersFor('snippets/53-k8s/deploy.yaml', text)   // → ['kubernetes', 'yaml', 'secrets']
 *   await checkFileStatically('snippets/53-k8s/deploy.yaml', text, { root, requirements })
 *   // → [{ checker: 'kubernetes', status: 'failed', diagnostics: [...] }, { checker: 'yaml', status: 'passed', ... }, ...]
 *   await staticInputsFor('snippets/61-security/lumen/requirements-dev.lock', text, root)  // → ['snippets/61-security/lumen/requirements-dev.txt', …]
 *   await staticToolVersions()   // → { ruff: '0.17.4', shellcheck: '0.9.0', bash: '5.2', 'kubernetes-models': '5.1.0', ... }
 *   readPythonRequirements([{ path: 'snippets/x/requirements.txt', content: 'fastapi\nPyYAML' }])  // → Set {...}
 *
 * Checkers: kubernetes, python, shell (bash -n), shellcheck, dockerfile, workflow, helm, helm-lint, json,
 * yaml, toml, python-lock, secrets. Mermaid (`.mmd`) files get none here (the diagrams tooling owns them).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnostic, sortDiagnostics } from '../../core/diagnostics.ts';
import { jsonChecker, tomlChecker, yamlChecker } from './data-formats.ts';
import { dockerfileChecker } from './dockerfile.ts';
import { findTool, toolVersion } from './external-tool.ts';
import { helmChecker, helmLintChecker } from './helm.ts';
import { kubernetesChecker } from './kubernetes.ts';
import { modelPackageVersions } from './kubernetes/model-registry.ts';
import { extensionOf } from './paths.ts';
import { pythonLockChecker } from './python-lock.ts';
import { pythonChecker, ruffVersion } from './python.ts';
import { secretsChecker } from './secrets.ts';
import { bashSyntaxChecker, shellcheckChecker } from './shell.ts';
import type { StaticCheckContext, StaticChecker, StaticCheckOutcome } from './types.ts';
import { workflowChecker } from './workflow.ts';

export type { StaticCheckContext, StaticCheckOutcome } from './types.ts';
export { readPythonRequirements } from './python-requirements.ts';

/** In report order. */
const CHECKERS: readonly StaticChecker[] = [
  kubernetesChecker,
  workflowChecker,
  helmChecker,
  helmLintChecker,
  pythonChecker,
  bashSyntaxChecker,
  shellcheckChecker,
  dockerfileChecker,
  jsonChecker,
  yamlChecker,
  tomlChecker,
  pythonLockChecker,
  secretsChecker,
];

export const STATIC_CHECKER_NAMES: readonly string[] = CHECKERS.map((checker) => checker.name);

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** Which checkers apply to this file (by name/extension/content); [] means "no static check applies". */
export function staticCheckersFor(repoRelativePath: string, content: string): string[] {
  const path = normalise(repoRelativePath);
  if (extensionOf(path) === 'mmd') return [];
  return CHECKERS.filter((checker) => checker.applies(path, content)).map((checker) => checker.name);
}

/** Repo-relative files the applicable checkers read besides this one, for cache keys (none for most). */
export async function staticInputsFor(repoRelativePath: string, content: string, root: string): Promise<string[]> {
  const path = normalise(repoRelativePath);
  const names = new Set(staticCheckersFor(path, content));
  const lists = await Promise.all(CHECKERS.filter((checker) => names.has(checker.name)).map((checker) => checker.inputs?.(path, root) ?? []));
  return [...new Set(lists.flat())];
}

/** Runs every applicable checker on one file. Never throws for bad input: problems are diagnostics. */
export async function checkFileStatically(repoRelativePath: string, content: string, context: StaticCheckContext): Promise<StaticCheckOutcome[]> {
  const path = normalise(repoRelativePath);
  const names = new Set(staticCheckersFor(path, content));
  const outcomes: StaticCheckOutcome[] = [];
  for (const checker of CHECKERS) {
    if (!names.has(checker.name)) continue;
    try {
      const result = await checker.check(path, content, context);
      const diagnostics = sortDiagnostics(result.diagnostics);
      if (result.skipReason !== undefined) {
        outcomes.push({ checker: checker.name, status: 'skipped', skipReason: result.skipReason, diagnostics });
      } else {
        outcomes.push({ checker: checker.name, status: diagnostics.some((d) => d.severity === 'error') ? 'failed' : 'passed', diagnostics });
      }
    } catch (error) {
      // A checker bug must not hide the other checkers' results, and must not read as a pass.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      outcomes.push({
        checker: checker.name,
        status: 'failed',
        diagnostics: [diagnostic({ file: path, rule: 'static-checker-crash', message: `The ${checker.name} checker crashed: ${message}`, hint: 'This is a bug in the toolkit; please report it with the file.' })],
      });
    }
  }
  return outcomes;
}

function packageVersion(name: string): string | undefined {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      return (JSON.parse(readFileSync(join(directory, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version;
    } catch {
      const parent = dirname(directory);
      if (parent === directory) return undefined;
      directory = parent;
    }
  }
}

/** Versions of the tools/libraries the checkers use, for cache keys; a missing tool is 'missing'. */
export async function staticToolVersions(): Promise<Record<string, string>> {
  // The package's own version names the ruff build it ships; reading it avoids loading the wasm on a
  // run where every result comes from the cache.
  const versions: Record<string, string> = { ruff: packageVersion('@astral-sh/ruff-wasm-nodejs') ?? (await ruffVersion()) };
  const tools = [
    ['bash', ['--version']],
    ['shellcheck', ['--version']],
    ['helm', ['version', '--short']],
  ] as const;
  const found = await Promise.all(tools.map(async ([tool, args]) => {
    const path = findTool(tool);
    return [tool, path ? ((await toolVersion(path, [...args])) ?? 'unknown') : 'missing'] as const;
  }));
  for (const [tool, version] of found) versions[tool] = version;
  for (const name of ['dockerfile-ast', 'dockerfile-utils', 'yaml', 'smol-toml', 'zod']) versions[name] = packageVersion(name) ?? 'missing';
  Object.assign(versions, modelPackageVersions());
  versions['static-checkers'] = '3';
  return versions;
}
