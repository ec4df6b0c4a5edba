import { compile } from 'html-to-text';
import { isShopperVisible } from '../catalog/cards';
import { demoMeta, type DemoCatalog, type DemoProduct, type DemoVariation } from './catalog';
import { escapeHtml, jsonForScript, safeUrl } from './html';
import { PAGE_TEXT, type DemoLang } from './page-text';
import { DEMO_PAGE_STYLE } from './page-style';

export interface DemoPageOptions {
  lang: DemoLang;
  /** The proxy's origin for the widget; '' means the page's own origin. */
  proxyUrl?: string;
  /** Where the standalone widget bundle is served. */
  widgetSrc?: string;
  /** Gives the page variations (sizes) and related products; optional. */
  catalog?: DemoCatalog;
}

/**
 * The widget's configuration for the demo. Shape proposed to the widget
 * engineer; the page passes it both as JSON (`#aisle-config`) and as data-*
 * attributes on the script tag.
 */
export interface DemoWidgetConfig {
  proxyUrl: string;
  locale: string;
  direction: 'rtl' | 'ltr';
  productId: number;
  greeting: string;
  quickPrompts: string[];
  streaming: boolean;
}

export function demoWidgetConfig(product: DemoProduct, lang: DemoLang, proxyUrl = ''): DemoWidgetConfig {
  const text = PAGE_TEXT[lang];
  return {
    proxyUrl,
    locale: text.locale,
    direction: text.dir,
    productId: product.id,
    greeting: text.greeting,
    quickPrompts: [...text.prompts],
    streaming: true,
  };
}

const toText = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
  ],
});

/** Product HTML as plain paragraphs: the page never re-emits catalog HTML, only escaped text. */
function paragraphs(html: string): string[] {
  return toText(html)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

const plain = (html: string): string => paragraphs(html).join(' ');

function withLang(url: string, lang: DemoLang): string {
  const safe = safeUrl(url);
  if (lang === 'he' || safe === '#') return safe;
  return `${safe}${safe.includes('?') ? '&' : '?'}lang=en`;
}

const shekel = (amount: string): string => `${escapeHtml(amount)}&nbsp;₪`;

function productName(product: DemoProduct, lang: DemoLang): string {
  return lang === 'en' ? demoMeta(product, 'name_en') || plain(product.name) : plain(product.name);
}

function categoryLabel(category: { name: string; slug: string }, lang: DemoLang): string {
  if (lang === 'he') return plain(category.name);
  const words = category.slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function priceBlock(product: DemoProduct, variations: DemoVariation[]): string {
  if (product.type === 'variable' && variations.length > 0) {
    const prices = variations.map((v) => Number(v.price)).filter((n) => Number.isFinite(n));
    const low = Math.min(...prices).toFixed(2);
    const high = Math.max(...prices).toFixed(2);
    return low === high
      ? `<span class="price">${shekel(low)}</span>`
      : `<span class="price">${shekel(low)} – ${shekel(high)}</span>`;
  }
  if (product.on_sale && product.sale_price) {
    return `<span class="price"><del>${shekel(product.regular_price)}</del> <ins>${shekel(product.sale_price)}</ins></span>`;
  }
  return `<span class="price">${shekel(product.price)}</span>`;
}

function variationPicker(product: DemoProduct, variations: DemoVariation[], lang: DemoLang): string {
  const attribute = product.attributes.find((a) => a.variation);
  if (!attribute || variations.length === 0) return '';
  const text = PAGE_TEXT[lang];
  const label = lang === 'en' ? attribute.slug.replace(/^pa_/, '') : attribute.name;
  const options = variations
    .map((v) => {
      const option =
        lang === 'en'
          ? (v.meta_data.find((m) => m.key === 'option_en')?.value ?? v.attributes[0]?.option)
          : v.attributes[0]?.option;
      const stock = v.stock_status === 'outofstock' ? ` (${text.outOfStock})` : '';
      return `<option value="${escapeHtml(v.id)}"${v.stock_status === 'outofstock' ? ' disabled' : ''}>${escapeHtml(option ?? '')} – ${shekel(v.price)}${escapeHtml(stock)}</option>`;
    })
    .join('');
  return `<label class="variation">${escapeHtml(text.choose)} ${escapeHtml(label)}: <select name="variation_id">${options}</select></label>`;
}

function gallery(product: DemoProduct, lang: DemoLang): string {
  const [main, ...rest] = product.images;
  if (!main) return '';
  const alt = productName(product, lang);
  const thumbs = rest
    .map(
      (img) =>
        `<img class="thumb" src="${escapeHtml(safeUrl(img.src))}" alt="${escapeHtml(alt)}" width="96" height="96" loading="lazy">`,
    )
    .join('');
  return `<section class="gallery" aria-label="${escapeHtml(PAGE_TEXT[lang].gallery)}"><img class="main-image" src="${escapeHtml(safeUrl(main.src))}" alt="${escapeHtml(alt)}" width="420" height="420">${thumbs ? `<div class="thumbs">${thumbs}</div>` : ''}</section>`;
}

function relatedProducts(product: DemoProduct, catalog: DemoCatalog | undefined, lang: DemoLang): string {
  if (!catalog) return '';
  const categoryIds = new Set(product.categories.map((c) => c.id));
  const related = catalog.products
    .filter((p) => p.id !== product.id && isShopperVisible(p) && p.categories.some((c) => categoryIds.has(c.id)))
    .slice(0, 4);
  if (related.length === 0) return '';
  const cards = related
    .map((p) => {
      const image = p.images[0];
      const img = image ? `<img src="${escapeHtml(safeUrl(image.src))}" alt="" width="160" height="160" loading="lazy">` : '';
      return `<li><a href="${escapeHtml(withLang(p.permalink, lang))}">${img}<span>${escapeHtml(productName(p, lang))}</span></a> ${priceBlock(p, catalog.variations.get(p.id) ?? [])}</li>`;
    })
    .join('');
  return `<section class="related"><h2>${escapeHtml(PAGE_TEXT[lang].related)}</h2><ul>${cards}</ul></section>`;
}

/**
 * A plausible product page of the demo pet shop, with the standalone widget on
 * it. Hebrew right-to-left by default; `lang: 'en'` renders the English page
 * (the toggle is a plain link, so it works under a strict CSP with no inline
 * script). Every piece of product text is escaped.
 */
export function renderDemoPage(product: DemoProduct, options: DemoPageOptions): string {
  const { lang, catalog } = options;
  const text = PAGE_TEXT[lang];
  const variations = catalog?.variations.get(product.id) ?? [];
  const name = productName(product, lang);
  const shortDescription = lang === 'en' ? plain(demoMeta(product, 'short_description_en')) : plain(product.short_description);
  const description = paragraphs(lang === 'en' ? demoMeta(product, 'description_en') : product.description);
  const inStock = product.stock_status !== 'outofstock';
  const otherLang: DemoLang = lang === 'he' ? 'en' : 'he';
  const toggleHref = otherLang === 'en' ? '?lang=en' : '?lang=he';
  const config = demoWidgetConfig(product, lang, options.proxyUrl ?? '');
  const categories = product.categories.map((c) => escapeHtml(categoryLabel(c, lang))).join(', ');
  const firstCategory = product.categories[0];

  return `<!doctype html>
<html lang="${lang}" dir="${text.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(name)} – ${escapeHtml(text.storeName)}</title>
<style>${DEMO_PAGE_STYLE}</style>
</head>
<body>
<header class="site-header">
  <a class="brand" href="${escapeHtml(withLang('/', lang))}">${escapeHtml(text.storeName)}</a>
  <span class="tagline">${escapeHtml(text.tagline)}</span>
  <nav><ul>${text.nav.map((item) => `<li><a href="#">${escapeHtml(item)}</a></li>`).join('')}</ul></nav>
  <a class="lang-toggle" href="${toggleHref}" lang="${otherLang}" hreflang="${otherLang}">${escapeHtml(text.switchLanguage)}</a>
</header>
<p class="demo-notice" role="note">${escapeHtml(text.demoNotice)}</p>
<nav class="breadcrumbs" aria-label="breadcrumbs"><a href="${escapeHtml(withLang('/', lang))}">${escapeHtml(text.home)}</a> / ${firstCategory ? `${escapeHtml(categoryLabel(firstCategory, lang))} / ` : ''}<span>${escapeHtml(name)}</span></nav>
<main class="product" data-product-id="${escapeHtml(product.id)}">
  ${gallery(product, lang)}
  <section class="summary">
    ${product.on_sale ? `<span class="badge">${escapeHtml(text.sale)}</span>` : ''}
    <h1>${escapeHtml(name)}</h1>
    <p class="price-line">${priceBlock(product, variations)}</p>
    <p class="short-description">${escapeHtml(shortDescription)}</p>
    <p class="stock ${inStock ? 'in' : 'out'}">${escapeHtml(inStock ? text.inStock : text.outOfStock)}</p>
    <form class="cart" action="#">
      ${variationPicker(product, variations, lang)}
      <button type="button" disabled>${escapeHtml(text.addToCart)}</button>
    </form>
    <p class="meta">${escapeHtml(text.sku)}: <span class="sku">${escapeHtml(product.sku)}</span> · ${escapeHtml(text.categories)}: ${categories}</p>
    <p class="ask">${escapeHtml(text.askAssistant)}</p>
  </section>
  <section class="description">
    <h2>${escapeHtml(text.description)}</h2>
    ${description.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n    ')}
  </section>
</main>
${relatedProducts(product, catalog, lang)}
<footer class="site-footer">© ${escapeHtml(text.storeName)} · Aisle demo</footer>
<script id="aisle-config" type="application/json">${jsonForScript(config)}</script>
<script src="${escapeHtml(safeUrl(options.widgetSrc ?? '/widget.js'))}" defer data-aisle-config="aisle-config" data-proxy-url="${escapeHtml(config.proxyUrl)}" data-product-id="${escapeHtml(config.productId)}" data-locale="${escapeHtml(config.locale)}" data-direction="${config.direction}"></script>
</body>
</html>
`;
}
