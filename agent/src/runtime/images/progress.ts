// The Docker API reports pulls and imports as a stream of JSON lines; a failure arrives as a line with
// `error` in a 200 response, so the whole stream must be read to know whether it worked.
import type { Readable } from 'node:stream';

export interface ProgressLine {
  status?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
  [key: string]: unknown;
}

/** Reads every line; rejects with the server's message if any line reports an error. */
export async function readProgress(stream: Readable): Promise<ProgressLine[]> {
  const lines: ProgressLine[] = [];
  let rest = '';
  const take = (text: string) => {
    const trimmed = text.trim();
    if (!trimmed) return;
    try {
      lines.push(JSON.parse(trimmed) as ProgressLine);
    } catch {
      lines.push({ status: trimmed });
    }
  };
  for await (const chunk of stream) {
    rest += chunk.toString();
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    parts.forEach(take);
  }
  take(rest);
  const failed = lines.find((l) => l.error || l.errorDetail?.message);
  if (failed) throw new Error(failed.errorDetail?.message ?? failed.error);
  return lines;
}
