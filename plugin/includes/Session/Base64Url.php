<?php
/**
 * base64url without padding (RFC 4648 §5), as the proxy decodes it.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Session;

defined( 'ABSPATH' ) || exit;

final class Base64Url {
	/**
	 * @param string $bytes Binary string.
	 */
	public static function encode( string $bytes ): string {
		return rtrim( strtr( base64_encode( $bytes ), '+/', '-_' ), '=' ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- token encoding, not obfuscation.
	}

	/**
	 * @param string $text base64url text.
	 * @return string|null Null when the text is not base64url.
	 */
	public static function decode( string $text ): ?string {
		if ( ! preg_match( '/^[A-Za-z0-9_-]*$/', $text ) ) {
			return null;
		}
		$bytes = base64_decode( strtr( $text, '-_', '+/' ), true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- token decoding.
		return false === $bytes ? null : $bytes;
	}

	/**
	 * A random URL-safe string of `$bytes` random bytes (43 characters for 32).
	 *
	 * @param int $bytes How many random bytes.
	 */
	public static function random( int $bytes ): string {
		return self::encode( random_bytes( $bytes ) );
	}
}
