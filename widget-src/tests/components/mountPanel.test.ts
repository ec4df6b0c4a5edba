import { describe, expect, it, jest } from '@jest/globals';

/**
 * WordPress 6.1 ships React 17: `wp.element` has `render` and no `createRoot`. The plugin build
 * reads both from `wp.element` at run time; here the module is replaced by one without createRoot.
 */
jest.mock('@wordpress/element', () => {
  const actual = jest.requireActual<Record<string, unknown>>('@wordpress/element');
  const { createRoot: _omit, ...rest } = actual;
  void _omit;
  return { ...rest, render: jest.fn() };
});

describe('mountPanel', () => {
  it('falls back to render() when wp.element has no createRoot (WordPress 6.1)', async () => {
    const element = await import('@wordpress/element');
    const { mountPanel } = await import('../../panel/mountPanel');
    const { resolveConfig } = await import('../../config/readConfig');
    const { createWidgetStateStore } = await import('../../storage/widgetState');
    const container = document.createElement('div');
    const handle = mountPanel(container, {
      config: resolveConfig({ proxyUrl: 'https://proxy.test' }, document),
      store: createWidgetStateStore(null),
      panelId: 'p',
      onRequestClose: () => undefined,
      services: {
        client: { stream: jest.fn(), send: jest.fn(), history: jest.fn(), sendEvents: jest.fn() } as never,
        addItem: null,
        events: { track: jest.fn() },
      },
    });
    handle.setOpen(true, true);
    const render = (element as unknown as { render: jest.Mock }).render;
    expect(render).toHaveBeenCalledTimes(1);
    expect(render.mock.calls[0]?.[1]).toBe(container);
    expect((render.mock.calls[0]?.[0] as { props: { open: boolean } }).props.open).toBe(true);
  });
});
