import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { TenantError } from './types';

/**
 * AES-256-GCM for tenant records at rest. The 256-bit key is derived per site with
 * HKDF-SHA256 from the key material (the operator's `AISLE_ENCRYPTION_KEY`, or the
 * store's connection secret when no operator key is set), and the site is bound in
 * as associated data: a record copied under another site's key does not decrypt.
 */

export interface SealedRecord {
  v: 1;
  /** Which key material sealed it, so a wrong-key failure can be explained. */
  key: 'operator' | 'connection-secret';
  iv: string;
  tag: string;
  data: string;
}

const SALT = Buffer.from('aisle-tenant-config', 'utf8');

function deriveKey(material: string, site: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(material, 'utf8'), SALT, Buffer.from(`v1:${site}`, 'utf8'), 32));
}

const aad = (site: string) => Buffer.from(`aisle-tenant:v1:${site}`, 'utf8');

export function sealTenantRecord(plaintext: string, site: string, material: string, key: SealedRecord['key']): SealedRecord {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(material, site), iv);
  cipher.setAAD(aad(site));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { v: 1, key, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function openTenantRecord(record: SealedRecord, site: string, material: string): string {
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(material, site), Buffer.from(record.iv, 'base64'));
    decipher.setAAD(aad(site));
    decipher.setAuthTag(Buffer.from(record.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(record.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new TenantError(
      'undecryptable',
      record.key === 'operator'
        ? 'The stored store settings cannot be decrypted: AISLE_ENCRYPTION_KEY changed. Press Connect in WordPress again.'
        : 'The stored store settings cannot be decrypted: the connection secret changed. Press Connect in WordPress again.',
    );
  }
}
