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
  /** Variable products: the attributes with `variation: true` are the options a shopper chooses. */
  attributes?: Array<{ name: string; options?: string[]; variation?: boolean; visible?: boolean }>;
  post_password?: string;
  /** WooCommerce's review average, e.g. "4.50" ("0.00" without reviews). */
  average_rating?: string;
  rating_count?: number;
  /** Units sold, WooCommerce's popularity. */
  total_sales?: number;
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

/**
 * Where live product data comes from: the WooCommerce client, or the demo catalog.
 * Cards need one batched product request per call; variations never cost a request
 * while a shopper waits (WooCommerce has no batch endpoint for them): the sync hands
 * them to `ProductService.rememberVariations`, or the source already holds them.
 */
export interface ProductSource {
  getProductsByIds(ids: number[]): Promise<ProductLike[]>;
  /** Variations held in memory (the bundled demo catalog); undefined when the source has none for this product. */
  localVariations?(productId: number): VariationLike[] | undefined;
}
