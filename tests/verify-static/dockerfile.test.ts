import { describe, expect, it } from 'vitest';
import { staticCheckersFor } from '../../src/verify/static/index.ts';
import { findings, statuses } from './support.ts';

describe('dockerfile checker', () => {
  it('accepts a pinned multi-stage build that runs as non-root (USER inherited from a stage)', async () => {
    expect(await statuses('dockerfile/good/Dockerfile')).toBe('dockerfile:passed secrets:passed');
  });

  it('accepts digests and distroless nonroot images', async () => {
    expect(await statuses('dockerfile/good/Dockerfile.distroless')).toBe('dockerfile:passed secrets:passed');
  });

  it('reports unpinned, latest and unresolvable base images', async () => {
    expect(await findings('dockerfile/bad/Dockerfile.unpinned', 'dockerfile')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/dockerfile/bad/Dockerfile.unpinned:1:6  error  Base image "python" has no tag  [docker-unpinned-image]
        hint: Pin a version, e.g. python:<version> (or a digest).
      tests/verify-static/fixtures/dockerfile/bad/Dockerfile.unpinned:4:6  error  Base image "node:latest" uses the "latest" tag  [docker-unpinned-image]
        hint: Pin a version instead of latest, e.g. node:<version> (or a digest).
      tests/verify-static/fixtures/dockerfile/bad/Dockerfile.unpinned:8:6  error  base name (\${BASE_IMAGE}) should not be blank  [docker-base-name-empty]
        hint: Fix the instruction; see https://docs.docker.com/reference/dockerfile/.
      tests/verify-static/fixtures/dockerfile/bad/Dockerfile.unpinned:8:6  error  Base image "\${BASE_IMAGE}" uses an ARG without a default value  [docker-unpinned-image]
        hint: Give the ARG before FROM a default that pins a version, e.g. ARG PYTHON_VERSION=3.12."
    `);
  });

  it('reports USER root in the final stage', async () => {
    expect(await findings('dockerfile/bad/Dockerfile.root', 'dockerfile')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/dockerfile/bad/Dockerfile.root:6:1  error  The final stage runs as root (USER root)  [docker-root-user]
        hint: Switch to a non-root user at the end of the final stage, e.g. USER 10001."
    `);
  });

  it('reports a final stage without USER', async () => {
    expect(await findings('dockerfile/bad/Dockerfile.nouser', 'dockerfile')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/dockerfile/bad/Dockerfile.nouser:4:1  error  The final stage runs as root (no USER instruction)  [docker-root-user]
        hint: Add a non-root user to the final stage, e.g. RUN useradd --uid 10001 app, then USER 10001."
    `);
  });

  it('reports a single stage that installs build tools', async () => {
    expect(await findings('dockerfile/bad/Dockerfile.single-stage', 'dockerfile')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/dockerfile/bad/Dockerfile.single-stage:4:1  error  The only stage runs "apt-get install": build tools and caches end up in the runtime image  [docker-single-stage-build]
        hint: Use a multi-stage build: install/build in a builder stage, then COPY --from=builder only what runs."
    `);
  });

  it('reports literal secrets in ENV and ARG, not variables or look-alike names', async () => {
    expect(await findings('dockerfile/bad/Dockerfile.secrets', 'dockerfile')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/dockerfile/bad/Dockerfile.secrets:5:5  error  ARG HF_TOKEN bakes a literal secret value into the image  [docker-secret-in-image]
        hint: Pass secrets at run time (env from a Kubernetes Secret) or at build time with RUN --mount=type=secret; leave the value empty here.
      tests/verify-static/fixtures/dockerfile/bad/Dockerfile.secrets:6:5  error  ENV DB_PASSWORD bakes a literal secret value into the image  [docker-secret-in-image]
        hint: Pass secrets at run time (env from a Kubernetes Secret) or at build time with RUN --mount=type=secret; leave the value empty here."
    `);
  });

  it('reports unknown instructions and invalid arguments from dockerfile-utils', async () => {
    expect(await findings('dockerfile/bad/Dockerfile.syntax', 'dockerfile')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/dockerfile/bad/Dockerfile.syntax:2:1  error  Unknown instruction: RUNN  [docker-unknown-instruction]
        hint: Fix the instruction; see https://docs.docker.com/reference/dockerfile/.
      tests/verify-static/fixtures/dockerfile/bad/Dockerfile.syntax:3:11  error  Invalid proto: tcpx  [docker-invalid-proto]
        hint: Fix the instruction; see https://docs.docker.com/reference/dockerfile/."
    `);
  });
});

describe('dockerfile checker: accuracy review', () => {
  it.each(['Dockerfile-dev', 'Dockerfile-windows', 'Dockerfile-linux.template', 'Containerfile.dev', 'containerfile-ci'])('recognises %s as a Dockerfile', (name) => {
    expect(staticCheckersFor(`snippets/x/${name}`, 'FROM x\n')).toContain('dockerfile');
  });

  it('does not recognise an ignore file or a doc about Dockerfiles', () => {
    expect(staticCheckersFor('snippets/x/Dockerfile-dev.dockerignore', '*.pyc\n')).not.toContain('dockerfile');
    expect(staticCheckersFor('snippets/x/dockerfiles.md', '# x\n')).not.toContain('dockerfile');
  });

  it('does not report public GPG key fingerprints as secrets', async () => {
    expect(await statuses('dockerfile/good/Dockerfile-gpg')).toBe('dockerfile:passed secrets:passed');
  });

  it('still reports a key-like literal whose name is not a GPG/PGP key, and a GPG_KEY that is no fingerprint', async () => {
    const lines = (await findings('dockerfile/bad/Dockerfile-keys', 'dockerfile')).split('\n').map((line) => line.replace(/^.*?:(\d+:\d+)\s+error\s+(.*?)\s+\[(.*)\]$/, '$1 $3 $2'));
    expect(lines).toEqual([
      '3:5 docker-secret-in-image ENV API_KEY bakes a literal secret value into the image',
      '  hint: Pass secrets at run time (env from a Kubernetes Secret) or at build time with RUN --mount=type=secret; leave the value empty here.',
      '4:5 docker-secret-in-image ENV GPG_KEY bakes a literal secret value into the image',
      '  hint: Pass secrets at run time (env from a Kubernetes Secret) or at build time with RUN --mount=type=secret; leave the value empty here.',
    ]);
  });
});
