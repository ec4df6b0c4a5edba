<?php
/**
 * Wires the plugin: every hook is registered here and nowhere else.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle;

use Aisle\Admin\ConversationsPage;
use Aisle\Admin\Connector;
use Aisle\Admin\InsightsPage;
use Aisle\Admin\SettingsPage;
use Aisle\Catalog\ChangeQueue;
use Aisle\Facts\FactsQueue;
use Aisle\Frontend\Widget;
use Aisle\Insights\Holdout;
use Aisle\Insights\VisitLog;
use Aisle\Privacy\PersonalData;
use Aisle\Privacy\PolicyText;
use Aisle\Proxy\ProxyClient;
use Aisle\Rest\AdminController;
use Aisle\Rest\HandoffController;
use Aisle\Rest\InsightsController;
use Aisle\Rest\RateLimiter;
use Aisle\Rest\SessionController;
use Aisle\Session\ShopperIdentity;
use Aisle\Settings\Settings;
use Aisle\Woo\ApiKeys;
use Aisle\Woo\Attribution;
use Aisle\Woo\Compat;
use Aisle\Woo\OrderOrigin;

defined( 'ABSPATH' ) || exit;

final class Plugin {
	/** @var Plugin|null */
	private static $instance = null;

	/** @var Settings */
	private $settings;

	/** @var Connector|null */
	private $connector = null;

	/** @var FactsQueue */
	private $facts;

	public static function instance(): self {
		if ( null === self::$instance ) {
			self::$instance = new self();
		}
		return self::$instance;
	}

	private function __construct() {
		$this->settings = new Settings();
		$this->facts    = new FactsQueue( $this->settings, array( self::class, 'proxy_client' ) );
	}

	/** The Connector, built on first use (WooCommerce may load after this plugin). */
	public function connector(): Connector {
		if ( null === $this->connector ) {
			global $wpdb;
			$this->connector = new Connector(
				$this->settings,
				Compat::is_active() ? new ApiKeys( $wpdb ) : null,
				array( self::class, 'proxy_client' ),
				home_url(),
				null,
				$this->facts
			);
		}
		return $this->connector;
	}

	/**
	 * The proxy client for the current settings.
	 *
	 * @param array<string, mixed> $s Settings.
	 */
	public static function proxy_client( array $s ): ProxyClient {
		return new ProxyClient( $s['proxy_url'], Site::id(), $s['connection_secret'] );
	}

	public function register_hooks(): void {
		$settings  = $this->settings;
		$connector = array( $this, 'connector' );

		add_action( 'before_woocommerce_init', array( Compat::class, 'declare_compatibility' ) );
		add_action( 'init', array( $this, 'load_textdomain' ) );

		$session = new SessionController(
			$settings,
			static function ( string $secret ): ShopperIdentity {
				return new ShopperIdentity( $_COOKIE, array( ShopperIdentity::class, 'set_cookie' ), $secret ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- validated by ShopperIdentity.
			},
			array( Site::class, 'id' ),
			array( Compat::class, 'is_active' ),
			// Built per request, so a filter added by a plugin that loads after this one still counts.
			static function (): RateLimiter {
				return new RateLimiter( (int) apply_filters( 'aisle_session_rate_limit', SessionController::RATE_LIMIT ), SessionController::RATE_WINDOW );
			}
		);
		$admin_api = new AdminController( $connector, array( Compat::class, 'capability' ) );
		add_action( 'rest_api_init', array( $session, 'register_routes' ) );
		add_filter( 'rest_post_dispatch', array( $session, 'add_retry_after' ), 10, 3 );
		add_action( 'rest_api_init', array( $admin_api, 'register_routes' ) );

		$widget = new Widget( $settings, AISLE_DIR, plugin_dir_url( AISLE_FILE ) );
		add_action( 'wp_enqueue_scripts', array( $widget, 'enqueue' ) );
		add_action( 'wp_footer', array( $widget, 'print_deferred_panel' ), 1000 );
		// The WP Consent API lists plugins that ask it before counting; the widget asks for "statistics".
		add_filter( 'wp_consent_api_registered_' . plugin_basename( AISLE_FILE ), '__return_true' );

		// Catalog freshness: product changes collected during the request, sent once at shutdown.
		$changes = new ChangeQueue( $settings, array( self::class, 'proxy_client' ) );
		foreach ( array( 'woocommerce_new_product', 'woocommerce_update_product', 'woocommerce_product_set_stock_status' ) as $hook ) {
			add_action( $hook, array( $changes, 'product_saved' ), 10, 1 );
		}
		foreach ( array( 'woocommerce_new_product_variation', 'woocommerce_update_product_variation' ) as $hook ) {
			add_action( $hook, array( $changes, 'variation_saved' ), 10, 2 );
		}
		add_action( 'woocommerce_variation_set_stock_status', array( $changes, 'variation_saved' ), 10, 3 );
		add_action( 'woocommerce_product_set_stock', array( $changes, 'stock_changed' ), 10, 1 );
		add_action( 'woocommerce_variation_set_stock', array( $changes, 'stock_changed' ), 10, 1 );
		add_action( 'wp_trash_post', array( $changes, 'post_trashed' ), 10, 1 );
		add_action( 'untrashed_post', array( $changes, 'post_untrashed' ), 10, 1 );
		add_action( 'before_delete_post', array( $changes, 'post_deleted' ), 10, 1 );
		add_action( 'shutdown', array( $changes, 'flush' ) );
		add_action( 'admin_init', array( $changes, 'retry' ) );

		// Store facts (policy pages, shipping, contact): changes collected during the request, pushed once at shutdown.
		$facts = $this->facts;
		add_action( 'save_post_page', array( $facts, 'page_changed' ), 10, 1 );
		add_action( 'wp_trash_post', array( $facts, 'page_changed' ), 10, 1 );
		add_action( 'before_delete_post', array( $facts, 'page_changed' ), 10, 1 );
		foreach ( array( 'woocommerce_after_shipping_zone_object_save', 'woocommerce_shipping_zone_method_added', 'woocommerce_shipping_zone_method_deleted', 'woocommerce_shipping_zone_method_status_toggled', 'woocommerce_delete_shipping_zone' ) as $hook ) {
			add_action( $hook, array( $facts, 'shipping_changed' ), 10, 0 );
		}
		add_action( 'updated_option', array( $facts, 'option_changed' ), 10, 1 );
		add_action( 'added_option', array( $facts, 'option_changed' ), 10, 1 );
		add_action( 'shutdown', array( $facts, 'flush' ) );
		add_action( 'admin_init', array( $facts, 'retry' ) );

		// A person when needed: the widget's "email the store" button.
		$handoff = new HandoffController(
			$settings,
			array( self::class, 'proxy_client' ),
			array( Site::class, 'id' ),
			static function (): RateLimiter {
				return new RateLimiter( (int) apply_filters( 'aisle_handoff_email_rate_limit', HandoffController::RATE_LIMIT ), HandoffController::RATE_WINDOW );
			}
		);
		add_action( 'rest_api_init', array( $handoff, 'register_routes' ) );

		// Orders from the chat (the widget's add-to-cart carries X-Aisle-Thread).
		$attribution = new Attribution();
		add_filter( 'woocommerce_store_api_add_to_cart_data', array( $attribution, 'add_to_cart_data' ), 10, 2 );
		add_action( 'woocommerce_checkout_create_order_line_item', array( $attribution, 'create_order_line_item' ), 10, 4 );
		add_filter( 'woocommerce_order_item_display_meta_key', array( $attribution, 'display_meta_key' ), 10, 3 );
		// …and as an origin in WooCommerce's Order Attribution (after WooCommerce saved its own values).
		$origin = new OrderOrigin();
		add_action( 'woocommerce_order_save_attribution_data', array( $origin, 'save_attribution' ), 20, 2 );
		add_filter( 'wc_order_attribution_origin_label', array( $origin, 'origin_label' ), 10, 2 );

		// Insights: the holdout's groups on orders and sessions, the report and its screen.
		$holdout = new Holdout( $settings, array( self::class, 'visit_log' ), $_COOKIE ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- only exact group names are accepted (Holdout::group).
		add_action( 'woocommerce_checkout_create_order', array( $holdout, 'tag_order' ), 10, 1 );
		add_action( 'woocommerce_store_api_checkout_update_order_from_request', array( $holdout, 'tag_order' ), 10, 1 );
		$insights_api = new InsightsController( $settings, $holdout, array( self::class, 'visit_log' ), array( self::class, 'proxy_client' ), array( Compat::class, 'capability' ) );
		add_action( 'rest_api_init', array( $insights_api, 'register_routes' ) );
		add_filter( 'rest_pre_serve_request', array( $insights_api, 'serve_csv' ), 10, 3 );
		add_action( 'admin_init', array( self::class, 'install_tables' ) );

		$this->register_privacy_hooks();

		$page = new SettingsPage( $settings, $connector );
		add_action( 'admin_menu', array( $page, 'add_menu' ) );
		$insights_page = new InsightsPage( AISLE_DIR, plugin_dir_url( AISLE_FILE ) );
		add_action( 'admin_menu', array( $insights_page, 'add_menu' ), 11 );
		add_action( 'admin_enqueue_scripts', array( $insights_page, 'enqueue' ) );
		add_action( 'admin_init', array( $page, 'register' ) );
		add_action( 'admin_enqueue_scripts', array( $page, 'enqueue' ) );
		add_filter( 'option_page_capability_' . SettingsPage::GROUP, array( Compat::class, 'capability' ) );
		add_action( 'admin_notices', array( $this, 'woocommerce_notice' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( AISLE_FILE ), array( $this, 'action_links' ) );
	}

	/** Personal-data export and erasure, the privacy-policy text and the conversations screen. */
	private function register_privacy_hooks(): void {
		$settings = $this->settings;
		$data     = new PersonalData(
			static function () use ( $settings ): ?ProxyClient {
				$s = $settings->all();
				return '' === $s['proxy_url'] || '' === $s['connection_secret'] ? null : self::proxy_client( $s );
			},
			static function ( string $email ): int {
				$user = get_user_by( 'email', $email );
				return $user ? (int) $user->ID : 0;
			}
		);
		add_filter( 'wp_privacy_personal_data_exporters', array( $data, 'register_exporter' ) );
		add_filter( 'wp_privacy_personal_data_erasers', array( $data, 'register_eraser' ) );
		add_action( 'admin_init', array( new PolicyText( $settings ), 'add' ) );
		$conversations = new ConversationsPage( $settings, array( self::class, 'proxy_client' ) );
		add_action( 'admin_menu', array( $conversations, 'add_menu' ), 11 );
		add_action( 'admin_post_' . ConversationsPage::DELETE_ACTION, array( $conversations, 'handle_delete' ) );
	}

	/** The holdout's session counts. */
	public static function visit_log(): VisitLog {
		global $wpdb;
		return new VisitLog( $wpdb );
	}

	/** Hooked on admin_init: the plugin's table, for sites updated without re-activating. */
	public static function install_tables(): void {
		self::visit_log()->install();
	}

	public function load_textdomain(): void {
		load_plugin_textdomain( 'aisle', false, dirname( plugin_basename( AISLE_FILE ) ) . '/languages' );
	}

	/** Without WooCommerce: say what still works, on the screens where it matters. */
	public function woocommerce_notice(): void {
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		if ( Compat::is_active() || ! current_user_can( 'activate_plugins' ) || ! $screen || ! in_array( $screen->base, array( 'plugins', 'dashboard', 'settings_page_' . SettingsPage::SLUG ), true ) ) {
			return;
		}
		echo '<div class="notice notice-warning"><p>' . esc_html__( 'Aisle: WooCommerce is not active. Product cards, add to cart and catalog sync need WooCommerce; until then the assistant can only chat, and only when it is set to show on the whole site.', 'aisle' ) . '</p></div>';
	}

	/**
	 * A "Settings" link on the Plugins screen.
	 *
	 * @param string[] $links Links.
	 */
	public function action_links( array $links ): array {
		array_unshift( $links, sprintf( '<a href="%1$s">%2$s</a>', esc_url( SettingsPage::url() ), esc_html__( 'Settings', 'aisle' ) ) );
		return $links;
	}
}
