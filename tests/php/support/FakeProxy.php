<?php
/**
 * A proxy stand-in for the plugin's ProxyClient: answers per path, records every request.
 */

use Aisle\Proxy\ProxyClient;

final class FakeProxy {
	const SECRET = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

	/** @var array<int, array{method: string, path: string, body: array|null, headers: array}> */
	public $calls = array();

	/** @var array<string, array|WP_Error> "METHOD /path" or "/path" => transport answer. */
	public $answers = array();

	/** A transport like wp_remote_request. */
	public function transport(): callable {
		return function ( $url, $args ) {
			$path          = (string) parse_url( $url, PHP_URL_PATH );
			$this->calls[] = array(
				'method'  => $args['method'],
				'path'    => $path,
				'body'    => null === $args['body'] ? null : json_decode( $args['body'], true ),
				'headers' => $args['headers'],
				'timeout' => $args['timeout'],
			);
			foreach ( array( $args['method'] . ' ' . $path, $path ) as $key ) {
				if ( isset( $this->answers[ $key ] ) ) {
					return $this->answers[ $key ];
				}
			}
			return self::json( 200, array( 'connected' => true, 'config' => array( 'missing' => array() ) ), array( 'Access-Control-Allow-Origin' => 'https://shop.example' ) );
		};
	}

	/** fn( settings ) => ProxyClient, as the Connector takes it. */
	public function factory(): callable {
		return function ( array $s ) {
			return new ProxyClient( $s['proxy_url'], 'shop.example', $s['connection_secret'], $this->transport() );
		};
	}

	/** The proxy cannot be reached at all. */
	public function down(): void {
		$this->answers['/api/admin/status'] = new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect' );
		$this->answers['/api/admin/config'] = new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect' );
		$this->answers['/api/health']       = new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect' );
	}

	public static function json( int $status, array $body, array $headers = array() ): array {
		return array(
			'response' => array( 'code' => $status ),
			'headers'  => $headers,
			'body'     => json_encode( $body ),
		);
	}

	/** Paths called, as "METHOD /path". */
	public function paths(): array {
		return array_map(
			static function ( $call ) {
				return $call['method'] . ' ' . $call['path'];
			},
			$this->calls
		);
	}
}
