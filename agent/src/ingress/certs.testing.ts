// Test certificates: a CA and server certificates it signs (node-forge for the X.509 parts, node:crypto
// for the RSA keys, which is much faster than forge's pure-JS key generation).
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface TestCert {
  cert: string;
  key: string;
}

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return { key, priv: forge.pki.privateKeyFromPem(key), pub: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) };
}

function serial(): string {
  return forge.util.bytesToHex(forge.random.getBytesSync(8)).replace(/^[89a-f]/, '1');
}

export function testCa(name = 'kubeflare ingress test CA'): TestCert & { sign(hosts: string[]): TestCert } {
  const kp = keyPair();
  const c = forge.pki.createCertificate();
  c.publicKey = kp.pub;
  c.serialNumber = serial();
  c.validity.notBefore = new Date(Date.now() - 60_000);
  c.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const subject = [{ name: 'commonName', value: name }];
  c.setSubject(subject);
  c.setIssuer(subject);
  c.setExtensions([{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true }]);
  c.sign(kp.priv, forge.md.sha256.create());
  const sign = (hosts: string[]): TestCert => {
    const leaf = keyPair();
    const l = forge.pki.createCertificate();
    l.publicKey = leaf.pub;
    l.serialNumber = serial();
    l.validity.notBefore = new Date(Date.now() - 60_000);
    l.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
    l.setSubject([{ name: 'commonName', value: hosts[0] }]);
    l.setIssuer(subject);
    l.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: hosts.map((value) => ({ type: 2, value })) },
    ]);
    l.sign(kp.priv, forge.md.sha256.create());
    return { cert: forge.pki.certificateToPem(l), key: leaf.key };
  };
  return { cert: forge.pki.certificateToPem(c), key: kp.key, sign };
}
