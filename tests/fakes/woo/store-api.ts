/**
 * The public Store API the widget uses: products (read-only), the cart with its
 * Nonce and Cart-Token headers, and add-item with WooCommerce's nonce check and
 * CartController's error codes and messages.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { STORE_PRODUCT_LIST_ARGS, parseArgs } from './params';
import type { StoreData } from './state';
import type { RawWooProduct, RawWooVariation } from './types';
import { apiRootLink, json, wpError, type FakeResponse } from './wp-response';

export interface CartLine {
  key: string;
  /** Product or variation id. */
  id: number;
  quantity: number;
  variation: Array<{ attribute: string; value: string }>;
}

export interface StoreApiState {
  /** The nonce `wp_create_nonce('wc_store_api')` would give a guest. */
  nonce: string;
  nonceTimestamp: number;
  carts: Map<string, CartLine[]>;
  tokenSecret: Buffer;
}

export function createStoreApiState(): StoreApiState {
  return {
    nonce: randomBytes(5).toString('hex'),
    nonceTimestamp: Math.floor(Date.now() / 1000),
    carts: new Map(),
    tokenSecret: randomBytes(32),
  };
}

const CURRENCY = {
  currency_code: 'ILS',
  currency_symbol: '₪',
  currency_minor_unit: 2,
  currency_decimal_separator: '.',
  currency_thousand_separator: ',',
  currency_prefix: '',
  currency_suffix: ' ₪',
};

const minor = (price: string): string => String(Math.round(Number(price || 0) * 100));

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** A Cart-Token like WooCommerce's: an HS256 JWT naming a guest session. */
function newCartToken(state: StoreApiState): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({ user_id: `t_${randomBytes(15).toString('hex')}`, exp: now + 172_800, iss: 'store-api', iat: now }),
  );
  const signature = createHmac('sha256', state.tokenSecret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function storeHeaders(
  origin: string,
  state: StoreApiState,
  cartToken: string,
  lines: CartLine[],
  allow: string,
): Record<string, string> {
  return {
    server: 'nginx/1.22.1',
    'content-type': 'application/json; charset=UTF-8',
    'x-robots-tag': 'noindex',
    link: apiRootLink(origin),
    'x-content-type-options': 'nosniff',
    'access-control-expose-headers': 'X-WP-Total, X-WP-TotalPages, Link, Cart-Token',
    'access-control-allow-headers':
      'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type, Cart-Token, Nonce',
    nonce: state.nonce,
    'nonce-timestamp': String(state.nonceTimestamp),
    'user-id': '0',
    'cart-token': cartToken,
    'cart-hash': lines.length ? createHash('md5').update(JSON.stringify(lines)).digest('hex') : '',
    'cache-control': 'no-store',
    allow,
    'access-control-allow-methods': 'OPTIONS, GET, POST, PUT, PATCH, DELETE',
    'access-control-allow-credentials': 'true',
    vary: 'Origin',
  };
}

interface Purchasable {
  /** The product that carries name, images and categories (the parent for a variation). */
  product: RawWooProduct;
  variation: RawWooVariation | null;
}

function resolve(data: StoreData, id: number): Purchasable | null {
  const product = data.byId.get(id);
  if (product) return { product, variation: null };
  const variation = data.variationById.get(id);
  const parent = variation ? data.byId.get(variation.parent_id) : undefined;
  return variation && parent ? { product: parent, variation } : null;
}

function itemName(item: Purchasable): string {
  return item.variation
    ? `${item.product.name} - ${item.variation.attributes.map((a) => a.option).join(', ')}`
    : item.product.name;
}

function cartItem(data: StoreData, line: CartLine) {
  const item = resolve(data, line.id) as Purchasable;
  const source = item.variation ?? item.product;
  const price = minor(source.price);
  const regular = minor(source.regular_price || source.price);
  const lineTotal = String(Number(price) * line.quantity);
  return {
    key: line.key,
    id: line.id,
    type: item.variation ? 'variation' : item.product.type,
    quantity: line.quantity,
    quantity_limits: {
      minimum: 1,
      maximum: source.manage_stock === true && source.stock_quantity !== null ? source.stock_quantity : 9999,
      multiple_of: 1,
      editable: true,
    },
    name: item.product.name,
    short_description: item.product.short_description.trim(),
    description: item.product.description.trim(),
    sku: source.sku,
    low_stock_remaining: null,
    backorders_allowed: false,
    show_backorder_badge: false,
    sold_individually: false,
    permalink: item.product.permalink,
    images: item.product.images.map((img) => ({
      id: img.id,
      src: img.src,
      thumbnail: img.thumbnail,
      srcset: img.srcset,
      sizes: img.sizes,
      thumbnail_srcset: img.srcset,
      thumbnail_sizes: '(max-width: 300px) 100vw, 300px',
      name: img.name,
      alt: img.alt,
    })),
    variation: line.variation,
    item_data: [],
    prices: {
      price,
      regular_price: regular,
      sale_price: price,
      price_range: null,
      ...CURRENCY,
      raw_prices: {
        precision: 6,
        price: String(Number(price) * 10_000),
        regular_price: String(Number(regular) * 10_000),
        sale_price: String(Number(price) * 10_000),
      },
    },
    totals: { line_subtotal: lineTotal, line_subtotal_tax: '0', line_total: lineTotal, line_total_tax: '0', ...CURRENCY },
    catalog_visibility: item.product.catalog_visibility,
    extensions: {},
  };
}

const EMPTY_ADDRESS = {
  first_name: '',
  last_name: '',
  company: '',
  address_1: '',
  address_2: '',
  city: '',
  state: '',
  postcode: '',
  country: 'IL',
  phone: '',
};

function cartBody(data: StoreData, lines: CartLine[]) {
  const items = lines.map((line) => cartItem(data, line));
  const total = String(items.reduce((sum, item) => sum + Number(item.totals.line_total), 0));
  // The store keeps weights in lbs; the Store API reports grams (12 lbs → 5443.104 in the capture).
  const weight = lines.reduce((sum, line) => {
    const item = resolve(data, line.id) as Purchasable;
    return sum + Number((item.variation ?? item.product).weight || 0) * line.quantity * 453.592;
  }, 0);
  return {
    items,
    coupons: [],
    fees: [],
    totals: {
      total_items: total,
      total_items_tax: '0',
      total_fees: '0',
      total_fees_tax: '0',
      total_discount: '0',
      total_discount_tax: '0',
      total_shipping: null,
      total_shipping_tax: null,
      total_price: total,
      total_tax: '0',
      tax_lines: [],
      ...CURRENCY,
    },
    shipping_address: EMPTY_ADDRESS,
    billing_address: { ...EMPTY_ADDRESS, email: '' },
    needs_payment: items.length > 0,
    needs_shipping: false,
    payment_requirements: ['products'],
    has_calculated_shipping: false,
    shipping_rates: [],
    items_count: lines.reduce((sum, line) => sum + line.quantity, 0),
    items_weight: Math.round(weight * 1000) / 1000,
    cross_sells: [],
    errors: [],
    payment_methods: [],
    extensions: {},
  };
}

class RouteError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** CartController::parse_variation_data + validate_add_to_cart for our data (taxonomy attributes only). */
function validateAddItem(data: StoreData, lines: CartLine[], body: Record<string, unknown>): CartLine {
  const id = Number(body.id);
  const quantity = body.quantity === undefined ? 1 : Number(body.quantity);
  const posted = Array.isArray(body.variation) ? (body.variation as Array<{ attribute?: unknown; value?: unknown }>) : [];
  let item = resolve(data, id);
  if (!item)
    throw new RouteError(
      'woocommerce_rest_cart_invalid_product',
      `Product with ID "${String(body.id)}" was not found and cannot be added to the cart.`,
    );
  let variationData: CartLine['variation'] = [];

  if (item.product.type === 'variable') {
    const attributes = item.product.attributes.filter((a) => a.variation);
    const chosen = new Map<string, string>();
    for (const attribute of attributes) {
      const given = posted.find((p) => {
        const name = String(p.attribute ?? '');
        return (
          name === attribute.slug || name === `attribute_${attribute.slug}` || name.toLowerCase() === attribute.name.toLowerCase()
        );
      });
      if (given) chosen.set(attribute.slug, String(given.value ?? ''));
    }
    const candidates = data.variations[item.product.id] ?? [];
    const optionSlug = (v: RawWooVariation, slug: string) => new URL(v.permalink).searchParams.get(`attribute_${slug}`);
    if (!item.variation) {
      const match = candidates.find((v) => attributes.every((a) => chosen.get(a.slug) === optionSlug(v, a.slug)));
      if (!match) throw new RouteError('woocommerce_rest_variation_id_from_variation_data', 'No matching variation found.');
      item = { product: item.product, variation: match };
    }
    const variation = item.variation as RawWooVariation;
    for (const attribute of attributes) {
      const expected = optionSlug(variation, attribute.slug);
      const given = chosen.get(attribute.slug);
      if (given !== undefined && given !== expected) {
        const allowed = candidates.map((v) => optionSlug(v, attribute.slug)).join(', ');
        throw new RouteError(
          'woocommerce_rest_invalid_variation_data',
          `Invalid value posted for ${attribute.name}. Allowed values: ${allowed}`,
        );
      }
    }
    variationData = variation.attributes.map((a) => ({ attribute: a.name, value: a.option }));
  }

  const source = item.variation ?? item.product;
  const name = itemName(item);
  const purchasable = item.product.status === 'publish' && source.purchasable && source.price !== '';
  if (!purchasable)
    throw new RouteError('woocommerce_rest_product_not_purchasable', `&quot;${name}&quot; is not available for purchase.`);
  if (!(quantity > 0))
    throw new RouteError(
      'woocommerce_rest_product_invalid_quantity',
      `You cannot add &quot;${name}&quot; with a quantity less than or equal to 0 to the cart.`,
    );
  if (source.stock_status === 'outofstock')
    throw new RouteError(
      'woocommerce_rest_product_out_of_stock',
      `You cannot add &quot;${name}&quot; to the cart because the product is out of stock.`,
    );
  const inCart = lines.filter((l) => l.id === source.id).reduce((sum, l) => sum + l.quantity, 0);
  if (source.manage_stock === true && source.stock_quantity !== null && source.stock_quantity < inCart + quantity) {
    throw new RouteError(
      'woocommerce_rest_product_partially_out_of_stock',
      `You cannot add that amount of &quot;${name}&quot; to the cart because there is not enough stock (${source.stock_quantity} remaining).`,
    );
  }
  const key = createHash('md5')
    .update(`${source.id}|${JSON.stringify(variationData)}`)
    .digest('hex');
  return { key, id: source.id, quantity, variation: variationData };
}

function storeProduct(origin: string, p: RawWooProduct, data: StoreData) {
  const variations = data.variations[p.id] ?? [];
  const prices = variations.map((v) => Number(minor(v.price)));
  const inStock = p.stock_status !== 'outofstock';
  return {
    id: p.id,
    name: p.name,
    slug: p.slug,
    parent: 0,
    type: p.type,
    variation: '',
    permalink: p.permalink,
    sku: p.sku,
    short_description: p.short_description.trim(),
    description: p.description.trim(),
    on_sale: p.on_sale,
    prices: {
      price: minor(p.price),
      regular_price: minor(p.regular_price || p.price),
      sale_price: minor(p.sale_price || p.price),
      price_range: prices.length ? { min_amount: String(Math.min(...prices)), max_amount: String(Math.max(...prices)) } : null,
      ...CURRENCY,
    },
    price_html: p.price_html,
    average_rating: p.average_rating === '0.00' ? '0' : p.average_rating,
    review_count: p.rating_count,
    images: p.images.map((img) => ({
      id: img.id,
      src: img.src,
      thumbnail: img.thumbnail,
      srcset: img.srcset,
      sizes: img.sizes,
      name: img.name,
      alt: img.alt,
    })),
    categories: p.categories.map((c) => ({ ...c, link: `${origin}/product-category/${c.slug}/` })),
    tags: p.tags.map((t) => ({ ...t, link: `${origin}/product-tag/${t.slug}/` })),
    brands: p.brands.map((b) => ({ ...b, link: `${origin}/brand/${b.slug}/` })),
    attributes: p.attributes.map((a) => ({
      id: a.id,
      name: a.name,
      taxonomy: a.slug,
      has_variations: a.variation,
      terms: a.options.map((option, i) => ({ id: 100 + i, name: option, slug: option, default: false })),
    })),
    variations: variations.map((v) => ({ id: v.id, attributes: v.attributes.map((a) => ({ name: a.name, value: a.option })) })),
    grouped_products: p.grouped_products,
    has_options: p.has_options,
    is_purchasable: p.purchasable,
    is_in_stock: inStock,
    is_on_backorder: p.stock_status === 'onbackorder',
    low_stock_remaining: null,
    stock_availability: {
      text: p.manage_stock && p.stock_quantity !== null ? `${p.stock_quantity} במלאי` : inStock ? '' : 'אזל מהמלאי',
      class: inStock ? 'in-stock' : 'out-of-stock',
    },
    sold_individually: p.sold_individually,
    weight: p.weight,
    dimensions: p.dimensions,
    formatted_weight: p.weight ? `${p.weight} kg` : 'N/A',
    formatted_dimensions: 'N/A',
    add_to_cart: {
      text: p.type === 'variable' ? 'Select options' : 'Add to cart',
      description: `${p.type === 'variable' ? 'Select options for' : 'Add to cart:'} &ldquo;${p.name}&rdquo;`,
      url: p.type === 'variable' ? p.permalink : `?add-to-cart=${p.id}`,
      single_text: 'Add to cart',
      minimum: 1,
      maximum: p.manage_stock && p.stock_quantity !== null ? p.stock_quantity : 9999,
      multiple_of: 1,
    },
    is_password_protected: false,
    extensions: {},
    _links: {
      self: [{ href: `${origin}/wp-json/wc/store/v1/products/${p.id}`, targetHints: { allow: ['GET'] } }],
      collection: [{ href: `${origin}/wp-json/wc/store/v1/products` }],
      related: [{ embeddable: true, href: `${origin}/wp-json/wc/store/v1/products?related=${p.id}&per_page=10` }],
    },
  };
}

export interface StoreApiRequest {
  method: string;
  origin: string;
  /** Path below the home URL, e.g. /wp-json/wc/store/v1/cart. */
  path: string;
  query: Map<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

function header(req: StoreApiRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function handleStoreApi(req: StoreApiRequest, data: StoreData, state: StoreApiState): FakeResponse | null {
  const route = req.path.slice('/wp-json/wc/store/v1'.length);
  const givenToken = header(req, 'cart-token');
  const token = givenToken && state.carts.has(givenToken) ? givenToken : newCartToken(state);
  const lines = state.carts.get(token) ?? [];
  state.carts.set(token, lines);

  if (route === '/products' && req.method === 'GET') {
    // Product reads do not touch the session: no Nonce/Cart-Token headers, but Last-Modified (see the capture).
    const {
      nonce: _n,
      'nonce-timestamp': _t,
      'user-id': _u,
      'cart-token': _c,
      'cart-hash': _h,
      'cache-control': _cc,
      ...headers
    } = storeHeaders(req.origin, state, token, lines, 'GET');
    const parsed = parseArgs(req.query, STORE_PRODUCT_LIST_ARGS);
    if ('error' in parsed) return json(400, headers, parsed.error);
    const visible = data.products
      .filter((p) => p.status === 'publish' && p.catalog_visibility !== 'hidden' && p.catalog_visibility !== 'search')
      .sort((a, b) => (a.date_created_gmt < b.date_created_gmt ? 1 : a.date_created_gmt > b.date_created_gmt ? -1 : b.id - a.id));
    const page = parsed.args.page as number;
    const perPage = parsed.args.per_page as number;
    const totalPages = perPage ? Math.ceil(visible.length / perPage) : 1;
    const items = visible.slice((page - 1) * perPage, page * perPage).map((p) => storeProduct(req.origin, p, data));
    const lastModified = visible.reduce(
      (max, p) => (p.date_modified_gmt > max ? p.date_modified_gmt : max),
      '1970-01-01T00:00:00',
    );
    const extra: Record<string, string> = {
      'x-wp-total': String(visible.length),
      'x-wp-totalpages': String(totalPages),
      'last-modified': new Date(`${lastModified}Z`).toUTCString(),
    };
    if (page < totalPages)
      extra.link = `<${req.origin}/wp-json/wc/store/v1/products?per_page=${perPage}&page=${page + 1}>; rel="next"`;
    return json(200, { ...headers, ...extra }, items);
  }

  if (route === '/cart' && req.method === 'GET') {
    return json(200, storeHeaders(req.origin, state, token, lines, 'GET'), cartBody(data, lines));
  }

  if (route === '/cart/add-item' && req.method === 'POST') {
    const headers = storeHeaders(req.origin, state, token, lines, 'POST');
    const nonce = header(req, 'nonce') ?? header(req, 'x-wc-store-api-nonce');
    if (nonce === undefined) {
      return json(
        401,
        headers,
        wpError('woocommerce_rest_missing_nonce', 'Missing the Nonce header. This endpoint requires a valid nonce.', 401),
      );
    }
    if (nonce !== state.nonce) return json(403, headers, wpError('woocommerce_rest_invalid_nonce', 'Nonce is invalid.', 403));
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    for (const [k, v] of req.query) if (!(k in body)) body[k] = v;
    if (body.id === undefined) {
      return json(400, headers, wpError('rest_missing_callback_param', 'Missing parameter(s): id', 400, { params: ['id'] }));
    }
    try {
      const line = validateAddItem(data, lines, body);
      const existing = lines.find((l) => l.key === line.key);
      if (existing) existing.quantity += line.quantity;
      else lines.push(line);
    } catch (error) {
      if (error instanceof RouteError) return json(error.status, headers, wpError(error.code, error.message, error.status));
      throw error;
    }
    const cartHeaders = storeHeaders(req.origin, state, token, lines, 'POST');
    const count = lines.reduce((sum, l) => sum + l.quantity, 0);
    return {
      ...json(201, { ...cartHeaders, 'access-control-allow-origin': '' }, cartBody(data, lines)),
      setCookies: [
        `woocommerce_items_in_cart=${count ? 1 : 0}; path=/`,
        `woocommerce_cart_hash=${cartHeaders['cart-hash']}; path=/`,
      ],
    };
  }

  return null;
}
