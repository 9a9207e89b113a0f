// A shell in a container: a terminal (xterm.js, loaded on demand) over the exec WebSocket kubectl exec
// uses. Connecting is an explicit step, so opening the tab runs nothing.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Shell } from '../exec/terminal';
import { containerNames } from '../logs/logs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function ShellPanel({ token, pod }: { token: string; pod: any }) {
  const names = containerNames(pod).filter((n) => (pod.spec?.containers ?? []).some((c: { name: string }) => c.name === n));
  const [container, setContainer] = useState(names[0]);
  const [command, setCommand] = useState('sh');
  const [status, setStatus] = useState<string>();
  const [session, setSession] = useState(0);
  const host = useRef<HTMLDivElement>(null);
  const shell = useRef<Shell | undefined>(undefined);

  useEffect(() => {
    if (!session || !host.current) return;
    let live = true;
    setStatus('Connecting…');
    host.current.replaceChildren();
    import('../exec/terminal').then(
      ({ openShell }) => {
        if (!live || !host.current) return;
        shell.current = openShell(host.current, {
          token,
          namespace: pod.metadata.namespace,
          pod: pod.metadata.name,
          container,
          command: command.trim().split(/\s+/),
          onOpen: (p) => live && setStatus(`Connected (${p})`),
          onExit: (code, message) => live && setStatus(code === undefined ? `Disconnected: ${message}` : `Exited with code ${code}${code ? `: ${message}` : ''}`),
        });
      },
      (err) => live && setStatus(`Could not load the terminal: ${err}`),
    );
    return () => {
      live = false;
      shell.current?.dispose();
      shell.current = undefined;
    };
  }, [session]);

  return (
    <div role="tabpanel" aria-label="Shell">
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setSession((s) => s + 1);
        }}
      >
        {names.length > 1 && (
          <label>
            Container
            <select value={container} onChange={(e) => setContainer((e.target as HTMLSelectElement).value)} aria-label="Container">
              {names.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Command
          <input value={command} onInput={(e) => setCommand((e.target as HTMLInputElement).value)} aria-label="Command" />
        </label>
        <button type="submit">{session ? 'Reconnect' : 'Connect'}</button>
        <span class="muted" role="status" data-testid="shell-status">
          {status}
        </span>
      </form>
      <div ref={host} class="terminal" data-testid="terminal" />
    </div>
  );
}
