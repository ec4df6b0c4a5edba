/** The lazy panel chunk: React, the chat and its styles, loaded on first open or when idle. */
import './panel.css';

export { mountPanel } from './mountPanel';
export type { PanelHandle, MountPanelOptions } from './mountPanel';
