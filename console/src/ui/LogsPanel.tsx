// A pod's logs through pods/log (the endpoint kubectl logs uses): container choice, follow (a streamed
// response, appended as it arrives), previous instance, and download of what is shown.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Api, ApiError } from '../api/client';
import { appendCapped, containerNames, downloadName, logPath } from '../logs/logs';
import { ErrorBox } from './common';

const MAX_LINES = 5000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function LogsPanel({ api, pod }: { api: Api; pod: any }) {
  const names = containerNames(pod);
  const [container, setContainer] = useState(names[0]);
  const [follow, setFollow] = useState(true);
  const [previous, setPrevious] = useState(false);
  const [text, setText] = useState('');
  const [state, setState] = useState<'loading' | 'streaming' | 'ended'>('loading');
  const [error, setError] = useState<ApiError>();
  const pre = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  const ns: string = pod.metadata.namespace;
  const name: string = pod.metadata.name;

  useEffect(() => {
    const abort = new AbortController();
    setText('');
    setError(undefined);
    setState('loading');
    (async () => {
      const res = await api.fetch(logPath(ns, name, { container, follow: follow && !previous, previous, tailLines: MAX_LINES }), { accept: 'text/plain', signal: abort.signal });
      setState('streaming');
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        setText((t) => appendCapped(t, value, MAX_LINES));
      }
      setState('ended');
    })().catch((err) => {
      if (abort.signal.aborted) return;
      setState('ended');
      setError(err instanceof ApiError ? err : new ApiError(0, `log stream interrupted: ${(err as Error).message}`));
    });
    return () => abort.abort();
  }, [api, ns, name, container, follow, previous]);

  // Keep the newest line in view while following, unless the reader scrolled up.
  useEffect(() => {
    const el = pre.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [text]);

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = downloadName(name, container, previous);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div role="tabpanel" aria-label="Logs">
      <div class="toolbar">
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
          <input type="checkbox" checked={follow} disabled={previous} onChange={(e) => setFollow((e.target as HTMLInputElement).checked)} /> Follow
        </label>
        <label>
          <input type="checkbox" checked={previous} onChange={(e) => setPrevious((e.target as HTMLInputElement).checked)} /> Previous instance
        </label>
        <button type="button" onClick={download} disabled={!text}>
          Download
        </button>
        <span class="muted" role="status">
          {state === 'loading' ? 'Connecting…' : state === 'streaming' ? (follow && !previous ? 'Following' : 'Reading') : 'End of log'}
        </span>
      </div>
      <ErrorBox error={error} />
      <pre
        ref={pre}
        class="logs"
        data-testid="logs"
        tabIndex={0}
        aria-label={`Logs of ${container}`}
        aria-live="off"
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {text || (state === 'ended' && !error ? '(no output yet)' : '')}
      </pre>
    </div>
  );
}
