// Service account issuer discovery (upstream's ServiceAccountIssuerDiscovery): the OpenID Provider
// configuration and the JSON Web Key Set with the public keys tokens are verified with. Readers are
// authorized by RBAC (`system:service-account-issuer-discovery` is bound to all service accounts).
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env';
import { requireAllowed } from '../authorizer';
import { rbacAuthorizer } from '../rbac';
import { keySetOf, tokenConfig } from './config';

export const OPENID_CONFIGURATION_PATH = '/.well-known/openid-configuration';
export const JWKS_PATH = '/openid/v1/jwks';

export const issuerDiscoveryRoutes = new Hono<AppEnv>();

async function notServed(): Promise<Response> {
  return new Response(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 }), {
    status: 404,
    headers: { 'Content-Type': 'application/json' },
  });
}

issuerDiscoveryRoutes.get(OPENID_CONFIGURATION_PATH, async (c) => {
  await requireAllowed(rbacAuthorizer(c.var.db), { user: c.var.user, verb: 'get', path: OPENID_CONFIGURATION_PATH });
  const keys = keySetOf(c.env);
  if (!keys) return notServed();
  const cfg = tokenConfig(c.env);
  const alg = (await keys).signing.alg;
  const doc = {
    issuer: cfg.issuer,
    jwks_uri: cfg.jwksUri ?? `https://${new URL(c.req.url).host}${JWKS_PATH}`,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [alg],
  };
  return new Response(JSON.stringify(doc), { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=3600' } });
});

issuerDiscoveryRoutes.get(JWKS_PATH, async (c) => {
  await requireAllowed(rbacAuthorizer(c.var.db), { user: c.var.user, verb: 'get', path: JWKS_PATH });
  const keys = keySetOf(c.env);
  if (!keys) return notServed();
  const set = await keys;
  const jwks = { keys: [set.signing.publicJwk, ...(await Promise.all(set.verify.slice(1).map(async (k) => ({ ...(await crypto.subtle.exportKey('jwk', k.publicKey)), kid: k.kid, alg: k.alg, use: 'sig' }))))] };
  for (const k of jwks.keys) {
    delete (k as JsonWebKey).key_ops;
    delete (k as JsonWebKey).ext;
  }
  return new Response(JSON.stringify(jwks), { headers: { 'Content-Type': 'application/jwk-set+json', 'Cache-Control': 'public, max-age=3600' } });
});
