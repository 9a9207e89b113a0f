// `kubeflare-agent install`: a systemd unit that runs the agent, and the config in /etc/kubeflare.
// With --prefix (a staging root, like DESTDIR) the files land under it and systemctl is not called.
import { spawnSync } from 'node:child_process';
import { copyFileSync, chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../config';
import { parseCommand } from './args';
import { CliError, type CliIO } from './errors';
import { AGENT_NODE_FLAGS } from '../../bin/node-flags.mjs';
import { AGENT_BIN } from './paths';

export const INSTALL_HELP = `Usage: kubeflare-agent install [--prefix DIR] [--config FILE]

Writes /etc/systemd/system/kubeflare-agent.service and ${DEFAULT_CONFIG_PATH} (from --config, e.g. the
file "join --config FILE" wrote), then reloads systemd. With --prefix the files are written under DIR
instead and systemctl is not called.

Options:
  --prefix DIR     install under DIR (e.g. a package root); systemctl is not called
  --config FILE    a joined agent config to install as ${DEFAULT_CONFIG_PATH} (mode 0600)
  -h, --help       this help
`;

export const UNIT_PATH = '/etc/systemd/system/kubeflare-agent.service';

export function unitFile(nodePath: string, binPath: string, configPath: string): string {
  return `[Unit]
Description=kubeflare node agent
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=${nodePath} ${AGENT_NODE_FLAGS.join(' ')} ${binPath} run --config ${configPath}
Restart=always
RestartSec=5
# Stop only the agent: the containers (and a podman service it started) keep running, as with a kubelet,
# and the restarted agent adopts them.
KillMode=process
TimeoutStopSec=30

[Install]
WantedBy=multi-user.target
`;
}

export interface InstallResult {
  unitPath: string;
  configPath: string;
  configInstalled: boolean;
}

export function install(opts: { prefix?: string; config?: string }, io: CliIO): InstallResult {
  const root = opts.prefix ? resolve(opts.prefix) : '/';
  const unitPath = join(root, UNIT_PATH);
  const configPath = join(root, DEFAULT_CONFIG_PATH);
  try {
    mkdirSync(dirname(unitPath), { recursive: true });
    writeFileSync(unitPath, unitFile(process.execPath, AGENT_BIN, DEFAULT_CONFIG_PATH), { mode: 0o644 });
    mkdirSync(dirname(configPath), { recursive: true, mode: 0o700 });
    let configInstalled = false;
    if (opts.config) {
      loadConfig(opts.config, { warn: (m) => io.err(`warning: ${m}`) }); // refuse to install a broken config
      if (resolve(opts.config) !== configPath) copyFileSync(opts.config, configPath);
      chmodSync(configPath, 0o600);
      configInstalled = true;
    }
    return { unitPath, configPath, configInstalled: configInstalled || existsSync(configPath) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(`cannot write under ${root}: permission denied (run as root, or pass --prefix DIR)`);
    throw e;
  }
}

export async function installCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommand('install', argv, { prefix: { type: 'string' }, config: { type: 'string' } });
  if (values.help) {
    io.out(INSTALL_HELP);
    return 0;
  }
  const r = install({ prefix: values.prefix, config: values.config }, io);
  io.out(`Wrote ${r.unitPath}`);
  io.out(r.configInstalled ? `Config: ${r.configPath}` : `No config yet: run kubeflare-agent join --server URL --token T --config ${DEFAULT_CONFIG_PATH}`);
  if (!values.prefix) {
    const reload = spawnSync('systemctl', ['daemon-reload'], { stdio: 'inherit' });
    if (reload.error || reload.status !== 0) io.err('warning: "systemctl daemon-reload" failed; is systemd running here?');
  }
  io.out('Next: systemctl enable --now kubeflare-agent && journalctl -u kubeflare-agent -f');
  return 0;
}
