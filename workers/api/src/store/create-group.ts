// Group commit for single creates. While one create's batch is with D1, the creates that arrive meanwhile
// wait and then go to D1 together, as one batch of chunked rows (createObjects), as etcd's backend commits
// many puts in one transaction. No create waits longer than the batch ahead of it, and under concurrency
// the fixed costs of a D1 call and of its statements are shared by the group.
//
// workerd runs a request's I/O in that request's context and cancels it when the request ends, so a
// group's batch is sent by one of its own creates (the first, its leader), which the others wait for;
// a leader hands the next group to the next leader before it answers. Each create's part runs under its
// request's waitUntil, so that a client that goes away does not take with it a batch others wait for.
import type { SQL } from 'drizzle-orm';
import { type CreateOutcome, type NewWrite, createObject, createObjects } from './create';
import type { Db } from './db';

/** The most creates one group commits; more wait for the next. */
export const MAX_GROUP = 64;
const KEEP_ALIVE_MS = 60_000;

/** What a waiting create is told: its outcome, or that it leads the next group. */
type Turn = { outcome: CreateOutcome } | { error: unknown } | { lead: Waiting[] };

interface Waiting {
  write: NewWrite;
  guards: SQL[];
  tell: (t: Turn) => void;
}

/** One per store handle: the creates waiting for the batch in flight. */
export class CreateGroup {
  private busy = false;
  private readonly queue: Waiting[] = [];
  /** Groups committed as one batch, and the creates in them (for tests and benchmarks). */
  readonly stats = { groups: 0, grouped: 0 };

  constructor(private readonly db: Db) {}

  /**
   * Creates the object as createObject does (no allocations, no quota charges); `guards` are write
   * guards (write-guard.ts): one that fires fails this create with its error, and no other.
   */
  create(write: NewWrite, guards: SQL[], waitUntil: (p: Promise<unknown>) => void): Promise<CreateOutcome> {
    const done = this.run(write, guards);
    waitUntil(done.catch(() => undefined));
    return done;
  }

  private async run(write: NewWrite, guards: SQL[]): Promise<CreateOutcome> {
    let turn: Turn;
    if (this.busy) {
      // workerd cancels a request that waits with nothing of its own pending, as "hung"; a timer is.
      const keepAlive = setTimeout(() => {}, KEEP_ALIVE_MS);
      try {
        turn = await new Promise<Turn>((tell) => this.queue.push({ write, guards, tell }));
      } finally {
        clearTimeout(keepAlive);
      }
    } else {
      this.busy = true;
      turn = { lead: [{ write, guards, tell: () => {} }] };
    }
    if ('lead' in turn) {
      const [me, ...others] = turn.lead;
      let mine: Turn;
      try {
        mine = await this.commit(me, others);
      } finally {
        this.handOver();
      }
      turn = mine;
    }
    if ('error' in turn) throw turn.error;
    if ('outcome' in turn) return turn.outcome;
    throw new Error('create group: a leader was told to lead twice');
  }

  /** Commits the leader's group; tells the others their outcomes and returns the leader's. */
  private async commit(me: Waiting, others: Waiting[]): Promise<Turn> {
    const alone = (w: Waiting) =>
      createObject(this.db, w.write.key, w.write.obj, w.write.cols, [], w.guards).then(
        (outcome): Turn => ({ outcome }),
        (error): Turn => ({ error }),
      );
    if (others.length === 0) return alone(me);
    const group = [me, ...others];
    let outcomes: CreateOutcome[] | undefined;
    try {
      outcomes = await createObjects(this.db, group.map((w) => w.write), [...new Set(group.flatMap((w) => w.guards))]);
    } catch {
      // Something failed the whole batch (a guard fired, ...): each create goes alone, for its own answer.
    }
    if (outcomes) {
      this.stats.groups++;
      this.stats.grouped += group.length;
      others.forEach((w, i) => w.tell({ outcome: outcomes[i + 1] }));
      return { outcome: outcomes[0] };
    }
    const turns = await Promise.all(group.map(alone));
    others.forEach((w, i) => w.tell(turns[i + 1]));
    return turns[0];
  }

  private handOver(): void {
    const next = this.queue.splice(0, MAX_GROUP);
    if (next.length === 0) this.busy = false;
    else next[0].tell({ lead: next });
  }
}

const groups = new WeakMap<Db, CreateGroup>();

/** The store handle's create group. */
export function createGroupOf(db: Db): CreateGroup {
  let g = groups.get(db);
  if (!g) groups.set(db, (g = new CreateGroup(db)));
  return g;
}
