/**
 * Headless Chromium for tests, found the same way the diagram renderer finds it (BOOK_CHROMIUM,
 * CHROME_PATH, /usr/bin/chromium, Playwright's cache) — never downloaded. `systemChromium()` is undefined
 * when none is installed, so a suite can skip with that reason.
 */
import { homedir } from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, findChromiumOrNull } from '../../src/diagrams/chromium.ts';

const lookup = () => ({ env: process.env, home: homedir() });

export function systemChromium(): string | undefined {
  return findChromiumOrNull(lookup()) ?? undefined;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(lookup()), args: [...CHROMIUM_ARGS] });
}
