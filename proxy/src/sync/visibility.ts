import type { WooProduct } from '../woo/schemas';

/**
 * Products the assistant may find: published, with a catalog visibility that
 * allows search (`visible` or `search`; `catalog` means shop pages only and
 * `hidden` means nowhere), and not password-protected. Drafts, pending,
 * private and trashed products are left out.
 */
export function isSearchable(product: Pick<WooProduct, 'status' | 'catalog_visibility'> & { post_password?: string }): boolean {
  return (
    product.status === 'publish' &&
    (product.catalog_visibility === 'visible' || product.catalog_visibility === 'search') &&
    !product.post_password
  );
}
