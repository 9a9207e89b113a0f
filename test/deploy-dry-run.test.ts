// Every worker bundles for Cloudflare with `wrangler deploy --dry-run`.
import { describe, expect, it } from 'vitest';
import { WORKER_CONFIGS, dryRun } from '../local/deploy-dry-run';

describe('wrangler deploy --dry-run', () => {
  it.each(WORKER_CONFIGS)('%s bundles', (config) => {
    const r = dryRun(config);
    expect(r.output).not.toMatch(/✘|\[ERROR\]/);
    expect(r.ok).toBe(true);
  });
});
