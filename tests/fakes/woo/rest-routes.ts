/** The wc/v3 routes the proxy reads: products (list, include=, single), variations and categories. */
import type { AuthOutcome } from './auth';
import {
  ALL_VARIATIONS_ARGS,
  CATEGORY_LIST_ARGS,
  PRODUCT_LIST_ARGS,
  VARIATION_LIST_ARGS,
  parseArgs,
  type ParsedArgs,
} from './params';
import type { StoreData } from './state';
import type { Links, RawWooProduct, RawWooVariation } from './types';
import { ALLOW_COLLECTION, ALLOW_ITEM, authErrorHeaders, json, restHeaders, wpError, type FakeResponse } from './wp-response';
import { phpRawUrlEncode } from './auth';

export interface RouteContext {
  /** scheme://host[/subdir], the WordPress home URL. */
  origin: string;
  /** Path below the home URL, e.g. /wp-json/wc/v3/products. */
  path: string;
  query: Map<string, string>;
  /** Query parameters in the order sent, for pagination links. */
  queryPairs: Array<[string, string]>;
  auth: AuthOutcome;
}

export function noRoute(origin: string): FakeResponse {
  return json(
    404,
    restHeaders(origin, 'GET'),
    wpError('rest_no_route', 'No route was found matching the URL and request method.', 404),
  );
}

function cannotView(ctx: RouteContext, single: boolean): FakeResponse {
  const message = single ? 'Sorry, you cannot view this resource.' : 'Sorry, you cannot list resources.';
  return json(401, authErrorHeaders(ctx.origin), wpError('woocommerce_rest_cannot_view', message, 401));
}

function withLinks<T extends { _links: Links }>(item: T, links: Links): T {
  return { ...item, _links: links };
}

function productLinks(origin: string, id: number): Links {
  return {
    self: [{ href: `${origin}/wp-json/wc/v3/products/${id}`, targetHints: { allow: ALLOW_ITEM.split(', ') } }],
    collection: [{ href: `${origin}/wp-json/wc/v3/products` }],
  };
}

/** The Link header WooCommerce builds: the request's own query with `page` replaced, prev before next. */
function paginationLink(ctx: RouteContext, route: string, page: number, totalPages: number): string | null {
  const url = (target: number): string => {
    const pairs = ctx.queryPairs.some(([k]) => k === 'page')
      ? ctx.queryPairs.map(([k, v]): [string, string] => (k === 'page' ? [k, String(target)] : [k, v]))
      : [...ctx.queryPairs, ['page', String(target)] as [string, string]];
    return `${ctx.origin}/wp-json/wc/v3${route}?${pairs.map(([k, v]) => `${phpRawUrlEncode(k)}=${phpRawUrlEncode(v)}`).join('&')}`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${url(Math.min(page - 1, Math.max(totalPages, 1)))}>; rel="prev"`);
  if (page < totalPages) links.push(`<${url(page + 1)}>; rel="next"`);
  return links.length ? links.join(', ') : null;
}

function collectionResponse<T>(
  ctx: RouteContext,
  route: string,
  all: T[],
  args: ParsedArgs,
  serialize: (item: T) => unknown,
): FakeResponse {
  const page = args.page as number;
  const perPage = args.per_page as number;
  const total = all.length;
  const totalPages = Math.ceil(total / perPage);
  const items = all.slice((page - 1) * perPage, page * perPage).map(serialize);
  const link = paginationLink(ctx, route, page, totalPages);
  const headers = restHeaders(ctx.origin, ALLOW_COLLECTION, {
    'x-wp-total': String(total),
    'x-wp-totalpages': String(totalPages),
  });
  if (link) headers.link = link;
  return json(200, headers, items);
}

/** WordPress compares modified_after with post_modified(_gmt) as 'Y-m-d H:i:s' strings; strictly after. */
function modifiedAfterCutoff(value: string, gmt: boolean): string {
  const hasZone = /(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$/.test(value);
  if (!hasZone) return value.replace(' ', 'T').slice(0, 19);
  const ms = Date.parse(value) + (gmt ? 0 : 2 * 3600_000);
  return new Date(ms).toISOString().slice(0, 19);
}

function compareBy(orderby: string): (a: RawWooProduct, b: RawWooProduct) => number {
  const byString = (key: (p: RawWooProduct) => string) => (a: RawWooProduct, b: RawWooProduct) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  switch (orderby) {
    case 'id':
      return () => 0;
    case 'modified':
      return byString((p) => p.date_modified_gmt);
    case 'title':
      return byString((p) => p.name);
    case 'slug':
      return byString((p) => p.slug);
    case 'price':
      return (a, b) => Number(a.price || 0) - Number(b.price || 0);
    case 'popularity':
      return (a, b) => a.total_sales - b.total_sales;
    case 'rating':
      return (a, b) => Number(a.average_rating) - Number(b.average_rating);
    case 'menu_order':
      return (a, b) => a.menu_order - b.menu_order;
    default:
      return byString((p) => p.date_created_gmt);
  }
}

function listProducts(ctx: RouteContext, data: StoreData, args: ParsedArgs): RawWooProduct[] {
  const include = args.include as number[] | undefined;
  const orderby = args.orderby as string;
  const direction = args.order === 'asc' ? 1 : -1;
  const status = args.status as string;
  const modifiedAfter = args.modified_after as string | undefined;
  const gmt = args.dates_are_gmt === true;
  const sku = args.sku as string | undefined;
  const key = `${status}|${orderby}|${direction}|${modifiedAfter ?? ''}|${gmt}|${sku ?? ''}`;
  const filter = (p: RawWooProduct): boolean => {
    if (status !== 'any' && p.status !== status) return false;
    if (sku !== undefined && !sku.split(',').includes(p.sku)) return false;
    if (modifiedAfter !== undefined) {
      const cutoff = modifiedAfterCutoff(modifiedAfter, gmt);
      if (!((gmt ? p.date_modified_gmt : p.date_modified) > cutoff)) return false;
    }
    return true;
  };
  const compare = compareBy(orderby);
  // Ties (and orderby=id) fall back to the id in the same direction, like MySQL on this data.
  const sort = (list: RawWooProduct[]) => list.sort((a, b) => direction * (compare(a, b) || a.id - b.id));

  if (include) {
    const products = [...new Set(include)]
      .map((id) => data.byId.get(id))
      .filter((p): p is RawWooProduct => p !== undefined && filter(p));
    if (orderby === 'include') {
      // WP_Query's post__in ordering ignores `order`.
      const position = new Map(include.map((id, i) => [id, i]));
      return products.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
    }
    return sort(products);
  }
  let cached = data.listCache.get(key);
  if (!cached) {
    cached = sort(data.products.filter(filter));
    data.listCache.set(key, cached);
  }
  return cached;
}

function variationLinks(origin: string, v: RawWooVariation): Links {
  return {
    self: [
      {
        href: `${origin}/wp-json/wc/v3/products/${v.parent_id}/variations/${v.id}`,
        targetHints: { allow: ALLOW_ITEM.split(', ') },
      },
    ],
    collection: [{ href: `${origin}/wp-json/wc/v3/products/${v.parent_id}/variations` }],
    up: [{ href: `${origin}/wp-json/wc/v3/products/${v.parent_id}` }],
  };
}

/**
 * GET /variations: every variation, whatever its parent's status or visibility (the route filters
 * only by its own arguments); `parent=` limits it to those products. Sorted like WP_Query: the
 * orderby column, then the id in the same direction.
 */
function listAllVariations(data: StoreData, args: ParsedArgs): RawWooVariation[] {
  const parents = args.parent as number[] | undefined;
  const include = args.include as number[] | undefined;
  const status = args.status as string;
  const direction = args.order === 'asc' ? 1 : -1;
  const lists = parents ? [...new Set(parents)].map((id) => data.variations[id] ?? []) : Object.values(data.variations);
  const key = (v: RawWooVariation) =>
    args.orderby === 'id' ? '' : args.orderby === 'modified' ? v.date_modified_gmt : v.date_created_gmt;
  return lists
    .flat()
    .filter((v) => (status === 'any' ? true : v.status === status) && (!include || include.includes(v.id)))
    .sort((a, b) => direction * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id));
}

export function handleRest(ctx: RouteContext, data: StoreData): FakeResponse {
  const route = ctx.path.slice('/wp-json/wc/v3'.length);

  if (route === '/variations') {
    const parsed = parseArgs(ctx.query, ALL_VARIATIONS_ARGS);
    if ('error' in parsed) return json(400, restHeaders(ctx.origin, ALLOW_COLLECTION), parsed.error);
    if (!ctx.auth.authenticated) return cannotView(ctx, false);
    const list = listAllVariations(data, parsed.args);
    return collectionResponse(ctx, route, list, parsed.args, (v) => ({ ...v, _links: variationLinks(ctx.origin, v) }));
  }

  if (route === '/products') {
    const parsed = parseArgs(ctx.query, PRODUCT_LIST_ARGS);
    if ('error' in parsed) return json(400, restHeaders(ctx.origin, ALLOW_COLLECTION), parsed.error);
    if (!ctx.auth.authenticated) return cannotView(ctx, false);
    const products = listProducts(ctx, data, parsed.args);
    return collectionResponse(ctx, route, products, parsed.args, (p) => withLinks(p, productLinks(ctx.origin, p.id)));
  }

  if (route === '/products/categories') {
    const parsed = parseArgs(ctx.query, CATEGORY_LIST_ARGS);
    if ('error' in parsed) return json(400, restHeaders(ctx.origin, ALLOW_COLLECTION), parsed.error);
    if (!ctx.auth.authenticated) return cannotView(ctx, false);
    const direction = parsed.args.order === 'desc' ? -1 : 1;
    const categories = data.categories
      .filter((c) => !parsed.args.hide_empty || c.count > 0)
      .sort((a, b) => direction * (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return collectionResponse(ctx, route, categories, parsed.args, (c) => ({
      ...c,
      _links: {
        self: [
          { href: `${ctx.origin}/wp-json/wc/v3/products/categories/${c.id}`, targetHints: { allow: ALLOW_ITEM.split(', ') } },
        ],
        collection: [{ href: `${ctx.origin}/wp-json/wc/v3/products/categories` }],
        ...(c.parent ? { up: [{ href: `${ctx.origin}/wp-json/wc/v3/products/categories/${c.parent}` }] } : {}),
      },
    }));
  }

  const variationsMatch = /^\/products\/(\d+)\/variations$/.exec(route);
  if (variationsMatch) {
    const parentId = Number(variationsMatch[1]);
    const parsed = parseArgs(ctx.query, VARIATION_LIST_ARGS);
    if ('error' in parsed) return json(400, restHeaders(ctx.origin, ALLOW_COLLECTION), parsed.error);
    if (!ctx.auth.authenticated) return cannotView(ctx, false);
    const direction = parsed.args.order === 'asc' ? 1 : -1;
    // Assumption: an unknown or simple parent lists no variations (200, empty), as a post_parent query would.
    const list = [...(data.variations[parentId] ?? [])].sort((a, b) => direction * (a.id - b.id));
    return collectionResponse(ctx, route, list, parsed.args, (v) => ({
      ...v,
      _links: {
        self: [
          {
            href: `${ctx.origin}/wp-json/wc/v3/products/${parentId}/variations/${v.id}`,
            targetHints: { allow: ALLOW_ITEM.split(', ') },
          },
        ],
        collection: [{ href: `${ctx.origin}/wp-json/wc/v3/products/${parentId}/variations` }],
        up: [{ href: `${ctx.origin}/wp-json/wc/v3/products/${parentId}` }],
      },
    }));
  }

  const itemMatch = /^\/products\/(\d+)$/.exec(route);
  if (itemMatch) {
    const product = data.byId.get(Number(itemMatch[1]));
    // WooCommerce checks read permission only on an existing object, so an unknown id is 404 even unauthenticated.
    if (!product)
      return json(404, restHeaders(ctx.origin, ALLOW_ITEM), wpError('woocommerce_rest_product_invalid_id', 'Invalid ID.', 404));
    if (!ctx.auth.authenticated) return cannotView(ctx, true);
    return json(200, restHeaders(ctx.origin, ALLOW_ITEM), withLinks(product, productLinks(ctx.origin, product.id)));
  }

  return noRoute(ctx.origin);
}
