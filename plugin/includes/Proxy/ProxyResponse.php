<?php
/**
 * What one call to the proxy gave: data, or a message a store owner can act on.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Proxy;

defined( 'ABSPATH' ) || exit;

final class ProxyResponse {
	/** @var bool */
	public $ok;

	/** @var int HTTP status, 0 when the proxy could not be reached. */
	public $status;

	/** @var array<string, mixed> Decoded JSON body (empty on failure). */
	public $data;

	/** @var string Machine code: unreachable, not_json, unauthorized, or the proxy's own error code. */
	public $code;

	/** @var string Translated, readable explanation when not ok. */
	public $message;

	/** @var array<string, string> Response headers, lower-case names (empty when unreachable). */
	public $headers;

	/**
	 * @param bool   $ok      Success.
	 * @param int    $status  HTTP status.
	 * @param array  $data    Body.
	 * @param string $code    Error code.
	 * @param string $message Error message.
	 * @param array  $headers Response headers, lower-case names.
	 */
	public function __construct( bool $ok, int $status, array $data, string $code = '', string $message = '', array $headers = array() ) {
		$this->ok      = (bool) $ok;
		$this->status  = (int) $status;
		$this->data    = $data;
		$this->code    = (string) $code;
		$this->message = (string) $message;
		$this->headers = $headers;
	}

	/**
	 * One response header ('' when absent).
	 *
	 * @param string $name Header name, any case.
	 */
	public function header( string $name ): string {
		$name = strtolower( (string) $name );
		return isset( $this->headers[ $name ] ) ? (string) $this->headers[ $name ] : '';
	}
}
