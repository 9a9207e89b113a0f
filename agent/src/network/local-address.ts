// The node-local address pods reach their DNS server on, like NodeLocal DNSCache: a link-local address
// (169.254.20.10 by default) on a dummy interface of the agent's own. Pods send to it through their
// default route (the bridge gateway) and the host delivers it locally, so it works before the pod
// bridge exists (netavark creates the bridge with the first pod) and whatever the node's podCIDR is.
// Kernels without the dummy driver (this machine kind's) get an empty bridge device instead: it holds
// the address just as well, since local delivery does not need a carrier.
import { CommandError, run as defaultRun, type Run } from './exec';

export interface LocalAddress {
  iface: string;
  address: string;
}

/** Creates the interface if missing and puts the address on it; idempotent. */
export async function ensureLocalAddress(a: LocalAddress, run: Run = defaultRun): Promise<void> {
  for (const type of ['dummy', 'bridge']) {
    try {
      await run(['ip', 'link', 'add', a.iface, 'type', type]);
      break;
    } catch (e) {
      if (e instanceof CommandError && /File exists/.test(e.stderr)) break;
      if (!(type === 'dummy' && e instanceof CommandError && /Unknown device type|not supported/i.test(e.stderr))) throw e;
    }
  }
  await run(['ip', 'addr', 'replace', `${a.address}/32`, 'dev', a.iface]);
  await run(['ip', 'link', 'set', a.iface, 'up']);
}

/** Deletes the interface (and so the address); a missing interface is fine. */
export async function removeLocalAddress(a: Pick<LocalAddress, 'iface'>, run: Run = defaultRun): Promise<void> {
  try {
    await run(['ip', 'link', 'del', a.iface]);
  } catch (e) {
    if (!(e instanceof CommandError && /Cannot find device/.test(e.stderr))) throw e;
  }
}
