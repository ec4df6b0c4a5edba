<?php
/**
 * WooCommerce › Aisle insights: what the chat does for the store.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin;

use Aisle\Woo\Compat;

defined( 'ABSPATH' ) || exit;

/**
 * The screen is a React app (`build/insights.js`, from widget-src/admin/insights/, built with
 * @wordpress/scripts; WordPress's own `wp-components`, `wp-element`, `wp-i18n` and
 * `wp-api-fetch` from its `.asset.php`). It reads `GET /aisle/v1/insights` and links the CSV
 * export of the same route. Only the empty root and the config are printed here.
 */
final class InsightsPage {
	public const SLUG   = 'aisle-insights';
	public const HANDLE = 'aisle-insights';

	/** @var string Plugin folder (no trailing slash). */
	private $dir;

	/** @var string Plugin URL (with trailing slash). */
	private $url;

	/** @var string|false Hook suffix of the screen. */
	private $hook = false;

	/**
	 * @param string $dir Plugin folder.
	 * @param string $url Plugin URL.
	 */
	public function __construct( string $dir, string $url ) {
		$this->dir = rtrim( $dir, '/' );
		$this->url = trailingslashit( $url );
	}

	/** The screen's URL. */
	public static function url(): string {
		return admin_url( 'admin.php?page=' . self::SLUG );
	}

	/** Hooked on admin_menu, after the settings screen's entry. Only with WooCommerce: the numbers are its orders. */
	public function add_menu(): void {
		if ( ! Compat::is_active() ) {
			return;
		}
		$this->hook = add_submenu_page( 'woocommerce', __( 'Aisle insights', 'aisle' ), __( 'Aisle insights', 'aisle' ), Compat::capability(), self::SLUG, array( $this, 'render' ) );
	}

	/**
	 * Hooked on admin_enqueue_scripts.
	 *
	 * @param string $hook Current screen's hook suffix.
	 */
	public function enqueue( string $hook ): void {
		$file = $this->dir . '/build/insights.asset.php';
		if ( $hook !== $this->hook || ! is_readable( $file ) ) {
			return;
		}
		$asset = require $file;
		wp_enqueue_script( self::HANDLE, $this->url . 'build/insights.js', (array) ( $asset['dependencies'] ?? array() ), (string) ( $asset['version'] ?? AISLE_VERSION ), true );
		wp_set_script_translations( self::HANDLE, 'aisle', $this->dir . '/build/languages' );
		wp_enqueue_style( 'wp-components' );
		if ( is_readable( $this->dir . '/build/insights.css' ) ) {
			wp_enqueue_style( self::HANDLE, $this->url . 'build/insights.css', array( 'wp-components' ), (string) ( $asset['version'] ?? AISLE_VERSION ) );
		}
		wp_add_inline_script(
			self::HANDLE,
			'window.aisleInsights = ' . wp_json_encode(
				array(
					'path'        => '/aisle/v1/insights',
					'csvUrl'      => esc_url_raw( rest_url( 'aisle/v1/insights' ) ),
					'nonce'       => wp_create_nonce( 'wp_rest' ),
					'settingsUrl' => esc_url_raw( SettingsPage::url() ),
					'locale'      => str_replace( '_', '-', get_user_locale() ),
					'today'       => gmdate( 'Y-m-d' ),
				)
			) . ';',
			'before'
		);
	}

	public function render(): void {
		if ( ! current_user_can( Compat::capability() ) ) {
			return;
		}
		printf(
			'<div class="wrap"><h1>%1$s</h1><div id="aisle-insights-root"><p>%2$s</p></div></div>',
			esc_html__( 'Aisle insights', 'aisle' ),
			esc_html__( 'Loading…', 'aisle' )
		);
	}
}
