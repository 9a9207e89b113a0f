// The signed-in token lives in sessionStorage only: gone when the tab closes, never in a URL.
const KEY = 'kubeflare.console.token';
const USER = 'kubeflare.console.user';

export interface Session {
  token: string;
  user: string;
}

export function loadSession(): Session | undefined {
  const token = sessionStorage.getItem(KEY);
  return token ? { token, user: sessionStorage.getItem(USER) ?? '' } : undefined;
}

export function saveSession(s: Session): void {
  sessionStorage.setItem(KEY, s.token);
  sessionStorage.setItem(USER, s.user);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(USER);
}
