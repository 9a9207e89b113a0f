#!/usr/bin/env -S node --max-semi-space-size=2
// The agent's command (package.json "bin"). Runs the bundle (agent/dist, built by
// `node agent/build/bundle.mjs`) when it is up to date with the sources: plain Node, ~55 MiB resident.
// Otherwise it loads the TypeScript sources through tsx (~70 MiB more), so an edited checkout always runs
// its current code. Either way the agent runs in this process, so systemd's signals reach it.
import { BUNDLE, bundleIsFresh } from '../build/fresh.mjs';

if (process.env.KUBEFLARE_AGENT_SOURCES !== '1' && bundleIsFresh()) {
  await import(BUNDLE);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/entry.ts');
}
