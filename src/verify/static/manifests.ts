/**
 * Which files are Kubernetes manifests: a YAML (`.yaml`, `.yml`) or JSON file, outside a Helm chart's
 * templates, in which some document is a mapping with both `apiVersion` and `kind` keys, in any style
 * (block, flow, JSON). The file is parsed rather than matched by a regex, so flow-style and JSON
 * manifests are schema-checked like block-style ones.
 *
 *   isManifestFile('snippets/x/pod.yaml', '{ apiVersion: v1, kind: Pod }')          // → true
 *   isManifestFile('snippets/x/pod.json', '{ "apiVersion": "v1", "kind": "Pod" }')  // → true
 *   isManifestFile('charts/x/Chart.yaml', 'apiVersion: v2\nname: x\n')               // → false (no kind)
 *   isManifestFile('snippets/x/bad.yaml', 'apiVersion: v1\nkind: [\n')              // → true (skipped by the checker)
 */
import { isMap, isScalar } from 'yaml';
import type { Document } from 'yaml';
import { extensionOf, isHelmTemplate, isYamlPath } from './paths.ts';
import { parseYamlSource } from './yaml-source.ts';

export function isManifestPath(path: string): boolean {
  return isYamlPath(path) || extensionOf(path) === 'json';
}

/** A document whose top-level mapping has `apiVersion` and `kind` keys (whatever their values). */
export function hasTypeMeta(document: Document.Parsed): boolean {
  const contents = document.contents;
  if (!isMap(contents)) return false;
  const keys = new Set(contents.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : undefined)));
  return keys.has('apiVersion') && keys.has('kind');
}

/**
 * A file that does not parse counts as a manifest when it has `apiVersion` and `kind` keys in any
 * quoting: the kubernetes checker then reports it as skipped (never passed); the yaml/json checker
 * reports the syntax error.
 */
export function isManifestFile(path: string, content: string): boolean {
  if (!isManifestPath(path) || isHelmTemplate(path, content)) return false;
  // Cheap exits before parsing: both words must appear somewhere.
  if (!content.includes('apiVersion') || !content.includes('kind')) return false;
  const source = parseYamlSource(content);
  if (source.errors.length > 0) return /(?:^|[{,\s])["']?apiVersion["']?\s*:/.test(content) && /(?:^|[{,\s])["']?kind["']?\s*:/.test(content);
  return source.documents.some(hasTypeMeta);
}
