// Limits that keep one client from hurting others (after authentication and impersonation, like upstream's
// APF filter): a per-identity token bucket, a per-identity cap on requests in flight, and caps on open
// watches per identity and in all; over a limit the answer is 429 TooManyRequests with Retry-After.
// State is per isolate (see docs/decisions.md: one isolate serves the local stack; on Cloudflare each
// isolate enforces the budget on its own share of the traffic).
import type { MiddlewareHandler } from 'hono';
import { tooManyRequests } from '../../../kube/status';
import type { AppEnv } from '../app-env';
import { kindOf, levelOf } from './classify';
import { limitsConfig, type LimitsEnv } from './config';
import { execOf, onBodyEnd } from './stream-end';
import { Counters, TokenBuckets } from './token-bucket';

const buckets = new TokenBuckets();
const inflight = new Counters();
/** Open watches by level: the global cap counts the workload level only, so users can never use up the
 * watch capacity of the control plane's own components (nodes, controllers). */
const watches = { system: new Counters(), workload: new Counters() };
/** Seconds a client is asked to wait before opening another watch or request past a concurrency cap. */
const CAP_RETRY_SECONDS = 1;

export function limitRequests(): MiddlewareHandler<AppEnv> {
  return async function limitRequests(c, next) {
    const cfg = limitsConfig(c.env as LimitsEnv);
    const user = c.var.user;
    const level = levelOf(user);
    if (!cfg.enabled || level === 'exempt') return next();
    const limits = level === 'system' ? cfg.system : cfg.workload;
    const key = user.name;
    const took = buckets.take(key, limits.budget, Date.now());
    if (!took.ok) throw tooManyRequests('Too many requests, please try again later.', took.retryAfterSeconds);
    const kind = kindOf(c.req.raw);
    if (kind === 'long-running') return next();
    if (kind === 'short') {
      if (inflight.get(key) >= limits.maxInflight) throw tooManyRequests(`Too many requests in flight for user "${key}", please try again later.`, CAP_RETRY_SECONDS);
      inflight.inc(key);
      try {
        await next();
      } finally {
        inflight.dec(key);
      }
      return;
    }
    const open = watches[level];
    if (open.get(key) >= limits.maxWatches) throw tooManyRequests(`Too many watches open for user "${key}" (at most ${limits.maxWatches}), please try again later.`, CAP_RETRY_SECONDS);
    if (level === 'workload' && open.total >= cfg.maxWatchesTotal) throw tooManyRequests('Too many watches open, please try again later.', CAP_RETRY_SECONDS);
    open.inc(key);
    let held = true;
    const release = () => {
      if (held) open.dec(key);
      held = false;
    };
    try {
      await next();
    } catch (err) {
      release();
      throw err;
    }
    if (c.res.status !== 200 || !c.res.body) return release();
    const res = onBodyEnd(c.res, execOf(c), release);
    c.res = undefined;
    c.res = res;
  };
}

/** Open watches (for tests and diagnostics). */
export const openWatches = () => watches.system.total + watches.workload.total;
