// The V8 flags the agent runs with, for everything that starts it (the systemd unit, `npm start`, tests,
// the bin's own shebang). V8 grows the young generation to 32 MiB under allocation churn (JSON from
// watches, runtime listings); capped at 2 MiB, a long-running agent's resident memory stays near its live
// data, for the price of more frequent (sub-millisecond) scavenges. v8.setFlagsFromString cannot change
// this after start, so it has to be on the command line.
export const AGENT_NODE_FLAGS = ['--max-semi-space-size=2'];
