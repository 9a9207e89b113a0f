// Serves the web console's built assets: index.html at `/` (for browsers: requests that accept HTML)
// and content-hashed JS/CSS under /ui/. Mounted before authentication: the assets are public, the
// console itself signs in to the API with a bearer token.
import { Hono } from 'hono';
import { pathNotFound } from '../../../kube/status';

export interface ConsoleAsset {
  /** `/` for index.html, else /ui/<name>-<hash>.<ext>. */
  path: string;
  type: string;
  etag: string;
  body: string;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};
// Inline styles are allowed (scripts are not): the pod shell's terminal (xterm.js) writes its theme and
// row styles into <style> elements it creates at run time.
const INDEX_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function consoleRoutes(assets: readonly ConsoleAsset[]): Hono {
  const byPath = new Map(assets.map((a) => [a.path, a]));
  const routes = new Hono();

  const serve = (a: ConsoleAsset, req: Request): Response => {
    const immutable = a.path !== '/';
    const headers: Record<string, string> = {
      'Content-Type': a.type,
      ETag: a.etag,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    };
    if (!immutable) headers['Content-Security-Policy'] = INDEX_CSP;
    if (etagMatches(req.headers.get('if-none-match'), a.etag)) return new Response(null, { status: 304, headers });
    return new Response(req.method === 'HEAD' ? null : a.body, { headers });
  };

  // `/` is the API's root too: clients that do not ask for HTML fall through to it.
  routes.on(['GET', 'HEAD'], '/', (c, next) => {
    const index = byPath.get('/');
    if (!index || !acceptsHtml(c.req.header('accept'))) return next();
    return serve(index, c.req.raw);
  });
  // An old hashed name (after a redeploy) is a plain 404, not an authentication error.
  routes.on(['GET', 'HEAD'], '/ui/*', (c) => {
    const a = byPath.get(new URL(c.req.url).pathname);
    if (!a) throw pathNotFound();
    return serve(a, c.req.raw);
  });
  return routes;
}

export function acceptsHtml(accept: string | undefined | null): boolean {
  return !!accept && accept.split(',').some((p) => p.split(';')[0].trim().toLowerCase() === 'text/html');
}

export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}
