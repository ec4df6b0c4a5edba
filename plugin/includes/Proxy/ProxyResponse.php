<?php
/**
 * What one call to the proxy gave: data, or a message a store owner can act on.
 *
 * @package Aisle
 */

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

	/**
	 * @param bool   $ok      Success.
	 * @param int    $status  HTTP status.
	 * @param array  $data    Body.
	 * @param string $code    Error code.
	 * @param string $message Error message.
	 */
	public function __construct( $ok, $status, array $data, $code = '', $message = '' ) {
		$this->ok      = (bool) $ok;
		$this->status  = (int) $status;
		$this->data    = $data;
		$this->code    = (string) $code;
		$this->message = (string) $message;
	}
}
