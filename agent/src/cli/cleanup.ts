// `kubeflare-agent cleanup`: removes what the agent's node networking set up on this host (its nftables
// table, routes, DNS interface and pod network) — for uninstalling; a normal stop keeps them, as
// kube-proxy's rules survive a restart.
import { DEFAULT_CONFIG_PATH, loadConfig } from '../config';
import { cleanupNodeNetwork } from '../network';
import { parseCommand } from './args';
import type { CliIO } from './errors';

export const CLEANUP_HELP = `Usage: kubeflare-agent cleanup [--config FILE]

Removes the node networking the agent set up (nftables table, routes, DNS interface, pod network).
Run it after stopping the agent, when uninstalling. Containers are not touched.

Options:
  --config FILE   the agent config (default ${DEFAULT_CONFIG_PATH})
  -h, --help      this help
`;

export async function cleanupCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommand('cleanup', argv, { config: { type: 'string' } });
  if (values.help) {
    io.out(CLEANUP_HELP);
    return 0;
  }
  const config = loadConfig(values.config ?? DEFAULT_CONFIG_PATH, { warn: (m) => io.err(`warning: ${m}`) });
  const failed = await cleanupNodeNetwork({ runtimeSocket: config.runtimeSocket, settings: config.network, log: (m, f) => io.out(`${m} ${JSON.stringify(f ?? {})}\n`) });
  for (const f of failed) io.err(`could not remove ${f}\n`);
  return failed.length ? 1 : 0;
}
