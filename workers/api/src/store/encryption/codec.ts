// Which objects are encrypted and with what: core/v1 Secrets only, with the key list of
// SECRET_ENCRYPTION_KEYS. Other kinds pass through untouched (no await on their hot paths).
import { internalError } from '../../../../kube/status';
import { importKey, keyNameOf, open, PREFIX, seal, TransformError, type NamedKey } from './envelope';
import { KeyConfigError, parseKeyList } from './keys';

/** The storage resource of core/v1 Secrets (see storageResource). */
export const ENCRYPTED_RESOURCE = 'secrets';

interface Keyring {
  /** The writer: a key, or null for identity (plain JSON). */
  primary: NamedKey | null;
  byName: Map<string, NamedKey>;
}

/** A value as read: the plaintext, and whether it was not written by the current primary provider. */
export interface Opened {
  json: string;
  stale: boolean;
}

export class SecretCodec {
  private ring?: Promise<Keyring>;

  constructor(readonly config: string | undefined) {}

  applies(resource: string): boolean {
    return resource === ENCRYPTED_RESOURCE;
  }

  /** The stored form of an object's body. */
  async seal(resource: string, namespace: string, name: string, body: string): Promise<string> {
    if (!this.applies(resource)) return body;
    const ring = await this.keyring();
    if (!ring.primary) return body;
    return seal(ring.primary, body, contextOf(resource, namespace, name));
  }

  /** The plaintext of a stored body; a value this key list cannot read is an InternalError Status. */
  async open(resource: string, namespace: string, name: string, stored: string): Promise<Opened> {
    if (!this.applies(resource)) return { json: stored, stale: false };
    const ring = await this.keyring();
    const context = contextOf(resource, namespace, name);
    try {
      const keyName = keyNameOf(stored);
      // Plain JSON: written before encryption was enabled (identity, always readable).
      if (keyName === null) return { json: stored, stale: ring.primary !== null };
      const k = ring.byName.get(keyName);
      if (!k) throw new TransformError(`no key named ${keyName} is configured (SECRET_ENCRYPTION_KEYS)`);
      return { json: await open(k, stored, context), stale: ring.primary?.name !== keyName };
    } catch (err) {
      if (err instanceof TransformError) throw internalError(`unable to transform key "${context}": ${err.message}`);
      throw err;
    }
  }

  /** What a value written now starts with: the primary key's prefix, or null when the writer is identity. */
  async writerPrefix(): Promise<string | null> {
    const ring = await this.keyring();
    return ring.primary ? `${PREFIX}${ring.primary.name}:` : null;
  }

  private keyring(): Promise<Keyring> {
    this.ring ??= buildKeyring(this.config);
    return this.ring;
  }
}

/** Upstream's etcd key for the object, used as authenticated data. */
export function contextOf(resource: string, namespace: string, name: string): string {
  return `/registry/${resource}/${namespace ? `${namespace}/` : ''}${name}`;
}

async function buildKeyring(config: string | undefined): Promise<Keyring> {
  let specs;
  try {
    specs = parseKeyList(config);
  } catch (err) {
    if (err instanceof KeyConfigError) throw internalError(`SECRET_ENCRYPTION_KEYS is not valid: ${err.message}`);
    throw err;
  }
  const byName = new Map<string, NamedKey>();
  let primary: NamedKey | null | undefined;
  for (const s of specs) {
    if (s.kind === 'identity') {
      if (primary === undefined) primary = null;
      continue;
    }
    const k = await importKey(s.name, s.secret);
    byName.set(s.name, k);
    if (primary === undefined) primary = k;
  }
  return { primary: primary ?? null, byName };
}
