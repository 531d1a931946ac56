/**
 * Schema problems as findings with a JSON path (later turned into YAML line/column), shared by the
 * kubernetes and workflow checkers; and validation of zod strict-object schemas into such findings, with
 * "did you mean" for unknown keys.
 *
 *   validateWithZod(daprComponent, manifest, 'k8s')
 *   // → [{ path: ['spec', 'metdata'], want: 'key', rule: 'k8s-unknown-field',
 *   //      message: 'Unknown field "spec.metdata"', hint: 'Did you mean "metadata"?' }]
 *   displayPath(['spec', 'ports', 0, 'protocol'])   // → 'spec.ports[0].protocol'
 */
import { z } from 'zod';
import { closest, didYouMean } from '../../core/suggest.ts';

export interface SchemaFinding {
  path: (string | number)[];
  /** Point at the key (missing/unknown fields) or at the value (wrong type or format). */
  want: 'key' | 'value';
  rule: string;
  message: string;
  hint?: string;
  /** For `*-required`: the missing key. For `*-unknown-*`: the key it probably meant. */
  missing?: string;
  suggestion?: string;
}

/** Drops "missing X" when an unknown sibling key is a typo of X: the typo finding already says it all. */
export function dropRequiredExplainedByTypos(findings: SchemaFinding[]): SchemaFinding[] {
  return findings.filter(
    (finding) =>
      finding.missing === undefined ||
      !findings.some(
        (other) =>
          other.suggestion === finding.missing &&
          other.path.length === finding.path.length + 1 &&
          finding.path.every((part, index) => other.path[index] === part),
      ),
  );
}

/** `spec.template.spec.containers[0].ports` */
export function displayPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? part : `.${part}`;
  }
  return text === '' ? '(document root)' : text;
}

/** Declared keys of the object schema reached by `path`, looking through optional/array/record/union. */
export function knownKeysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  const candidates = resolve([schema], path);
  return [...new Set(candidates.flatMap((s) => (s instanceof z.ZodObject ? Object.keys(s.shape) : [])))].sort();
}

function unwrap(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    return unwrap(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(unwrap);
  return [schema];
}

function resolve(schemas: z.ZodType[], path: readonly (string | number)[]): z.ZodType[] {
  let current = schemas.flatMap(unwrap);
  for (const segment of path) {
    const next: z.ZodType[] = [];
    for (const schema of current) {
      if (schema instanceof z.ZodObject && typeof segment === 'string') {
        const child = (schema.shape as Record<string, z.ZodType>)[segment];
        if (child) next.push(child);
      } else if (schema instanceof z.ZodArray && typeof segment === 'number') {
        next.push(schema.element as z.ZodType);
      } else if (schema instanceof z.ZodRecord) {
        next.push(schema.valueType as z.ZodType);
      }
    }
    current = next.flatMap(unwrap);
  }
  return current;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

type Issue = z.core.$ZodIssue;

/** For a failed union, the issues of the branch that came closest (fewest issues), with full paths. */
function flattenIssues(issues: readonly Issue[], prefix: PropertyKey[]): Issue[] {
  const flat: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      if (best.length > 0 && best.every((inner) => inner.code !== 'invalid_type' || inner.path.length > 0)) {
        flat.push(...flattenIssues(best, path));
        continue;
      }
    }
    flat.push({ ...issue, path } as Issue);
  }
  return flat;
}

/** `prefix` names the rules: `k8s` → `k8s-unknown-field`, `k8s-required`, `k8s-type`, `k8s-enum`, `k8s-schema`. */
export function validateWithZod(schema: z.ZodType, value: unknown, prefix: string, noun = 'field'): SchemaFinding[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  const findings: SchemaFinding[] = [];
  for (const issue of flattenIssues(result.error.issues, [])) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, known);
        const meant = closest(key, known);
        findings.push({
          ...(meant === undefined ? {} : { suggestion: meant }),
          path: [...path, key],
          want: 'key',
          rule: `${prefix}-unknown-${noun}`,
          message: `Unknown ${noun} "${displayPath([...path, key])}"`,
          hint: suggestion || `Allowed here: ${known.join(', ')}.`,
        });
      }
    } else if ((issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') && path.length > 0 && valueAt(value, path) === undefined) {
      const parent = path.slice(0, -1);
      const missing = String(path[path.length - 1]);
      findings.push({
        path: parent,
        missing,
        want: 'key',
        rule: `${prefix}-required`,
        message: `Missing required ${noun} "${missing}" in ${parent.length === 0 ? 'the manifest' : `"${displayPath(parent)}"`}`,
        hint: `Add "${missing}" under ${parent.length === 0 ? 'the top level' : `"${displayPath(parent)}"`}.`,
      });
    } else if (issue.code === 'invalid_type') {
      findings.push({ path, want: 'value', rule: `${prefix}-type`, message: `"${displayPath(path)}" must be ${issue.expected}` });
    } else if (issue.code === 'invalid_value') {
      findings.push({
        path,
        want: 'value',
        rule: `${prefix}-enum`,
        message: `"${displayPath(path)}" must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
      });
    } else {
      findings.push({ path, want: 'value', rule: `${prefix}-schema`, message: `"${displayPath(path)}": ${issue.message}` });
    }
  }
  return dropRequiredExplainedByTypos(findings);
}
