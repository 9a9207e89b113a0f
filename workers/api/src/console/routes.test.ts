import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { acceptsHtml, consoleRoutes, etagMatches, type ConsoleAsset } from './routes';

const ASSETS: ConsoleAsset[] = [
  { path: '/', type: 'text/html; charset=utf-8', etag: '"i1"', body: '<!doctype html><title>x</title>' },
  { path: '/ui/app-abc.js', type: 'text/javascript; charset=utf-8', etag: '"j1"', body: 'console.log(1)' },
];

function app() {
  const a = new Hono();
  a.route('/', consoleRoutes(ASSETS));
  a.get('/', (c) => c.json({ paths: ['/api'] }));
  a.onError((err) => new Response(String((err as { code?: number }).code ?? 500), { status: (err as { code?: number }).code ?? 500 }));
  return a;
}

describe('console asset routes', () => {
  it('serves index.html at / to browsers, uncached but revalidatable, with a CSP', async () => {
    const r = await app().request('/', { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(r.headers.get('etag')).toBe('"i1"');
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await r.text()).toContain('<title>x</title>');
  });

  it('leaves / to the API for clients that do not ask for HTML', async () => {
    const r = await app().request('/', { headers: { Accept: 'application/json' } });
    expect(await r.json()).toEqual({ paths: ['/api'] });
  });

  it('serves hashed assets as immutable and answers a matching If-None-Match with 304', async () => {
    const r = await app().request('/ui/app-abc.js');
    expect(r.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await r.text()).toBe('console.log(1)');
    const again = await app().request('/ui/app-abc.js', { headers: { 'If-None-Match': 'W/"j1"' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers an unknown asset name with 404', async () => {
    expect((await app().request('/ui/app-old.js')).status).toBe(404);
  });

  it.each([
    ['text/html', true],
    ['application/json, text/html;q=0.9', true],
    ['application/json', false],
    ['*/*', false],
    [undefined, false],
  ])('acceptsHtml(%j) is %j', (accept, want) => {
    expect(acceptsHtml(accept)).toBe(want);
  });

  it('matches strong, weak and wildcard entity tags', () => {
    expect(etagMatches('"a", "b"', '"b"')).toBe(true);
    expect(etagMatches('*', '"b"')).toBe(true);
    expect(etagMatches('"a"', '"b"')).toBe(false);
    expect(etagMatches(null, '"b"')).toBe(false);
  });
});
