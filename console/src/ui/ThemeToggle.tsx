// Light, dark or the system's choice; remembered for this tab (sessionStorage, like the session).
import { useEffect, useState } from 'preact/hooks';

const KEY = 'kubeflare.console.theme';
type Theme = 'system' | 'light' | 'dark';
const NEXT: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => (sessionStorage.getItem(KEY) as Theme | null) ?? 'system');
  useEffect(() => {
    if (theme === 'system') {
      delete document.documentElement.dataset.theme;
      sessionStorage.removeItem(KEY);
    } else {
      document.documentElement.dataset.theme = theme;
      sessionStorage.setItem(KEY, theme);
    }
  }, [theme]);
  return (
    <button type="button" class="theme" onClick={() => setTheme(NEXT[theme])} aria-label={`Colour theme: ${theme}. Switch to ${NEXT[theme]}`} title="Switch colour theme">
      Theme: {theme}
    </button>
  );
}
