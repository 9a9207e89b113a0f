// Pokes a resource's watch channel after a commit. Under load, pokes to one channel are coalesced:
// while one is in flight, later revisions wait and go out as a single follow-up poke (the channel
// reads every change after its cursor anyway, so only the newest revision matters).
import type { Env } from '../env';

interface Pending {
  inflight: boolean;
  next: number;
}

const channels = new Map<string, Pending>();

export function pokeChannel(env: Env, resource: string, revision: number): Promise<void> {
  let p = channels.get(resource);
  if (!p) channels.set(resource, (p = { inflight: false, next: 0 }));
  if (p.inflight) {
    p.next = Math.max(p.next, revision);
    return Promise.resolve();
  }
  return send(env, resource, revision, p);
}

async function send(env: Env, resource: string, revision: number, p: Pending): Promise<void> {
  p.inflight = true;
  try {
    const stub = env.WATCH.get(env.WATCH.idFromName(resource));
    await stub.poke(revision, resource).catch(() => undefined);
  } finally {
    p.inflight = false;
  }
  if (p.next > revision) {
    const next = p.next;
    p.next = 0;
    await send(env, resource, next, p);
  }
}
