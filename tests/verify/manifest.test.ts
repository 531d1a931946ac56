import { describe, expect, it } from 'vitest';
import { formatDiagnostic, isBookError } from '../../src/core/diagnostics.ts';
import { loadManifest } from '../../src/verify/manifest.ts';
import { FIXTURES } from './helpers.ts';

const ROOT = `${FIXTURES}manifests`;

async function errorsOf(example: string): Promise<string> {
  try {
    await loadManifest(ROOT, `snippets/50-x/${example}/verify.yaml`);
  } catch (error) {
    if (isBookError(error)) return error.diagnostics.map(formatDiagnostic).join('\n');
    throw error;
  }
  throw new Error(`${example}: expected the manifest to be rejected`);
}

describe('verify.yaml manifests', () => {
  it('reads a valid manifest with defaults and step positions', async () => {
    const manifest = await loadManifest(ROOT, 'snippets/50-x/valid/verify.yaml');
    expect(manifest.tier).toBe('local');
    expect(manifest.dir).toBe('snippets/50-x/valid');
    expect(manifest.steps.map((s) => [s.name, s.timeout, s.exitCode, s.cwd, s.line, s.column])).toEqual([
      ['health', 30_000, 0, '.', 4, 5],
      ['argv form', 2000, 0, '.', 10, 5],
    ]);
    expect(manifest.steps[0]?.env).toEqual({ PORT: '8080' });
    expect(manifest.steps[0]?.requires).toEqual(['docker', { python: ['fastapi'] }]);
    expect(manifest.referenced.sort()).toEqual(['snippets/50-x/valid/output/health.out', 'snippets/50-x/valid/requirements.txt']);
  });

  it('reports an unknown key with a suggestion', async () => {
    expect(await errorsOf('unknown-key')).toMatchInlineSnapshot(`
      "snippets/50-x/unknown-key/verify.yaml:5:5  error  Unknown key "timout" in steps[0]  [verify-manifest]
        hint: Did you mean "timeout"? Allowed keys: name, run, cwd, env, timeout, exitCode, expect, output, stdin, requires."
    `);
  });

  it('reports a missing required field at the step', async () => {
    expect(await errorsOf('missing-run')).toMatchInlineSnapshot(`
      "snippets/50-x/missing-run/verify.yaml:3:5  error  steps[0].run is required  [verify-manifest]
        hint: Write a shell string ("python3 app.py") or an argv list ([python3, app.py])."
    `);
  });

  it('reports every bad value at its own position', async () => {
    expect(await errorsOf('bad-values')).toMatchInlineSnapshot(`
      "snippets/50-x/bad-values/verify.yaml:1:7  error  tier: Invalid option: expected one of "static"|"local"|"cluster"  [verify-manifest]
        hint: Use one of static, local, cluster: the tier the book's CI must reach for this example.
      snippets/50-x/bad-values/verify.yaml:5:14  error  steps[0].timeout: invalid value "soon"  [verify-manifest]
        hint: Write a duration such as 30s, 2m or 500ms (a bare number is seconds).
      snippets/50-x/bad-values/verify.yaml:6:15  error  steps[0].exitCode: Too big: expected number to be <=255  [verify-manifest]
        hint: Give the expected exit status, 0-255."
    `);
  });

  it('refuses a retired add-on (ingress-nginx), naming the ones it can install', async () => {
    const errors = await errorsOf('retired-addon');
    expect(errors).toContain('snippets/50-x/retired-addon/verify.yaml:4:');
    expect(errors).toContain('cluster.addons[0]');
    expect(errors).toContain('envoy-gateway');
  });

  it('reads a namespace the example owns; an invalid or a system namespace is refused at its position', async () => {
    const manifest = await loadManifest(ROOT, 'snippets/50-x/own-namespace/verify.yaml');
    expect(manifest.cluster?.namespace).toBe('argocd');
    expect(await errorsOf('bad-namespace')).toMatchInlineSnapshot(`
      "snippets/50-x/bad-namespace/verify.yaml:3:14  error  cluster.namespace: expected a namespace name: lower-case letters, digits and -, at most 63 characters  [verify-manifest]
        hint: Give the namespace the applied objects pin (metadata.namespace), e.g. argocd; leave it out to get a fresh vs-… namespace."
    `);
    expect(await errorsOf('reserved-namespace')).toMatchInlineSnapshot(`
      "snippets/50-x/reserved-namespace/verify.yaml:3:14  error  cluster.namespace: kube-system is a namespace of the cluster itself, which an example may not own (the tier deletes the namespaces it owns)  [verify-manifest]
        hint: Give the namespace the applied objects pin (metadata.namespace), e.g. argocd; leave it out to get a fresh vs-… namespace."
    `);
  });

  it('reports a missing expected-output file, unless updating', async () => {
    expect(await errorsOf('missing-expect')).toMatchInlineSnapshot(`
      "snippets/50-x/missing-expect/verify.yaml:5:13  error  expected-output file snippets/50-x/missing-expect/output/health.out does not exist  [verify-manifest]
        hint: Create it from a real run with --update."
    `);
    const manifest = await loadManifest(ROOT, 'snippets/50-x/missing-expect/verify.yaml', { allowMissingExpect: true });
    expect(manifest.steps[0]?.expect).toBe('output/health.out');
  });

  it('refuses paths outside the example folder', async () => {
    expect(await errorsOf('escapes')).toMatchInlineSnapshot(`
      "snippets/50-x/escapes/verify.yaml:5:13  error  steps[0].expect "../../../../package.json" is outside the example folder snippets/50-x/escapes/  [verify-manifest]
        hint: Paths in a manifest are relative to its folder and must stay inside it."
    `);
  });

  it('reports YAML syntax errors with their position', async () => {
    const text = await errorsOf('yaml-error');
    expect(text).toMatch(/^snippets\/50-x\/yaml-error\/verify\.yaml:\d+:\d+  error  Invalid YAML: /);
  });
});
