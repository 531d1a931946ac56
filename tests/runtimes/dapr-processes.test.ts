/**
 * Against the real binaries from the cache: redis-server from Debian, then placement + scheduler + daprd with a
 * Redis state store; a state save and get through daprd's HTTP API; everything stopped with no process left.
 * Skipped (never passed) when Dapr or Redis is not provisioned.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { daprdArgs, schedulerArgs, startDapr } from '../../src/runtimes/dapr-processes.ts';
import { locateRuntime } from '../../src/runtimes/locate.ts';
import { redisPing, startRedis } from '../../src/runtimes/redis-server.ts';
import { groupAlive } from '../../src/runtimes/service-process.ts';

const dapr = locateRuntime('dapr', { env: process.env });
const redis = locateRuntime('redis', { env: process.env });
const redisSkip = redis.ready ? undefined : `${redis.reason}; provision with: ${redis.provision}`;
const daprSkip = !dapr.ready ? `${dapr.reason}; provision with: ${dapr.provision}` : redisSkip;

describe('dapr process flags', () => {
  it('keeps daprd on loopback, pointed at our placement and scheduler, with metrics off', () => {
    const argv = daprdArgs({ appId: 'lumen', httpPort: 1, grpcPort: 2, internalGrpcPort: 3, placementPort: 4, schedulerPort: 5, resourcesPath: '/c', logLevel: 'info' });
    expect(argv.join(' ')).toBe(
      '--mode standalone --app-id lumen --dapr-http-port 1 --dapr-grpc-port 2 --dapr-internal-grpc-port 3 --dapr-listen-addresses 127.0.0.1 ' +
      '--placement-host-address 127.0.0.1:4 --scheduler-host-address 127.0.0.1:5 --resources-path /c --enable-metrics=false --log-level info',
    );
    expect(daprdArgs({ appId: 'a', appPort: 8000, httpPort: 1, grpcPort: 2, internalGrpcPort: 3, placementPort: 4, schedulerPort: 5, resourcesPath: '/c', config: '/k.yaml', logLevel: 'debug' }))
      .toEqual(expect.arrayContaining(['--app-port', '8000', '--config', '/k.yaml']));
  });

  it("keeps the scheduler's embedded etcd in the given folder on loopback ports", () => {
    const argv = schedulerArgs({ port: 1, healthzPort: 2, etcdClientPort: 3, etcdPeerPort: 4, dataDir: '/d', identityDir: '/i' }).join(' ');
    expect(argv).toContain('--etcd-data-dir /d --etcd-client-port 3 --etcd-client-listen-address 127.0.0.1');
    expect(argv).toContain('--etcd-initial-cluster dapr-scheduler-server-0=http://127.0.0.1:4');
  });
});

describe.skipIf(redisSkip !== undefined)(`real redis-server${redisSkip ? ` (skipped: ${redisSkip})` : ''}`, () => {
  it('answers PING, and is gone after stop', async () => {
    if (!redis.ready) return;
    const server = await startRedis({ redisServer: redis.redisServer });
    expect(await redisPing(server.port)).toBe(true);
    await server.stop();
    expect(groupAlive(server.process.pid)).toBe(false);
    expect(await redisPing(server.port)).toBe(false);
  });
});

describe.skipIf(daprSkip !== undefined)(`real Dapr sidecar on Redis${daprSkip ? ` (skipped: ${daprSkip})` : ''}`, () => {
  it('saves and reads back state through daprd, then stops every process', async () => {
    if (!dapr.ready || !redis.ready) return;
    const server = await startRedis({ redisServer: redis.redisServer });
    const components = mkdtempSync(join(tmpdir(), 'dapr-components-'));
    writeFileSync(
      join(components, 'statestore.yaml'),
      [
        'apiVersion: dapr.io/v1alpha1', 'kind: Component', 'metadata:', '  name: statestore', 'spec:', '  type: state.redis', '  version: v1',
        '  metadata:', `    - name: redisHost`, `      value: 127.0.0.1:${server.port}`, '    - name: redisPassword', '      value: ""',
        '    - name: actorStateStore', '      value: "true"', '',
      ].join('\n'),
    );
    let sidecar;
    try {
      sidecar = await startDapr({ binaries: dapr, appId: 'lumen-test', resourcesPath: components });
      const base = `http://127.0.0.1:${sidecar.httpPort}/v1.0/state/statestore`;
      const save = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ key: 'question', value: { text: 'what is a sidecar?' } }]) });
      expect(save.status, await save.text()).toBe(204);
      const get = await fetch(`${base}/question`);
      expect(get.status).toBe(200);
      expect(await get.json()).toEqual({ text: 'what is a sidecar?' });
    } finally {
      await sidecar?.stop();
      await server.stop();
      rmSync(components, { recursive: true, force: true });
    }
    for (const p of Object.values(sidecar.processes)) expect(groupAlive(p.pid)).toBe(false);
  }, 300_000);
});
