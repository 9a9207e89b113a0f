// node:util parseArgs with errors a person can act on (unknown option, missing value, stray argument).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommand<O extends Options>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
  } catch (e) {
    // parseArgs' messages name the option; the hint about `--` is for programs that take positionals.
    const text = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\s*\(.*-- .*\)$/s, '');
    throw new UsageError(text, command);
  }
}

/** "90s", "30m", "24h", "7d" or plain seconds → seconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+)(s|m|h|d)?$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new UsageError(`${flag}: expected a duration such as 30m, 24h or 7d, got ${JSON.stringify(text)}`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
}
