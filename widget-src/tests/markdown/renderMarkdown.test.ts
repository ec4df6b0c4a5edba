import { describe, expect, it } from '@jest/globals';
import { renderMarkdown } from '../../markdown/renderMarkdown';

/** Payloads from the OWASP XSS filter evasion cheat sheet and markdown-specific tricks. */
const XSS_CORPUS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"></svg>',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<a href="javascript:window.__xss=1">click</a>',
  '[click](javascript:window.__xss=1)',
  '[click](JaVaScRiPt:window.__xss=1)',
  '[click](  javascript:window.__xss=1)',
  '[click](java\tscript:window.__xss=1)',
  '[click](&#106;avascript:window.__xss=1)',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![img](x" onerror="window.__xss=1)',
  '<a href="https://ok.example" onclick="window.__xss=1">ok</a>',
  '<div style="background:url(javascript:window.__xss=1)">x</div>',
  '<details open ontoggle="window.__xss=1">',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
  '<form action="javascript:window.__xss=1"><button>go</button></form>',
  '<body onload="window.__xss=1">',
  '<input autofocus onfocus="window.__xss=1">',
  '**bold** <b onmouseover="window.__xss=1">hover</b>',
  '[link](https://ok.example "title\\" onmouseover=\\"window.__xss=1")',
  '<a href="//evil.example">protocol-relative</a>',
  '<object data="javascript:window.__xss=1"></object>',
  '<embed src="javascript:window.__xss=1">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
];

function render(markdown: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = renderMarkdown(markdown);
  document.body.append(host);
  return host;
}

describe('renderMarkdown', () => {
  it('renders lists, bold and links', () => {
    const host = render('Two options:\n\n- **Dry food** for [adults](https://shop.example/p/1)\n- *Wet* food');
    expect(host.querySelectorAll('li')).toHaveLength(2);
    expect(host.querySelector('strong')?.textContent).toBe('Dry food');
    expect(host.querySelector('em')?.textContent).toBe('Wet');
    const link = host.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://shop.example/p/1');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toContain('noopener');
  });

  it.each(XSS_CORPUS)('neutralises %s', (payload) => {
    const win = window as unknown as { __xss?: number };
    delete win.__xss;
    const host = render(payload);
    for (const element of Array.from(host.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        expect(attribute.name.toLowerCase().startsWith('on')).toBe(false);
        expect(attribute.name.toLowerCase()).not.toBe('style');
      }
      expect(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FORM', 'INPUT', 'IMG', 'SVG', 'META', 'STYLE']).not.toContain(
        element.tagName.toUpperCase(),
      );
    }
    for (const link of Array.from(host.querySelectorAll('a'))) {
      const href = link.getAttribute('href');
      if (href !== null) {
        expect(href).toMatch(/^(https?:|mailto:|tel:)/i);
        expect(link.getAttribute('rel')).toContain('noopener');
      }
    }
    // Fire what a shopper could trigger; nothing may run.
    host.querySelectorAll('*').forEach((el) => {
      el.dispatchEvent(new Event('mouseover'));
      el.dispatchEvent(new Event('click', { cancelable: true }));
    });
    expect(win.__xss).toBeUndefined();
  });

  it('keeps the text of injected HTML harmless rather than dropping the whole message', () => {
    const host = render('Price: <b>99</b> <script>alert(1)</script>ILS');
    expect(host.textContent).toContain('Price:');
    expect(host.textContent).toContain('ILS');
    expect(host.querySelector('script')).toBeNull();
  });
});
