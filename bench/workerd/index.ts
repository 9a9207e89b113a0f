// `npm run bench:workerd`: what the local stack's building blocks cost in workerd on this machine, as
// workerd CPU per call, measured from /proc. These are the floors under bench:api and bench:scheduler:
// a pod create is one inbound request plus one D1 batch plus a watch poke; a bound pod in the scheduler
// adds a binding batch, change-feed reads and events. Beside D1, the same statements on a Durable
// Object's own SQLite by RPC price a lighter local store. The second part runs a second workerd (as an API
// replica would) and reaches the first through Miniflare's dev registry, to price splitting the API over
// processes: cross-process Durable Object RPC, service RPC and D1 through a gateway entrypoint.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { workerdCpu } from '../support/proc';

if (process.argv.includes('--help')) {
  console.log('Usage: npm run bench:workerd\nPrints workerd CPU per call of D1 reads and writes, the same on a SQLite Durable Object by RPC, Durable Object RPC and fetch, and the same across two workerd processes. BENCH_CALLS sets the calls per measurement (default 2000).');
  process.exit(0);
}
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const shm = mkdtempSync(join('/dev/shm', 'kubeflare-bench-workerd-'));
const registry = mkdtempSync(join(tmpdir(), 'kubeflare-bench-registry-'));

const mainScript = `
import { DurableObject, WorkerEntrypoint } from 'cloudflare:workers';
export class Channel extends DurableObject { async poke(rev) { this.last = rev; return rev; } async fetch() { return new Response('ok'); } }
// What a D1 stand-in on a Durable Object's own SQLite would cost: statements sent by RPC, run in one
// synchronous transaction, rows returned as values (no HTTP, no JSON, no tracing spans).
export class SqlStore extends DurableObject {
  constructor(ctx, env) { super(ctx, env); ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)'); ctx.storage.sql.exec("INSERT OR IGNORE INTO t (id, v) VALUES (1, 'hello')"); }
  run(statements) {
    return this.ctx.storage.transactionSync(() => statements.map(([sql, params]) => this.ctx.storage.sql.exec(sql, ...params).toArray()));
  }
}
export class Gateway extends WorkerEntrypoint {
  async ping(x) { return x; }
  async query(sql, params) { return (await this.env.DB.prepare(sql).bind(...params).all()).results; }
}
const body = 'x'.repeat(2000);
export default { async fetch(req, env) {
  const u = new URL(req.url); const n = Number(u.searchParams.get('n')); const op = u.searchParams.get('op');
  const stub = env.CH.get(env.CH.idFromName('pods'));
  const sql = env.SQL.get(env.SQL.idFromName('db'));
  for (let i = 0; i < n; i++) {
    if (op === 'do-rpc') await stub.poke(i);
    else if (op === 'sql-read') await sql.run([['SELECT v FROM t WHERE id = ?', [1]]]);
    else if (op === 'sql-write') await sql.run([['INSERT INTO t (v) VALUES (?)', [body]]]);
    else if (op === 'sql-batch-2') await sql.run([['INSERT INTO t (v) VALUES (?)', [body]], ['INSERT INTO t (v) VALUES (?)', [body]]]);
    else if (op === 'do-fetch') await (await stub.fetch('http://x/')).text();
    else if (op === 'd1-read') await env.DB.prepare('SELECT v FROM t WHERE id = ?').bind(1).all();
    else if (op === 'd1-write') await env.DB.prepare('INSERT INTO t (v) VALUES (?)').bind(body).run();
    else if (op === 'd1-batch-2') await env.DB.batch([env.DB.prepare('INSERT INTO t (v) VALUES (?)').bind(body), env.DB.prepare('INSERT INTO t (v) VALUES (?)').bind(body)]);
  }
  return new Response('done');
} };`;
const replicaScript = `
export default { async fetch(req, env) {
  const u = new URL(req.url); const n = Number(u.searchParams.get('n')); const op = u.searchParams.get('op');
  const stub = env.CH.get(env.CH.idFromName('pods'));
  for (let i = 0; i < n; i++) {
    if (op === 'x-do-rpc') await stub.poke(i);
    else if (op === 'x-service-rpc') await env.GW.ping(i);
    else if (op === 'x-d1-read') await env.GW.query('SELECT v FROM t WHERE id = ?', [1]);
  }
  return new Response('done');
} };`;

const main = new Miniflare({
  name: 'main',
  modules: true,
  script: mainScript,
  compatibilityDate: '2026-04-20',
  unsafeDevRegistryPath: registry,
  durableObjects: { CH: { className: 'Channel', useSQLite: true }, SQL: { className: 'SqlStore', useSQLite: true } },
  d1Databases: ['DB'],
  d1Persist: join(shm, 'd1'),
  durableObjectsPersist: join(shm, 'do'),
});
const replica = new Miniflare({
  name: 'replica',
  modules: true,
  script: replicaScript,
  compatibilityDate: '2026-04-20',
  unsafeDevRegistryPath: registry,
  durableObjects: { CH: { className: 'Channel', scriptName: 'main', useSQLite: true } },
  serviceBindings: { GW: { name: 'main', entrypoint: 'Gateway' } },
});
try {
  await main.ready;
  await replica.ready;
  const db = await main.getD1Database('DB');
  await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  await db.prepare('INSERT INTO t (v) VALUES (?)').bind('hello').run();
  const rows: string[] = [];
  const measure = async (mf: Miniflare, op: string, what: string) => {
    await (await mf.dispatchFetch(`http://x/?op=${op}&n=100`)).text();
    const cpu = workerdCpu();
    const t = performance.now();
    await (await mf.dispatchFetch(`http://x/?op=${op}&n=${CALLS}`)).text();
    const wall = performance.now() - t;
    const used = workerdCpu() - cpu;
    rows.push(`| ${what} | ${((used * 1e6) / CALLS).toFixed(0)} | ${((wall * 1000) / CALLS).toFixed(0)} |`);
  };
  // One inbound request from Node, for scale (it includes this process's side of the loopback).
  const cpu = workerdCpu();
  const t = performance.now();
  for (let i = 0; i < CALLS; i++) await (await main.dispatchFetch('http://x/?op=none&n=0')).text();
  rows.push(`| an inbound request through Miniflare's dispatchFetch (empty handler) | ${(((workerdCpu() - cpu) * 1e6) / CALLS).toFixed(0)} | ${(((performance.now() - t) * 1000) / CALLS).toFixed(0)} |`);
  await measure(main, 'do-rpc', 'Durable Object RPC (same process)');
  await measure(main, 'do-fetch', 'Durable Object fetch (same process)');
  await measure(main, 'd1-read', 'D1 read of one row');
  await measure(main, 'd1-write', 'D1 insert of a 2 KB row');
  await measure(main, 'd1-batch-2', 'D1 batch of two 2 KB inserts');
  await measure(main, 'sql-read', 'SQLite Durable Object by RPC: read of one row');
  await measure(main, 'sql-write', 'SQLite Durable Object by RPC: insert of a 2 KB row');
  await measure(main, 'sql-batch-2', 'SQLite Durable Object by RPC: two 2 KB inserts in one transaction');
  await measure(replica, 'x-do-rpc', 'Durable Object RPC from a second workerd (dev registry)');
  await measure(replica, 'x-service-rpc', 'service RPC from a second workerd (dev registry)');
  await measure(replica, 'x-d1-read', 'D1 read through a gateway entrypoint, from a second workerd');
  console.log(`## workerd building blocks (${CALLS} sequential calls each; D1 and Durable Objects on tmpfs)\n`);
  console.log('| call | workerd CPU µs per call (both processes) | wall µs per call |');
  console.log('|:--|--:|--:|');
  for (const r of rows) console.log(r);
} finally {
  await replica.dispose();
  await main.dispose();
  rmSync(shm, { recursive: true, force: true });
  rmSync(registry, { recursive: true, force: true });
}
