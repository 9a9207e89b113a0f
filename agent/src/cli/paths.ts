// The agent package's own files, found from this module whether it runs from its sources
// (agent/src/cli) or from the bundle (agent/dist): walk up to the folder that holds bin/kubeflare-agent.mjs.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function agentRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'bin', 'kubeflare-agent.mjs'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`kubeflare-agent: cannot find the agent package above ${fileURLToPath(import.meta.url)}`);
}

export const AGENT_ROOT = agentRoot();
export const AGENT_BIN = join(AGENT_ROOT, 'bin', 'kubeflare-agent.mjs');
export const SIM_CLI = join(AGENT_ROOT, 'src', 'sim', 'cli.ts');
