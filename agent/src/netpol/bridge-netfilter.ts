// Bridged IPv4 traffic through the ip family's hooks (br_netfilter's bridge-nf-call-iptables), so
// same-node pod-to-pod packets meet the forward chains. Per network namespace; set by the agent for
// its own namespace only, as the CNI bridge plugin and kubeadm's preflight expect it.
import { readFile, writeFile } from 'node:fs/promises';

const KNOB = '/proc/sys/net/bridge/bridge-nf-call-iptables';

/** Turns it on when it is off; throws when br_netfilter is not loaded (the knob is missing). */
export async function enableBridgeNetfilter(path = KNOB): Promise<'enabled' | 'already'> {
  if ((await readFile(path, 'utf8')).trim() === '1') return 'already';
  await writeFile(path, '1\n');
  return 'enabled';
}
