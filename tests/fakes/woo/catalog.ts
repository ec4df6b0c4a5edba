/**
 * Deterministic WooCommerce catalogs shaped like the real captures: a Hebrew
 * pet shop priced in ILS, simple and variable products, drafts, private and
 * hidden products, sales (some with an end date), out-of-stock items and GTINs.
 * Same seed, same catalog. Builds 100,000 products in about a second: images,
 * dimensions and other sub-objects are shared between products, so callers
 * must treat the result as read-only.
 */
import type {
  RawImage,
  RawProductAttribute,
  RawTerm,
  RawVariationImage,
  RawWooCategory,
  RawWooProduct,
  RawWooVariation,
} from './types';

export interface CatalogOptions {
  /** PRNG seed; default 1. */
  seed?: number;
  /** Storefront URL used in permalinks and image URLs; default https://store.example. */
  baseUrl?: string;
  /** First product id; default 100. Variations take the ids right after their parent. */
  startId?: number;
  /** Share of variable products, 0..1; default 0.2. */
  variableShare?: number;
}

export interface Catalog {
  products: RawWooProduct[];
  /** Variations per parent product id. */
  variations: Record<number, RawWooVariation[]>;
  categories: RawWooCategory[];
}

/** mulberry32: tiny, fast, good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface CategoryDef {
  id: number;
  name: string;
  slug: string;
  parent: number;
}

/** The real store's category tree (categories.body.json). */
const CATEGORY_DEFS: CategoryDef[] = [
  { id: 15, name: 'Uncategorized', slug: 'uncategorized', parent: 0 },
  { id: 22, name: 'חול לחתולים', slug: 'cat-litter', parent: 17 },
  { id: 17, name: 'חתולים', slug: 'cats', parent: 0 },
  { id: 16, name: 'כלבים', slug: 'dogs', parent: 0 },
  { id: 19, name: 'מזון לחתולים', slug: 'cat-food', parent: 17 },
  { id: 18, name: 'מזון לכלבים', slug: 'dog-food', parent: 16 },
  { id: 20, name: 'צעצועים', slug: 'toys', parent: 0 },
  { id: 21, name: 'רצועות וקולרים', slug: 'leashes-collars', parent: 16 },
];

const TAGS = {
  sale: { id: 23, name: 'מבצע', slug: 'sale' },
  new: { id: 24, name: 'חדש', slug: 'new' },
  grainFree: { id: 25, name: 'ללא דגנים', slug: 'grain-free' },
} satisfies Record<string, RawTerm>;

const BRANDS: RawTerm[] = [
  { id: 30, name: 'פטקס', slug: 'petex' },
  { id: 31, name: 'נאצ׳רל פאו', slug: 'natural-paw' },
  { id: 32, name: 'האפי טייל', slug: 'happy-tail' },
];

interface Family {
  category: string;
  extraCategory?: string;
  imagePrefix: string;
  skuPrefix: string;
  slugPrefix: string;
  names: string[];
  qualifiers: string[];
  qualifierSlugs: string[];
  priceRange: [number, number];
  description: string;
  /** Variation axis for variable products of this family. */
  axis: { name: string; slug: string; options: string[]; optionSlugs: string[] };
  weightKg?: string[];
}

const WEIGHT_AXIS = {
  name: 'משקל',
  slug: 'pa_weight',
  options: ['2 ק"ג', '6 ק"ג', '12 ק"ג'],
  optionSlugs: ['2kg', '6kg', '12kg'],
};
const SIZE_AXIS = { name: 'מידה', slug: 'pa_size', options: ['S', 'M', 'L'], optionSlugs: ['s', 'm', 'l'] };
const COLOR_AXIS = { name: 'צבע', slug: 'pa_color', options: ['אדום', 'כחול', 'שחור'], optionSlugs: ['red', 'blue', 'black'] };

const FAMILIES: Family[] = [
  {
    category: 'dog-food',
    imagePrefix: 'dog',
    skuPrefix: 'DOG-FOOD',
    slugPrefix: 'dog-food',
    names: [
      'מזון יבש לכלבים בוגרים',
      'מזון יבש לגורי כלבים',
      'מזון רטוב לכלבים',
      'חטיפי אילוף לכלבים',
      'מזון לכלבים ללא דגנים',
      'מזון לכלבים מבוגרים',
    ],
    qualifiers: ['עוף ואורז', 'כבש', 'סלמון', 'בקר', 'הודו ובטטה'],
    qualifierSlugs: ['chicken-rice', 'lamb', 'salmon', 'beef', 'turkey-sweet-potato'],
    priceRange: [12.9, 389.9],
    description: 'מזון מלא ומאוזן לכלבים, מכיל אומגה 3 ו-6 לפרווה בריאה ומבריקה, ללא צבעי מאכל מלאכותיים.',
    axis: WEIGHT_AXIS,
    weightKg: ['0.4', '3', '12', '2', ''],
  },
  {
    category: 'cat-food',
    imagePrefix: 'cat',
    skuPrefix: 'CAT-FOOD',
    slugPrefix: 'cat-food',
    names: ['מזון יבש לחתולים', 'מזון רטוב לחתולים', 'מזון לחתולים מעוקרים', 'חטיף קרמי לחתולים', 'מזון לגורי חתולים'],
    qualifiers: ['טונה', 'עוף', 'סלמון', 'מארז 12 שקיקים', 'הודו'],
    qualifierSlugs: ['tuna', 'chicken', 'salmon', 'pack-12', 'turkey'],
    priceRange: [9.9, 259.9],
    description: 'מזון איכותי לחתולים עם חלבון גבוה, טאורין לבריאות הלב והעיניים ותמיכה בדרכי השתן.',
    axis: WEIGHT_AXIS,
    weightKg: ['2', '0.085', '', '1.5'],
  },
  {
    category: 'cat-litter',
    imagePrefix: 'litter',
    skuPrefix: 'LITTER',
    slugPrefix: 'cat-litter',
    names: ['חול מתגבש לחתולים', 'חול סיליקה לחתולים', 'חול טבעי מתכלה'],
    qualifiers: ['ללא ריח', 'לבנדר', 'תינוק', 'פחם פעיל'],
    qualifierSlugs: ['unscented', 'lavender', 'baby-powder', 'charcoal'],
    priceRange: [29.9, 119.9],
    description: 'חול איכותי לארגז החול, סופג ריחות ונוח לניקוי יומיומי.',
    axis: WEIGHT_AXIS,
    weightKg: ['5', '10', '3.8'],
  },
  {
    category: 'toys',
    extraCategory: 'dogs',
    imagePrefix: 'toy',
    skuPrefix: 'TOY',
    slugPrefix: 'toy',
    names: ['כדור גומי קופץ לכלבים', 'עכבר צעצוע לחתולים', 'חבל משיכה לכלבים', 'עמוד גירוד לחתולים', 'צעצוע לעיסה עמיד'],
    qualifiers: ['קטן', 'גדול', 'זוהר בחושך', 'עם פעמון'],
    qualifierSlugs: ['small', 'large', 'glow', 'bell'],
    priceRange: [14.9, 249.9],
    description: 'צעצוע עמיד ובטוח לשעות של משחק, מחומרים ללא BPA.',
    axis: COLOR_AXIS,
  },
  {
    category: 'leashes-collars',
    imagePrefix: 'leash',
    skuPrefix: 'LEASH',
    slugPrefix: 'leash',
    names: ['רצועה לכלב', 'קולר ניילון לכלב', 'רתמה מרופדת לכלב', 'רצועה נשלפת'],
    qualifiers: ['אדום', 'כחול', 'שחור', 'מחזיר אור'],
    qualifierSlugs: ['red', 'blue', 'black', 'reflective'],
    priceRange: [24.9, 149.9],
    description: 'אביזר הליכה נוח וחזק עם אבזם מתכת ותפרים כפולים.',
    axis: SIZE_AXIS,
  },
];

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** WordPress's date format in REST answers: no zone, seconds precision. */
function wpDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The store runs on Asia/Jerusalem; in November that is UTC+2. */
const SITE_OFFSET_MS = 2 * 3600_000;
const CAPTURE_TIME_MS = Date.UTC(2026, 10, 25, 20, 2, 22);

function money(value: number): string {
  return value.toFixed(2);
}

function amountHtml(price: string, ariaHidden = false): string {
  const aria = ariaHidden ? ' aria-hidden="true"' : '';
  return `<span class="woocommerce-Price-amount amount"${aria}><bdi>${price}&nbsp;<span class="woocommerce-Price-currencySymbol" translate="no">&#8362;</span></bdi></span>`;
}

export function priceHtml(regular: string, sale: string): string {
  if (!sale) return amountHtml(regular);
  return (
    `<del aria-hidden="true">${amountHtml(regular)}</del> <span class="screen-reader-text">Original price was: ${regular}&nbsp;&#8362;.</span>` +
    `<ins aria-hidden="true">${amountHtml(sale)}</ins><span class="screen-reader-text">Current price is: ${sale}&nbsp;&#8362;.</span>`
  );
}

export function priceRangeHtml(min: string, max: string): string {
  if (min === max) return amountHtml(min);
  return (
    `${amountHtml(min, true)} <span aria-hidden="true">&ndash;</span> ${amountHtml(max, true)}` +
    `<span class="screen-reader-text">Price range: ${min}&nbsp;&#8362; through ${max}&nbsp;&#8362;</span>`
  );
}

function productLinks(baseUrl: string, id: number): RawWooProduct['_links'] {
  return {
    self: [{ href: `${baseUrl}/wp-json/wc/v3/products/${id}`, targetHints: { allow: ITEM_ALLOW } }],
    collection: [{ href: `${baseUrl}/wp-json/wc/v3/products` }],
  };
}

function variationLinks(baseUrl: string, parentId: number, id: number): RawWooVariation['_links'] {
  return {
    self: [{ href: `${baseUrl}/wp-json/wc/v3/products/${parentId}/variations/${id}`, targetHints: { allow: ITEM_ALLOW } }],
    collection: [{ href: `${baseUrl}/wp-json/wc/v3/products/${parentId}/variations` }],
    up: [{ href: `${baseUrl}/wp-json/wc/v3/products/${parentId}` }],
  };
}

/** A valid EAN-13 (the check digit is computed), so GTIN validators accept it. */
function ean13(random: () => number): string {
  let digits = '729';
  while (digits.length < 12) digits += String(Math.floor(random() * 10));
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return digits + String((10 - (sum % 10)) % 10);
}

function buildImagePool(baseUrl: string, prefix: string, firstId: number): RawImage[] {
  const stamp = wpDate(CAPTURE_TIME_MS - 2000);
  const local = wpDate(CAPTURE_TIME_MS - 2000 + SITE_OFFSET_MS * 2);
  return Array.from({ length: 6 }, (_, i) => {
    const name = `${prefix}-${i + 1}`;
    const file = `${baseUrl}/wp-content/uploads/2026/11/realwoo-${name}`;
    return {
      id: firstId + i,
      date_created: local,
      date_created_gmt: stamp,
      date_modified: local,
      date_modified_gmt: stamp,
      src: `${file}.png`,
      name,
      alt: `תמונת מוצר ${name}`,
      srcset: `${file}.png 600w, ${file}-300x300.png 300w, ${file}-150x150.png 150w, ${file}-100x100.png 100w`,
      sizes: '(max-width: 600px) 100vw, 600px',
      thumbnail: `${file}-300x300.png`,
    };
  });
}

function variationImage(image: RawImage): RawVariationImage {
  const { id, date_created, date_created_gmt, date_modified, date_modified_gmt, src, name, alt } = image;
  return { id, date_created, date_created_gmt, date_modified, date_modified_gmt, src, name, alt };
}

const EMPTY_DIMENSIONS = Object.freeze({ length: '', width: '', height: '' });
/** Shared empty arrays: 100,000 products carry about ten each. Read-only by contract. */
const EMPTY = Object.freeze([]) as unknown as never[];
const ITEM_ALLOW = Object.freeze(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) as unknown as string[];

/** Interns values built from a few inputs, so equal strings and arrays are stored once. */
function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function buildCatalog(n: number, options: CatalogOptions = {}): Catalog {
  const random = prng(options.seed ?? 1);
  const baseUrl = (options.baseUrl ?? 'https://store.example').replace(/\/+$/, '');
  const variableShare = options.variableShare ?? 0.2;
  const categoriesBySlug = new Map(CATEGORY_DEFS.map((c) => [c.slug, { id: c.id, name: c.name, slug: c.slug }]));
  const imagePools = new Map(FAMILIES.map((f, i) => [f.imagePrefix, buildImagePool(baseUrl, f.imagePrefix, 11 + i * 6)]));
  const variationImages = new Map([...imagePools].map(([k, pool]) => [k, pool.map(variationImage)]));
  const counts = new Map<number, number>();
  const strings = new Map<string, string>();
  const termLists = new Map<string, RawTerm[]>();
  const imageLists = new Map<string, RawImage[]>();
  const collectionLinks = [{ href: `${baseUrl}/wp-json/wc/v3/products` }];
  const products: RawWooProduct[] = [];
  const variations: Record<number, RawWooVariation[]> = {};
  let nextId = options.startId ?? 100;

  for (let index = 0; index < n; index++) {
    const family = FAMILIES[index % FAMILIES.length] as Family;
    const id = nextId++;
    const nameIndex = Math.floor(random() * family.names.length);
    const qualifierIndex = Math.floor(random() * family.qualifiers.length);
    const isVariable = random() < variableShare;
    const baseName = family.names[nameIndex] as string;
    const name = isVariable
      ? `${baseName} - ${family.qualifiers[qualifierIndex]}`
      : `${baseName} - ${family.qualifiers[qualifierIndex]} #${index + 1}`;
    const slug = `${family.slugPrefix}-${nameIndex + 1}-${family.qualifierSlugs[qualifierIndex]}-${id}`;
    const permalink = `${baseUrl}/product/${slug}/`;
    const roll = random();
    const status: RawWooProduct['status'] = roll < 0.05 ? 'draft' : roll < 0.08 ? 'private' : roll < 0.09 ? 'pending' : 'publish';
    const visRoll = random();
    const catalogVisibility: RawWooProduct['catalog_visibility'] =
      visRoll < 0.03 ? 'hidden' : visRoll < 0.05 ? 'catalog' : visRoll < 0.06 ? 'search' : 'visible';
    const [low, high] = family.priceRange;
    const regularValue = Math.round((low + random() * (high - low)) * 10) / 10 + (random() < 0.8 ? 0 : 0.05);
    const onSale = random() < 0.2;
    const saleEnds = onSale && random() < 0.4;
    const outOfStock = random() < 0.1;
    const manageStock = !isVariable && random() < 0.7;
    const stockQuantity = manageStock ? (outOfStock ? 0 : 1 + Math.floor(random() * 200)) : null;
    const created = CAPTURE_TIME_MS - (n - index) * 1000;
    const modified = created + Math.floor(random() * 90 * 86_400_000 * 0.01) * 100;
    const category = categoriesBySlug.get(family.category) as RawTerm;
    const categories = memo(termLists, `c:${family.category}`, () =>
      family.extraCategory ? [categoriesBySlug.get(family.extraCategory) as RawTerm, category] : [category],
    );
    const tagNew = random() < 0.15;
    const tagGrainFree = family.category === 'dog-food' && random() < 0.3;
    const tags = memo(termLists, `t:${tagNew}${onSale}${tagGrainFree}`, () => [
      ...(tagNew ? [TAGS.new] : []),
      ...(onSale ? [TAGS.sale] : []),
      ...(tagGrainFree ? [TAGS.grainFree] : []),
    ]);
    const brand = random() < 0.3 ? pick(random, BRANDS) : null;
    const brands = brand ? memo(termLists, `b:${brand.id}`, () => [brand]) : EMPTY;
    const pool = imagePools.get(family.imagePrefix) as RawImage[];
    const imageCount = random() < 0.15 ? 3 : random() < 0.05 ? 0 : 1;
    const firstImage = Math.floor(random() * pool.length);
    const images = memo(imageLists, `${family.imagePrefix}:${firstImage}:${imageCount}`, () =>
      Array.from({ length: imageCount }, (_, i) => pool[(firstImage + i) % pool.length] as RawImage),
    );
    const sku = `${family.skuPrefix}-${String(id).padStart(5, '0')}`;
    const gtin = random() < 0.3 ? ean13(random) : '';
    const related = Array.from({ length: 5 }, (_, i) => Math.max(1, id - FAMILIES.length * (i + 1)));
    for (const c of categories) counts.set(c.id, (counts.get(c.id) ?? 0) + 1);

    let price: string;
    let regularPrice: string;
    let salePrice: string;
    let html: string;
    let productOnSale = onSale;
    let stockStatus: RawWooProduct['stock_status'] = outOfStock ? 'outofstock' : 'instock';
    let attributes: RawProductAttribute[] = [];
    let variationIds: number[] = [];

    if (isVariable) {
      const axis = family.axis;
      // WordPress lists taxonomy terms by name, so option order is alphabetical (as in the capture).
      const order = axis.options
        .map((o, i) => ({ o, slug: axis.optionSlugs[i] as string }))
        .sort((a, b) => (a.o < b.o ? -1 : a.o > b.o ? 1 : 0));
      attributes = [
        {
          id: axis === WEIGHT_AXIS ? 1 : axis === SIZE_AXIS ? 2 : 3,
          name: axis.name,
          slug: axis.slug,
          position: 0,
          visible: true,
          variation: true,
          options: order.map((x) => x.o),
        },
      ];
      const list: RawWooVariation[] = [];
      const vImages = variationImages.get(family.imagePrefix) as RawVariationImage[];
      axis.options.forEach((option, i) => {
        const vid = nextId++;
        const vRegular = money(regularValue * (1 + i * 1.1));
        const vOnSale = onSale && i === 0;
        const vSale = vOnSale ? money(Number(vRegular) * 0.85) : '';
        const vOut = i === axis.options.length - 1 && outOfStock;
        const vStock = vOut ? 0 : 5 + Math.floor(random() * 50);
        const vSlug = axis.optionSlugs[i] as string;
        list.push({
          id: vid,
          type: 'variation',
          date_created: wpDate(created + SITE_OFFSET_MS),
          date_created_gmt: wpDate(created),
          date_modified: wpDate(created + SITE_OFFSET_MS),
          date_modified_gmt: wpDate(created),
          description: '',
          permalink: `${permalink}?attribute_${axis.slug}=${vSlug}`,
          sku: `${sku}-${i + 1}`,
          global_unique_id: '',
          price: vSale || vRegular,
          regular_price: vRegular,
          sale_price: vSale,
          date_on_sale_from: null,
          date_on_sale_from_gmt: null,
          date_on_sale_to: null,
          date_on_sale_to_gmt: null,
          on_sale: vOnSale,
          status: 'publish',
          purchasable: true,
          virtual: false,
          downloadable: false,
          downloads: EMPTY,
          download_limit: -1,
          download_expiry: -1,
          tax_status: 'taxable',
          tax_class: '',
          manage_stock: true,
          stock_quantity: vStock,
          stock_status: vOut ? 'outofstock' : 'instock',
          backorders: 'no',
          backorders_allowed: false,
          backordered: false,
          low_stock_amount: null,
          weight: '',
          dimensions: EMPTY_DIMENSIONS,
          shipping_class: '',
          shipping_class_id: 0,
          image: vImages[(firstImage + i) % vImages.length] ?? null,
          gallery_image_ids: EMPTY,
          attributes: [{ id: attributes[0]?.id ?? 0, name: axis.name, slug: axis.slug, option }],
          menu_order: 0,
          meta_data: EMPTY,
          name: option,
          parent_id: id,
          _links: variationLinks(baseUrl, id, vid),
        });
      });
      variations[id] = list;
      variationIds = list.map((v) => v.id).reverse();
      const prices = list.map((v) => Number(v.price));
      price = money(Math.min(...prices));
      regularPrice = '';
      salePrice = '';
      const max = money(Math.max(...prices));
      html = memo(strings, `r:${price}:${max}`, () => priceRangeHtml(price, max));
      productOnSale = list.some((v) => v.on_sale);
      stockStatus = list.some((v) => v.stock_status === 'instock') ? 'instock' : 'outofstock';
    } else {
      regularPrice = money(regularValue);
      salePrice = onSale ? money(regularValue * 0.83) : '';
      price = salePrice || regularPrice;
      html = memo(strings, `p:${regularPrice}:${salePrice}`, () => priceHtml(regularPrice, salePrice));
    }
    const saleFrom = saleEnds ? wpDate(CAPTURE_TIME_MS - 3 * 86_400_000 - 20 * 3600_000) : null;
    const saleTo = saleEnds ? wpDate(CAPTURE_TIME_MS + 29 * 86_400_000 + 4 * 3600_000 - 2 * 60_000 - 22_000) : null;

    products.push({
      id,
      name,
      slug,
      permalink,
      date_created: wpDate(created + SITE_OFFSET_MS),
      date_created_gmt: wpDate(created),
      date_modified: wpDate(modified + SITE_OFFSET_MS),
      date_modified_gmt: wpDate(modified),
      type: isVariable ? 'variable' : 'simple',
      status,
      featured: random() < 0.05,
      catalog_visibility: catalogVisibility,
      description: memo(strings, `d:${family.category}`, () => `<p>${family.description}</p>\n`),
      short_description: memo(
        strings,
        `s:${family.category}:${nameIndex}:${qualifierIndex}`,
        () => `<p>${baseName}, ${family.qualifiers[qualifierIndex]}.</p>\n`,
      ),
      sku,
      price,
      regular_price: regularPrice,
      sale_price: salePrice,
      date_on_sale_from: saleFrom,
      date_on_sale_from_gmt: saleFrom,
      date_on_sale_to: saleTo,
      date_on_sale_to_gmt: saleTo,
      on_sale: productOnSale,
      purchasable: price !== '',
      total_sales: Math.floor(random() * 40),
      virtual: false,
      downloadable: false,
      downloads: EMPTY,
      download_limit: -1,
      download_expiry: -1,
      external_url: '',
      button_text: '',
      tax_status: 'taxable',
      tax_class: '',
      manage_stock: manageStock,
      stock_quantity: stockQuantity,
      backorders: 'no',
      backorders_allowed: false,
      backordered: false,
      low_stock_amount: null,
      sold_individually: false,
      weight: family.weightKg && !isVariable ? pick(random, family.weightKg) : '',
      dimensions: EMPTY_DIMENSIONS,
      shipping_required: true,
      shipping_taxable: true,
      shipping_class: '',
      shipping_class_id: 0,
      reviews_allowed: true,
      average_rating: '0.00',
      rating_count: 0,
      upsell_ids: EMPTY,
      cross_sell_ids: EMPTY,
      parent_id: 0,
      purchase_note: '',
      categories,
      brands,
      tags,
      images,
      attributes,
      default_attributes: EMPTY,
      variations: variationIds,
      grouped_products: EMPTY,
      menu_order: 0,
      price_html: html,
      related_ids: related,
      meta_data: EMPTY,
      stock_status: stockStatus,
      has_options: isVariable,
      post_password: '',
      global_unique_id: gtin,
      _links: { self: productLinks(baseUrl, id).self ?? [], collection: collectionLinks },
    });
  }

  const categories: RawWooCategory[] = CATEGORY_DEFS.map((c) => {
    const children = CATEGORY_DEFS.filter((child) => child.parent === c.id);
    const count = (counts.get(c.id) ?? 0) + children.reduce((sum, child) => sum + (counts.get(child.id) ?? 0), 0);
    return {
      id: c.id,
      name: c.name,
      slug: c.slug,
      parent: c.parent,
      description: '',
      display: 'default',
      image: null,
      menu_order: 0,
      count,
      _links: {
        self: [
          {
            href: `${baseUrl}/wp-json/wc/v3/products/categories/${c.id}`,
            targetHints: { allow: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
          },
        ],
        collection: [{ href: `${baseUrl}/wp-json/wc/v3/products/categories` }],
        ...(c.parent ? { up: [{ href: `${baseUrl}/wp-json/wc/v3/products/categories/${c.parent}` }] } : {}),
      },
    };
  });

  return { products, variations, categories };
}
