<?php
/**
 * Product changes pushed to the proxy, so the assistant's catalog follows the store.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Catalog;

use Aisle\Proxy\ProxyClient;
use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Product hooks only collect IDs during the request; at `shutdown` one signed
 * `POST /api/admin/catalog/changes` carries them (`product_ids` changed, `deleted_ids` gone;
 * a variation counts as its parent). No WooCommerce webhooks, no WP-Cron: the proxy syncs
 * those products after a short quiet time. When the proxy does not answer, the IDs wait in
 * an option and go with the next change or the next admin page load. Nothing is collected
 * or sent while the store is not connected.
 *
 * Hook callbacks take untyped parameters: WordPress and WooCommerce pass IDs as int or numeric
 * strings depending on the caller, and they are read with absint().
 */
final class ChangeQueue {
	public const STASH_OPTION    = 'aisle_catalog_changes';
	public const PATH            = '/api/admin/catalog/changes';
	public const MAX_PER_REQUEST = 500;
	public const MAX_STASHED     = 5000; // Beyond this the proxy's scheduled safety sync catches up.
	public const TIMEOUT         = 3; // Seconds: a product save never waits long on a proxy that is down.
	public const RETRY_AFTER     = 30; // Seconds between attempts after a failure: a hung proxy costs one slow request per 30 s.

	/** @var Settings */
	private $settings;

	/** @var callable(array): ProxyClient */
	private $client_factory;

	/** @var callable(int): string */
	private $post_type_of;

	/** @var callable(int): int */
	private $parent_of;

	/** @var array<int, bool> Product ID => deleted (true) or changed (false); the last event wins. */
	private $pending = array();

	/**
	 * @param Settings      $settings       Settings.
	 * @param callable      $client_factory fn( settings ) => ProxyClient.
	 * @param callable|null $post_type_of   fn( post ID ) => post type (default get_post_type).
	 * @param callable|null $parent_of      fn( post ID ) => parent ID (default wp_get_post_parent_id).
	 */
	public function __construct( Settings $settings, callable $client_factory, ?callable $post_type_of = null, ?callable $parent_of = null ) {
		$this->settings       = $settings;
		$this->client_factory = $client_factory;
		$this->post_type_of   = $post_type_of ? $post_type_of : static function ( int $id ): string {
			return (string) get_post_type( $id );
		};
		$this->parent_of      = $parent_of ? $parent_of : static function ( int $id ): int {
			return (int) wp_get_post_parent_id( $id );
		};
	}

	/**
	 * woocommerce_new_product, woocommerce_update_product, woocommerce_product_set_stock_status.
	 *
	 * @param mixed $product_id Product ID.
	 */
	public function product_saved( $product_id ): void {
		$this->mark( absint( $product_id ), false );
	}

	/**
	 * woocommerce_new_product_variation, woocommerce_update_product_variation,
	 * woocommerce_variation_set_stock_status: the parent changed.
	 *
	 * @param mixed $variation_id Variation ID.
	 * @param mixed $variation    WC_Product_Variation, or the stock status for *_set_stock_status.
	 * @param mixed $product      The variation for *_set_stock_status.
	 */
	public function variation_saved( $variation_id, $variation = null, $product = null ): void {
		$object = is_object( $product ) ? $product : $variation;
		$parent = is_object( $object ) && method_exists( $object, 'get_parent_id' ) ? absint( $object->get_parent_id() ) : 0;
		$this->mark_parent( $parent > 0 ? $parent : call_user_func( $this->parent_of, absint( $variation_id ) ) );
	}

	/**
	 * woocommerce_product_set_stock, woocommerce_variation_set_stock: a product object.
	 *
	 * @param mixed $product WC_Product.
	 */
	public function stock_changed( $product ): void {
		if ( ! is_object( $product ) || ! method_exists( $product, 'get_id' ) ) {
			return;
		}
		$parent = method_exists( $product, 'get_parent_id' ) ? absint( $product->get_parent_id() ) : 0;
		if ( $parent > 0 ) {
			$this->mark_parent( $parent );
		} else {
			$this->mark( absint( $product->get_id() ), false );
		}
	}

	/**
	 * wp_trash_post: a trashed product is gone for shoppers; a trashed variation changes its parent.
	 *
	 * @param mixed $post_id Post ID.
	 */
	public function post_trashed( $post_id ): void {
		$this->post_gone( absint( $post_id ) );
	}

	/**
	 * before_delete_post.
	 *
	 * @param mixed $post_id Post ID.
	 */
	public function post_deleted( $post_id ): void {
		$this->post_gone( absint( $post_id ) );
	}

	/**
	 * untrashed_post: the product is back (WordPress restores it as a draft; the proxy reads its status).
	 *
	 * @param mixed $post_id Post ID.
	 */
	public function post_untrashed( $post_id ): void {
		$id   = absint( $post_id );
		$type = $this->type_of( $id );
		if ( 'product' === $type ) {
			$this->mark( $id, false );
		} elseif ( 'product_variation' === $type ) {
			$this->mark_parent( call_user_func( $this->parent_of, $id ) );
		}
	}

	/** Hooked on shutdown: send what this request changed, with anything still waiting. */
	public function flush(): void {
		if ( empty( $this->pending ) ) {
			return;
		}
		$pending       = $this->pending;
		$this->pending = array();
		if ( ! $this->connected() ) {
			return; // Connecting runs a full sync anyway.
		}
		$changes = self::merge( self::stashed(), $pending );
		$retry   = self::next_try_at();
		if ( $retry > time() ) {
			self::stash( $changes, $retry ); // The proxy failed moments ago: wait with the others.
			return;
		}
		$this->send( $changes );
	}

	/** Hooked on admin_init: retry what is waiting, once the wait after the last failure is over. */
	public function retry(): void {
		if ( empty( self::stashed() ) || ! $this->connected() || self::next_try_at() > time() ) {
			return;
		}
		$this->send( self::stashed() );
	}

	/** Forget what is waiting (disconnect, deactivation, uninstall). */
	public static function forget(): void {
		delete_option( self::STASH_OPTION );
	}

	/**
	 * A ping (`{"product_ids": [], "ping": true}`): tells the proxy this site can reach it.
	 *
	 * @return bool Whether the proxy took it.
	 */
	public function ping(): bool {
		return $this->client()->send( 'POST', self::PATH, array( 'product_ids' => array(), 'ping' => true ) )->ok;
	}

	/**
	 * The IDs collected in this request (for tests and diagnostics).
	 *
	 * @return array<int, bool>
	 */
	public function pending(): array {
		return $this->pending;
	}

	/**
	 * Send in requests of at most 500 IDs; whatever is not taken waits in the option.
	 *
	 * @param array<int, bool> $changes Product ID => deleted.
	 */
	private function send( array $changes ): void {
		$client = $this->client();
		while ( ! empty( $changes ) ) {
			$chunk    = array_slice( $changes, 0, self::MAX_PER_REQUEST, true );
			$response = $client->send( 'POST', self::PATH, self::body( $chunk ) );
			if ( ! $response->ok ) {
				self::stash( $changes, time() + self::RETRY_AFTER );
				return;
			}
			$changes = array_slice( $changes, count( $chunk ), null, true );
		}
		self::forget();
	}

	private function client(): ProxyClient {
		return call_user_func( $this->client_factory, $this->settings->all() )->with_timeout( self::TIMEOUT );
	}

	/**
	 * @param array<int, bool> $changes Product ID => deleted.
	 * @return array{product_ids: int[], deleted_ids: int[]}
	 */
	private static function body( array $changes ): array {
		return array(
			'product_ids' => array_keys( array_filter( $changes, static function ( bool $deleted ): bool {
				return ! $deleted;
			} ) ),
			'deleted_ids' => array_keys( array_filter( $changes ) ),
		);
	}

	private function post_gone( int $id ): void {
		$type = $this->type_of( $id );
		if ( 'product' === $type ) {
			$this->mark( $id, true );
		} elseif ( 'product_variation' === $type ) {
			$this->mark_parent( call_user_func( $this->parent_of, $id ) );
		}
	}

	private function type_of( int $id ): string {
		return $id > 0 ? (string) call_user_func( $this->post_type_of, $id ) : '';
	}

	private function mark( int $id, bool $deleted ): void {
		if ( $id <= 0 ) {
			return;
		}
		unset( $this->pending[ $id ] ); // Re-added at the end: the newest events are kept when the stash is full.
		$this->pending[ $id ] = $deleted;
	}

	/**
	 * A variation changed, so its parent did; unless the parent was deleted in this request:
	 * deleting a variable product deletes its variations after it, which must not revive it.
	 *
	 * @param int $parent Parent product ID.
	 */
	private function mark_parent( int $parent ): void {
		if ( ! ( $this->pending[ $parent ] ?? false ) ) {
			$this->mark( $parent, false );
		}
	}

	private function connected(): bool {
		$s = $this->settings->all();
		return $s['connected_at'] > 0 && '' !== $s['proxy_url'] && '' !== $s['connection_secret'];
	}

	/**
	 * What waits in the option, sanitized on read.
	 *
	 * @return array<int, bool>
	 */
	private static function stashed(): array {
		$stash = get_option( self::STASH_OPTION, array() );
		$ids   = is_array( $stash ) && isset( $stash['ids'] ) && is_array( $stash['ids'] ) ? $stash['ids'] : array();
		$clean = array();
		foreach ( $ids as $id => $deleted ) {
			if ( absint( $id ) > 0 ) {
				$clean[ absint( $id ) ] = (bool) $deleted;
			}
		}
		return $clean;
	}

	/** When the next attempt may be made (0: now). */
	private static function next_try_at(): int {
		$stash = get_option( self::STASH_OPTION, array() );
		return is_array( $stash ) && isset( $stash['next_try_at'] ) ? (int) $stash['next_try_at'] : 0;
	}

	/**
	 * @param array<int, bool> $changes     Product ID => deleted.
	 * @param int              $next_try_at Unix seconds.
	 */
	private static function stash( array $changes, int $next_try_at ): void {
		update_option(
			self::STASH_OPTION,
			array(
				'ids'         => array_slice( $changes, -self::MAX_STASHED, null, true ),
				'next_try_at' => $next_try_at,
			),
			false
		);
	}

	/**
	 * Older changes first, newer ones override them.
	 *
	 * @param array<int, bool> $older Older.
	 * @param array<int, bool> $newer Newer.
	 * @return array<int, bool>
	 */
	private static function merge( array $older, array $newer ): array {
		foreach ( $newer as $id => $deleted ) {
			unset( $older[ $id ] );
			$older[ $id ] = $deleted;
		}
		return $older;
	}
}
