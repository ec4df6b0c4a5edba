<?php
/**
 * The one option, `aisle_settings`: read (sanitized on read) and written.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Settings;

defined( 'ABSPATH' ) || exit;

final class Settings {
	public const OPTION = 'aisle_settings';

	/**
	 * Set while the plugin itself writes, so the sanitize callback accepts internal fields.
	 *
	 * @var bool
	 */
	private static $internal_write = false;

	/** @var Sanitizer */
	private $sanitizer;

	public function __construct( ?Sanitizer $sanitizer = null ) {
		$this->sanitizer = $sanitizer ? $sanitizer : new Sanitizer();
	}

	/**
	 * The settings, every key present and valid: whatever is stored (an old version,
	 * a hand-edited database) is sanitized on the way out, invalid values fall back
	 * to defaults.
	 *
	 * @return array<string, mixed>
	 */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		return $this->sanitizer->sanitize( is_array( $stored ) ? $stored : array(), Defaults::all(), true )->values;
	}

	/**
	 * One setting.
	 *
	 * @param string $key Key of Defaults::all().
	 */
	public function get( string $key ) {
		$all = $this->all();
		return array_key_exists( $key, $all ) ? $all[ $key ] : null;
	}

	/**
	 * Write values from the plugin itself (Connect, key creation, activation). It goes
	 * through the same sanitize callback as the form, with internal fields allowed.
	 *
	 * @param array<string, mixed> $changes Keys to change.
	 */
	public function update( array $changes ): void {
		self::$internal_write = true;
		try {
			update_option( self::OPTION, array_merge( $this->all(), $changes ), false );
		} finally {
			self::$internal_write = false;
		}
	}

	/** Whether the current write comes from the plugin rather than the form. */
	public static function is_internal_write(): bool {
		return self::$internal_write;
	}

	/**
	 * Sanitize a write against the stored value.
	 *
	 * @param mixed $input Submitted.
	 */
	public function sanitize( $input ): SanitizeResult {
		return $this->sanitizer->sanitize( $input, $this->all(), self::$internal_write );
	}

	/** Whether the proxy URL and the secret are set. */
	public function is_configured(): bool {
		$all = $this->all();
		return '' !== $all['proxy_url'] && '' !== $all['connection_secret'];
	}

	/**
	 * `sk-…abcd`: how a secret is shown back; never the whole value.
	 *
	 * @param string $secret Secret.
	 */
	public static function mask( string $secret ): string {
		if ( '' === $secret ) {
			return '';
		}
		if ( strlen( $secret ) < 12 ) {
			return '…';
		}
		$prefix = preg_match( '/^(sk-|ck_|cs_)/', $secret, $m ) ? $m[1] : '';
		return $prefix . '…' . substr( $secret, -4 );
	}
}
