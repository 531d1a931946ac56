/**
 * Which cluster steps need a container that really runs. On a control plane with simulated nodes (kwok) a
 * pod is Running and Ready but no process exists: traffic through a Service, `kubectl logs`, `exec`, `run`,
 * `attach`, `cp`, `debug` and `port-forward` have nothing at the other end. Such a step is SKIPPED with the
 * reason, never run (it would fail) and never passed.
 *
 * A step is inspected together with the scripts it runs: a word of its command that names a file inside the
 * example copy (`bash scripts/smoke.sh`) is read too, one level deep.
 *
 *   containerNeed({ run: 'bash scripts/smoke.sh', cwd: '.' }, '/tmp/copy')
 *   // → 'kubectl port-forward in scripts/smoke.sh'
 *   containerNeed({ run: 'kubectl get pods -n "$NAMESPACE"', cwd: '.' }, '/tmp/copy')  // → undefined
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';

export const SIMULATED_NODES_REASON = 'control plane with simulated nodes: no container runs';

const PATTERNS: readonly [RegExp, string][] = [
  [/\bkubectl\b[^\n|;&]*?\s(port-forward|logs|exec|attach|cp|debug|run)\b/, 'kubectl $1'],
  [/\b(curl|wget|grpcurl|nc|ncat|hey|ab)\s/, '$1'],
  [/\bhelm\s+test\b/, 'helm test'],
];

function match(text: string): string | undefined {
  const lines = text.split('\n').filter((line) => !/^\s*#/.test(line));
  const body = lines.join('\n');
  for (const [pattern, label] of PATTERNS) {
    const found = pattern.exec(body);
    if (found) return label.replace('$1', found[1] ?? '');
  }
  return undefined;
}

export interface StepLike {
  run: string | readonly string[];
  cwd: string;
}

/** What in the step needs a running container (e.g. `kubectl exec in scripts/x.sh`), or undefined. */
export function containerNeed(step: StepLike, workDir: string): string | undefined {
  const command = typeof step.run === 'string' ? step.run : step.run.join(' ');
  const direct = match(command);
  if (direct !== undefined) return direct;
  const base = resolve(workDir, step.cwd);
  for (const word of command.split(/\s+/)) {
    const cleaned = word.replace(/^["']|["']$/g, '');
    if (cleaned === '' || cleaned.startsWith('-') || cleaned.includes('$')) continue;
    const file = resolve(base, cleaned);
    if (relative(workDir, file).startsWith('..') || !existsSync(file) || !statSync(file).isFile()) continue;
    const found = match(readFileSync(file, 'utf8'));
    if (found !== undefined) return `${found} in ${relative(workDir, file)}`;
  }
  return undefined;
}

/** The join used for the skip reason: `control plane with simulated nodes: no container runs (kubectl exec in …)`. */
export function simulatedNodesReason(need: string): string {
  return `${SIMULATED_NODES_REASON} (${need})`;
}
