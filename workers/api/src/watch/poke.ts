// Pokes a resource's watch channel after a commit, coalesced per channel (watch/coalesce.ts).
import type { Env } from '../env';
import { PokeCoalescer } from './coalesce';

const channels = new PokeCoalescer();

export function pokeChannel(env: Env, resource: string, revision: number): Promise<void> {
  return channels.poke(resource, revision, (rev) =>
    env.WATCH.get(env.WATCH.idFromName(resource))
      .poke(rev, resource)
      .catch(() => undefined),
  );
}
