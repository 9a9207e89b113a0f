// Reads a bootstrap token's Secret straight from the store (no API round trip): one primary-key lookup,
// done only for bearer tokens shaped like `<id>.<secret>`.
import { getObject, type Db } from '../../store';
import { BOOTSTRAP_TOKEN_NAMESPACE, bootstrapSecretName, checkBootstrapToken, type BootstrapDecision, type BootstrapSecret, type ParsedBootstrapToken } from './token';

export async function authenticateBootstrapToken(db: Db, token: ParsedBootstrapToken, now = Date.now()): Promise<BootstrapDecision> {
  const row = await getObject(db, { resource: 'secrets', namespace: BOOTSTRAP_TOKEN_NAMESPACE, name: bootstrapSecretName(token.id) });
  const secret = row ? (JSON.parse(row.json) as BootstrapSecret) : null;
  return checkBootstrapToken(token, secret, now);
}
