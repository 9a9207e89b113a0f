// Reading and writing the config file. It holds the node's token, so it is written 0600 and a file
// others can read is reported (not refused: the operator may have reasons, like the kubelet's kubeconfig).
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { agentConfigSchema, type AgentConfig, type AgentConfigInput } from './schema';

export class ConfigError extends Error {}

/** Validates a parsed document; every problem is listed as `field: message`. */
export function parseConfig(doc: unknown, source = 'config'): AgentConfig {
  const r = agentConfigSchema.safeParse(doc ?? {});
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
  throw new ConfigError(`${source} is not a valid agent config:\n${lines.join('\n')}`);
}

export interface LoadOptions {
  /** Called with a warning (e.g. a file others may read). */
  warn?: (msg: string) => void;
}

export function loadConfig(path: string, opts: LoadOptions = {}): AgentConfig {
  if (!existsSync(path)) throw new ConfigError(`config file ${path} does not exist; run "kubeflare-agent join --server URL --token T" first, or pass --config FILE`);
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) opts.warn?.(`config file ${path} has mode ${mode.toString(8).padStart(4, '0')} but holds the node's token: chmod 600 ${path}`);
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`config file ${path} is not valid YAML: ${(e as Error).message}`);
  }
  return parseConfig(doc, `config file ${path}`);
}

/** Writes the config (validated first) with mode 0600, creating its directory (0700) if needed. */
export function writeConfig(path: string, config: AgentConfigInput): AgentConfig {
  const parsed = parseConfig(config);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, stringify(parsed), { mode: 0o600 });
  chmodSync(path, 0o600); // an existing file keeps its old mode on write
  return parsed;
}
