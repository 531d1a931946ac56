import { describe, expect, it } from 'vitest';
import { checkFileStatically, staticCheckersFor, staticToolVersions } from '../../src/verify/static/index.ts';
import { helmOnPath, ROOT } from './support.ts';

describe('static checker registry', () => {
  it.each([
    ['snippets/53-k8s/deploy/deployment.yaml', 'apiVersion: v1\nkind: ConfigMap\n', ['kubernetes', 'yaml', 'secrets']],
    ['snippets/53-k8s/values.yaml', 'a: 1\n', ['yaml', 'secrets']],
    ['snippets/58-helm/chart/Chart.yaml', 'apiVersion: v2\n', ['helm', 'helm-lint', 'yaml', 'secrets']],
    ['snippets/55-agents/api/main.py', 'print(1)\n', ['python', 'secrets']],
    ['snippets/55-agents/run.sh', 'echo\n', ['shell', 'shellcheck', 'secrets']],
    ['snippets/55-agents/bin/start', '#!/usr/bin/env bash\necho\n', ['shell', 'shellcheck', 'secrets']],
    ['snippets/55-agents/Dockerfile', 'FROM x\n', ['dockerfile', 'secrets']],
    ['snippets/55-agents/Dockerfile.worker', 'FROM x\n', ['dockerfile', 'secrets']],
    ['snippets/55-agents/api.dockerfile', 'FROM x\n', ['dockerfile', 'secrets']],
    ['snippets/55-agents/config.json', '{}', ['json', 'secrets']],
    ['snippets/55-agents/pyproject.toml', '', ['toml', 'secrets']],
    ['snippets/55-agents/README.md', '# x\n', ['secrets']],
    ['diagrams/53-kubernetes/cluster.mmd', 'flowchart LR\n', []],
  ])('%s → %j', (path, content, expected) => {
    expect(staticCheckersFor(path, content)).toEqual(expected);
  });

  it('never reports region marker lines', async () => {
    const files: [string, string][] = [
      ['snippets/x/app.py', '# #region main\nprint("hi")\n# #endregion main\n'],
      ['snippets/x/run.sh', '#!/usr/bin/env bash\n# #region main\necho hi\n# #endregion main\n'],
      ['snippets/x/config.yaml', '# #region main\na: 1\n# #endregion main\n'],
      ['snippets/x/config.toml', '# #region main\na = 1\n# #endregion main\n'],
      ['snippets/x/Dockerfile', 'FROM python:3.12-slim AS build\n# #region main\nRUN echo hi\n# #endregion main\nFROM build\nUSER 10001\n'],
    ];
    for (const [path, content] of files) {
      const outcomes = await checkFileStatically(path, content, { root: ROOT, requirements: new Set() });
      expect(outcomes.flatMap((o) => o.diagnostics)).toEqual([]);
    }
  });

  it('reports versions of every tool it uses', async () => {
    const versions = await staticToolVersions();
    expect(Object.keys(versions).sort()).toEqual(
      [
        '@kubernetes-models/argo-cd',
        '@kubernetes-models/keda',
        '@kubernetes-models/prometheus-operator',
        '@kubernetes-models/strimzi-kafka-operator',
        'bash',
        'dockerfile-ast',
        'dockerfile-utils',
        'helm',
        'kubernetes-models',
        'ruff',
        'shellcheck',
        'smol-toml',
        'static-checkers',
        'yaml',
        'zod',
      ].sort(),
    );
    expect(versions['ruff']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(versions['helm']).toMatch(helmOnPath ? /^v?\d+\.\d+/ : /^missing$/);
  });

  it('never throws for garbage input', async () => {
    const outcomes = await checkFileStatically('snippets/x/broken.yaml', 'apiVersion: v1\nkind: [\n', { root: ROOT, requirements: new Set() });
    expect(outcomes.map((o) => `${o.checker}:${o.status}`)).toEqual(['kubernetes:skipped', 'yaml:failed', 'secrets:passed']);
  });
});
