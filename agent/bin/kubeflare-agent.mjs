#!/usr/bin/env node
// The agent's command (package.json "bin"): loads the TypeScript sources through tsx in this process,
// so signals from systemd (SIGTERM) reach the agent itself.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/entry.ts');
