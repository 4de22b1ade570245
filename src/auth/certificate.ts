import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-file.js';

export const CERT_FILE = 'loopback-cert.pem';
export const KEY_FILE = 'loopback-key.pem';

export interface TlsFiles { cert: string; key: string; certPath: string; keyPath: string; fingerprint: string; created: boolean }

/**
 * The self-signed certificate the https loopback redirect is served with. Made once
 * with selfsigned, kept in the config dir (key 0600), and made again only when it is
 * missing, unreadable or within 30 days of expiry.
 */
export async function ensureLoopbackCertificate(configDir: string, now: number): Promise<TlsFiles> {
  const certPath = join(configDir, CERT_FILE);
  const keyPath = join(configDir, KEY_FILE);
  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const parsed = new X509Certificate(cert);
    if (Date.parse(parsed.validTo) - now > 30 * 86_400_000 && parsed.checkIP('127.0.0.1')) {
      return { cert, key, certPath, keyPath, fingerprint: parsed.fingerprint256, created: false };
    }
  } catch {
    // missing or unreadable: made anew below
  }
  const { generate } = await import('selfsigned');
  const result = await generate([{ name: 'commonName', value: '127.0.0.1' }, { name: 'organizationName', value: 'himanager-chatwork loopback' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 86_400_000),
    notAfterDate: new Date(now + 825 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  await writeFileAtomic(keyPath, result.private, 0o600);
  await writeFileAtomic(certPath, result.cert, 0o600);
  return { cert: result.cert, key: result.private, certPath, keyPath, fingerprint: new X509Certificate(result.cert).fingerprint256, created: true };
}
