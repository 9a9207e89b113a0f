// Small shared views: errors (the API's message), loading and empty states, links to objects.
import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client';
import { formatRoute } from '../router';

export function ErrorBox({ error }: { error?: ApiError }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {error.code ? <strong>{error.reason ?? `Error ${error.code}`}: </strong> : null}
      {error.message}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

export function ObjLink({ kind, ns, name, children }: { kind?: string; ns?: string; name: string; children?: ComponentChildren }) {
  if (!kind) return <span>{children ?? name}</span>;
  return <a href={formatRoute({ page: 'detail', kind, ns, name })}>{children ?? name}</a>;
}
