// Where the agent's bundle lives and whether it is up to date; no build tooling imported here, so the
// bin can check cheaply at start-up.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const AGENT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(AGENT, '..');
export const BUNDLE = join(AGENT, 'dist', 'kubeflare-agent.mjs');
/** The source files the bundle was built from (relative to the repository root), for staleness checks. */
export const INPUTS = join(AGENT, 'dist', 'inputs.json');

/** True when the bundle exists and no source it was built from changed since. */
export function bundleIsFresh() {
  try {
    const built = statSync(BUNDLE).mtimeMs;
    const inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
    return inputs.every((f) => statSync(join(ROOT, f)).mtimeMs <= built);
  } catch {
    return false;
  }
}
