// Real Chromium (Debian's, through playwright-core) for the console's end-to-end tests and benchmark:
// trusts exactly the local stack's server certificate, and signs a context in by putting the token in
// sessionStorage before any page script runs (what the sign-in form does).
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function spkiHash(certFile: string): string {
  const spki = new X509Certificate(readFileSync(certFile)).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

export function launchChromium(stateDir: string): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spkiHash(join(stateDir, 'pki', 'server.crt'))}`] });
}

/** A context whose pages start signed in with `token` (sessionStorage only). */
export async function signedInContext(browser: Browser, token: string, viewport = { width: 1280, height: 860 }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport });
  await ctx.addInitScript((t) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('kubeflare.console.token', t), token);
  return ctx;
}

/** A navigation, retried when Chromium reports ERR_NETWORK_CHANGED (other tests add interfaces). */
export async function nav(go: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await go();
      return;
    } catch (err) {
      if (attempt >= 3 || !String(err).includes('ERR_NETWORK_CHANGED')) throw err;
    }
  }
}
