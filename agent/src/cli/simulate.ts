// `kubeflare-agent simulate`: the kwok-like simulator (agent/src/sim/cli.ts), run as a child process
// because that module runs its own main on import.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { CliIO } from './errors';
import { SIM_CLI } from './paths';

/** tsx from our own node_modules, whatever the working directory is (resolved when first needed). */
const tsx = () => pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export const SIMULATE_HELP = `Usage: kubeflare-agent simulate [--nodes N] [options]

Registers N simulated nodes (Node + Lease, no containers) against a cluster. Options of the simulator:
`;

export function simulateCommand(argv: string[], io: CliIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) io.out(SIMULATE_HELP);
  const child = spawn(process.execPath, ['--import', tsx(), SIM_CLI, ...argv], { stdio: 'inherit' });
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolveCode) => {
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolveCode(code ?? (signal ? 1 : 0));
    });
  });
}
