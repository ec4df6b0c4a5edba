/**
 * The parts of a WooCommerce REST v3 product and variation that cards and the
 * catalog need. The WooCommerce client's parsed types satisfy these, and so
 * does the bundled demo catalog.
 */
export interface ProductLike {
  id: number;
  name: string;
  slug?: string;
  permalink: string;
  type: string;
  status: string;
  catalog_visibility: string;
  sku?: string;
  price: string;
  regular_price: string;
  sale_price: string;
  on_sale: boolean;
  price_html?: string;
  stock_status: string;
  stock_quantity?: number | null;
  purchasable?: boolean;
  images?: Array<{ src: string; alt?: string; name?: string }>;
  variations?: number[];
  post_password?: string;
}

export interface VariationLike {
  id: number;
  status?: string;
  price: string;
  regular_price: string;
  sale_price: string;
  on_sale: boolean;
  stock_status: string;
  purchasable?: boolean;
  attributes: Array<{ name: string; option: string }>;
}

/** Where product data comes from: the WooCommerce client, or the demo catalog. */
export interface ProductSource {
  getProductsByIds(ids: number[]): Promise<ProductLike[]>;
  listVariations(productId: number): Promise<VariationLike[]>;
}
