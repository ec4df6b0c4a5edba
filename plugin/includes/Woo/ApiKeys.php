<?php
/**
 * Read-only WooCommerce REST keys for the proxy, in WooCommerce's own table.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Woo;

defined( 'ABSPATH' ) || exit;

/**
 * Creates keys the way WooCommerce's own "Add key" screen does: the consumer key is
 * stored only as `wc_api_hash()` of itself, the secret in clear, the last 7
 * characters for display; permissions `read`. The key shows under WooCommerce →
 * Settings → Advanced → REST API as "Aisle (read-only)", where it can be revoked too.
 */
final class ApiKeys {
	public const DESCRIPTION = 'Aisle (read-only)';

	/** @var \wpdb */
	private $db;

	/**
	 * @param \wpdb $db WordPress database.
	 */
	public function __construct( \wpdb $db ) {
		$this->db = $db;
	}

	private function table(): string {
		return $this->db->prefix . 'woocommerce_api_keys';
	}

	/**
	 * A 40-hex-character random hash, like wc_rand_hash().
	 */
	private static function rand_hash(): string {
		return function_exists( 'wc_rand_hash' ) ? wc_rand_hash() : bin2hex( random_bytes( 20 ) );
	}

	/**
	 * Create a read-only key for a user who can read the catalog.
	 *
	 * @param int $user_id The key acts as this user.
	 * @return array{key_id: int, consumer_key: string, consumer_secret: string}|null Null when the insert failed.
	 */
	public function create( int $user_id ): ?array {
		$consumer_key    = 'ck_' . self::rand_hash();
		$consumer_secret = 'cs_' . self::rand_hash();
		$inserted        = $this->db->insert(
			$this->table(),
			array(
				'user_id'         => (int) $user_id,
				'description'     => self::DESCRIPTION,
				'permissions'     => 'read',
				'consumer_key'    => wc_api_hash( $consumer_key ),
				'consumer_secret' => $consumer_secret,
				'truncated_key'   => substr( $consumer_key, -7 ),
			),
			array( '%d', '%s', '%s', '%s', '%s', '%s' )
		);
		if ( ! $inserted ) {
			return null;
		}
		return array(
			'key_id'          => (int) $this->db->insert_id,
			'consumer_key'    => $consumer_key,
			'consumer_secret' => $consumer_secret,
		);
	}

	/**
	 * Whether a key this plugin created still exists (it may have been revoked in WooCommerce).
	 *
	 * @param int $key_id Key ID.
	 */
	public function exists( int $key_id ): bool {
		if ( $key_id <= 0 ) {
			return false;
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- WooCommerce's own table, no API to read one key.
		$found = $this->db->get_var( $this->db->prepare( "SELECT key_id FROM {$this->table()} WHERE key_id = %d AND description = %s", $key_id, self::DESCRIPTION ) );
		return null !== $found;
	}

	/**
	 * Revoke one key this plugin created. Only keys with its description are touched,
	 * so a stray key ID can never delete someone else's key.
	 *
	 * @param int $key_id Key ID.
	 */
	public function revoke( int $key_id ): bool {
		if ( $key_id <= 0 ) {
			return false;
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		return (bool) $this->db->delete( $this->table(), array( 'key_id' => (int) $key_id, 'description' => self::DESCRIPTION ), array( '%d', '%s' ) );
	}

	/** Revoke every key this plugin created (uninstall). Safe when WooCommerce's table is gone. */
	public function revoke_all(): int {
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$table_exists = $this->db->get_var( $this->db->prepare( 'SHOW TABLES LIKE %s', $this->db->esc_like( $this->table() ) ) );
		if ( null === $table_exists ) {
			return 0;
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		return (int) $this->db->delete( $this->table(), array( 'description' => self::DESCRIPTION ), array( '%s' ) );
	}
}
