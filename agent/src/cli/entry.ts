// Process entry of the `kubeflare-agent` bin (agent/bin/kubeflare-agent.mjs loads it through tsx).
import { runCli } from './index';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`kubeflare-agent: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
