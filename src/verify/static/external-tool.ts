/**
 * Running an external program (bash, shellcheck, helm) without a shell: finds it on PATH once, feeds
 * the snippet on stdin, and returns what it printed. Missing tools are a value, not an exception.
 *
 *   await findTool('shellcheck')                       // → '/usr/bin/shellcheck' or undefined
 *   await runTool('/usr/bin/bash', ['-n'], 'echo "')   // → { code: 2, stdout: '', stderr: 'bash: line 1: ...' }
 */
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const found = new Map<string, string | undefined>();

/** The absolute path of `name` on PATH (or one of `extraPlaces`), cached. */
export function findTool(name: string, extraPlaces: string[] = []): string | undefined {
  if (found.has(name)) return found.get(name);
  const places = [...(process.env['PATH'] ?? '').split(delimiter), ...extraPlaces].filter(Boolean);
  let result: string | undefined;
  for (const place of places) {
    const candidate = join(place, name);
    try {
      accessSync(candidate, constants.X_OK);
      result = candidate;
      break;
    } catch {
      // not here
    }
  }
  found.set(name, result);
  return result;
}

/** Forgets what findTool found (tests change PATH to simulate a missing tool). */
export function forgetFoundTools(): void {
  found.clear();
}

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runTool(command: string, args: string[], input: string, timeoutMs = 30_000): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.on('error', () => undefined); // the tool may exit before reading everything
    child.stdin.end(input);
  });
}

/** `tool --version` output (first line that has a version number), for cache keys. */
export function toolVersion(command: string, args: string[] = ['--version']): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 10_000 }, (error, stdout) => {
      if (error) return resolve(undefined);
      const match = /\d+\.\d+(?:\.\d+)?/.exec(stdout);
      resolve(match?.[0]);
    });
  });
}
