/**
 * Shards: products grouped by WooCommerce ID range, each uploaded as one file
 * with its own hash. ID ranges keep a product in the same shard forever, so an
 * edit re-uploads exactly one file, and new products (higher IDs) land in the
 * last shard instead of reshuffling the others.
 */
import { createHash } from 'node:crypto';
import type { CatalogItem } from './document';

/** Bump when the document format changes: every shard hash changes and the next sync re-uploads everything. */
export const DOCUMENT_FORMAT_VERSION = 1;

export const ENTRY_SEPARATOR = '\n\n---\n\n';

export function shardKeyOf(id: number, shardSize: number): string {
  const start = Math.floor(id / shardSize) * shardSize;
  return `${start}-${start + shardSize - 1}`;
}

export function shardRange(key: string): { start: number; end: number } {
  const [start, end] = key.split('-').map(Number);
  return { start: start ?? 0, end: end ?? 0 };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Hash of a shard's entries: sorted by ID, so the order WooCommerce returned them
 * in never matters. The entry text holds only what the assistant reads, so
 * volatile fields (date_modified, total_sales, _links…) never reach the hash.
 */
export function shardHash(items: readonly Pick<CatalogItem, 'id' | 'text'>[], salt: string): string {
  const hash = createHash('sha256').update(`v${DOCUMENT_FORMAT_VERSION}|${salt}\n`);
  for (const item of [...items].sort((a, b) => a.id - b.id)) hash.update(`${item.id}\u0000${item.text}\u0001`);
  return hash.digest('hex');
}

/** The catalog hash combines the shard hashes, so a full and an incremental sync of the same catalog agree. */
export function catalogHash(shards: Readonly<Record<string, { hash: string }>>): string {
  const lines = Object.keys(shards)
    .sort()
    .map((key) => `${key}:${shards[key]?.hash ?? ''}`);
  return sha256(`v${DOCUMENT_FORMAT_VERSION}\n${lines.join('\n')}`);
}

/** The shard file: a title line, then the entries in ID order. */
export function shardDocument(key: string, items: readonly Pick<CatalogItem, 'id' | 'text'>[]): string {
  const sorted = [...items].sort((a, b) => a.id - b.id);
  return `# Catalog (products ${key})${ENTRY_SEPARATOR}${sorted.map((i) => i.text).join(ENTRY_SEPARATOR)}\n`;
}

export function shardFileName(key: string): string {
  return `aisle-catalog-${key}.md`;
}
