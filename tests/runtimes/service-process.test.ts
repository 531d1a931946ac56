import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { groupAlive, withParentDeathSignal } from '../../src/runtimes/service-process.ts';

const script = fileURLToPath(new URL('./fixtures/orphan/start-and-wait.ts', import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a service process', () => {
  it.skipIf(process.platform !== 'linux')('dies with the process that started it, even when that process is killed without stopping it', async () => {
    const parent = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve, reject) => {
      parent.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim())));
      parent.once('exit', (code) => reject(new Error(`the fixture exited with ${code}`)));
    });
    expect(alive(pid)).toBe(true);
    parent.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const survived = alive(pid);
    if (survived) process.kill(-pid, 'SIGKILL'); // never leave it behind, even when the test fails
    expect(survived, `service ${pid} outlived its parent`).toBe(false);
    expect(groupAlive(pid)).toBe(false);
  });

  it('runs the program itself where no setpriv is available, and where the program is not found (so the spawn error names it)', () => {
    expect(withParentDeathSignal(['sleep', '1'], { setpriv: undefined, path: '/usr/bin:/bin' })).toEqual(['sleep', '1']);
    expect(withParentDeathSignal(['no-such-program-here', '1'], { setpriv: '/usr/bin/setpriv', path: '/usr/bin:/bin' })).toEqual(['no-such-program-here', '1']);
    expect(withParentDeathSignal(['sleep', '1'], { setpriv: '/usr/bin/setpriv', path: '/usr/bin:/bin' })).toEqual(['/usr/bin/setpriv', '--pdeathsig', 'KILL', '--', 'sleep', '1']);
  });
});
