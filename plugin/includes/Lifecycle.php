<?php
/**
 * Activation, deactivation and uninstall.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle;

use Aisle\Admin\SettingsPage;
use Aisle\Catalog\ChangeQueue;
use Aisle\Facts\FactsQueue;
use Aisle\Insights\VisitLog;
use Aisle\Proxy\ProxyClient;
use Aisle\Session\Base64Url;
use Aisle\Settings\Settings;
use Aisle\Woo\ApiKeys;

defined( 'ABSPATH' ) || exit;

final class Lifecycle {
	/** Transients the plugin may leave behind (uninstall removes them). */
	public const TRANSIENT_PREFIX = 'aisle_';

	/** Generate the connection secret on first activation and show it once. */
	public static function activate(): void {
		$settings = new Settings();
		if ( '' === (string) $settings->get( 'connection_secret' ) ) {
			$settings->update( array( 'connection_secret' => Base64Url::random( 32 ) ) );
			set_transient( SettingsPage::REVEAL_SECRET, get_current_user_id(), DAY_IN_SECONDS );
		}
		Plugin::visit_log()->install();
	}

	/**
	 * Revoke the WooCommerce key Aisle generated and mark the connection as ended; the other
	 * settings stay for a re-activation.
	 */
	public static function deactivate(): void {
		Plugin::instance()->connector()->deactivated();
	}

	/**
	 * Remove everything: tell the proxy to forget the store (best effort, short
	 * timeout), revoke generated keys, delete the option and transients.
	 *
	 * @param \wpdb $db WordPress database.
	 */
	public static function uninstall( \wpdb $db ): void {
		$settings = new Settings();
		$s        = $settings->all();
		if ( '' !== $s['proxy_url'] && '' !== $s['connection_secret'] ) {
			$client = new ProxyClient(
				$s['proxy_url'],
				Site::id(),
				$s['connection_secret'],
				static function ( string $url, array $args ) {
					$args['timeout'] = 3;
					return wp_remote_request( $url, $args );
				}
			);
			$client->delete_config();
		}
		$keys = new ApiKeys( $db );
		if ( $s['woo_key_id'] > 0 ) {
			$keys->revoke( $s['woo_key_id'] );
		}
		$keys->revoke_all();

		delete_option( Settings::OPTION );
		ChangeQueue::forget();
		FactsQueue::forget();
		( new VisitLog( $db ) )->drop();
		$like = $db->esc_like( '_transient_' . self::TRANSIENT_PREFIX ) . '%';
		$like_timeout = $db->esc_like( '_transient_timeout_' . self::TRANSIENT_PREFIX ) . '%';
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- no API deletes transients by prefix.
		$db->query( $db->prepare( "DELETE FROM {$db->options} WHERE option_name LIKE %s OR option_name LIKE %s", $like, $like_timeout ) );
	}
}
