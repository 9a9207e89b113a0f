// A ContainerRuntime that only runs exec, for probe and hook tests: each command is answered by a
// script (output, exit code, or never finishing). Everything else throws.
import { PassThrough } from 'node:stream';
import type { ContainerRuntime, ExecOptions, ExecSession } from '../../runtime/types';

export type ExecScript = (cmd: string[], containerId: string) => { stdout?: string; stderr?: string; exitCode?: number; hang?: boolean } | Error;

export function stubExecRuntime(script: ExecScript): ContainerRuntime & { calls: string[][]; closed: number } {
  const calls: string[][] = [];
  const state = { closed: 0 };
  const exec = async (id: string, opts: ExecOptions): Promise<ExecSession> => {
    calls.push(opts.cmd);
    const r = script(opts.cmd, id);
    if (r instanceof Error) throw r;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    if (r.stdout) stdout.write(r.stdout);
    if (r.stderr) stderr.write(r.stderr);
    let finish: (n: number) => void = () => {};
    const exitCode = new Promise<number>((resolve) => (finish = resolve));
    if (!r.hang) {
      stdout.end();
      stderr.end();
      finish(r.exitCode ?? 0);
    }
    return {
      stdout,
      stderr,
      exitCode,
      resize: async () => {},
      close: () => {
        state.closed++;
      },
    };
  };
  const unsupported = () => {
    throw new Error('not supported by the stub runtime');
  };
  return new Proxy({ exec, calls } as unknown as ContainerRuntime & { calls: string[][]; closed: number }, {
    get(target, prop) {
      if (prop === 'closed') return state.closed;
      return prop in target ? (target as unknown as Record<string | symbol, unknown>)[prop] : unsupported;
    },
  });
}
