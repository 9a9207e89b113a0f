// The pod shell: xterm.js over the exec WebSocket (loaded on demand by the pod page). The token goes in
// the Sec-WebSocket-Protocol list (base64url.bearer.authorization.k8s.io.<token>), never in the URL.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { execProtocols, execUrl, frame, Channel, parseMessage, resizeFrame } from './channel';

export interface ShellOptions {
  token: string;
  namespace: string;
  pod: string;
  container?: string;
  command: string[];
  /** Called once with the exit (code, message) or a connection error. */
  onExit(code: number | undefined, message: string): void;
  onOpen(protocol: string): void;
}

export interface Shell {
  dispose(): void;
  focus(): void;
}

export function openShell(parent: HTMLElement, o: ShellOptions): Shell {
  const css = getComputedStyle(document.documentElement);
  const term = new Terminal({
    cursorBlink: true,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 13,
    screenReaderMode: true,
    theme: { background: css.getPropertyValue('--term-bg').trim() || '#111', foreground: css.getPropertyValue('--term-fg').trim() || '#ddd' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(parent);
  fit.fit();
  const ws = new WebSocket(execUrl(location.origin, o.namespace, o.pod, { container: o.container, command: o.command, tty: true }), execProtocols(o.token));
  ws.binaryType = 'arraybuffer';
  const decoder = new TextDecoder();
  let exited = false;
  const exit = (code: number | undefined, message: string) => {
    if (exited) return;
    exited = true;
    o.onExit(code, message);
  };
  const send = (b: Uint8Array) => ws.readyState === WebSocket.OPEN && ws.send(b);
  ws.onopen = () => {
    o.onOpen(ws.protocol);
    send(resizeFrame(term.cols, term.rows));
    term.focus();
  };
  ws.onmessage = (ev) => {
    if (typeof ev.data === 'string') return;
    const m = parseMessage(new Uint8Array(ev.data as ArrayBuffer));
    if (m.type === 'output') term.write(decoder.decode(m.data, { stream: true }));
    else if (m.type === 'exit') exit(m.code, m.code === 0 ? 'exited' : (m.message ?? `exit code ${m.code}`));
  };
  ws.onerror = () => exit(undefined, 'the connection failed (is the pod running, and may you exec into it?)');
  ws.onclose = (ev) => exit(undefined, ev.reason || `connection closed (${ev.code})`);
  const input = term.onData((d) => send(frame(Channel.Stdin, d)));
  const resized = term.onResize(({ cols, rows }) => send(resizeFrame(cols, rows)));
  const onWindow = () => fit.fit();
  addEventListener('resize', onWindow);
  return {
    focus: () => term.focus(),
    dispose: () => {
      removeEventListener('resize', onWindow);
      input.dispose();
      resized.dispose();
      exited = true;
      ws.close();
      term.dispose();
    },
  };
}
