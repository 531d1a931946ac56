/**
 * Stage 3, the static tier: each planned file through the Mermaid validator (`.mmd`) and the static checkers
 * that apply to it, with the Python requirements of its example (or the nearest requirements.txt) so import
 * checks know what is declared. Results are cached by content, tool versions and requirements.
 *
 *   const tier = await staticTier(context, plan);
 *   await tier.check(plannedFile)  // → [{ tier: 'static', name: 'yaml', status: 'passed', … }]
 */
import { posix } from 'node:path';
import { diagnostic } from '../../core/diagnostics.ts';
import { cacheKey } from '../cache.ts';
import { SNIPPETS, type Plan, type PlannedFile } from '../plan.ts';
import { moduleSearchFolders } from '../overlay.ts';
import { requirementChain } from '../static/python-requirements.ts';
import type { CheckResult } from '../types.ts';
import type { RunContext } from './types.ts';

export interface StaticTier {
  check(file: PlannedFile): Promise<CheckResult[]>;
}

export interface Requirements {
  set: ReadonlySet<string>;
  /** The requirements files' paths and texts, part of the cache key. */
  source: string;
}

/** The example's requirements file, else the nearest requirements.txt, with `-r` includes followed as pip does. */
export async function requirementsFor(context: RunContext, plan: Plan, file: PlannedFile): Promise<Requirements> {
  const candidates: string[] = [];
  if (file.example?.requirementsFile) candidates.push(file.example.requirementsFile);
  else if (file.example?.requirements) candidates.push(posix.join(file.example.dir, file.example.requirements));
  else {
    for (let dir = posix.dirname(file.path); dir.startsWith(SNIPPETS); dir = posix.dirname(dir)) candidates.push(`${dir}/requirements.txt`);
  }
  const existing = new Set(plan.all);
  const path = candidates.find((c) => existing.has(c));
  if (!path) return { set: new Set(), source: '' };
  const files = await requirementChain(path, (next) => (existing.has(next) ? context.read(next) : undefined));
  return { set: context.deps.checkers.readPythonRequirements(files), source: files.map((f) => `${f.path}\n${f.content}`).join('\n') };
}

async function mermaidCheck(context: RunContext, file: PlannedFile, content: string): Promise<CheckResult> {
  const problem = await context.deps.validateMermaid(content);
  return {
    tier: 'static',
    name: 'mermaid',
    status: problem ? 'failed' : 'passed',
    diagnostics: problem ? [diagnostic({ file: file.path, line: problem.line, column: 1, message: problem.message, hint: 'Fix the Mermaid syntax; preview it with npm run diagrams.', rule: 'mermaid-syntax' })] : [],
    durationMs: 0,
    cached: false,
  };
}

export async function staticTier(context: RunContext, plan: Plan): Promise<StaticTier> {
  const { checkers } = context.deps;
  const toolVersions = JSON.stringify(await checkers.staticToolVersions());
  return {
    async check(file) {
      const content = await context.read(file.path);
      const requirements = await requirementsFor(context, plan, file);
      // In an overlay, local Python modules may come from any layer of the example.
      const moduleFolders = file.example && file.example.layers.length > 1 ? moduleSearchFolders(file.path, file.example) : undefined;
      // Some checks read other files (a lock's requirements chain): their contents belong in the key too.
      const inputs = await Promise.all((await checkers.staticInputsFor(file.path, content, context.root)).map(async (path) => `${path}\n${await context.read(path)}`));
      const key = cacheKey(['static', file.path, content, toolVersions, requirements.source, ...(moduleFolders ?? []), ...inputs]);
      const hit = await context.cache.get(key);
      if (hit) return hit;
      const started = performance.now();
      const results: CheckResult[] = [];
      if (file.path.endsWith('.mmd')) results.push(await mermaidCheck(context, file, content));
      if (checkers.staticCheckersFor(file.path, content).length > 0) {
        const outcomes = await checkers.checkFileStatically(file.path, content, { root: context.root, requirements: requirements.set, moduleFolders });
        for (const outcome of outcomes) {
          results.push({ tier: 'static', name: outcome.checker, status: outcome.status, skipReason: outcome.skipReason, diagnostics: outcome.diagnostics, durationMs: 0, cached: false });
        }
      }
      const elapsed = Math.round(performance.now() - started);
      for (const r of results) r.durationMs = Math.round(elapsed / results.length);
      return context.cache.set(key, results);
    },
  };
}
