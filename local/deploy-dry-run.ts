// `npm run deploy:dry-run`: bundles every worker with `wrangler deploy --dry-run` (no account needed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './stack';

export const WORKER_CONFIGS = ['wrangler.toml', 'workers/scheduler/wrangler.toml', 'workers/controllers/wrangler.toml'];

export function dryRun(config: string): { ok: boolean; output: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'kubeflare-dry-run-'));
  try {
    const r = spawnSync(join(ROOT, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir, '-c', join(ROOT, config)], {
      cwd: ROOT,
      encoding: 'utf8',
      env: process.env,
    });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('deploy-dry-run.ts')) {
  let failed = 0;
  for (const config of WORKER_CONFIGS) {
    const r = dryRun(config);
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${config}`);
    if (!r.ok) {
      failed++;
      console.log(r.output);
    }
  }
  process.exit(failed ? 1 : 0);
}
