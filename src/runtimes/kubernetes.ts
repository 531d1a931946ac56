/**
 * A local Kubernetes control plane's binaries, into <cache>/runtimes/kubernetes/<version>/bin/:
 *   - kube-apiserver, kube-controller-manager, kube-scheduler: compiled from the Go module proxy through our
 *     build-only module runtimes/kubernetes/ (go.mod + go.sum). `go install k8s.io/kubernetes/cmd/...@v1.36.x`
 *     cannot work: k8s.io/kubernetes requires its staging modules at v0.0.0 with replace directives into its
 *     own tree, which only a main module may carry; ours points each at its published v0.36.x.
 *     Built one at a time (2 cores), version stamped so `kubectl version` shows the pin.
 *   - etcd: Debian's etcd-server .deb (sha256-pinned), unpacked, never installed system-wide.
 *   - kwok: `go install sigs.k8s.io/kwok/cmd/kwok@<pin>` (its go.mod has no replace directives).
 *
 *   await installKubernetes(ctx)   // → { dir: '…/runtimes/kubernetes/1.36.3', reused: false, ms: 900000 }
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pinHash, readRepoFile, runtimeDir, type InstallerContext, type RuntimesConfig } from './config.ts';
import { runLogged } from './exec.ts';
import { goEnv } from './go-env.ts';
import { installAtomically, type InstallOutcome } from './install-dir.ts';
import { goBinaryName, installDebianTool, installGoTool } from './tools.ts';

/** The programs a finished install holds, by file name in its bin/ folder. */
export const KUBERNETES_BINARIES = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kwok'] as const;
export type KubernetesBinary = (typeof KUBERNETES_BINARIES)[number];

export function kubernetesDir(cache: string, config: RuntimesConfig): string {
  return runtimeDir(cache, 'kubernetes', config.kubernetes.version);
}

export function kubernetesHash(root: string, config: RuntimesConfig): string {
  const { module } = config.kubernetes;
  return pinHash(config.kubernetes, readRepoFile(root, join(module, 'go.mod')), readRepoFile(root, join(module, 'go.sum')));
}

/**
 * The ldflags that stamp k8s.io/component-base/version (what `kube-apiserver --version` and the server's
 * /version report); without them a build from source says v0.0.0-master.
 */
export function kubernetesLdflags(version: string): string {
  const [major, minor] = version.split('.');
  const x = (name: string, value: string) => `-X k8s.io/component-base/version.${name}=${value}`;
  return ['-s', '-w', x('gitVersion', `v${version}`), x('gitMajor', major ?? ''), x('gitMinor', minor ?? ''), x('gitTreeState', 'clean')].join(' ');
}

export async function installKubernetes(ctx: InstallerContext): Promise<InstallOutcome> {
  const pin = ctx.config.kubernetes;
  return installAtomically({
    force: ctx.force,
    dir: kubernetesDir(ctx.cache, ctx.config),
    name: 'kubernetes',
    version: pin.version,
    hash: kubernetesHash(ctx.root, ctx.config),
    build: async (tmp) => {
      const src = join(tmp, 'src');
      const bin = join(tmp, 'bin');
      mkdirSync(src);
      mkdirSync(bin);
      for (const file of ['go.mod', 'go.sum']) copyFileSync(join(ctx.root, pin.module, file), join(src, file));
      // One package per `go build`: three at once would hold three linkers' memory on a 2-core machine.
      for (const pkg of pin.packages) {
        ctx.progress(`kubernetes: compiling ${goBinaryName(pkg)} ${pin.version} with Go (cold: several minutes each on 2 cores; log: ${ctx.log})`);
        await runLogged({
          argv: ['go', 'build', '-trimpath', '-ldflags', kubernetesLdflags(pin.version), '-o', `${bin}/`, pkg],
          cwd: src,
          env: { ...goEnv(ctx.cache, ctx.env), GOFLAGS: '-mod=mod' },
          log: ctx.log,
          what: `go build ${pkg} (Kubernetes ${pin.version})`,
          hint: 'Go 1.26 or later is needed (apt-get install golang-go), and the Go module proxy must be reachable; run again',
        });
      }
      rmSync(src, { recursive: true, force: true });
      for (const [name, tool] of [['etcd', pin.etcd], ['kwok', pin.kwok]] as const) {
        if (tool.source === 'go') await installGoTool(ctx, name, tool, tmp);
        else await installDebianTool(ctx, name, tool, tmp, `kubernetes.${name}`);
      }
    },
  });
}
