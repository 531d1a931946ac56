import { describe, expect, it } from 'vitest';
import { isPlaceholder } from '../../src/verify/static/secrets.ts';
import { findings, statuses } from './support.ts';

describe('secrets checker', () => {
  it('catches real-looking keys and tokens of every kind', async () => {
    expect(await findings('secrets/bad/agent.env', 'secrets')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/secrets/bad/agent.env:2:16  error  Possible OpenAI-style API key (sk-pro…)  [secret-api-key]
        hint: Use an obvious placeholder (e.g. "changeme" or "<your-api-key>") or read it from the environment; rotate the credential if it was ever real.
      tests/verify-static/fixtures/secrets/bad/agent.env:3:19  error  Possible Anthropic API key (sk-ant…)  [secret-api-key]
        hint: Use an obvious placeholder (e.g. "changeme" or "<your-api-key>") or read it from the environment; rotate the credential if it was ever real.
      tests/verify-static/fixtures/secrets/bad/agent.env:4:14  error  Possible GitHub token (ghp_u8…)  [secret-github-token]
        hint: Use an obvious placeholder (e.g. "changeme" or "<your-api-key>") or read it from the environment; rotate the credential if it was ever real.
      tests/verify-static/fixtures/secrets/bad/agent.env:5:19  error  Possible AWS access key id (AKIAZD…)  [secret-aws-key]
        hint: Use an obvious placeholder (e.g. "changeme" or "<your-api-key>") or read it from the environment; rotate the credential if it was ever real.
      tests/verify-static/fixtures/secrets/bad/agent.env:6:17  error  Possible Slack token (xoxb-1…)  [secret-slack-token]
        hint: Use an obvious placeholder (e.g. "changeme" or "<your-api-key>") or read it from the environment; rotate the credential if it was ever real.
      tests/verify-static/fixtures/secrets/bad/agent.env:7:16  error  Possible Google API key (AIzadM…)  [secret-api-key]
        hint: Use an obvious placeholder (e.g. "changeme" or "<your-api-key>") or read it from the environment; rotate the credential if it was ever real."
    `);
  });

  it('catches a high-entropy password literal and a JWT', async () => {
    expect(await findings('secrets/bad/settings.py', 'secrets')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/secrets/bad/settings.py:3:18  error  "password" is assigned a literal that looks like a real secret (pg-Xq8…)  [secret-assignment]
        hint: Use an obvious placeholder (e.g. "changeme" or "<your-api-key>") or read it from the environment; rotate the credential if it was ever real.
      tests/verify-static/fixtures/secrets/bad/settings.py:5:18  error  Possible JSON Web Token (eyJhbG…)  [secret-jwt]
        hint: Use an obvious placeholder (e.g. "changeme" or "<your-api-key>") or read it from the environment; rotate the credential if it was ever real."
    `);
  });

  it('catches private key blocks', async () => {
    expect(await findings('secrets/bad/deploy-key.pem', 'secrets')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/secrets/bad/deploy-key.pem:1:1  error  Possible private key block (-----B…)  [secret-private-key]
        hint: Use an obvious placeholder (e.g. "changeme" or "<your-api-key>") or read it from the environment; rotate the credential if it was ever real."
    `);
  });

  it('checks Secret stringData as written and data after base64 decoding', async () => {
    expect(await findings('secrets/bad/secret.yaml', 'secrets')).toMatchInlineSnapshot(`
      "tests/verify-static/fixtures/secrets/bad/secret.yaml:7:19  error  Possible OpenAI-style API key (sk-pro…)  [secret-api-key]
        hint: Use an obvious placeholder (e.g. "changeme" or "<your-api-key>") or read it from the environment; rotate the credential if it was ever real.
      tests/verify-static/fixtures/secrets/bad/secret.yaml:8:21  error  Secret stringData.admin-passphrase holds a real-looking value  [secret-k8s-secret]
        hint: Keep Secret manifests in the book with placeholder values, or create the Secret with kubectl create secret from the environment.
      tests/verify-static/fixtures/secrets/bad/secret.yaml:10:16  error  Secret data.db-password holds a real-looking value (after base64 decoding)  [secret-k8s-secret]
        hint: Keep Secret manifests in the book with placeholder values, or create the Secret with kubectl create secret from the environment."
    `);
  });

  it('does not flag placeholders', async () => {
    expect(await statuses('secrets/good/agent.env')).toBe('secrets:passed');
    expect(await statuses('secrets/good/settings.py')).toBe('python:passed secrets:passed');
    expect(await statuses('secrets/good/secret.yaml')).toBe('kubernetes:passed yaml:passed secrets:passed');
  });

  it('does not flag the name of a secret store or a secret reference (review: auth.secretStore)', async () => {
    expect(await statuses('secrets/good/dapr-component-auth.yaml')).toBe('kubernetes:passed yaml:passed secrets:passed');
  });

  it('does not flag the name of an environment variable or a Secret key (chapter 61: ExternalSecret secretKey)', async () => {
    expect(await statuses('secrets/good/key-names.py')).toBe('python:passed secrets:passed');
  });

  it.each(['changeme', '<your-key>', '${OPENAI_API_KEY}', 'sk-...', 'example-token', 'dummy', 'offline', 'xxxxxxxxxxxx', 'REDACTED'])(
    'treats %s as a placeholder',
    (value) => {
      expect(isPlaceholder(value)).toBe(true);
    },
  );

  it.each(['pg-Xq8!vRt2#Lm9zK', 'ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d'])('does not treat %s as a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });
});
