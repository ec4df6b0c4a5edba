<?php
/**
 * Who a shopper is, as far as the proxy needs to know: a stable, opaque session ID.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Session;

defined( 'ABSPATH' ) || exit;

/**
 * A signed-in customer gets `c:` + an HMAC of their user ID (stable across devices,
 * so their conversation follows them, yet the proxy never learns the WordPress user
 * ID). Anyone else gets `a:` + a random ID kept in a first-party cookie; the cookie
 * is SameSite=Lax, so another site's scripts calling the session route cross-site do
 * not get this shopper's ID.
 */
final class ShopperIdentity {
	public const COOKIE          = 'aisle_sid';
	public const COOKIE_LIFETIME = 2592000; // 30 days, like a WooCommerce guest cart.

	/** @var array<string, mixed> */
	private $cookies;

	/** @var callable(string, string, int): void */
	private $set_cookie;

	/** @var string */
	private $secret;

	/**
	 * @param array<string, mixed> $cookies    Usually $_COOKIE.
	 * @param callable             $set_cookie fn( name, value, expires ).
	 * @param string               $secret     The connection secret.
	 */
	public function __construct( array $cookies, callable $set_cookie, string $secret ) {
		$this->cookies    = $cookies;
		$this->set_cookie = $set_cookie;
		$this->secret     = (string) $secret;
	}

	/**
	 * The session ID for this request.
	 *
	 * @param int $user_id The current user, 0 when signed out.
	 * @param int $now     Unix seconds.
	 */
	public function session_id( int $user_id, int $now ): string {
		if ( $user_id > 0 ) {
			return 'c:' . substr( hash_hmac( 'sha256', 'customer:' . (int) $user_id, $this->secret ), 0, 32 );
		}
		$existing = isset( $this->cookies[ self::COOKIE ] ) ? (string) $this->cookies[ self::COOKIE ] : '';
		if ( preg_match( '/^[A-Za-z0-9_-]{22,64}\z/', $existing ) ) {
			return 'a:' . $existing;
		}
		$fresh = Base64Url::random( 18 );
		call_user_func( $this->set_cookie, self::COOKIE, $fresh, (int) $now + self::COOKIE_LIFETIME );
		return 'a:' . $fresh;
	}

	/**
	 * Sets the anonymous cookie for the whole site: first-party, HTTP-only, Lax.
	 *
	 * @param string $name    Cookie name.
	 * @param string $value   Value.
	 * @param int    $expires Unix seconds.
	 */
	public static function set_cookie( string $name, string $value, int $expires ): void {
		if ( headers_sent() ) {
			return;
		}
		setcookie(
			$name,
			$value,
			array(
				'expires'  => $expires,
				'path'     => defined( 'COOKIEPATH' ) && COOKIEPATH ? COOKIEPATH : '/',
				'domain'   => defined( 'COOKIE_DOMAIN' ) && COOKIE_DOMAIN ? COOKIE_DOMAIN : '',
				'secure'   => is_ssl(),
				'httponly' => true,
				'samesite' => 'Lax',
			)
		);
	}
}
