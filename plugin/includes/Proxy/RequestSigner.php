<?php
/**
 * Signs admin API requests the way proxy/src/admin/signature.ts checks them.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Proxy;

use Aisle\Session\Base64Url;

defined( 'ABSPATH' ) || exit;

/**
 * HMAC-SHA256 with the connection secret over these lines joined by "\n":
 * `AISLE-ADMIN-V1`, the method, the path (relative to the proxy's root, with the
 * query), the timestamp, a fresh nonce, the site ID and the hex SHA-256 of the body.
 * The proxy accepts it within ±300 s, once.
 */
final class RequestSigner {
	public const VERSION = 'v1';

	/**
	 * @param string $method    HTTP method.
	 * @param string $path      e.g. /api/admin/config.
	 * @param int    $timestamp Unix seconds.
	 * @param string $nonce     Fresh random text.
	 * @param string $site      Site ID.
	 * @param string $body      Raw body ('' when none).
	 */
	public static function canonical( string $method, string $path, int $timestamp, string $nonce, string $site, string $body ): string {
		return implode(
			"\n",
			array(
				'AISLE-ADMIN-V1',
				strtoupper( $method ),
				$path,
				(string) (int) $timestamp,
				$nonce,
				$site,
				hash( 'sha256', (string) $body ),
			)
		);
	}

	/**
	 * The headers of a signed request.
	 *
	 * @param string      $method    HTTP method.
	 * @param string      $path      Path and query.
	 * @param string      $body      Raw body.
	 * @param string      $site      Site ID.
	 * @param string      $secret    Connection secret.
	 * @param int|null    $timestamp Unix seconds (now when null).
	 * @param string|null $nonce     Nonce (random when null).
	 * @return array<string, string>
	 */
	public static function headers( string $method, string $path, string $body, string $site, string $secret, ?int $timestamp = null, ?string $nonce = null ): array {
		$timestamp = null === $timestamp ? time() : (int) $timestamp;
		$nonce     = null === $nonce ? Base64Url::random( 18 ) : (string) $nonce;
		$mac       = hash_hmac( 'sha256', self::canonical( $method, $path, $timestamp, $nonce, $site, $body ), (string) $secret );
		return array(
			'X-Aisle-Site'      => $site,
			'X-Aisle-Timestamp' => (string) $timestamp,
			'X-Aisle-Nonce'     => $nonce,
			'X-Aisle-Signature' => self::VERSION . '=' . $mac,
		);
	}
}
