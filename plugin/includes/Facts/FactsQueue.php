<?php
/**
 * Store facts pushed to the proxy when they change, so the assistant's policy answers follow
 * the store the way its product answers do.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Facts;

use Aisle\Proxy\ProxyClient;
use Aisle\Proxy\ProxyResponse;
use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Hooks only note that something the facts are made of changed (a policy or chosen page, a
 * shipping zone or method, the store address); at `shutdown` one signed
 * `PUT /api/admin/store-facts` carries all of them, and the proxy re-syncs only the documents
 * whose text changed. When the proxy does not answer, the next admin page load tries again.
 * Nothing is sent while the store is not connected.
 *
 * Hook callbacks take untyped parameters: WordPress passes IDs as int or numeric strings.
 */
final class FactsQueue {
	public const RETRY_OPTION = 'aisle_facts_retry_at';
	public const TIMEOUT      = 10; // Seconds: up to 25 pages of text go out.
	public const RETRY_AFTER  = 60;

	/** Options the facts are read from (store address, policy page choices). */
	public const WATCHED_OPTIONS = array(
		'woocommerce_store_address',
		'woocommerce_store_address_2',
		'woocommerce_store_city',
		'woocommerce_store_postcode',
		'woocommerce_default_country',
		'woocommerce_terms_page_id',
		'woocommerce_refund_returns_page_id',
		'wp_page_for_privacy_policy',
		'blogname',
		Settings::OPTION, // The owner picked other pages, or changed the email or phone for shoppers.
	);

	/** @var Settings */
	private $settings;

	/** @var callable(array): ProxyClient */
	private $client_factory;

	/** @var callable(array, bool): array */
	private $builder;

	/** @var bool */
	private $dirty = false;

	/**
	 * @param Settings      $settings       Settings.
	 * @param callable      $client_factory fn( settings ) => ProxyClient.
	 * @param callable|null $builder        fn( settings, sync ) => body (default StoreFacts::build).
	 */
	public function __construct( Settings $settings, callable $client_factory, ?callable $builder = null ) {
		$this->settings       = $settings;
		$this->client_factory = $client_factory;
		$this->builder        = $builder ? $builder : array( StoreFacts::class, 'build' );
	}

	/**
	 * save_post_page, and wp_trash_post / before_delete_post for any post: only pages the facts use count.
	 *
	 * @param mixed $post_id Post ID.
	 */
	public function page_changed( $post_id ): void {
		if ( isset( StoreFacts::page_kinds( $this->settings->all() )[ absint( $post_id ) ] ) ) {
			$this->dirty = true;
		}
	}

	/** Shipping zones and methods: woocommerce_after_shipping_zone_object_save, woocommerce_shipping_zone_method_*. */
	public function shipping_changed(): void {
		$this->dirty = true;
	}

	/**
	 * updated_option / added_option: the store address, the policy page choices, a shipping method's settings.
	 *
	 * @param mixed $option Option name.
	 */
	public function option_changed( $option ): void {
		$name = (string) $option;
		if ( in_array( $name, self::WATCHED_OPTIONS, true ) || preg_match( '/^woocommerce_[a-z0-9_]+_\d+_settings$/', $name ) ) {
			$this->dirty = true;
		}
	}

	/** Whether this request changed something the facts are made of (tests and diagnostics). */
	public function dirty(): bool {
		return $this->dirty;
	}

	/** Hooked on shutdown: push once if anything changed. */
	public function flush(): void {
		if ( ! $this->dirty ) {
			return;
		}
		$this->dirty = false;
		if ( $this->connected() ) {
			$this->send( true );
		}
	}

	/** Hooked on admin_init: retry a push that failed, once the wait is over. */
	public function retry(): void {
		$at = (int) get_option( self::RETRY_OPTION, 0 );
		if ( $at > 0 && $at <= time() && $this->connected() ) {
			$this->send( true );
		}
	}

	/**
	 * Push the facts now (Connect, Sync catalog now); a failure is retried on a later admin page.
	 *
	 * @param bool $sync Whether the proxy should sync them (false when a catalog sync starts right after).
	 */
	public function send( bool $sync ): ProxyResponse {
		$s        = $this->settings->all();
		$client   = call_user_func( $this->client_factory, $s )->with_timeout( self::TIMEOUT );
		$response = $client->send( 'PUT', StoreFacts::PATH, call_user_func( $this->builder, $s, $sync ) );
		$this->dirty = false; // What changed earlier in this request went with this push.
		if ( $response->ok ) {
			delete_option( self::RETRY_OPTION );
		} else {
			update_option( self::RETRY_OPTION, time() + self::RETRY_AFTER, false );
		}
		return $response;
	}

	/** Forget a pending retry (disconnect, deactivation, uninstall). */
	public static function forget(): void {
		delete_option( self::RETRY_OPTION );
	}

	private function connected(): bool {
		$s = $this->settings->all();
		return $s['connected_at'] > 0 && '' !== $s['proxy_url'] && '' !== $s['connection_secret'];
	}
}
