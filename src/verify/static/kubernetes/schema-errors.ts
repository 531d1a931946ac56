/**
 * Turns validator errors into readable findings with a JSON path, one per place.
 *
 *   fromAjvErrors([{ instancePath: '/spec/replicas', keyword: 'type', params: { type: 'integer' } }])
 *   // → [{ path: ['spec', 'replicas'], want: 'value', rule: 'k8s-type', message: '"spec.replicas" must be integer' }]
 *
 * ajv reports int-or-string and quantity fields as one error per `oneOf` branch plus the `oneOf` itself;
 * those are folded into a single "must be integer or string" finding.
 */
import { displayPath, type SchemaFinding } from '../schema-findings.ts';

export interface AjvError {
  instancePath: string;
  keyword: string;
  params?: Record<string, unknown>;
  message?: string;
}

export function pathFromPointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describeAlternative(error: AjvError): string | undefined {
  if (error.keyword === 'type') return String(error.params?.['type']);
  if (error.keyword === 'format') return `a string in format "${String(error.params?.['format'])}"`;
  if (error.keyword === 'enum') return `one of ${(error.params?.['allowedValues'] as unknown[] | undefined)?.map((v) => JSON.stringify(v)).join(', ')}`;
  return undefined;
}

export function fromAjvErrors(errors: readonly AjvError[]): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const unions = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  for (const error of errors) {
    const path = pathFromPointer(error.instancePath);
    if (unions.has(error.instancePath)) {
      if (seen.has(error.instancePath)) continue;
      seen.add(error.instancePath);
      const alternatives = [
        ...new Set(
          errors
            .filter((e) => e.instancePath === error.instancePath)
            .map(describeAlternative)
            .filter((a): a is string => a !== undefined),
        ),
      ];
      findings.push({
        path,
        want: 'value',
        rule: 'k8s-type',
        message: `"${displayPath(path)}" must be ${alternatives.length > 0 ? alternatives.join(' or ') : 'a value matching the schema'}`,
      });
      continue;
    }
    switch (error.keyword) {
      case 'required': {
        const missing = String(error.params?.['missingProperty']);
        findings.push({
          path,
          missing,
          want: 'key',
          rule: 'k8s-required',
          message: `Missing required field "${missing}" in ${path.length === 0 ? 'the manifest' : `"${displayPath(path)}"`}`,
          hint: `Add "${missing}" under ${path.length === 0 ? 'the top level' : `"${displayPath(path)}"`}.`,
        });
        break;
      }
      case 'type':
        findings.push({ path, want: 'value', rule: 'k8s-type', message: `"${displayPath(path)}" must be ${String(error.params?.['type'])}` });
        break;
      case 'enum':
        findings.push({ path, want: 'value', rule: 'k8s-enum', message: `"${displayPath(path)}" must be ${describeAlternative(error) ?? 'an allowed value'}` });
        break;
      case 'format':
        findings.push({ path, want: 'value', rule: 'k8s-format', message: `"${displayPath(path)}" must be ${describeAlternative(error) ?? 'well formed'}` });
        break;
      case 'additionalProperties': {
        const key = String(error.params?.['additionalProperty']);
        findings.push({ path: [...path, key], want: 'key', rule: 'k8s-unknown-field', message: `Unknown field "${displayPath([...path, key])}"` });
        break;
      }
      default:
        findings.push({ path, want: 'value', rule: 'k8s-schema', message: `"${displayPath(path)}" ${error.message ?? `fails the schema (${error.keyword})`}` });
    }
  }
  return findings;
}
