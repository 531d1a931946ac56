/**
 * The namespace an example's cluster checks run in. By default a fresh one named after the example folder,
 * which the tier creates, tolerates from a --keep run, and deletes. An example whose objects pin their own
 * namespace (Argo CD's Applications live in `argocd`) declares it as `cluster.namespace`: the tier then
 * owns it for the run, so it must create it itself, and it refuses one that already exists rather than
 * adopt it and delete someone else's namespace at the end.
 *
 *   exampleNamespace(manifest)                     // → { name: 'vs-53-kubernetes-deploy', owned: false }
 *   exampleNamespace(argocdExample)                // → { name: 'argocd', owned: true }
 *   namespaceTaken('argocd')                       // → { message: 'namespace argocd already exists: …', hint }
 */
import type { Manifest } from '../manifest.ts';

/** A DNS-1123 namespace name for an example folder: `vs-53-kubernetes-deploy`. */
export function namespaceFor(exampleDir: string): string {
  const slug = exampleDir
    .replace(/^snippets\//, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `vs-${slug}`.slice(0, 63).replace(/-+$/, '');
}

export interface ExampleNamespace {
  name: string;
  /** Declared by the example (`cluster.namespace`): created by this run or refused, never adopted. */
  owned: boolean;
}

export function exampleNamespace(manifest: Pick<Manifest, 'dir' | 'cluster'>): ExampleNamespace {
  const declared = manifest.cluster?.namespace;
  return declared === undefined ? { name: namespaceFor(manifest.dir), owned: false } : { name: declared, owned: true };
}

/** `kubectl create namespace` said the namespace is there already. */
export function alreadyExists(stderr: string): boolean {
  return /AlreadyExists/.test(stderr);
}

/** Why an owned namespace that already exists stops the example, and what to do. */
export function namespaceTaken(name: string): { message: string; hint: string } {
  return {
    message: `namespace ${name} already exists: the example owns it (cluster.namespace), so the tier creates and deletes it, and it will not take over one it did not create`,
    hint: `Run against a cluster without it, or delete it first if a --keep run left it: kubectl delete namespace ${name}`,
  };
}

/**
 * kubectl's refusal to apply an object that pins another namespace than `-n`, turned into what to do:
 * declare that namespace as the example's own. Undefined for any other failure.
 */
export function pinnedNamespaceHint(kubectlOutput: string): string | undefined {
  const pinned = /the namespace from the provided object "([^"]+)" does not match the namespace/.exec(kubectlOutput)?.[1];
  return pinned === undefined ? undefined : `The applied objects pin namespace ${pinned}: declare it in verify.yaml as the example's own (cluster: namespace: ${pinned}), and the tier creates and deletes it.`;
}
