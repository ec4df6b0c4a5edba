import { convert } from 'html-to-text';
import { htmlToPlain } from '../../proxy/src/catalog/cards';
import { buildCatalog } from '../fakes/woo';

/** What htmlToPlain returned before the profiling fix: convert() with the same options, per call. */
const previous = (html: string) =>
  convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: '.screen-reader-text', format: 'skip' },
    ],
  })
    .replace(/\s+/g, ' ')
    .trim();

test('the compiled htmlToPlain (with its no-markup fast path) returns exactly what convert() did', () => {
  const catalog = buildCatalog(60);
  const samples = [
    ...catalog.products.flatMap((p) => [p.name, p.price_html ?? '']),
    'Plain name  with   spaces ',
    'מזון לכלבים &amp; חתולים',
    'Tom &quot;Cat&quot; toy &#8211; large',
    '<span class="woocommerce-Price-amount"><bdi>49.90&nbsp;<span>₪</span></bdi></span>',
    '<del>59.90 ₪</del> <ins>49.90 ₪</ins>',
    '<a href="https://evil.example/">Link text</a> <img src="x.png" alt="pic"> after',
    'a < b but no tag',
    '',
  ].filter((s) => s !== undefined);
  expect(samples.length).toBeGreaterThan(100);
  for (const html of samples) expect(htmlToPlain(html)).toBe(previous(html));
});
