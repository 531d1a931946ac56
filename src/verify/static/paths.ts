/**
 * Small helpers about snippet paths, shared by the checkers.
 *
 *   baseName('snippets/53-k8s/deploy/Dockerfile')   // → 'Dockerfile'
 *   extensionOf('snippets/x/values.YAML')           // → 'yaml'
 *   isHelmTemplate('charts/api/templates/svc.yaml', '{{ .Values.x }}') // → true
 */

export function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

export function dirName(path: string): string {
  const index = path.lastIndexOf('/');
  return index < 0 ? '' : path.slice(0, index);
}

/** Lower-case extension without the dot; '' when there is none. */
export function extensionOf(path: string): string {
  const base = baseName(path).toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : '';
}

export function isYamlPath(path: string): boolean {
  const extension = extensionOf(path);
  return extension === 'yaml' || extension === 'yml';
}

/** A file inside a chart's `templates/` folder that uses Go template actions: not plain YAML. */
export function isHelmTemplate(path: string, content: string): boolean {
  return /(^|\/)templates\//.test(path) && content.includes('{{');
}
