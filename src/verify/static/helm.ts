/**
 * Helm charts (a folder with `Chart.yaml`). Two checkers:
 *  - `helm`: Chart.yaml structure (apiVersion v2, name, SemVer version, type, dependencies ...), the
 *    chart's values.yaml is a mapping, and for templates (`templates/*` using `{{ }}`): balanced and
 *    well-formed `{{ }}` / `{{- -}}` delimiters, balanced if/range/with/define ... end blocks, and
 *    `.Values.x.y` references that exist in values.yaml (warnings, since `default` may cover them).
 *  - `helm-lint`: `helm lint` on the chart folder, only when `helm` is on PATH; `skipped` otherwise.
 *
 *   await helmChecker.check('snippets/58-helm/chart/templates/deployment.yaml', text, context)
 *   // → { diagnostics: [{ line: 12, rule: 'helm-values-ref', severity: 'warning',
 *   //       message: '.Values.image.tga is not defined in values.yaml', hint: 'Did you mean "tag"?' }] }
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { diagnostic, type Diagnostic } from '../../core/diagnostics.ts';
import { didYouMean } from '../../core/suggest.ts';
import { findTool, runTool } from './external-tool.ts';
import { baseName, dirName, isHelmTemplate } from './paths.ts';
import { validateWithZod } from './schema-findings.ts';
import type { StaticChecker } from './types.ts';
import { locateInYaml, parseYamlSource } from './yaml-source.ts';

const SEMVER = /^v?(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

const chartSchema = z.strictObject({
  apiVersion: z.literal('v2'),
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'chart names are lower case letters, digits and dashes'),
  version: z.string().regex(SEMVER, 'must be a SemVer 2 version such as 0.1.0'),
  kubeVersion: z.string().optional(),
  description: z.string().optional(),
  type: z.enum(['application', 'library']).optional(),
  keywords: z.array(z.string()).optional(),
  home: z.string().optional(),
  sources: z.array(z.string()).optional(),
  dependencies: z
    .array(
      z.strictObject({
        name: z.string(),
        version: z.string().optional(),
        repository: z.string().optional(),
        condition: z.string().optional(),
        tags: z.array(z.string()).optional(),
        'import-values': z.array(z.unknown()).optional(),
        alias: z.string().optional(),
      }),
    )
    .optional(),
  maintainers: z.array(z.strictObject({ name: z.string(), email: z.string().optional(), url: z.string().optional() })).optional(),
  icon: z.string().optional(),
  appVersion: z.string().optional(),
  deprecated: z.boolean().optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const isChartFile = (path: string) => baseName(path) === 'Chart.yaml';

/** The chart folder of a template (`.../chart/templates/x.yaml` → `.../chart`). */
function chartDirOfTemplate(path: string): string {
  const index = path.lastIndexOf('/templates/');
  return index < 0 ? dirName(path) : path.slice(0, index);
}

function checkChartFile(path: string, content: string, root: string): Diagnostic[] {
  const source = parseYamlSource(content);
  if (source.errors.length > 0) return []; // the yaml checker reports syntax errors
  const diagnostics: Diagnostic[] = [];
  const document = source.documents[0];
  if (!document) return diagnostics;
  for (const finding of validateWithZod(chartSchema, document.toJS(), 'helm-chart')) {
    const hint =
      finding.path[0] === 'apiVersion' ? 'Helm 3 charts use apiVersion: v2.' : (finding.hint ?? 'See https://helm.sh/docs/topics/charts/#the-chartyaml-file.');
    diagnostics.push(diagnostic({ file: path, ...locateInYaml(source, document, finding.path, finding.want), rule: finding.rule, message: `Chart.yaml: ${finding.message}`, hint }));
  }
  const valuesPath = `${dirName(path)}/values.yaml`;
  if (existsSync(join(root, valuesPath))) {
    const values = parseYamlSource(readFileSync(join(root, valuesPath), 'utf8'));
    const data = values.errors.length === 0 ? values.documents[0]?.toJS() : undefined;
    if (values.errors.length === 0 && data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data))) {
      diagnostics.push(diagnostic({ file: valuesPath, line: 1, column: 1, rule: 'helm-values', message: 'values.yaml must be a mapping of keys to values', hint: 'Start values.yaml with top-level keys such as image: and service:.' }));
    }
  }
  return diagnostics;
}

interface Action {
  text: string;
  offset: number;
}

function lineColumn(content: string, offset: number): { line: number; column: number } {
  const before = content.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Splits a template into its `{{ ... }}` actions, reporting delimiter problems on the way. */
function scanActions(path: string, content: string, diagnostics: Diagnostic[]): Action[] {
  const actions: Action[] = [];
  let index = 0;
  for (;;) {
    const open = content.indexOf('{{', index);
    const strayClose = content.indexOf('}}', index);
    if (strayClose >= 0 && (open < 0 || strayClose < open)) {
      // Outside actions "}}" is plain text to Go templates (YAML flow maps end with it); it is only a
      // mistake when the line shows an action opened with a single brace: `{ .Values.x }}`.
      const lineStart = content.lastIndexOf('\n', strayClose) + 1;
      if (!/(^|[^{])\{-?\s*[.$]/.test(content.slice(lineStart, strayClose))) {
        index = strayClose + 2;
        continue;
      }
      diagnostics.push(diagnostic({ file: path, ...lineColumn(content, strayClose), rule: 'helm-template-delimiters', message: '"}}" without a matching "{{" (the action opens with a single "{")', hint: 'Open the action with "{{".' }));
      index = strayClose + 2;
      continue;
    }
    if (open < 0) break;
    const isComment = content.startsWith('{{/*', open) || content.startsWith('{{- /*', open);
    const close = isComment ? content.indexOf('*/', open) : content.indexOf('}}', open + 2);
    const nextOpen = content.indexOf('{{', open + 2);
    if (close < 0 || (!isComment && nextOpen >= 0 && nextOpen < close)) {
      diagnostics.push(diagnostic({ file: path, ...lineColumn(content, open), rule: 'helm-template-delimiters', message: '"{{" is not closed by "}}"', hint: 'Close the action with "}}" (or "-}}") before the next "{{".' }));
      index = open + 2;
      continue;
    }
    const end = isComment ? content.indexOf('}}', close) : close;
    const text = content.slice(open, (end < 0 ? close : end) + 2);
    if (/^\{\{-[^\s]/.test(text)) {
      diagnostics.push(diagnostic({ file: path, ...lineColumn(content, open), rule: 'helm-template-trim', message: `"{{-" must be followed by a space in ${JSON.stringify(text)}`, hint: 'Write "{{- " with a space (without it, "-" is read as part of the expression).' }));
    }
    if (/[^\s]-\}\}$/.test(text)) {
      diagnostics.push(diagnostic({ file: path, ...lineColumn(content, open + text.length - 3), rule: 'helm-template-trim', message: `"-}}" must be preceded by a space in ${JSON.stringify(text)}`, hint: 'Write " -}}" with a space.' }));
    }
    actions.push({ text, offset: open });
    index = open + text.length;
  }
  return actions;
}

function checkBlocks(path: string, content: string, actions: Action[], diagnostics: Diagnostic[]): void {
  const stack: Action[] = [];
  for (const action of actions) {
    const body = action.text.replace(/^\{\{-?\s*/, '').replace(/\s*-?\}\}$/, '');
    const keyword = /^(if|range|with|define|block|else|end)\b/.exec(body)?.[1];
    if (keyword === 'if' || keyword === 'range' || keyword === 'with' || keyword === 'define' || keyword === 'block') stack.push(action);
    else if (keyword === 'end' && !stack.pop()) {
      diagnostics.push(diagnostic({ file: path, ...lineColumn(content, action.offset), rule: 'helm-template-block', message: '{{ end }} without an open if/range/with/define/block', hint: 'Remove the extra {{ end }}.' }));
    }
  }
  for (const open of stack) {
    diagnostics.push(diagnostic({ file: path, ...lineColumn(content, open.offset), rule: 'helm-template-block', message: `${open.text} is never closed with {{ end }}`, hint: 'Add the matching {{ end }}.' }));
  }
}

function checkValuesReferences(path: string, content: string, actions: Action[], root: string, diagnostics: Diagnostic[]): void {
  const valuesPath = `${chartDirOfTemplate(path)}/values.yaml`;
  if (!existsSync(join(root, valuesPath))) {
    if (actions.some((a) => a.text.includes('.Values.'))) {
      diagnostics.push(diagnostic({ file: path, severity: 'warning', rule: 'helm-values-ref', message: `The chart has no ${valuesPath}, so .Values references cannot be checked`, hint: 'Add values.yaml next to Chart.yaml.' }));
    }
    return;
  }
  const source = parseYamlSource(readFileSync(join(root, valuesPath), 'utf8'));
  if (source.errors.length > 0) return;
  const values = source.documents[0]?.toJS() as unknown;
  for (const action of actions) {
    if (action.text.startsWith('{{/*') || action.text.startsWith('{{- /*')) continue;
    for (const match of action.text.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
      const keys = (match[1] ?? '').slice(1).split('.');
      let current: unknown = values;
      for (const [depth, key] of keys.entries()) {
        if (typeof current === 'object' && current !== null && !Array.isArray(current) && key in current) {
          current = (current as Record<string, unknown>)[key];
          continue;
        }
        const known = typeof current === 'object' && current !== null && !Array.isArray(current) ? Object.keys(current) : [];
        const shown = `.Values.${keys.slice(0, depth + 1).join('.')}`;
        diagnostics.push(
          diagnostic({
            file: path,
            ...lineColumn(content, action.offset + (match.index ?? 0)),
            severity: 'warning',
            rule: 'helm-values-ref',
            message: `${shown} is not defined in ${valuesPath}`,
            hint: didYouMean(key, known) || (known.length > 0 ? `Keys there: ${known.join(', ')}.` : 'Add it to values.yaml (or guard it with default).'),
          }),
        );
        break;
      }
    }
  }
}

export const helmChecker: StaticChecker = {
  name: 'helm',
  applies: (path, content) => isChartFile(path) || isHelmTemplate(path, content),
  async check(path, content, context) {
    if (isChartFile(path)) return { diagnostics: checkChartFile(path, content, context.root) };
    const diagnostics: Diagnostic[] = [];
    const actions = scanActions(path, content, diagnostics);
    checkBlocks(path, content, actions, diagnostics);
    checkValuesReferences(path, content, actions, context.root, diagnostics);
    return { diagnostics };
  },
};

export const helmLintChecker: StaticChecker = {
  name: 'helm-lint',
  applies: (path) => isChartFile(path),
  async check(path, _content, context) {
    const helm = findTool('helm');
    if (!helm) return { diagnostics: [], skipReason: 'helm is not on PATH, so `helm lint` did not run (the helm checker still checked the chart structure)' };
    const chartDir = dirName(path);
    const run = await runTool(helm, ['lint', join(context.root, chartDir)], '');
    const diagnostics: Diagnostic[] = [];
    for (const line of `${run.stdout}\n${run.stderr}`.split('\n')) {
      const match = /^\[(ERROR|WARNING)\]\s+([^:]+):\s*(.*)$/.exec(line.trim());
      if (!match) continue;
      const file = match[2] === 'Chart.yaml' ? path : `${chartDir}/${match[2]}`;
      diagnostics.push(diagnostic({ file, severity: match[1] === 'ERROR' ? 'error' : 'warning', rule: 'helm-lint', message: match[3] ?? line, hint: 'Run helm lint on the chart for details.' }));
    }
    if (run.code !== 0 && diagnostics.length === 0) {
      diagnostics.push(diagnostic({ file: path, rule: 'helm-lint', message: `helm lint failed: ${run.stderr.trim() || run.stdout.trim()}`, hint: 'Run helm lint on the chart for details.' }));
    }
    return { diagnostics };
  },
};
