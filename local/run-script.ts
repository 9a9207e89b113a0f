// Runs a local command's main() when its module is the process's entry script (`npm run token`,
// `npm run audit`), exiting with its code; an error becomes one line prefixed with the command's name.
import { fileURLToPath } from 'node:url';

export function runIfEntry(moduleUrl: string, name: string, main: (argv: string[]) => Promise<number>): void {
  if (!process.argv[1] || fileURLToPath(moduleUrl) !== process.argv[1]) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
