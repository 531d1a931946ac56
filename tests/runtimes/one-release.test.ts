/**
 * One Dapr release everywhere: the daprd the local tier runs (runtimes/runtimes.yaml) and the Helm chart the
 * cluster tier installs (src/verify/cluster/pins.yaml) must be the same version, or a chapter's "tested with"
 * line is true for one tier only.
 */
import { expect, it } from 'vitest';
import { loadPins } from '../../src/verify/cluster/pins.ts';
import { loadRuntimesConfig } from '../../src/runtimes/config.ts';

it('the cluster tier installs the Dapr release the local tier runs', async () => {
  const pins = await loadPins();
  const runtimes = loadRuntimesConfig();
  expect(pins.addons['dapr']?.version, 'src/verify/cluster/pins.yaml addons.dapr.version').toBe(runtimes.dapr.version);
});
