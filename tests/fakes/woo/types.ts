/**
 * Full WooCommerce REST v3 shapes, key for key as in the captures in
 * shared/woocommerce/real (WooCommerce 11.0.1). The client parses a subset
 * (proxy/src/woo/schemas.ts); the fake serves all of it so the client meets
 * what a real store sends.
 */

export type Links = Record<string, Array<{ href: string; embeddable?: boolean; targetHints?: { allow: string[] } }>>;

export interface RawTerm {
  id: number;
  name: string;
  slug: string;
}

export interface RawImage {
  id: number;
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
  src: string;
  name: string;
  alt: string;
  srcset: string;
  sizes: string;
  thumbnail: string;
}

export interface RawProductAttribute {
  id: number;
  name: string;
  slug: string;
  position: number;
  visible: boolean;
  variation: boolean;
  options: string[];
}

export interface RawDimensions {
  length: string;
  width: string;
  height: string;
}

export interface RawWooProduct {
  id: number;
  name: string;
  slug: string;
  permalink: string;
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
  type: 'simple' | 'variable' | 'grouped' | 'external';
  status: 'publish' | 'draft' | 'pending' | 'private' | 'future';
  featured: boolean;
  catalog_visibility: 'visible' | 'catalog' | 'search' | 'hidden';
  description: string;
  short_description: string;
  sku: string;
  price: string;
  regular_price: string;
  sale_price: string;
  date_on_sale_from: string | null;
  date_on_sale_from_gmt: string | null;
  date_on_sale_to: string | null;
  date_on_sale_to_gmt: string | null;
  on_sale: boolean;
  purchasable: boolean;
  total_sales: number;
  virtual: boolean;
  downloadable: boolean;
  downloads: unknown[];
  download_limit: number;
  download_expiry: number;
  external_url: string;
  button_text: string;
  tax_status: string;
  tax_class: string;
  manage_stock: boolean;
  stock_quantity: number | null;
  backorders: 'no' | 'notify' | 'yes';
  backorders_allowed: boolean;
  backordered: boolean;
  low_stock_amount: number | null;
  sold_individually: boolean;
  weight: string;
  dimensions: RawDimensions;
  shipping_required: boolean;
  shipping_taxable: boolean;
  shipping_class: string;
  shipping_class_id: number;
  reviews_allowed: boolean;
  average_rating: string;
  rating_count: number;
  upsell_ids: number[];
  cross_sell_ids: number[];
  parent_id: number;
  purchase_note: string;
  categories: RawTerm[];
  brands: RawTerm[];
  tags: RawTerm[];
  images: RawImage[];
  attributes: RawProductAttribute[];
  default_attributes: Array<{ id: number; name: string; option: string }>;
  variations: number[];
  grouped_products: number[];
  menu_order: number;
  price_html: string;
  related_ids: number[];
  meta_data: unknown[];
  stock_status: 'instock' | 'outofstock' | 'onbackorder';
  has_options: boolean;
  post_password: string;
  global_unique_id: string;
  _links: Links;
}

export interface RawVariationImage {
  id: number;
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
  src: string;
  name: string;
  alt: string;
}

export interface RawWooVariation {
  id: number;
  type: 'variation';
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
  description: string;
  permalink: string;
  sku: string;
  global_unique_id: string;
  price: string;
  regular_price: string;
  sale_price: string;
  date_on_sale_from: string | null;
  date_on_sale_from_gmt: string | null;
  date_on_sale_to: string | null;
  date_on_sale_to_gmt: string | null;
  on_sale: boolean;
  status: 'publish' | 'private';
  purchasable: boolean;
  virtual: boolean;
  downloadable: boolean;
  downloads: unknown[];
  download_limit: number;
  download_expiry: number;
  tax_status: string;
  tax_class: string;
  manage_stock: boolean | 'parent';
  stock_quantity: number | null;
  stock_status: 'instock' | 'outofstock' | 'onbackorder';
  backorders: 'no' | 'notify' | 'yes';
  backorders_allowed: boolean;
  backordered: boolean;
  low_stock_amount: number | null;
  weight: string;
  dimensions: RawDimensions;
  shipping_class: string;
  shipping_class_id: number;
  image: RawVariationImage | null;
  gallery_image_ids: number[];
  attributes: Array<{ id: number; name: string; slug: string; option: string }>;
  menu_order: number;
  meta_data: unknown[];
  name: string;
  parent_id: number;
  _links: Links;
}

export interface RawWooCategory {
  id: number;
  name: string;
  slug: string;
  parent: number;
  description: string;
  display: string;
  image: null | { id: number; src: string; name: string; alt: string };
  menu_order: number;
  count: number;
  _links: Links;
}

/** A WordPress REST error body. */
export interface WpError {
  code: string;
  message: string;
  data: { status: number; [key: string]: unknown };
}
