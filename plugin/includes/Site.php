<?php
/**
 * The store's site ID: how the proxy tells stores apart.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle;

defined( 'ABSPATH' ) || exit;

/**
 * Lower-case host, the port when not the default, and the path without a trailing
 * slash: `shop.example`, `shop.example/fr`, `127.0.0.1:8080`. The scheme is left out
 * so an http → https move keeps the ID. The proxy's `normalizeSiteId` does the same.
 */
final class Site {
	/**
	 * The ID of a home URL.
	 *
	 * @param string $home_url e.g. home_url().
	 */
	public static function id_from_url( string $home_url ): string {
		$parts = wp_parse_url( trim( $home_url ) );
		if ( ! is_array( $parts ) || empty( $parts['host'] ) ) {
			return '';
		}
		$scheme = isset( $parts['scheme'] ) ? strtolower( $parts['scheme'] ) : 'http';
		$host   = strtolower( $parts['host'] );
		if ( isset( $parts['port'] ) ) {
			$default = ( 'https' === $scheme ) ? 443 : 80;
			if ( (int) $parts['port'] !== $default ) {
				$host .= ':' . (int) $parts['port'];
			}
		}
		$path = isset( $parts['path'] ) ? rtrim( $parts['path'], '/' ) : '';
		return $host . $path;
	}

	/** This site's ID. */
	public static function id(): string {
		return self::id_from_url( home_url() );
	}
}
