/**
 * Store facts become their own Markdown documents: each names its title and URL, page HTML
 * becomes plain text (scripts, styles, markup and block comments dropped), and links stay on
 * the store.
 */
import { contactDocument, factsDocuments, pageDocument, plainPage, shippingDocument } from '../../proxy/src/policies/documents';
import { storeFactsBody, type StoreFacts } from '../../proxy/src/policies/facts';

const STORE = 'https://shop.example';

const refunds = {
  id: 12,
  kind: 'refunds' as const,
  url: 'https://shop.example/refund_returns/',
  title: 'Refund &amp; Returns <em>Policy</em>',
  modified: '2026-12-01T10:00:00Z',
  content_html:
    '<!-- wp:paragraph --><p>Returns are accepted within <strong>30 days</strong>.</p><!-- /wp:paragraph -->' +
    '<script>alert("owned")</script><style>p{color:red}</style><p onclick="x()">Refunds go to the original card.</p>' +
    '<ul><li>Unused items</li><li>With the receipt</li></ul><iframe src="https://evil.example/"></iframe>',
};

const facts: StoreFacts = {
  pages: [refunds, { ...refunds, id: 40, kind: 'page', url: 'https://elsewhere.example/faq/', title: 'FAQ', content_html: '' }],
  shipping: {
    zones: [
      {
        name: 'Israel',
        regions: ['Israel'],
        methods: [
          { title: 'Flat rate', method: 'flat_rate', cost: '₪20.00' },
          { title: 'Free shipping', method: 'free_shipping', cost: null, min_amount: '₪200.00' },
        ],
      },
      { name: 'Rest of the world', regions: [], methods: [] },
    ],
  },
  contact: { store_name: 'Pet shop', address: ['1 Main St', 'Tel Aviv 61000', 'IL'], email: 'help@shop.example', phone: null },
};

test('a policy page is plain text with its title, URL and date; no script, style or markup', () => {
  const doc = pageDocument(refunds, STORE);
  expect(doc.key).toBe('page-12');
  expect(doc.fileName).toBe('store-page-12.md');
  expect(doc.content).toContain('# Refund & Returns Policy');
  expect(doc.content).toContain('URL: https://shop.example/refund_returns/');
  expect(doc.content).toContain('[Refund & Returns Policy](https://shop.example/refund_returns/)');
  expect(doc.content).toContain('Last updated: 2026-12-01T10:00:00Z');
  expect(doc.content).toContain('Returns are accepted within 30 days.');
  expect(doc.content).toContain('Refunds go to the original card.');
  expect(doc.content).toMatch(/Unused items[\s\S]*With the receipt/);
  for (const banned of ['<', 'alert', 'color:red', 'onclick', 'evil.example', 'wp:paragraph']) {
    expect(doc.content).not.toContain(banned);
  }
});

test('the same content always hashes the same; a changed page does not', () => {
  expect(pageDocument(refunds, STORE).hash).toBe(pageDocument({ ...refunds }, STORE).hash);
  expect(pageDocument({ ...refunds, content_html: '<p>Returns within 14 days.</p>' }, STORE).hash).not.toBe(
    pageDocument(refunds, STORE).hash,
  );
});

test('a page off the store is cited by the store address, an empty page says so', () => {
  const [, faq] = factsDocuments(facts, STORE);
  expect(faq!.content).toContain(`URL: ${STORE}`);
  expect(faq!.content).not.toContain('elsewhere.example');
  expect(faq!.content).toContain('(This page is empty.)');
});

test('shipping zones list every method with its cost and free-shipping minimum', () => {
  const doc = shippingDocument(facts.shipping!, STORE);
  expect(doc.key).toBe('shipping');
  expect(doc.content).toContain('## Shipping zone: Israel');
  expect(doc.content).toContain('- Flat rate (flat_rate): ₪20.00');
  expect(doc.content).toContain('- Free shipping (free_shipping): free, for orders of at least ₪200.00');
  expect(doc.content).toContain('Regions: everywhere not covered by another zone');
  expect(doc.content).toContain('- No shipping method to this zone.');
});

test('contact details leave out what the owner did not give', () => {
  const doc = contactDocument(facts.contact!, STORE);
  expect(doc.content).toContain('Address: 1 Main St, Tel Aviv 61000, IL');
  expect(doc.content).toContain('Email: help@shop.example');
  expect(doc.content).not.toContain('Phone:');
});

test('one document per page (a page pushed twice is one), then shipping and contact', () => {
  const docs = factsDocuments({ ...facts, pages: [refunds, refunds] }, STORE);
  expect(docs.map((d) => d.key)).toEqual(['page-12', 'shipping', 'contact']);
  expect(factsDocuments({ pages: [], shipping: null, contact: null }, STORE)).toEqual([]);
});

test('block-editor HTML keeps its paragraphs apart', () => {
  expect(plainPage('<h2>Returns</h2><p>One.</p><p>Two.</p>')).toBe('Returns\n\nOne.\n\nTwo.');
});

test('the push is bounded and typed: clear errors for bad input', () => {
  const ok = storeFactsBody.safeParse(facts);
  expect(ok.success).toBe(true);
  const tooMany = storeFactsBody.safeParse({
    ...facts,
    pages: Array.from({ length: 26 }, (_, i) => ({ ...refunds, id: i + 1 })),
  });
  expect(tooMany.success).toBe(false);
  const huge = storeFactsBody.safeParse({ ...facts, pages: [{ ...refunds, content_html: 'x'.repeat(200_001) }] });
  expect(huge.success).toBe(false);
  const badUrl = storeFactsBody.safeParse({ ...facts, pages: [{ ...refunds, url: 'javascript:alert(1)' }] });
  expect(badUrl.success).toBe(false);
  const extra = storeFactsBody.safeParse({ ...facts, surprise: true });
  expect(extra.success).toBe(false);
});
