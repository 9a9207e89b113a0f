// What every stream server gets: the request, its stream, and the node's runtime and locator.
import type { OpenRequest } from '../../../workers/api/src/tunnel/protocol';
import type { ContainerRuntime } from '../runtime/types';
import type { TunnelStream } from './stream';
import type { PodLocator } from './types';

export type Log = (msg: string, fields?: Record<string, unknown>) => void;

export interface ServeContext {
  /** `probe`: validate and accept, start nothing (the API answers a non-WebSocket client itself). */
  open: OpenRequest & { probe?: boolean };
  stream: TunnelStream;
  runtime: ContainerRuntime;
  locator: PodLocator;
  log: Log;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
