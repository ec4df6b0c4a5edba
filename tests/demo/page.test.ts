/**
 * @jest-environment jsdom
 */
// jsdom gives a real HTML parser, so escaping is checked on the parsed page, not with regexes.
import {
  demoHomeProduct,
  escapeHtml,
  jsonForScript,
  loadDemoCatalog,
  renderDemoPage,
  safeUrl,
  type DemoProduct,
} from '../../proxy/src/demo';

const ATTACK = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>`;

function hostile(product: DemoProduct): DemoProduct {
  return {
    ...product,
    name: ATTACK,
    sku: ATTACK,
    short_description: `<p>${ATTACK}</p>`,
    description: `<p>safe</p><script>alert(3)</script><p onclick="alert(4)">${ATTACK}</p>`,
    categories: [{ id: 1, name: ATTACK, slug: 'x' }],
    images: [{ id: 1, src: 'javascript:alert(5)', name: 'x', alt: ATTACK }],
    meta_data: [{ id: 1, key: 'name_en', value: ATTACK }],
  };
}

function scriptTags(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
}

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('renderDemoPage', () => {
  const catalog = loadDemoCatalog();
  const home = demoHomeProduct(catalog);

  it('is a Hebrew right-to-left product page by default, with the product on it', () => {
    const html = renderDemoPage(home, { lang: 'he', catalog });
    expect(html).toMatch(/<html lang="he" dir="rtl">/);
    expect(html).toContain(escapeHtml(home.name));
    expect(html).toContain(escapeHtml(home.sku));
    expect(html).toContain(home.images[0]!.src);
    expect(html).toContain('href="?lang=en"');
    // Variable product: the sizes are offered.
    for (const v of catalog.variations.get(home.id) ?? []) expect(html).toContain(`<option value="${v.id}"`);
  });

  it('switches to English, left to right', () => {
    const html = renderDemoPage(home, { lang: 'en', catalog });
    expect(html).toMatch(/<html lang="en" dir="ltr">/);
    const nameEn = home.meta_data.find((m) => m.key === 'name_en')!.value;
    expect(html).toContain(escapeHtml(nameEn));
    expect(html).toContain('href="?lang=he"');
    expect(html).toContain('Add to cart');
  });

  it('includes the widget script, configured for this product, locale and proxy', () => {
    const html = renderDemoPage(home, { lang: 'he', proxyUrl: 'http://127.0.0.1:9999' });
    const widget = scriptTags(html).find((tag) => tag.includes('src='));
    expect(widget).toContain('src="/widget.js"');
    expect(widget).toContain(`data-product-id="${home.id}"`);
    expect(widget).toContain('data-locale="he_IL"');
    expect(widget).toContain('data-proxy-url="http://127.0.0.1:9999"');
    const json = /<script id="aisle-config" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1];
    expect(JSON.parse(json ?? 'null')).toMatchObject({
      productId: home.id,
      locale: 'he_IL',
      direction: 'rtl',
      proxyUrl: 'http://127.0.0.1:9999',
    });
  });

  it.each(['he', 'en'] as const)('escapes every piece of product text (%s)', (lang) => {
    const product = hostile(home);
    const html = renderDemoPage(product, { lang, catalog: { ...catalog, products: [...catalog.products, product] } });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('javascript:');
    const doc = parse(html);
    // Only the two scripts the page means to have, and no element with an event handler.
    expect(Array.from(doc.querySelectorAll('script')).map((s) => s.id || s.getAttribute('src'))).toEqual([
      'aisle-config',
      '/widget.js',
    ]);
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const attr of el.getAttributeNames()) expect(attr.startsWith('on')).toBe(false);
    }
    // The hostile text is shown as text.
    // The Hebrew name is WooCommerce HTML (entities like &#8211;), so its tags are dropped; the English meta is plain text.
    expect(doc.querySelector('h1')?.textContent).toBe(lang === 'en' ? ATTACK : `"'>`);
    expect(doc.querySelector('.sku')?.textContent).toBe(ATTACK);
  });

  it('keeps product text from closing the config script', () => {
    const product = { ...home, id: home.id };
    const html = renderDemoPage(product, { lang: 'he', proxyUrl: '</script><script>alert(1)</script>' });
    expect(scriptTags(html)).toHaveLength(2);
    expect(html).not.toContain('<script>alert(1)');
  });

  it('links related products from the same category, never hidden ones', () => {
    const html = renderDemoPage(home, { lang: 'en', catalog });
    const hrefs = [...html.matchAll(/href="(\/demo\/product\/[^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/\?lang=en$/);
    const hiddenSlugs = catalog.products
      .filter((p) => p.status !== 'publish' || p.catalog_visibility === 'hidden')
      .map((p) => p.slug);
    for (const slug of hiddenSlugs) expect(html).not.toContain(slug);
  });
});

describe('html helpers', () => {
  it('escapes text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('allows only host-relative and http(s) URLs', () => {
    expect(safeUrl('/demo/images/a.svg')).toBe('/demo/images/a.svg');
    expect(safeUrl('https://shop.example/p/')).toBe('https://shop.example/p/');
    expect(safeUrl('javascript:alert(1)')).toBe('#');
    expect(safeUrl('//evil.example/x')).toBe('#');
    expect(safeUrl('data:text/html,x')).toBe('#');
  });

  it('writes JSON that cannot end a script element', () => {
    const out = jsonForScript({ a: '</script><!--', b: '\u2028' });
    expect(out).not.toMatch(/<|>|\u2028/);
    expect(JSON.parse(out)).toEqual({ a: '</script><!--', b: '\u2028' });
  });
});
