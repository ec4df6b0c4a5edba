/**
 * Entry of the WordPress plugin build (`plugin/build/index.js`). WordPress provides React,
 * `wp.element`, `wp.i18n` and `wp.apiFetch`, and loads the Hebrew strings itself through
 * `wp_set_script_translations()` (see `plugin/build/languages/`).
 */
import { bootWidget } from './boot';

bootWidget();
