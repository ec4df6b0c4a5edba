/** @jsxRuntime classic */
/** @jsx createElement */
import { createElement } from '@wordpress/element';
import { jest } from '@jest/globals';
import { render } from '@testing-library/react';
import { createChatClient } from '../../api/chatClient';
import { resolveConfig } from '../../config/readConfig';
import type { WidgetConfigInput } from '../../config/types';
import type { TrackFn } from '../../analytics/EventsContext';
import type { CartAddFn } from '../../panel/services';
import { PanelApp } from '../../panel/PanelApp';
import { createWidgetStateStore } from '../../storage/widgetState';
import { fakeProxy, PROXY, type Handler } from './fakeProxy';

export function renderPanel(
  routes: Record<string, Handler | Handler[]>,
  options: {
    config?: WidgetConfigInput;
    open?: boolean;
    addItem?: CartAddFn | null;
    focusKey?: number;
    track?: TrackFn;
  } = {},
) {
  const proxy = fakeProxy(routes);
  const config = resolveConfig({ proxyUrl: PROXY, firstByteTimeoutMs: 40, ...options.config }, document);
  const client = createChatClient({ proxyUrl: PROXY, fetch: proxy.fetch, firstByteTimeoutMs: 40 });
  const store = createWidgetStateStore(window.localStorage);
  const onRequestClose = jest.fn();
  const element = (open: boolean, focusKey: number) => (
    <PanelApp
      config={config}
      open={open}
      onRequestClose={onRequestClose}
      store={store}
      services={{ client, addItem: options.addItem ?? null, events: { track: options.track ?? (() => undefined) } }}
      panelId="aisle-test-panel"
      focusKey={focusKey}
    />
  );
  const view = render(element(options.open ?? true, options.focusKey ?? 1));
  return {
    proxy,
    store,
    onRequestClose,
    view,
    rerender: (open: boolean, focusKey: number) => view.rerender(element(open, focusKey)),
  };
}
