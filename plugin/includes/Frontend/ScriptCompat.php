<?php
/**
 * Old-WordPress script handles.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Frontend;

defined( 'ABSPATH' ) || exit;

final class ScriptCompat {
	/**
	 * WordPress 6.6 added the `react-jsx-runtime` handle; 6.1 (React 17) has none, and a
	 * script depending on a missing handle is silently not printed. When the build
	 * asks for it and WordPress lacks it, register a small shim that implements
	 * jsx/jsxs/Fragment with React.createElement as `window.ReactJSXRuntime`.
	 *
	 * @param string[] $deps     Dependencies from build/index.asset.php.
	 * @param string   $shim_url URL of assets/react-jsx-runtime.js.
	 * @return bool Whether the shim was registered.
	 */
	public static function ensure_jsx_runtime( array $deps, string $shim_url ): bool {
		if ( ! in_array( 'react-jsx-runtime', $deps, true ) || wp_script_is( 'react-jsx-runtime', 'registered' ) ) {
			return false;
		}
		return wp_register_script( 'react-jsx-runtime', $shim_url, array( 'react' ), AISLE_VERSION, true );
	}
}
