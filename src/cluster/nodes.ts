/**
 * The fake nodes kwok manages: plain v1 Node objects carrying kwok's annotation, with the labels a real
 * Linux node has and room for many pods. No taint, so the book's workloads schedule without tolerations.
 *
 *   nodeManifest('kwok-node-', 2)   // → a v1 List of kwok-node-0 and kwok-node-1, as JSON
 */
export function nodeManifest(prefix: string, count: number): string {
  const items = Array.from({ length: count }, (_, i) => {
    const name = `${prefix}${i}`;
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
        labels: {
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/os': 'linux',
          'kubernetes.io/hostname': name,
          'node.kubernetes.io/instance-type': 'kwok',
          'topology.kubernetes.io/zone': `zone-${String.fromCharCode(97 + (i % 3))}`,
          type: 'kwok',
        },
      },
      spec: {},
      status: {
        allocatable: { cpu: '32', memory: '256Gi', pods: '110', 'ephemeral-storage': '1Ti' },
        capacity: { cpu: '32', memory: '256Gi', pods: '110', 'ephemeral-storage': '1Ti' },
      },
    };
  });
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}
