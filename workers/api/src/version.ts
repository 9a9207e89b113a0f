/** kubectl on this machine picks its client version from `minor`; we speak the 1.32 API. */
export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4-kubeflare',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-11-26T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'workerd',
  platform: 'workers/wasm',
};
