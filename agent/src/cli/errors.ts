// CLI failures: a UsageError is the caller's mistake (exit 2, with a pointer to --help); a CliError is
// something that went wrong while doing the work (exit 1). Both carry a message meant for a person.
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export class UsageError extends CliError {
  constructor(message: string, command?: string) {
    super(`${message}\nSee: kubeflare-agent ${command ? `${command} ` : ''}--help`, 2);
  }
}

/** Where a command writes: stdout for results, stderr for progress and warnings. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};
