// `kubeflare-agent run`: load the config and run the agent until SIGTERM/SIGINT.
import { DEFAULT_CONFIG_PATH, loadConfig } from '../config';
import { runAgent } from '../main';
import { parseCommand } from './args';
import type { CliIO } from './errors';

export const RUN_HELP = `Usage: kubeflare-agent run [--config FILE]

Registers this node, keeps its Lease renewed and runs the pods bound to it, until SIGTERM or SIGINT
(containers keep running when the agent stops; the next start adopts them).

Options:
  --config FILE   the agent config (default ${DEFAULT_CONFIG_PATH})
  -h, --help      this help
`;

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommand('run', argv, { config: { type: 'string' } });
  if (values.help) {
    io.out(RUN_HELP);
    return 0;
  }
  const config = loadConfig(values.config ?? DEFAULT_CONFIG_PATH, { warn: (m) => io.err(`warning: ${m}`) });
  await runAgent(config);
  return 0;
}
