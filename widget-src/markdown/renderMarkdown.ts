/**
 * Assistant text → safe HTML. `marked` turns markdown into HTML and DOMPurify keeps only a
 * small set of formatting tags: no images, forms, styles or event handlers, and links only to
 * http(s) (plus mailto/tel), opened in a new tab without access to this page.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'del',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
const ALLOWED_ATTR = ['href', 'title', 'start', 'dir'];
const SAFE_URL = /^(?:https?:|mailto:|tel:)/i;

// One private marked instance, so our options never leak into another script's `marked`.
const markdown = new Marked({ gfm: true, breaks: true, async: false });

type Purifier = ReturnType<typeof DOMPurify>;
let purifier: Purifier | null = null;

/** A private DOMPurify with our hooks, created on first use (jsdom/browser window needed). */
function getPurifier(): Purifier {
  if (purifier) {
    return purifier;
  }
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') {
      return;
    }
    const href = node.getAttribute('href') ?? '';
    // Relative and protocol-less links would resolve against the shop; only absolute
    // http(s) links (and mailto/tel) keep their href.
    if (!SAFE_URL.test(href.trim())) {
      node.removeAttribute('href');
      return;
    }
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  });
  purifier = instance;
  return instance;
}

/** Sanitised HTML for `dangerouslySetInnerHTML`. */
export function renderMarkdown(text: string): string {
  const html = markdown.parse(text) as string;
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
  });
}
