// Maintenance: one Durable Object per cluster that bootstraps the database once and compacts the
// change log on an alarm (in small chunks, so writers are never blocked for long), then re-encrypts the
// log's Secret rows that an older key wrote (store/encryption/rewrap.ts).
import { DurableObject } from 'cloudflare:workers';
import { bootstrap } from './bootstrap';
import type { Env } from './env';
import { compact, dbOf, DEFAULT_COMPACTION, rewrapChangeLog, type CompactionPolicy, type RewrapResult } from './store';

const COMPACT_EVERY_MS = 30_000;

export class Maintenance extends DurableObject<Env> {
  private started?: Promise<void>;

  /** Idempotent: bootstraps the database and arms the compaction alarm. */
  start(): Promise<void> {
    if (!this.started) {
      this.started = (async () => {
        await bootstrap(dbOf(this.env), this.env.SERVICE_CIDR || undefined);
        if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + COMPACT_EVERY_MS);
      })().catch((err) => {
        this.started = undefined;
        throw err;
      });
    }
    return this.started;
  }

  /** Compacts now; returns the compacted revision. */
  async compactNow(policy?: Partial<CompactionPolicy>): Promise<number> {
    return compact(dbOf(this.env), { ...this.policy(), ...policy });
  }

  /** Re-encrypts the change log's Secret rows that the current key did not write (key rotation). */
  rewrapNow(): Promise<RewrapResult> {
    return rewrapChangeLog(dbOf(this.env));
  }

  override async alarm(): Promise<void> {
    try {
      await this.compactNow();
      await this.rewrapNow();
    } finally {
      await this.ctx.storage.setAlarm(Date.now() + COMPACT_EVERY_MS);
    }
  }

  private policy(): CompactionPolicy {
    const window = Number(this.env.COMPACTION_WINDOW_SECONDS ?? '');
    const keep = Number(this.env.COMPACTION_MIN_KEEP ?? '');
    return {
      ...DEFAULT_COMPACTION,
      ...(Number.isFinite(window) && window > 0 ? { windowMs: window * 1000 } : {}),
      ...(Number.isFinite(keep) && keep > 0 ? { minKeep: keep } : {}),
    };
  }
}
