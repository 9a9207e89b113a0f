// ControllerHost: the Durable Object one controller runs in. Woken by watch-channel pokes and by its
// alarm (requeues, resync, and a poll in case a poke was lost).
import { DurableObject } from 'cloudflare:workers';
import { ApiClient } from '../../kube/client';
import { controllerByName } from './controllers';
import type { ControllersEnv } from './env';
import { ControllerRuntime } from './runtime/runtime';
import { yieldingFetch } from '../../kube/event-loop/yield';

/** A missed poke costs at most this much delay. */
const POLL_MS = 5_000;

export class ControllerHost extends DurableObject<ControllersEnv> {
  private runtime?: ControllerRuntime;
  private lastPoke: { resource: string; revision: number } | null = null;

  /** Starts (or confirms) the controller named `name` in this object: subscribes and runs once. */
  async ensure(name: string): Promise<void> {
    const stored = await this.ctx.storage.get<string>('name');
    if (stored !== name) await this.ctx.storage.put('name', name);
    const rt = await this.rt();
    if (!rt) throw new Error(`unknown controller ${name}`);
    // Subscribed again when the watches' poke intervals change (an upgrade), which updates the channels.
    const subscriptions = rt.spec.watches.filter((w) => w.poke !== false).map((w) => ({ resource: w.resource, binding: 'CONTROLLERS', name, minGapMs: w.pokeIntervalMs ?? 0 }));
    const signature = JSON.stringify(subscriptions);
    if ((await this.ctx.storage.get<string>('subscribed')) !== signature) {
      for (const s of subscriptions) await this.api().create('/apis/kubeflare.dev/v1/subscriptions', s);
      await this.ctx.storage.put('subscribed', signature);
    }
    this.ctx.waitUntil(this.runAndArm());
  }

  async poke(resource: string, revision: number): Promise<void> {
    this.lastPoke = { resource, revision };
    (await this.rt())?.poked(resource, revision);
    this.ctx.waitUntil(this.runAndArm());
  }

  override async alarm(): Promise<void> {
    await this.runAndArm();
  }

  /** Drops this instance (memory lost, as an eviction); the next call starts a fresh one. */
  async restart(): Promise<void> {
    this.ctx.abort('restart requested');
  }

  async state() {
    const rt = await this.rt();
    return { name: rt?.spec.name, lastPoke: this.lastPoke, reconciled: rt?.reconciled ?? 0, errors: rt?.errors ?? 0, queued: rt?.queue.size ?? 0, rounds: rt?.rounds ?? 0, changeReads: rt?.changeReads ?? {} };
  }

  private async runAndArm() {
    const rt = await this.rt();
    if (!rt) return;
    let next = Date.now() + POLL_MS;
    try {
      next = Math.min(next, await rt.run());
    } catch (e) {
      console.error(JSON.stringify({ msg: 'controller run failed', controller: rt.spec.name, err: String((e as Error).message ?? e) }));
    }
    const at = await this.ctx.storage.getAlarm();
    if (at === null || at > next) await this.ctx.storage.setAlarm(next);
  }

  private async rt(): Promise<ControllerRuntime | undefined> {
    if (this.runtime) return this.runtime;
    const name = await this.ctx.storage.get<string>('name');
    const spec = name ? controllerByName.get(name) : undefined;
    if (!spec) return undefined;
    this.runtime = new ControllerRuntime(spec, this.api(), this.env as unknown as Record<string, unknown>);
    return this.runtime;
  }

  private api(): ApiClient {
    // Every call yields to I/O first, so a busy controller never starves the API's external clients.
    const direct = (r: Request) => this.env.API.fetch(r);
    return new ApiClient({ fetch: this.env.CONTROLLERS_YIELD_TO_IO === 'false' ? direct : yieldingFetch(direct), baseUrl: 'https://api.internal', token: this.env.API_TOKEN, userAgent: 'kube-controller-manager/kubeflare' });
  }
}
