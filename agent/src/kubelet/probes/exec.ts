// exec: runs a command in the container through the runtime and waits for its exit code, at most
// the timeout (then the session is closed and the run counts as timed out, as with ExecProbeTimeout).
import type { Readable } from 'node:stream';
import type { ContainerRuntime } from '../../runtime/types';
import type { ProbeResult } from './types';

const MAX_OUTPUT = 10 * 1024;

const ended = (s: Readable) =>
  s.readableEnded || s.destroyed ? Promise.resolve() : new Promise<void>((r) => s.once('end', r).once('close', r).once('error', () => r()));

export type ExecOutcome = { exitCode: number; output: string } | { timedOut: true; output: string };

export async function execInContainer(runtime: ContainerRuntime, containerId: string, cmd: string[], timeoutMs: number): Promise<ExecOutcome> {
  const session = await runtime.exec(containerId, { cmd, tty: false, stdin: false, stdout: true, stderr: true });
  let output = '';
  const collect = (chunk: Buffer | string) => {
    if (output.length < MAX_OUTPUT) output += chunk.toString();
  };
  session.stdout.on('data', collect);
  session.stderr.on('data', collect);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const code = await Promise.race([session.exitCode, timeout]);
    if (code === 'timeout') {
      session.close();
      return { timedOut: true, output: output.slice(0, MAX_OUTPUT) };
    }
    // Output may still be in flight after the exit code: wait for both streams to end (within the timeout).
    await Promise.race([Promise.all([ended(session.stdout), ended(session.stderr)]), timeout]);
    return { exitCode: code, output: output.slice(0, MAX_OUTPUT) };
  } finally {
    clearTimeout(timer);
  }
}

export async function execProbe(runtime: ContainerRuntime, containerId: string, cmd: string[], timeoutMs: number): Promise<ProbeResult> {
  let r: ExecOutcome;
  try {
    r = await execInContainer(runtime, containerId, cmd, timeoutMs);
  } catch (e) {
    // The runtime could not run it at all: upstream throws the result away (Unknown).
    return { result: 'unknown', message: (e as Error).message };
  }
  if ('timedOut' in r) return { result: 'failure', message: `command ${JSON.stringify(cmd.join(' '))} timed out` };
  return r.exitCode === 0 ? { result: 'success', message: r.output || undefined } : { result: 'failure', message: r.output };
}
