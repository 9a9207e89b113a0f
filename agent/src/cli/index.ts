// The agent's command line: join | run | install | simulate, each with --help. Returns an exit code;
// errors meant for a person are printed without a stack.
import { ConfigError } from '../config';
import { CliError, UsageError, processIO, type CliIO } from './errors';
import { installCommand } from './install';
import { joinCommand } from './join';
import { runCommand } from './run';
import { simulateCommand } from './simulate';
import { cleanupCommand } from './cleanup';

export const HELP = `Usage: kubeflare-agent <command> [options]

Commands:
  join       exchange a bootstrap token for this node's credential and write the agent config
  run        run the agent (register the node, heartbeats, pods) until stopped
  install    install the systemd service and the config
  simulate   register simulated nodes (no containers), for scale tests
  cleanup    remove the node networking the agent set up (when uninstalling)

Run "kubeflare-agent <command> --help" for a command's options.
`;

const COMMANDS: Record<string, (argv: string[], io: CliIO) => Promise<number>> = {
  join: joinCommand,
  run: runCommand,
  install: installCommand,
  simulate: simulateCommand,
  cleanup: cleanupCommand,
};

export { CliError, UsageError, type CliIO };
export { joinCluster, type JoinOptions, type JoinResult } from './join';
export { install, unitFile } from './install';

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.out(HELP);
      return command ? 0 : 2;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    return await run(rest, io);
  } catch (e) {
    if (e instanceof CliError || e instanceof ConfigError) {
      io.err(`kubeflare-agent ${command ?? ''}: ${e.message}`.replace(/ {2,}/, ' '));
      return e instanceof CliError ? e.exitCode : 1;
    }
    throw e;
  }
}
