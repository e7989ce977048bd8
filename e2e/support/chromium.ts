import { type Browser, chromium } from 'playwright-core';

/** Flags for Debian's Chromium run headless as root, with nothing that reaches the network on its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/**
 * Debian's Chromium (no browser download): /usr/bin/chromium, or CHROMIUM_PATH. `extraArgs` are for one journey only
 * (the conference check-in feeds Chromium a fake camera: --use-fake-device-for-media-stream and a video file).
 */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
