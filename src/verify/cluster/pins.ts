/**
 * Loads the cluster tier's pinned versions (`pins.yaml` beside this module) and the kind config path.
 *
 *   const pins = await loadPins();
 *   pins.kind.nodeImage      // → 'kindest/node:v1.36.4@sha256:…'
 *   pins.addons.dapr.version // → '1.18.1'
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { ADDONS } from '../manifest.ts';

export const KIND_CONFIG_FILE = fileURLToPath(new URL('./kind-config.yaml', import.meta.url));
export const PINS_FILE = fileURLToPath(new URL('./pins.yaml', import.meta.url));

const addonSchema = z.strictObject({
  chart: z.string().min(1),
  // A chart in an OCI registry (chart: oci://…) has no repository URL.
  repo: z.url().optional(),
  version: z.string().regex(/^v?\d+\.\d+\.\d+$/, 'pin an exact chart version'),
  namespace: z.string().min(1),
  set: z.record(z.string(), z.string()).default({}),
  manifest: z.string().optional(),
  ready: z.string().optional(),
}).refine((pin) => (pin.repo === undefined) === pin.chart.startsWith('oci://'), { message: 'give repo for a chart name, and no repo for an oci:// chart' });

const pinsSchema = z.strictObject({
  kind: z.strictObject({
    version: z.string().regex(/^v\d+\.\d+\.\d+$/),
    nodeImage: z.string().regex(/^kindest\/node:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/, 'pin the node image by tag AND digest'),
  }),
  addons: z.strictObject(Object.fromEntries(ADDONS.map((name) => [name, addonSchema])) as Record<(typeof ADDONS)[number], typeof addonSchema>),
});

export type Pins = z.infer<typeof pinsSchema>;
export type AddonPin = z.infer<typeof addonSchema>;

export async function loadPins(file = PINS_FILE): Promise<Pins> {
  return pinsSchema.parse(parse(await readFile(file, 'utf8')));
}

/** Absolute path of a file named in pins.yaml (relative to this folder). */
export function pinnedFile(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}
