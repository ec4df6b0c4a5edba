import { afterEach, describe, expect, it } from '@jest/globals';
import { configFromDataset, detectProductId, readConfig, resolveConfig } from '../../config/readConfig';
import { normalizeLocale } from '../../config/locale';
import { createWidgetStateStore } from '../../storage/widgetState';

afterEach(() => {
  delete window.AisleConfig;
  document.body.className = '';
  document.documentElement.removeAttribute('lang');
});

describe('config', () => {
  it('merges window.AisleConfig with the script tag data attributes (attributes win)', () => {
    window.AisleConfig = { proxyUrl: 'https://global.example', greeting: 'Hi', colors: { primary: '#0b3d2e' } };
    const script = document.createElement('script');
    script.src = 'https://proxy.example/widget.js';
    Object.assign(script.dataset, {
      greeting: 'Shalom',
      quickPrompts: '["Dog food","Cat toys"]',
      streaming: 'false',
      productId: '42',
      colorLink: '#123456',
      locale: 'he-IL',
    });
    const config = readConfig(window, script);
    expect(config).toMatchObject({
      proxyUrl: 'https://global.example',
      greeting: 'Shalom',
      quickPrompts: ['Dog food', 'Cat toys'],
      streaming: false,
      productId: 42,
      locale: 'he_IL',
      dir: 'rtl',
      restRoot: null,
      sessionEndpoint: null,
    });
    expect(config.colors.primary).toBe('#0b3d2e');
    expect(config.colors.link).toBe('#123456');
  });

  it('defaults the proxy to the origin the script came from', () => {
    const script = document.createElement('script');
    script.src = 'https://proxy.example/widget.js';
    expect(readConfig(window, script).proxyUrl).toBe('https://proxy.example');
  });

  it('derives the session endpoint from the REST root inside WordPress', () => {
    const config = resolveConfig({ proxyUrl: 'https://p/', restRoot: 'https://shop/wp-json', nonce: 'n' }, document);
    expect(config.proxyUrl).toBe('https://p');
    expect(config.restRoot).toBe('https://shop/wp-json/');
    expect(config.sessionEndpoint).toBe('https://shop/wp-json/aisle/v1/session');
  });

  it('reads the product from WooCommerce body classes', () => {
    document.body.className = 'product-template-default single single-product postid-123 woocommerce';
    expect(detectProductId(document)).toBe(123);
    expect(resolveConfig({}, document).productId).toBe(123);
    document.body.className = 'archive postid-9';
    expect(detectProductId(document)).toBeNull();
  });

  it('parses pipe-separated prompts and normalises locales', () => {
    expect(configFromDataset({ quickPrompts: 'a | b|' }).quickPrompts).toEqual(['a', 'b']);
    expect(normalizeLocale('he-il')).toBe('he_IL');
    expect(normalizeLocale('')).toBe('en_US');
  });
});

describe('widget state storage', () => {
  it('keeps only thread ID and open state, and forgets them after the expiry', () => {
    let now = 1000;
    const store = createWidgetStateStore(window.localStorage, () => now, 5000);
    store.write({ threadId: 't1', open: true });
    expect(JSON.parse(window.localStorage.getItem('aisle:widget') ?? '{}')).toEqual({
      threadId: 't1',
      open: true,
      expiresAt: 6000,
    });
    expect(store.read()).toEqual({ threadId: 't1', open: true });
    now = 7000;
    expect(store.read()).toEqual({ threadId: null, open: false });
    expect(window.localStorage.getItem('aisle:widget')).toBeNull();
  });

  it('works without storage', () => {
    const store = createWidgetStateStore(null);
    store.write({ open: true });
    expect(store.read()).toEqual({ threadId: null, open: false });
  });
});
