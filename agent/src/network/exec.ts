// Runs the iproute2 commands the node network needs; never a shell, never a name-based kill.
import { execFile } from 'node:child_process';

export class CommandError extends Error {
  constructor(
    readonly argv: string[],
    readonly stderr: string,
    readonly code: number | string | undefined,
  ) {
    super(`${argv.join(' ')} failed (${code}): ${stderr.trim()}`);
  }
}

export type Run = (argv: string[]) => Promise<string>;

/** Runs argv[0] with the rest as arguments; resolves stdout, rejects with CommandError. */
export const run: Run = (argv) =>
  new Promise((resolve, reject) => {
    execFile(argv[0], argv.slice(1), { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new CommandError(argv, String(stderr || err.message), (err as NodeJS.ErrnoException).code ?? undefined));
      else resolve(String(stdout));
    });
  });
