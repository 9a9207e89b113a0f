// Splits a watch stream (one JSON object per line, in arbitrary chunks) into parsed events.
export class NdjsonSplitter<T = unknown> {
  private buffer = '';

  /** The complete lines in this chunk (blank heartbeat lines skipped); a partial line waits for more. */
  push(chunk: string): T[] {
    this.buffer += chunk;
    const out: T[] = [];
    let i: number;
    while ((i = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, i).trim();
      this.buffer = this.buffer.slice(i + 1);
      if (line) out.push(JSON.parse(line) as T);
    }
    return out;
  }
}
