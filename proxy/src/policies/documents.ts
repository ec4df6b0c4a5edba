/**
 * Store facts → one Markdown document per page, one for shipping, one for the address and
 * contact. Each names its title and URL in its text, so file_search hands the model what it
 * needs to cite the page. Page HTML becomes plain text: scripts, styles and markup never reach
 * the vector store.
 */
import { createHash } from 'node:crypto';
import { compile } from 'html-to-text';
import type { StoreFacts, StoreFactsPage } from './facts';

export interface FactsDocument {
  /** Stable per source: `page-12`, `shipping`, `contact`. */
  key: string;
  fileName: string;
  content: string;
  hash: string;
}

const SKIP = ['script', 'style', 'noscript', 'iframe', 'svg', 'template', 'object', 'embed', 'form'].map((selector) => ({
  selector,
  format: 'skip' as const,
}));

const pageText = compile({
  wordwrap: false,
  selectors: [
    ...SKIP,
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
});
const inlineText = compile({ wordwrap: false, selectors: [...SKIP, { selector: 'a', options: { ignoreHref: true } }] });

/** One line of plain text (titles, names, costs). */
export function plainLine(html: string): string {
  return inlineText(html).replace(/\s+/g, ' ').trim();
}

/** A page's HTML as plain text; block comments (Gutenberg) and markup dropped, paragraphs kept. */
export function plainPage(html: string): string {
  return pageText(html.replace(/<!--[\s\S]*?-->/g, ''))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const KIND_LABEL: Record<StoreFactsPage['kind'], string> = {
  terms: 'Terms and conditions',
  privacy: 'Privacy policy',
  refunds: 'Refund and returns policy',
  page: 'Store information page',
};

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** The page's own URL when it is on the store; else the store's address (links are only ever to the store). */
function citableUrl(url: string, storeUrl: string | null): string {
  if (!storeUrl) return url;
  return hostOf(url) === hostOf(storeUrl) ? url : storeUrl;
}

function finish(key: string, content: string): FactsDocument {
  return {
    key,
    fileName: `store-${key}.md`,
    content,
    hash: createHash('sha256').update(content).digest('hex'),
  };
}

export function pageDocument(page: StoreFactsPage, storeUrl: string | null): FactsDocument {
  const title = plainLine(page.title) || KIND_LABEL[page.kind];
  const url = citableUrl(page.url, storeUrl);
  const body = plainPage(page.content_html) || '(This page is empty.)';
  const content = [
    `# ${title}`,
    '',
    `Store document: ${KIND_LABEL[page.kind]}. Cite it as [${title}](${url}).`,
    `Title: ${title}`,
    `URL: ${url}`,
    `Last updated: ${page.modified}`,
    '',
    body,
    '',
  ].join('\n');
  return finish(`page-${page.id}`, content);
}

export function shippingDocument(shipping: NonNullable<StoreFacts['shipping']>, storeUrl: string | null): FactsDocument {
  const lines = [
    '# Shipping zones, methods and costs',
    '',
    'Store document: shipping options and their costs, from the store settings.',
  ];
  if (storeUrl) lines.push(`URL: ${storeUrl}`);
  for (const zone of shipping.zones) {
    lines.push('', `## Shipping zone: ${plainLine(zone.name)}`);
    lines.push(
      `Regions: ${zone.regions.length ? zone.regions.map(plainLine).join(', ') : 'everywhere not covered by another zone'}`,
    );
    if (!zone.methods.length) lines.push('- No shipping method to this zone.');
    for (const method of zone.methods) {
      const cost = method.cost === null ? 'free' : plainLine(method.cost) || 'free';
      const minimum = method.min_amount ? `, for orders of at least ${plainLine(method.min_amount)}` : '';
      lines.push(`- ${plainLine(method.title)} (${plainLine(method.method)}): ${cost}${minimum}`);
    }
  }
  return finish('shipping', `${lines.join('\n')}\n`);
}

export function contactDocument(contact: NonNullable<StoreFacts['contact']>, storeUrl: string | null): FactsDocument {
  const lines = ['# Store address and contact details', '', 'Store document: how to reach the store.'];
  if (storeUrl) lines.push(`URL: ${storeUrl}`);
  lines.push('', `Store: ${plainLine(contact.store_name)}`);
  const address = contact.address.map(plainLine).filter(Boolean);
  if (address.length) lines.push(`Address: ${address.join(', ')}`);
  if (contact.email) lines.push(`Email: ${plainLine(contact.email)}`);
  if (contact.phone) lines.push(`Phone: ${plainLine(contact.phone)}`);
  return finish('contact', `${lines.join('\n')}\n`);
}

/** Every document the facts make, in a stable order. */
export function factsDocuments(facts: StoreFacts, storeUrl: string | null): FactsDocument[] {
  // A page pushed twice (picked by the owner and also WooCommerce's) is one document.
  const docs = [...new Map(facts.pages.map((page) => [page.id, pageDocument(page, storeUrl)])).values()];
  if (facts.shipping && facts.shipping.zones.length) docs.push(shippingDocument(facts.shipping, storeUrl));
  if (facts.contact) docs.push(contactDocument(facts.contact, storeUrl));
  return docs;
}
