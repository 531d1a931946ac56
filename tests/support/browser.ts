/**
 * Headless Chromium for tests, from the system (Debian's chromium) — never a downloaded browser.
 * Returns undefined when no browser is installed, so a test can skip with that reason.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function systemChromium(): string | undefined {
  const candidates = [process.env['BOOK_CHROMIUM'], process.env['CHROME_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => Boolean(path) && existsSync(path as string));
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = systemChromium();
  if (!executablePath) throw new Error('No Chromium found: install it (apt-get install -y chromium) or set BOOK_CHROMIUM.');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}
