// Sign-in with a bearer token: checked with a SelfSubjectReview (kubectl auth whoami) before it is kept.
import { useState } from 'preact/hooks';
import { whoAmI } from '../api/client';
import type { Session } from '../session';

export function SignIn({ notice, onSignedIn }: { notice?: string; onSignedIn(s: Session): void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const t = token.trim();
    if (!t) return setError('Enter a bearer token.');
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn({ token: t, user: await whoAmI(t) });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin">
      <form onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to kubeflare</h1>
        {notice && <p class="notice" role="status">{notice}</p>}
        <label for="token">Bearer token</label>
        <input id="token" name="token" type="password" autocomplete="off" spellcheck={false} value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} autoFocus />
        <p class="hint">
          The token is kept in this tab's session storage only. Locally: <code>cat .local/admin-token</code>.
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
