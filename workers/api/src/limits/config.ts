// Limit settings from the worker's variables (all optional; defaults are generous so kubectl, the console
// and the controllers never meet them in normal use):
//   LIMITS_QPS (100) and LIMITS_BURST (200)     per-identity token bucket
//   LIMITS_MAX_INFLIGHT (50)                    per-identity requests being served (watches and streams apart)
//   LIMITS_MAX_WATCHES_PER_USER (200)           per-identity open watches
//   LIMITS_MAX_WATCHES (10000)                  open watches of all workload-level identities together
//   LIMITS_SYSTEM_FACTOR (10)                   the system level's budgets are this many times larger
//   LIMITS_DISABLED ("true")                    turns the limits off
import type { Budget } from './token-bucket';

export interface LimitsEnv {
  LIMITS_QPS?: string;
  LIMITS_BURST?: string;
  LIMITS_MAX_INFLIGHT?: string;
  LIMITS_MAX_WATCHES_PER_USER?: string;
  LIMITS_MAX_WATCHES?: string;
  LIMITS_SYSTEM_FACTOR?: string;
  LIMITS_DISABLED?: string;
}

export interface LevelLimits {
  budget: Budget;
  maxInflight: number;
  maxWatches: number;
}

export interface LimitsConfig {
  enabled: boolean;
  workload: LevelLimits;
  system: LevelLimits;
  maxWatchesTotal: number;
}

const num = (text: string | undefined, fallback: number) => {
  const n = Number(text ?? '');
  return text !== undefined && text !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

let cached: { key: string; cfg: LimitsConfig } | undefined;

export function limitsConfig(env: LimitsEnv): LimitsConfig {
  const key = JSON.stringify([env.LIMITS_QPS, env.LIMITS_BURST, env.LIMITS_MAX_INFLIGHT, env.LIMITS_MAX_WATCHES_PER_USER, env.LIMITS_MAX_WATCHES, env.LIMITS_SYSTEM_FACTOR, env.LIMITS_DISABLED]);
  if (cached?.key === key) return cached.cfg;
  const workload: LevelLimits = {
    budget: { rate: num(env.LIMITS_QPS, 100), burst: num(env.LIMITS_BURST, 200) },
    maxInflight: num(env.LIMITS_MAX_INFLIGHT, 50),
    maxWatches: num(env.LIMITS_MAX_WATCHES_PER_USER, 200),
  };
  const f = num(env.LIMITS_SYSTEM_FACTOR, 10);
  const system: LevelLimits = {
    budget: { rate: workload.budget.rate * f, burst: workload.budget.burst * f },
    maxInflight: workload.maxInflight * f,
    maxWatches: workload.maxWatches * f,
  };
  const cfg = { enabled: env.LIMITS_DISABLED !== 'true', workload, system, maxWatchesTotal: num(env.LIMITS_MAX_WATCHES, 10_000) };
  cached = { key, cfg };
  return cfg;
}
