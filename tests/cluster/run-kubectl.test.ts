/**
 * runKubectl and the CRD budget, with a stand-in kubectl (a shell script): no control plane needed. Under load,
 * applying 108 CRDs once outlasted a fixed 60 s budget and the error said only what kubectl had applied.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { crdBudgetMs, runKubectl } from '../../src/cluster/local-control-plane.ts';

const dir = mkdtempSync(join(tmpdir(), 'run-kubectl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeKubectl(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}
const call = (kubectl: string, budgetMs: number) => ({ kubectl, kubeconfig: join(dir, 'kubeconfig'), args: ['apply', '--server-side', '-f', 'crds.yaml'], cwd: dir, env: { PATH: process.env['PATH'] ?? '' }, budgetMs });

it('a kubectl call that outlasts its budget says that it timed out, after how long, and what it had printed', async () => {
  const slow = fakeKubectl('slow', 'echo "customresourcedefinition.apiextensions.k8s.io/kafkas.kafka.strimzi.io serverside-applied"\nexec sleep 30');
  const started = performance.now();
  const result = await runKubectl(call(slow, 1500));
  expect(performance.now() - started).toBeLessThan(15_000);
  expect(result.ok).toBe(false);
  expect(result.text).toBe('kubectl apply timed out after 1.5 s; it had printed:\ncustomresourcedefinition.apiextensions.k8s.io/kafkas.kafka.strimzi.io serverside-applied');
});

it('a kubectl call that fails in time gives its own output; one that succeeds is ok', async () => {
  expect(await runKubectl(call(fakeKubectl('fails', 'echo "error: no objects passed to apply" >&2; exit 1'), 10_000))).toEqual({ ok: false, text: 'error: no objects passed to apply' });
  expect(await runKubectl(call(fakeKubectl('works', 'echo applied'), 10_000))).toEqual({ ok: true, text: 'applied' });
});

it('the CRD budget grows by half a second per CRD', () => {
  expect(crdBudgetMs(60_000, 0)).toBe(60_000);
  expect(crdBudgetMs(60_000, 108)).toBe(114_000);
});
