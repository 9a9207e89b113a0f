// A self-signed CA and a server certificate for the local https endpoint, made once and reused.
import forge from 'node-forge';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Pki {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

function serial(): string {
  return forge.util.bytesToHex(forge.random.getBytesSync(16)).replace(/^[89a-f]/, '1');
}

export function ensurePki(dir: string, hosts: string[]): Pki {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = { ca: join(dir, 'ca.crt'), caKey: join(dir, 'ca.key'), cert: join(dir, 'server.crt'), key: join(dir, 'server.key'), hosts: join(dir, 'server.hosts') };
  const hostList = [...new Set(hosts)].sort().join(',');
  if (existsSync(files.ca) && existsSync(files.cert) && existsSync(files.key) && existsSync(files.hosts) && readFileSync(files.hosts, 'utf8') === hostList) {
    return { caCert: readFileSync(files.ca, 'utf8'), serverCert: readFileSync(files.cert, 'utf8'), serverKey: readFileSync(files.key, 'utf8') };
  }
  let caCert: forge.pki.Certificate;
  let caKey: forge.pki.rsa.PrivateKey;
  if (existsSync(files.ca) && existsSync(files.caKey)) {
    caCert = forge.pki.certificateFromPem(readFileSync(files.ca, 'utf8'));
    caKey = forge.pki.privateKeyFromPem(readFileSync(files.caKey, 'utf8'));
  } else {
    const keys = forge.pki.rsa.generateKeyPair(2048);
    caKey = keys.privateKey;
    caCert = forge.pki.createCertificate();
    caCert.publicKey = keys.publicKey;
    caCert.serialNumber = serial();
    caCert.validity.notBefore = new Date(Date.now() - 60_000);
    caCert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
    const attrs = [{ name: 'commonName', value: 'kubeflare-local-ca' }];
    caCert.setSubject(attrs);
    caCert.setIssuer(attrs);
    caCert.setExtensions([
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    caCert.sign(caKey, forge.md.sha256.create());
    writeFileSync(files.ca, forge.pki.certificateToPem(caCert));
    writeFileSync(files.caKey, forge.pki.privateKeyToPem(caKey), { mode: 0o600 });
  }
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 2 * 365 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: 'kubeflare-apiserver' }]);
  cert.setIssuer(caCert.subject.attributes);
  const altNames = hosts.map((h) => (/^[\d.]+$/.test(h) || h.includes(':') ? { type: 7, ip: h } : { type: 2, value: h }));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  const pki = { caCert: forge.pki.certificateToPem(caCert), serverCert: forge.pki.certificateToPem(cert), serverKey: forge.pki.privateKeyToPem(keys.privateKey) };
  writeFileSync(files.cert, pki.serverCert);
  writeFileSync(files.key, pki.serverKey, { mode: 0o600 });
  writeFileSync(files.hosts, hostList);
  return pki;
}

/**
 * The ServiceAccount token signing key (a private EC P-256 JWK), made once under the state dir and
 * handed to the api worker as SERVICE_ACCOUNT_SIGNING_KEY (on Cloudflare: a Worker secret).
 */
export function ensureServiceAccountKey(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'sa-signing-key.jwk.json');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = JSON.stringify(privateKey.export({ format: 'jwk' }));
  writeFileSync(file, jwk, { mode: 0o600 });
  return jwk;
}
