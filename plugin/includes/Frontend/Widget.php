<?php
/**
 * Loads the chat widget where the store owner chose, with only non-secret config.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Frontend;

use Aisle\Admin\Sections\InsightsSection;
use Aisle\Insights\Holdout;
use Aisle\Settings\Settings;
use Aisle\Woo\Compat;
use Aisle\Woo\StoreSettings;

defined( 'ABSPATH' ) || exit;

final class Widget {
	public const HANDLE = 'aisle-widget';

	/** The panel's script and stylesheet handle: registered, never enqueued. */
	public const PANEL_HANDLE = 'aisle-widget-panel';

	/** Must match DEFERRED_HOLDER_ID in widget-src/plugin/deferredScripts.ts. */
	public const DEFERRED_HOLDER_ID = 'aisle-panel-scripts';

	/** @var bool Whether enqueue() ran on this page, so the footer owes the deferred holder. */
	private $deferred = false;

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
	public function __construct( Settings $settings, string $dir, string $url ) {
		$this->settings = $settings;
		$this->dir      = rtrim( $dir, '/' );
		$this->url      = trailingslashit( $url );
	}

	/**
	 * Whether the widget belongs on the current page.
	 *
	 * @param string $placement product, shop (shop, categories, tags and products) or site.
	 */
	public static function shows_here( string $placement ): bool {
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

	/**
	 * Hooked on wp_enqueue_scripts. Only the loader (build/index.js, with no dependency) is on the
	 * page, async; it shows the launcher once the page has loaded. The panel (build/panel.js) and
	 * what it needs (React, wp-element, wp-api-fetch) are registered here but printed into an inert
	 * holder by print_deferred_panel(); the loader fetches those files when the browser is idle and
	 * runs them when the shopper first opens the chat.
	 */
	public function enqueue(): void {
		$s = $this->settings->all();
		if ( '' === $s['proxy_url'] || ! self::shows_here( $s['placement'] ) ) {
			return;
		}
		$loader = $this->asset( 'index' );
		$panel  = $this->asset( 'panel' );
		if ( null === $loader || null === $panel ) {
			return; // A source checkout without `npm run build:widget`.
		}

		ScriptCompat::ensure_jsx_runtime( $panel['dependencies'], $this->url . 'assets/react-jsx-runtime.js' );
		wp_register_script( self::PANEL_HANDLE, $this->url . 'build/panel.js', $panel['dependencies'], $panel['version'], true );
		// The widget build writes its Jed files as build/languages/aisle-<locale>-<md5 of build/<file>.js>.json.
		wp_set_script_translations( self::PANEL_HANDLE, 'aisle', $this->dir . '/build/languages' );
		$this->register_style( self::PANEL_HANDLE, 'panel.css', $panel['version'] );

		wp_register_script(
			self::HANDLE,
			$this->url . 'build/index.js',
			$loader['dependencies'],
			$loader['version'],
			// WordPress 6.3+ reads the array (async, in the footer); 6.1/6.2 read it as in_footer = true.
			// Async, not defer: a deferred script holds DOMContentLoaded back until it has arrived, and
			// with it the page's own ready handlers (WooCommerce reveals the product image in one).
			array(
				'in_footer' => true,
				'strategy'  => 'async',
			)
		);
		// No wp_set_script_translations() for the loader: it would add wp-i18n (and, on 6.1, its
		// polyfills) to every page. Its few strings travel in the config instead.
		$config                  = $this->config( $s );
		$config['loaderStrings'] = $this->loader_strings();
		wp_add_inline_script( self::HANDLE, 'window.AisleConfig = ' . wp_json_encode( $config ) . ';', 'before' );
		wp_enqueue_script( self::HANDLE );
		if ( $this->register_style( self::HANDLE . '-index', 'index.css', $loader['version'] ) ) {
			wp_enqueue_style( self::HANDLE . '-index' );
		}
		$this->deferred = true;
	}

	/**
	 * Hooked on wp_footer after the footer scripts (priority 20) have printed, so a dependency
	 * the theme or another plugin already uses is skipped here and still runs for them as usual.
	 * Prints the panel's tags (scripts with their inline data and translations, and its
	 * stylesheet) as one JSON string in a `<script type="application/json">`, which the browser
	 * neither runs nor downloads; widget-src/plugin/deferredScripts.ts runs them in order later.
	 */
	public function print_deferred_panel(): void {
		if ( ! $this->deferred ) {
			return;
		}
		$this->deferred = false;
		ob_start();
		wp_styles()->do_items( array( self::PANEL_HANDLE ) );
		wp_scripts()->do_items( array( self::PANEL_HANDLE ) );
		$tags = (string) ob_get_clean();
		if ( '' === trim( $tags ) ) {
			return; // A dependency is missing, so WordPress printed nothing; the loader reports it on open.
		}
		// JSON_HEX_TAG turns every < and > into \u003C/\u003E, so nothing inside can close the holder.
		$json = wp_json_encode( $tags, JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		printf(
			'<script type="application/json" id="%1$s">%2$s</script>' . "\n",
			esc_attr( self::DEFERRED_HOLDER_ID ),
			$json // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JSON with every tag character hex-escaped, see above.
		);
	}

	/**
	 * The loader's translated strings as Jed messages (`msgid => [translation]`), read from the
	 * translation file WordPress would load for it (build/languages, or the language packs).
	 *
	 * @return \stdClass msgid => [translation]; an object so that no strings still encode as `{}`.
	 */
	private function loader_strings(): \stdClass {
		$json = load_script_textdomain( self::HANDLE, 'aisle', $this->dir . '/build/languages' );
		$data = is_string( $json ) ? json_decode( $json, true ) : null;
		if ( ! is_array( $data ) || ! isset( $data['locale_data'] ) || ! is_array( $data['locale_data'] ) ) {
			return new \stdClass();
		}
		$messages = reset( $data['locale_data'] );
		$strings  = array();
		foreach ( is_array( $messages ) ? $messages : array() as $msgid => $translations ) {
			if ( '' !== $msgid && is_array( $translations ) && isset( $translations[0] ) && is_string( $translations[0] ) ) {
				$strings[ (string) $msgid ] = array( $translations[0] );
			}
		}
		return (object) $strings;
	}

	/**
	 * A build's `<name>.asset.php`: its WordPress dependencies and content version.
	 *
	 * @param string $name Entry name (index or panel).
	 * @return array{dependencies: string[], version: string}|null Null when the build is missing.
	 */
	private function asset( string $name ): ?array {
		$file = $this->dir . '/build/' . $name . '.asset.php';
		if ( ! is_readable( $file ) ) {
			return null;
		}
		$asset = require $file;
		return array(
			'dependencies' => isset( $asset['dependencies'] ) && is_array( $asset['dependencies'] ) ? array_values( $asset['dependencies'] ) : array(),
			'version'      => isset( $asset['version'] ) ? (string) $asset['version'] : AISLE_VERSION,
		);
	}

	/**
	 * Registers a build stylesheet when it exists, with its right-to-left twin when there is one.
	 *
	 * @param string $handle  Style handle.
	 * @param string $css     File name in build/.
	 * @param string $version Content version.
	 * @return bool Whether the file exists and was registered.
	 */
	private function register_style( string $handle, string $css, string $version ): bool {
		if ( ! is_readable( $this->dir . '/build/' . $css ) ) {
			return false;
		}
		wp_register_style( $handle, $this->url . 'build/' . $css, array(), $version );
		if ( is_readable( $this->dir . '/build/' . basename( $css, '.css' ) . '-rtl.css' ) ) {
			wp_style_add_data( $handle, 'rtl', 'replace' );
		}
		return true;
	}

	/**
	 * `window.AisleConfig` (widget-src/config/types.ts). Identical for every visitor of
	 * a page, so it is safe in cached HTML: no token, no nonce, no key.
	 *
	 * @param array $s Settings.
	 * @return array<string, mixed>
	 */
	public function config( array $s ): array {
		$woo = Compat::is_active();
		return array(
			'proxyUrl'        => $s['proxy_url'],
			'restRoot'        => esc_url_raw( rest_url() ),
			'sessionEndpoint' => esc_url_raw( rest_url( 'aisle/v1/session' ) ),
			'nonceEndpoint'   => esc_url_raw( admin_url( 'admin-ajax.php?action=rest-nonce' ) ),
			'locale'          => determine_locale(),
			'dir'             => is_rtl() ? 'rtl' : 'ltr',
			'greeting'        => '' === $s['greeting'] ? null : $s['greeting'],
			// None set: null lets the widget offer its built-in prompts in the shopper's language.
			'quickPrompts'    => empty( $s['quick_prompts'] ) ? null : array_values( $s['quick_prompts'] ),
			'colors'          => array( 'primary' => $s['color'] ),
			'position'        => $s['position'],
			'streaming'       => (bool) $s['streaming'],
			'productId'       => $woo && is_product() ? (int) get_queried_object_id() : null,
			'cartUrl'         => $woo && function_exists( 'wc_get_cart_url' ) ? esc_url_raw( wc_get_cart_url() ) : null,
			'priceFormat'     => StoreSettings::price_format( StoreSettings::read() ),
			'consent'         => InsightsSection::widget_consent( $s ),
			// The owner asks shoppers to agree first; the notice links the privacy policy page.
			'consentRequired' => (bool) $s['chat_consent_required'],
			'privacyUrl'      => function_exists( 'get_privacy_policy_url' ) && '' !== get_privacy_policy_url() ? esc_url_raw( get_privacy_policy_url() ) : null,
			'holdout'         => Holdout::widget_config( (int) $s['holdout_percent'] ),
		);
	}
}
