/** @jsxRuntime classic */
/** @jsx createElement */
/**
 * Renders PanelApp into the widget root. `createRoot` where WordPress ships React 18+;
 * WordPress 6.1 (React 17) only has `render`, which is looked up on the module at run time
 * so the plugin build works against either.
 */
import * as element from '@wordpress/element';
import { createElement } from '@wordpress/element';
import { setStorePriceFormat } from '../format/price';
import type { WidgetConfig } from '../config/types';
import type { WidgetStateStore } from '../storage/widgetState';
import { PanelApp } from './PanelApp';
import { createPanelServices, type PanelServices } from './services';

export interface PanelHandle {
  /** `focus`: the shopper opened it, so focus moves into the panel. */
  setOpen(open: boolean, focus: boolean): void;
}

export interface MountPanelOptions {
  config: WidgetConfig;
  store: WidgetStateStore;
  panelId: string;
  onRequestClose: () => void;
  services?: PanelServices;
}

type Renderer = (node: ReturnType<typeof createElement>) => void;

function createRenderer(container: HTMLElement): Renderer {
  const { createRoot, render } = element as Partial<typeof element>;
  if (typeof createRoot === 'function') {
    const root = createRoot(container);
    return (node) => root.render(node);
  }
  if (typeof render === 'function') {
    return (node) => render(node, container);
  }
  throw new Error('Aisle: wp.element has neither createRoot nor render.');
}

export function mountPanel(container: HTMLElement, options: MountPanelOptions): PanelHandle {
  setStorePriceFormat(options.config.priceFormat);
  const services = options.services ?? createPanelServices(options.config, window);
  const renderNode = createRenderer(container);
  let focusKey = 0;
  const draw = (open: boolean, focus: boolean) => {
    if (open && focus) {
      focusKey += 1;
    }
    renderNode(
      <PanelApp
        config={options.config}
        open={open}
        onRequestClose={options.onRequestClose}
        store={options.store}
        services={services}
        panelId={options.panelId}
        focusKey={focusKey}
      />,
    );
  };
  return { setOpen: draw };
}
