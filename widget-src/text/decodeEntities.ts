/**
 * WooCommerce sends names and messages with HTML entities (`&#8211;`, `&quot;`). DOMParser
 * decodes them without running anything: parsed documents never execute scripts.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) {
    return text;
  }
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${text}`, 'text/html');
  return doc.body.textContent ?? text;
}
