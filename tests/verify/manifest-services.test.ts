import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, isBookError } from '../../src/core/diagnostics.ts';
import { parseManifest } from '../../src/verify/manifest.ts';

let root: string;
const FILE = 'snippets/55-x/app/verify.yaml';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'verify-manifest-services-'));
  await mkdir(join(root, 'snippets/55-x/app/components'), { recursive: true });
});
afterAll(async () => rm(root, { recursive: true, force: true }));

async function errorsOf(source: string): Promise<string> {
  try {
    await parseManifest(root, FILE, source);
  } catch (error) {
    if (isBookError(error)) return error.diagnostics.map(formatDiagnostic).join('\n');
    throw error;
  }
  throw new Error('expected the manifest to be rejected');
}

const steps = 'steps:\n  - name: run\n    run: "true"\n';

describe('services in verify.yaml', () => {
  it('reads services with positions, in start order (stores, app, dapr)', async () => {
    const manifest = await parseManifest(root, FILE, `tier: local\nservices:\n  - dapr:\n      app-id: lumen\n      app-port: 8000\n  - app: { run: python3 app.py, health: /healthz }\n  - redis\n  - kafka\n${steps}`);
    expect(manifest.services.map((s) => [s.kind, s.line, s.column])).toEqual([
      ['redis', 7, 5],
      ['kafka', 8, 5],
      ['app', 6, 5],
      ['dapr', 3, 5],
    ]);
    expect(manifest.services[3]).toMatchObject({ kind: 'dapr', appId: 'lumen', appPort: 8000, components: './components' });
    expect(manifest.services[2]).toMatchObject({ kind: 'app', run: 'python3 app.py', health: '/healthz', cwd: '.' });
    expect(manifest.services[2]).not.toHaveProperty('timeout'); // so the services' health timeout applies
    expect(manifest.referenced).toContain('snippets/55-x/app/components');
  });

  it('reads the port an app listens on for a reader (port), and rejects one out of range', async () => {
    const manifest = await parseManifest(root, FILE, `tier: local\nservices:\n  - app: { run: python3 receiver.py, port: 4318 }\n${steps}`);
    expect(manifest.services[0]).toMatchObject({ kind: 'app', port: 4318 });
    expect(await errorsOf(`services:\n  - app: { run: python3 receiver.py, port: 70000 }\n${steps}`)).toContain('port');
  });

  it('reports an unknown service with a suggestion, at the entry', async () => {
    expect(await errorsOf(`services:\n  - redsi\n${steps}`)).toBe(
      [
        'snippets/55-x/app/verify.yaml:2:5  error  Unknown service "redsi" in services[0]  [verify-manifest]',
        '  hint: Did you mean "redis"? List services: kafka, redis, { app: { run, health } } or { dapr: { app-id, app-port, components, config } }; dapr needs redis in the same list.',
      ].join('\n'),
    );
  });

  it('reports an unknown dapr key with a suggestion, a missing app-id, and dapr without redis', async () => {
    expect(await errorsOf(`services:\n  - dapr:\n      app-idd: lumen\n${steps}`)).toBe(
      [
        'snippets/55-x/app/verify.yaml:3:7  error  services[0].dapr.app-id is required  [verify-manifest]',
        '  hint: Give the Dapr app id, e.g. lumen.',
        'snippets/55-x/app/verify.yaml:3:7  error  Unknown key "app-idd" in services[0].dapr  [verify-manifest]',
        '  hint: Did you mean "app-id"? Allowed keys: app-id, app-port, components, config.',
      ].join('\n'),
    );
    expect(await errorsOf(`services:\n  - dapr: { app-id: lumen }\n${steps}`)).toBe(
      [
        "snippets/55-x/app/verify.yaml:2:5  error  Service dapr needs redis in the same services list (the book's Dapr state store and pub/sub components run on Redis)  [verify-manifest]",
        '  hint: Add - redis to services.',
      ].join('\n'),
    );
  });

  it('reports a components folder that does not exist, a duplicate service and a bare dapr', async () => {
    const errors = await errorsOf(`services:\n  - redis\n  - redis\n  - dapr: { app-id: lumen, components: ./nope }\n  - app\n${steps}`);
    expect(errors).toContain('verify.yaml:3:5  error  Service redis is listed twice');
    expect(errors).toContain('verify.yaml:4:40  error  components folder snippets/55-x/app/nope does not exist');
    expect(errors).toContain('verify.yaml:5:5  error  services[3]: app needs settings');
  });
});

describe('several Dapr apps in one example', () => {
  const two = `tier: local\nservices:\n  - redis\n  - app: { name: lumen, run: python3 api.py }\n  - app: { name: lumen-tools, run: python3 tools.py }\n  - dapr: { app-id: lumen, app-port: 8000 }\n  - dapr: { app-id: lumen-tools, app-port: 8001 }\n${steps}`;

  it('reads two named apps and two sidecars, each kind in the order written', async () => {
    const manifest = await parseManifest(root, FILE, two);
    expect(manifest.services.map((s) => [s.kind, s.kind === 'app' ? s.name : s.kind === 'dapr' ? s.appId : ''])).toEqual([
      ['redis', ''],
      ['app', 'lumen'],
      ['app', 'lumen-tools'],
      ['dapr', 'lumen'],
      ['dapr', 'lumen-tools'],
    ]);
  });

  it('rejects two sidecars with one app-id, and several apps without names', async () => {
    const errors = await errorsOf(`services:\n  - redis\n  - dapr: { app-id: lumen }\n  - dapr: { app-id: lumen }\n  - app: { run: a }\n  - app: { run: b }\n${steps}`);
    expect(errors).toContain('verify.yaml:4:5  error  Service dapr with app-id lumen is listed twice');
    expect(errors).toContain('verify.yaml:5:5  error  services[3]: with several apps, each app needs a name');
    expect(errors).toContain('hint: Name the app after the app-id of the sidecar that calls it, e.g. name: lumen-tools.');
  });

  it('rejects two apps with one name, and an app name that is not an app id', async () => {
    const errors = await errorsOf(`services:\n  - app: { name: api, run: a }\n  - app: { name: api, run: b }\n  - app: { name: Api_1, run: c }\n${steps}`);
    expect(errors).toContain('verify.yaml:3:5  error  Service app named api is listed twice');
    expect(errors).toContain('verify.yaml:4:18  error  services[2].app.name: expected a name such as lumen-tools (lower-case letters, digits and -)  [verify-manifest]\n  hint: Name the app after');
  });
});
