import { describe, expect, it } from 'vitest';
import { findings, helmOnPath, outcomes, statuses } from './support.ts';

describe('helm checkers', () => {
  // helm lint runs where helm is on PATH (CI provisions Helm 4) and is skipped, with its reason, elsewhere.
  it('accepts a good chart: Chart.yaml, helpers and a template', async () => {
    expect(await statuses('helm/good/chart/Chart.yaml')).toBe(`helm:passed helm-lint:${helmOnPath ? 'passed' : 'skipped'} yaml:passed secrets:passed`);
    expect(await statuses('helm/good/chart/templates/deployment.yaml')).toBe('helm:passed secrets:passed');
    expect(await statuses('helm/good/chart/templates/_helpers.tpl')).toBe('helm:passed secrets:passed');
  });

  it.skipIf(helmOnPath)('skips helm lint with a reason when helm is not on PATH', async () => {
    const lint = (await outcomes('helm/good/chart/Chart.yaml')).find((o) => o.checker === 'helm-lint');
    expect(lint?.status).toBe('skipped');
    expect(lint?.skipReason).toMatchInlineSnapshot(`"helm is not on PATH, so \`helm lint\` did not run (the helm checker still checked the chart structure)"`);
  });

  it('reports a bad Chart.yaml', async () => {
    expect(await findings('helm/bad/chart/Chart.yaml', 'helm')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/helm/bad/chart/Chart.yaml:1:13  error  Chart.yaml: "apiVersion" must be one of "v2"  [helm-chart-enum]
        hint: Helm 3 charts use apiVersion: v2.
      tests/verify-static/fixtures/helm/bad/chart/Chart.yaml:2:7  error  Chart.yaml: "name": chart names are lower case letters, digits and dashes  [helm-chart-schema]
        hint: See https://helm.sh/docs/topics/charts/#the-chartyaml-file.
      tests/verify-static/fixtures/helm/bad/chart/Chart.yaml:3:10  error  Chart.yaml: "version" must be string  [helm-chart-type]
        hint: See https://helm.sh/docs/topics/charts/#the-chartyaml-file.
      tests/verify-static/fixtures/helm/bad/chart/Chart.yaml:4:1  error  Chart.yaml: Unknown field "typ"  [helm-chart-unknown-field]
        hint: Did you mean "type"?"
    `);
  });

  it('reports unclosed and badly trimmed actions, and missing values', async () => {
    expect(await findings('helm/bad/chart/templates/deployment.yaml', 'helm')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/helm/bad/chart/templates/deployment.yaml:6:16  warning  .Values.replicaCount is not defined in tests/verify-static/fixtures/helm/bad/chart/values.yaml  [helm-values-ref]
        hint: Keys there: image.
      tests/verify-static/fixtures/helm/bad/chart/templates/deployment.yaml:11:53  warning  .Values.image.tga is not defined in tests/verify-static/fixtures/helm/bad/chart/values.yaml  [helm-values-ref]
        hint: Keys there: repository, tag.
      tests/verify-static/fixtures/helm/bad/chart/templates/deployment.yaml:12:18  warning  .Values.resources is not defined in tests/verify-static/fixtures/helm/bad/chart/values.yaml  [helm-values-ref]
        hint: Keys there: image.
      tests/verify-static/fixtures/helm/bad/chart/templates/deployment.yaml:13:22  error  "{{" is not closed by "}}"  [helm-template-delimiters]
        hint: Close the action with "}}" (or "-}}") before the next "{{".
      tests/verify-static/fixtures/helm/bad/chart/templates/deployment.yaml:14:11  error  "{{-" must be followed by a space in "{{-end }}"  [helm-template-trim]
        hint: Write "{{- " with a space (without it, "-" is read as part of the expression)."
    `);
  });
});
