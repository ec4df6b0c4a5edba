import { describe, expect, it, jest } from '@jest/globals';
import { waitFor } from '@testing-library/react';
import type { FetchLike } from '../../api/chatClient';
import { resolveConfig } from '../../config/readConfig';
import { createPanelServices } from '../../panel/services';
import { fakeStoreApi, GOOD_NONCE, REST_ROOT } from '../helpers/fakeStoreApi';
import { PROXY } from '../helpers/fakeProxy';
import { fakeResponse } from '../helpers/streams';

describe('panel services: add to cart', () => {
  it('adds with the thread header, then refreshes the theme cart and counts the add (sent when the page is left)', async () => {
    const api = fakeStoreApi();
    api.release();
    const proxyCalls: string[] = [];
    const fetch: FetchLike = async (url, init) => {
      if (url.startsWith(REST_ROOT)) return api.fetch(url, init);
      proxyCalls.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
      return fakeResponse({ status: 204 });
    };
    // No shopper session here: the proxy is open (the session flow has its own tests).
    const config = {
      ...resolveConfig(
        { proxyUrl: PROXY, restRoot: REST_ROOT, storeApiNonce: GOOD_NONCE, consent: { api: false, events: 'always' } },
        document,
      ),
      sessionEndpoint: null,
    };
    const services = createPanelServices(config, window, fetch);
    const refreshed = jest.fn();
    window.addEventListener('wc-blocks_store_sync_required', refreshed);
    try {
      await services.addItem!({ id: 39, quantity: 2 }, 'thread_t1');
    } finally {
      window.removeEventListener('wc-blocks_store_sync_required', refreshed);
    }
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.headers.get('X-Aisle-Thread')).toBe('thread_t1');
    expect(refreshed).toHaveBeenCalledTimes(1);
    expect(proxyCalls).toEqual([]);
    window.dispatchEvent(new Event('pagehide'));
    await waitFor(() => expect(proxyCalls).toEqual(['POST /api/events']));
  });

  it('has no cart outside WordPress', () => {
    const services = createPanelServices(resolveConfig({ proxyUrl: PROXY }, document), window);
    expect(services.addItem).toBeNull();
  });
});
