/**
 * Entry of the plugin build's panel (`plugin/build/panel.js`). WordPress prints it, after React
 * and the WordPress packages it needs, into the deferred holder the loader runs on first open.
 */
import * as panel from './panel';

window.aislePanel = panel;
