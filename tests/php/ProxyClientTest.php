<?php

use Aisle\Proxy\ProxyClient;
use Aisle\Proxy\RequestSigner;
use PHPUnit\Framework\TestCase;

final class ProxyClientTest extends TestCase {
	const SECRET = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

	private function client( $answer, &$calls = null ) {
		$calls = array();
		return new ProxyClient(
			'https://aisle.example.com/',
			'shop.example',
			self::SECRET,
			static function ( $url, $args ) use ( $answer, &$calls ) {
				$calls[] = array( $url, $args );
				return $answer;
			}
		);
	}

	private static function http( $status, $body ) {
		return array( 'response' => array( 'code' => $status ), 'body' => $body );
	}

	public function test_a_signed_put_carries_the_body_and_the_four_headers() {
		$response = $this->client( self::http( 200, '{"connected":true}' ), $calls )->put_config( array( 'store_url' => 'https://shop.example' ) );
		$this->assertTrue( $response->ok );
		$this->assertSame( array( 'connected' => true ), $response->data );

		list( $url, $args ) = $calls[0];
		$this->assertSame( 'https://aisle.example.com/api/admin/config', $url );
		$this->assertSame( 'PUT', $args['method'] );
		$this->assertSame( '{"store_url":"https:\/\/shop.example"}', $args['body'] );
		$this->assertSame( 0, $args['redirection'] );
		$h        = $args['headers'];
		$expected = RequestSigner::headers( 'PUT', '/api/admin/config', $args['body'], 'shop.example', self::SECRET, (int) $h['X-Aisle-Timestamp'], $h['X-Aisle-Nonce'] );
		$this->assertSame( $expected['X-Aisle-Signature'], $h['X-Aisle-Signature'] );
		$this->assertSame( 'shop.example', $h['X-Aisle-Site'] );
	}

	public function test_health_is_not_signed() {
		$this->client( self::http( 200, '{"status":"ok"}' ), $calls )->health();
		$this->assertArrayNotHasKey( 'X-Aisle-Signature', $calls[0][1]['headers'] );
	}

	public function test_a_proxy_that_is_down_gives_a_readable_message() {
		$response = $this->client( new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect' ) )->test();
		$this->assertFalse( $response->ok );
		$this->assertSame( 'unreachable', $response->code );
		$this->assertStringContainsString( 'Could not reach the proxy at https://aisle.example.com', $response->message );
		$this->assertStringContainsString( 'Failed to connect', $response->message );
	}

	/**
	 * @dataProvider garbage
	 */
	public function test_garbage_is_reported_not_thrown( $answer, $code ) {
		$response = $this->client( $answer )->status();
		$this->assertFalse( $response->ok );
		$this->assertSame( $code, $response->code );
		$this->assertNotSame( '', $response->message );
		$this->assertSame( array(), $response->data );
	}

	public function garbage() {
		return array(
			'html page'      => array( self::http( 200, '<html>Welcome to nginx</html>' ), 'not_json' ),
			'truncated json' => array( self::http( 200, '{"connected":tr' ), 'not_json' ),
			'json scalar'    => array( self::http( 200, '42' ), 'not_json' ),
			'empty 502'      => array( self::http( 502, '' ), 'not_json' ),
			'not an array'   => array( 'surprise', 'unreachable' ),
		);
	}

	public function test_a_refused_signature_names_the_secret() {
		$response = $this->client( self::http( 401, '{"error":{"code":"bad_signature","message":"The request signature is wrong."}}' ) )->test();
		$this->assertSame( 'bad_signature', $response->code );
		$this->assertStringContainsString( 'The request signature is wrong.', $response->message );
		$this->assertStringContainsString( 'connection secret', $response->message );
	}

	public function test_other_errors_carry_the_proxys_message() {
		$response = $this->client( self::http( 400, '{"error":{"code":"bad_request","message":"model: must be a model name"}}' ) )->put_config( array() );
		$this->assertSame( 'bad_request', $response->code );
		$this->assertStringContainsString( 'HTTP 400', $response->message );
		$this->assertStringContainsString( 'model: must be a model name', $response->message );
	}

	public function test_no_url_no_request() {
		$calls  = 0;
		$client = new ProxyClient( '', 'shop.example', self::SECRET, static function () use ( &$calls ) {
			$calls++;
		} );
		$this->assertSame( 'not_configured', $client->test()->code );
		$this->assertSame( 0, $calls );
	}

	public function test_the_canonical_string_matches_the_documented_layout() {
		$this->assertSame(
			"AISLE-ADMIN-V1\nGET\n/api/admin/status\n1700000000\nnonce-1234567890ab\nshop.example\n" . hash( 'sha256', '' ),
			RequestSigner::canonical( 'get', '/api/admin/status', 1700000000, 'nonce-1234567890ab', 'shop.example', '' )
		);
	}
}
