/**
 * Keys that `kubernetes-models` declares but whose compiled validators never read: the generator drops
 * every schema property called `description` and every `x-kubernetes-*` key together with the schema
 * annotations of the same name. So the field tracer (field-trace.ts) would call `PriorityClass.description`
 * or a CRD's `x-kubernetes-validations` unknown.
 *
 * The packages' type declarations (`*.d.ts`) still list those properties. Each object type there (an
 * interface, or an inline `{ ... }` type) is indexed by its other property names, which are exactly the
 * keys its validator reads. An object whose read keys match such a type may carry the dropped keys.
 *
 *   isDroppedKey('x-kubernetes-preserve-unknown-fields')                                 // → true
 *   droppedKeysDeclaredWith(['apiVersion', 'globalDefault', 'kind', 'metadata', 'preemptionPolicy', 'value'])
 *   // → Set { 'description' }   (PriorityClass)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelPackageDirectories } from './model-registry.ts';

export function isDroppedKey(key: string): boolean {
  return key === 'description' || key.startsWith('x-kubernetes-');
}

let index: Map<string, Set<string>> | undefined;

function signature(keys: Iterable<string>): string {
  return [...new Set(keys)].filter((key) => !isDroppedKey(key)).sort().join('\n');
}

function declarationFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '_schemas') files.push(...declarationFiles(path));
    } else if (entry.name.endsWith('.d.ts')) {
      files.push(path);
    }
  }
  return files;
}

/** Property names of every `{ ... }` block of a declaration file, innermost blocks separately. */
export function objectTypesOf(declarations: string): string[][] {
  const text = declarations.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  const stack: string[][] = [];
  const types: string[][] = [];
  const token = /"((?:[^"\\]|\\.)*)"\??\s*:|[{}]/g;
  for (const match of text.matchAll(token)) {
    if (match[0] === '{') stack.push([]);
    else if (match[0] === '}') {
      const done = stack.pop();
      if (done && done.length > 0) types.push(done);
    } else if (match[1] !== undefined) stack[stack.length - 1]?.push(match[1]);
  }
  return types;
}

function buildIndex(): Map<string, Set<string>> {
  const built = new Map<string, Set<string>>();
  for (const directory of modelPackageDirectories()) {
    for (const file of declarationFiles(directory)) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('"description"') && !text.includes('"x-kubernetes-')) continue;
      for (const keys of objectTypesOf(text)) {
        const dropped = keys.filter(isDroppedKey);
        if (dropped.length === 0) continue;
        const key = signature(keys);
        const set = built.get(key) ?? new Set<string>();
        for (const name of dropped) set.add(name);
        built.set(key, set);
      }
    }
  }
  return built;
}

/** The dropped keys declared by the object type whose validator read exactly `readKeys`. */
export function droppedKeysDeclaredWith(readKeys: Iterable<string>): ReadonlySet<string> {
  index ??= buildIndex();
  return index.get(signature(readKeys)) ?? new Set();
}
