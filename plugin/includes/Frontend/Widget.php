<?php
/**
 * Loads the chat widget where the store owner chose, with only non-secret config.
 *
 * @package Aisle
 */

namespace Aisle\Frontend;

use Aisle\Settings\Settings;
use Aisle\Woo\Compat;

defined( 'ABSPATH' ) || exit;

final class Widget {
	const HANDLE = 'aisle-widget';

	/** @var Settings */
	private $settings;

	/** @var string Plugin folder (no trailing slash). */
	private $dir;

	/** @var string Plugin URL (with trailing slash). */
	private $url;

	/**
	 * @param Settings $settings Settings.
	 * @param string   $dir      Plugin folder.
	 * @param string   $url      Plugin URL.
	 */
	public function __construct( Settings $settings, $dir, $url ) {
		$this->settings = $settings;
		$this->dir      = rtrim( $dir, '/' );
		$this->url      = trailingslashit( $url );
	}

	/**
	 * Whether the widget belongs on the current page.
	 *
	 * @param string $placement product, shop (shop, categories, tags and products) or site.
	 */
	public static function shows_here( $placement ) {
		if ( 'site' === $placement ) {
			return true;
		}
		if ( ! Compat::is_active() ) {
			return false; // Product and shop pages only exist with WooCommerce.
		}
		if ( is_product() ) {
			return true;
		}
		return 'shop' === $placement && ( is_shop() || is_product_taxonomy() );
	}

	/** Hooked on wp_enqueue_scripts. */
	public function enqueue() {
		$s = $this->settings->all();
		if ( '' === $s['proxy_url'] || ! self::shows_here( $s['placement'] ) ) {
			return;
		}
		$asset_file = $this->dir . '/build/index.asset.php';
		if ( ! is_readable( $asset_file ) ) {
			return; // A source checkout without `npm run build:widget`.
		}
		$asset = require $asset_file;
		$deps  = isset( $asset['dependencies'] ) && is_array( $asset['dependencies'] ) ? $asset['dependencies'] : array();
		$ver   = isset( $asset['version'] ) ? (string) $asset['version'] : AISLE_VERSION;

		ScriptCompat::ensure_jsx_runtime( $deps, $this->url . 'assets/react-jsx-runtime.js' );

		wp_register_script(
			self::HANDLE,
			$this->url . 'build/index.js',
			$deps,
			$ver,
			// WordPress 6.3+ reads the array (deferred, in the footer); 6.1/6.2 read it as in_footer = true.
			array(
				'in_footer' => true,
				'strategy'  => 'defer',
			)
		);
		wp_add_inline_script( self::HANDLE, 'window.AisleConfig = ' . wp_json_encode( $this->config( $s ) ) . ';', 'before' );
		// The widget build writes its Jed files as build/languages/aisle-<locale>-<md5 of build/index.js>.json.
		wp_set_script_translations( self::HANDLE, 'aisle', $this->dir . '/build/languages' );
		wp_enqueue_script( self::HANDLE );

		foreach ( array( 'index.css', 'style-index.css' ) as $css ) {
			if ( is_readable( $this->dir . '/build/' . $css ) ) {
				$handle = self::HANDLE . '-' . basename( $css, '.css' );
				wp_enqueue_style( $handle, $this->url . 'build/' . $css, array(), $ver );
				if ( is_readable( $this->dir . '/build/' . basename( $css, '.css' ) . '-rtl.css' ) ) {
					wp_style_add_data( $handle, 'rtl', 'replace' );
				}
			}
		}
	}

	/**
	 * `window.AisleConfig` (widget-src/config/types.ts). Identical for every visitor of
	 * a page, so it is safe in cached HTML: no token, no nonce, no key.
	 *
	 * @param array $s Settings.
	 * @return array<string, mixed>
	 */
	public function config( array $s ) {
		$woo = Compat::is_active();
		return array(
			'proxyUrl'        => $s['proxy_url'],
			'restRoot'        => esc_url_raw( rest_url() ),
			'sessionEndpoint' => esc_url_raw( rest_url( 'aisle/v1/session' ) ),
			'nonceEndpoint'   => esc_url_raw( admin_url( 'admin-ajax.php?action=rest-nonce' ) ),
			'locale'          => determine_locale(),
			'dir'             => is_rtl() ? 'rtl' : 'ltr',
			'greeting'        => '' === $s['greeting'] ? null : $s['greeting'],
			'quickPrompts'    => array_values( $s['quick_prompts'] ),
			'colors'          => array( 'primary' => $s['color'] ),
			'position'        => $s['position'],
			'streaming'       => (bool) $s['streaming'],
			'productId'       => $woo && is_product() ? (int) get_queried_object_id() : null,
			'cartUrl'         => $woo && function_exists( 'wc_get_cart_url' ) ? esc_url_raw( wc_get_cart_url() ) : null,
		);
	}
}
