<?php
/**
 * Shopper session tokens, checked by the proxy (proxy/src/session/token.ts).
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Session;

defined( 'ABSPATH' ) || exit;

/**
 * `base64url(JSON payload) "." base64url(HMAC-SHA256(secret, base64url(JSON payload)))`,
 * payload `{"v":1,"site":"shop.example","sid":"a:…","iat":…,"exp":…}`, plus `"uid":<user ID>` for a
 * signed-in customer (the proxy shows them their own orders). The HMAC covers the
 * exact payload text, so the proxy never re-serialises JSON. At most one hour long.
 */
final class SessionToken {
	public const VERSION     = 1;
	public const MAX_TTL     = 3600;
	public const DEFAULT_TTL = 3600;

	/**
	 * Issue a token.
	 *
	 * @param string $secret     The connection secret.
	 * @param string $site       Site ID (Aisle\Site::id()).
	 * @param string $session_id `a:<random>` or `c:<opaque>`.
	 * @param int    $now        Unix seconds.
	 * @param int    $ttl        Seconds, at most MAX_TTL.
	 * @param int    $user_id    The signed-in customer's user ID; 0 for a guest.
	 * @return array{token: string, expires_at: int}
	 */
	public static function issue( string $secret, string $site, string $session_id, int $now, int $ttl = self::DEFAULT_TTL, int $user_id = 0 ): array {
		if ( '' === (string) $secret ) {
			throw new \InvalidArgumentException( 'A session token needs the connection secret.' );
		}
		$ttl     = max( 1, min( self::MAX_TTL, (int) $ttl ) );
		$expires = (int) $now + $ttl;
		$claims  = array(
			'v'    => self::VERSION,
			'site' => (string) $site,
			'sid'  => (string) $session_id,
			'iat'  => (int) $now,
			'exp'  => $expires,
		);
		if ( $user_id > 0 ) {
			$claims['uid'] = $user_id;
		}
		$payload = Base64Url::encode( (string) wp_json_encode( $claims, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
		return array(
			'token'      => $payload . '.' . Base64Url::encode( hash_hmac( 'sha256', $payload, (string) $secret, true ) ),
			'expires_at' => $expires,
		);
	}

	/**
	 * The payload of a token whose signature is valid, else null. For tests and
	 * diagnostics: the proxy is what enforces tokens.
	 *
	 * @param string $token  Token.
	 * @param string $secret The connection secret.
	 * @return array<string, mixed>|null
	 */
	public static function read( string $token, string $secret ): ?array {
		$parts = explode( '.', (string) $token );
		if ( 2 !== count( $parts ) ) {
			return null;
		}
		$signature = Base64Url::decode( $parts[1] );
		$expected  = hash_hmac( 'sha256', $parts[0], (string) $secret, true );
		if ( null === $signature || ! hash_equals( $expected, $signature ) ) {
			return null;
		}
		$json    = Base64Url::decode( $parts[0] );
		$payload = null === $json ? null : json_decode( $json, true );
		return is_array( $payload ) ? $payload : null;
	}
}
