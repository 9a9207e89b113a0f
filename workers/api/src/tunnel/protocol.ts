// What the API asks a node's agent to serve on a tunnel stream (the Open frame's JSON).

export interface LogRequest {
  follow: boolean;
  tailLines?: number;
  /** Unix seconds: only lines at or after this time (from sinceSeconds or sinceTime). */
  sinceUnix?: number;
  timestamps: boolean;
  previous: boolean;
  limitBytes?: number;
}

export interface ExecRequest {
  /** Empty for attach. */
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export interface OpenRequest {
  kind: 'logs' | 'exec' | 'attach' | 'portforward';
  namespace: string;
  pod: string;
  container?: string;
  /** The WebSocket subprotocol agreed with the client (exec, attach, portforward). */
  protocol?: string;
  logs?: LogRequest;
  exec?: ExecRequest;
}

/** Subprotocols served, most preferred first. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
export const PORTFORWARD_PROTOCOLS = ['SPDY/3.1+portforward.k8s.io'];
