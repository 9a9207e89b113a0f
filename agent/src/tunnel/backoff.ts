// Capped exponential back-off with jitter, reset after a connection that lasted.
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly baseMs = 500,
    private readonly capMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt: base * 2^n, capped, with "equal jitter" (half fixed, half random). */
  next(): number {
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return ceiling / 2 + this.random() * (ceiling / 2);
  }

  reset() {
    this.attempt = 0;
  }
}
