/**
 * Dapr's self-hosted binaries (daprd, placement, scheduler) compiled from the Go module proxy through our
 * build-only module runtimes/dapr/ (go.mod + go.sum), into <cache>/runtimes/dapr/<version>/bin/.
 * `go install` cannot be used: dapr's go.mod has replace directives, which only a main module may carry.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pinHash, readRepoFile, type RuntimesConfig, runtimeDir, type InstallerContext } from './config.ts';
import { runLogged } from './exec.ts';
import { goEnv } from './go-env.ts';
import { installAtomically, type InstallOutcome } from './install-dir.ts';

export type DaprContext = InstallerContext;

export function daprDir(cache: string, config: RuntimesConfig): string {
  return runtimeDir(cache, 'dapr', config.dapr.version);
}

export function daprHash(root: string, config: RuntimesConfig): string {
  const { module } = config.dapr;
  return pinHash(config.dapr, readRepoFile(root, join(module, 'go.mod')), readRepoFile(root, join(module, 'go.sum')));
}

/** The ldflags Dapr's own release build sets, so `daprd --version` reports the pin. */
export function daprLdflags(version: string): string {
  return `-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${version} -X github.com/dapr/kit/logger.DaprVersion=${version}`;
}

export async function installDapr(ctx: DaprContext): Promise<InstallOutcome> {
  const { version, module, buildTags, packages } = ctx.config.dapr;
  return installAtomically({
    force: ctx.force,
    dir: daprDir(ctx.cache, ctx.config),
    name: 'dapr',
    version,
    hash: daprHash(ctx.root, ctx.config),
    build: async (tmp) => {
      ctx.progress(`dapr: compiling daprd, placement and scheduler ${version} with Go (cold: about half an hour on 2 cores; log: ${ctx.log})`);
      const src = join(tmp, 'src');
      mkdirSync(src);
      for (const file of ['go.mod', 'go.sum']) copyFileSync(join(ctx.root, module, file), join(src, file));
      await runLogged({
        argv: ['go', 'build', '-tags', buildTags, '-trimpath', '-ldflags', daprLdflags(version), '-o', `${join(tmp, 'bin')}/`, ...packages],
        cwd: src,
        env: { ...goEnv(ctx.cache, ctx.env), GOFLAGS: '-mod=mod' },
        log: ctx.log,
        what: `go build (Dapr ${version})`,
        hint: 'Go 1.26 or later is needed (apt-get install golang-go, or the Go toolchain), and the Go module proxy must be reachable',
      });
      rmSync(src, { recursive: true, force: true });
    },
  });
}
