import { describe, expect, it } from 'vitest';
import { crdsNotEstablished } from '../../src/cluster/local-control-plane.ts';

const crd = (name: string, conditions: object[]) => ({ metadata: { name }, status: { conditions } });

describe('crdsNotEstablished', () => {
  it('lists only the CRDs whose Established condition is not True, with the reason', () => {
    const listing = JSON.stringify({
      items: [
        crd('kafkas.kafka.strimzi.io', [{ type: 'NamesAccepted', status: 'True' }, { type: 'Established', status: 'True' }]),
        crd('plugins.example.com', [
          { type: 'NamesAccepted', status: 'False', reason: 'ListKindConflict', message: '"PluginList" is already in use' },
          { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' },
        ]),
        crd('fresh.example.com', []),
      ],
    });
    expect(crdsNotEstablished(listing)).toEqual([
      'plugins.example.com: NamesAccepted=False ListKindConflict: "PluginList" is already in use',
      'fresh.example.com: no conditions yet',
    ]);
  });

  it('is empty when every CRD is Established', () => {
    expect(crdsNotEstablished(JSON.stringify({ items: [crd('a.example.com', [{ type: 'Established', status: 'True' }])] }))).toEqual([]);
    expect(crdsNotEstablished('{"items": []}')).toEqual([]);
  });
});
