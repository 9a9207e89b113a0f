// The front's worker thread: serves the proxy (proxy.ts) on its own event loop, so TLS and forwarding
// never wait behind the work of the process that started the stack (a benchmark's simulated nodes).
import { parentPort, workerData } from 'node:worker_threads';
import { serveFront, type FrontOptions } from './proxy';

const front = await serveFront(workerData as FrontOptions);
parentPort?.postMessage({ port: front.port });
parentPort?.on('message', async (msg: { close?: boolean }) => {
  if (!msg.close) return;
  await front.close();
  parentPort?.postMessage({ closed: true });
});
