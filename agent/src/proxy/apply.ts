// Loads a rendered script into the kernel with `nft -f -` (one transaction: all of it or none of it)
// and removes the agent's table on request. Only the agent's own table is ever named, so rules that
// other software keeps on the host are never touched.
import { spawn } from 'node:child_process';
import { DEFAULT_TABLE } from './types';

export interface NftOptions {
  /** The nft binary (default "nft" from PATH). */
  nft?: string;
  /** Run inside this network namespace (`ip netns exec`): how tests and simulated nodes apply. */
  netns?: string;
}

export class NftUnavailableError extends Error {
  constructor(detail: string) {
    // TODO(issue 7): fall back to iptables-nft (iptables-restore) where nft is missing.
    super(`nftables is not usable here (${detail}); the service proxy needs the nft command and nf_tables in the kernel`);
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs nft with `args`, feeding `stdin`; never throws for a non-zero exit (the caller decides). */
export function runNft(args: string[], stdin: string | undefined, opts: NftOptions = {}): Promise<RunResult> {
  const nft = opts.nft ?? 'nft';
  const [cmd, argv] = opts.netns ? ['ip', ['netns', 'exec', opts.netns, nft, ...args]] : [nft, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new NftUnavailableError(`${cmd} not found`) : e));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.on('error', () => undefined); // the exit code and stderr tell what went wrong
    child.stdin.end(stdin ?? '');
  });
}

/** Checks once, at start-up, that nft runs and the kernel accepts a table of ours (a dry run). */
export async function checkNft(opts: NftOptions = {}): Promise<void> {
  const res = await runNft(['--check', '-f', '-'], 'table ip kubeflare-probe {}\n', opts);
  if (res.code !== 0) throw new NftUnavailableError(res.stderr.trim() || `exit ${res.code}`);
}

/** Applies a script from renderRules atomically; on error the previous rules stay in force. */
export async function applyRules(script: string, opts: NftOptions = {}): Promise<void> {
  const res = await runNft(['-f', '-'], script, opts);
  if (res.code !== 0) throw new Error(`nft -f failed (exit ${res.code}): ${res.stderr.trim()}`);
}

/** Deletes the agent's table (all its rules, maps and sets); a missing table is not an error. */
export async function removeRules(table = DEFAULT_TABLE, opts: NftOptions = {}): Promise<void> {
  // Declaring the table first makes the delete succeed whether or not it existed.
  const res = await runNft(['-f', '-'], `table ip ${table} {}\ndelete table ip ${table}\n`, opts);
  if (res.code !== 0) throw new Error(`removing table ${table} failed: ${res.stderr.trim()}`);
}

/**
 * What the agent hands to ServiceProxy: checks nft once, up front, so a node without nftables fails
 * at start with NftUnavailableError (and a clear message) rather than on every sync.
 */
export async function nftApplier(opts: NftOptions = {}): Promise<(script: string) => Promise<void>> {
  await checkNft(opts);
  return (script) => applyRules(script, opts);
}
