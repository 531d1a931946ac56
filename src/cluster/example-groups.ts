/**
 * The custom API groups each cluster example needs: those of the objects its `cluster.apply` files hold
 * (read from a materialised copy, overlays included) and those its add-ons own. The local control plane
 * installs the reference CRDs of these groups; on kind, a group no add-on brings cannot be applied.
 *
 *   const groups = await apiGroupsByExample(examples, { root, scratch });
 *   groups.get('snippets/54-cicd/gitops')   // → Set { 'argoproj.io' }
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { insideExample, type Manifest } from '../verify/manifest.ts';
import { materializeExample } from '../verify/overlay.ts';
import { ADDON_GROUPS, groupsUsed } from './crds.ts';

function yamlTexts(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return [];
  }
  if (stat.isFile()) return /\.ya?ml$/.test(path) ? [readFileSync(path, 'utf8')] : [];
  return readdirSync(path).flatMap((entry) => yamlTexts(join(path, entry)));
}

export async function apiGroupsByExample(examples: readonly Manifest[], options: { root: string; scratch: string }): Promise<Map<string, Set<string>>> {
  const groupsByExample = new Map<string, Set<string>>();
  for (const [i, manifest] of examples.entries()) {
    const cluster = manifest.cluster;
    if (!cluster) continue;
    const copy = join(options.scratch, 'scan', String(i));
    await materializeExample(options.root, manifest, copy);
    const texts = cluster.apply.flatMap((target) => yamlTexts(join(copy, insideExample('.', target) ?? '.')));
    const groups = groupsUsed(texts);
    for (const addon of cluster.addons) for (const group of ADDON_GROUPS[addon]) groups.add(group);
    groupsByExample.set(manifest.dir, groups);
  }
  return groupsByExample;
}

/**
 * On kind, examples that use a group none of the run's add-ons installs, with why they are skipped: the
 * kind tier installs CRDs only through add-on charts.
 */
export function withoutCrdsOnKind(groupsByExample: ReadonlyMap<string, ReadonlySet<string>>, addons: Iterable<keyof typeof ADDON_GROUPS>): Map<string, string> {
  const provided = new Set([...addons].flatMap((addon) => ADDON_GROUPS[addon]));
  const out = new Map<string, string>();
  for (const [dir, groups] of groupsByExample) {
    const missing = [...groups].filter((group) => !provided.has(group)).sort();
    if (missing.length === 0) continue;
    out.set(dir, `on kind no add-on installs the CRDs of API group ${missing.join(', ')} (--cluster local applies them with the reference CRDs)`);
  }
  return out;
}
