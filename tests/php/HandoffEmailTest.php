<?php

use Aisle\Rest\HandoffController;
use Aisle\Rest\RateLimiter;
use Aisle\Session\SessionToken;
use Aisle\Settings\Defaults;
use Aisle\Settings\Settings;
use PHPUnit\Framework\TestCase;

/** `POST /wp-json/aisle/v1/handoff/email`: nonce, session token, per-IP limit, transcript, wp_mail. */
final class HandoffEmailTest extends TestCase {
	const THREAD = 'thread_abcdefghijklmnop0123';

	/** @var FakeProxy */
	private $proxy;

	/** @var array */
	private $mails = array();

	/** @var bool */
	private $mail_ok = true;

	protected function setUp(): void {
		wp_stub_reset();
		$_SERVER['REMOTE_ADDR'] = '203.0.113.9';
		$this->proxy = new FakeProxy();
		$this->proxy->answers[ 'GET /api/admin/threads/' . self::THREAD . '/transcript' ] = FakeProxy::json( 200, array( 'text' => "Shopper: Is it waterproof?\n\nAssistant: I don't know." ) );
		update_option(
			Settings::OPTION,
			array_merge(
				Defaults::all(),
				array(
					'proxy_url'         => 'https://aisle.example.com',
					'connection_secret' => FakeProxy::SECRET,
					'connected_at'      => 1700000000,
					'handoff_email'     => true,
				)
			)
		);
		update_option( 'woocommerce_email_from_address', 'orders@shop.example' );
	}

	private function controller( int $limit = 5 ): HandoffController {
		return new HandoffController(
			new Settings(),
			$this->proxy->factory(),
			static function () {
				return 'shop.example';
			},
			static function () use ( $limit ) {
				return new RateLimiter( $limit, 3600 );
			},
			function ( $to, $subject, $body, $headers ) {
				$this->mails[] = compact( 'to', 'subject', 'body', 'headers' );
				return $this->mail_ok;
			}
		);
	}

	private static function request( array $params, ?string $nonce = null ): WP_REST_Request {
		$request = new WP_REST_Request( 'POST', '/aisle/v1/handoff/email' );
		foreach ( $params as $key => $value ) {
			$request->set_param( $key, $value );
		}
		$request->set_header( 'X-WP-Nonce', $nonce ?? wp_create_nonce( 'wp_rest' ) );
		return $request;
	}

	private static function params( array $overrides = array() ): array {
		$token = SessionToken::issue( FakeProxy::SECRET, 'shop.example', 'a:shopper-1', time() )['token'];
		return array_merge(
			array(
				'thread_id' => self::THREAD,
				'email'     => 'dana@example.com',
				'consent'   => true,
				'token'     => $token,
			),
			$overrides
		);
	}

	public function test_the_route_has_typed_args_and_a_nonce_check() {
		$this->controller()->register_routes();
		$route = $GLOBALS['wp_stub']['routes']['aisle/v1/handoff/email'];
		$args  = $route['args'];
		$this->assertSame( array( 'thread_id', 'email', 'consent', 'token' ), array_keys( $args ) );
		$this->assertSame( array( true ), $args['consent']['enum'] );
		$controller = $this->controller();
		$this->assertTrue( $controller->permission( self::request( array() ) ) );
		$refused = $controller->permission( self::request( array(), 'forged' ) );
		$this->assertInstanceOf( WP_Error::class, $refused );
		$this->assertSame( 403, $refused->get_error_data()['status'] );
	}

	public function test_the_conversation_goes_to_the_store_with_reply_to_the_shopper() {
		$response = $this->controller()->send( self::request( self::params() ) );
		$this->assertInstanceOf( WP_REST_Response::class, $response );
		$this->assertSame( array( 'sent' => true ), $response->get_data() );
		$call = $this->proxy->calls[0];
		$this->assertSame( 'GET /api/admin/threads/' . self::THREAD . '/transcript', $call['method'] . ' ' . $call['path'] );
		$this->assertCount( 1, $this->mails );
		$mail = $this->mails[0];
		$this->assertSame( 'orders@shop.example', $mail['to'] );
		$this->assertContains( 'Reply-To: dana@example.com', $mail['headers'] );
		$this->assertStringContainsString( 'Shopper: Is it waterproof?', $mail['body'] );
		$this->assertStringContainsString( 'dana@example.com', $mail['subject'] );
	}

	public function test_bad_input_gets_a_clear_error_and_no_mail() {
		$cases = array(
			array( self::params( array( 'consent' => false ) ), 400 ),
			array( self::params( array( 'email' => "x@y.z\r\nBcc: all@evil.example" ) ), 400 ),
			array( self::params( array( 'thread_id' => '../../api/admin/config' ) ), 400 ),
			array( self::params( array( 'token' => 'forged.token' ) ), 401 ),
			array( self::params( array( 'token' => SessionToken::issue( FakeProxy::SECRET, 'other.example', 'a:x', time() )['token'] ) ), 401 ),
			array( self::params( array( 'token' => SessionToken::issue( FakeProxy::SECRET, 'shop.example', 'a:x', time() - 7200, 60 )['token'] ) ), 401 ),
		);
		foreach ( $cases as $i => list( $params, $status ) ) {
			$result = $this->controller( 100 )->send( self::request( $params ) );
			$this->assertInstanceOf( WP_Error::class, $result, "case $i" );
			$this->assertSame( $status, $result->get_error_data()['status'], "case $i" );
		}
		$this->assertSame( array(), $this->mails );
		$this->assertSame( array(), $this->proxy->calls );
	}

	public function test_a_thread_of_another_session_is_not_found_and_a_failed_mail_says_so() {
		$this->proxy->answers[ 'GET /api/admin/threads/' . self::THREAD . '/transcript' ] = FakeProxy::json( 404, array( 'error' => array( 'code' => 'not_found', 'message' => 'No such conversation' ) ) );
		$result = $this->controller()->send( self::request( self::params() ) );
		$this->assertSame( 'aisle_no_conversation', $result->get_error_code() );
		unset( $this->proxy->answers[ 'GET /api/admin/threads/' . self::THREAD . '/transcript' ] );
		$this->proxy->answers[ 'GET /api/admin/threads/' . self::THREAD . '/transcript' ] = FakeProxy::json( 200, array( 'text' => 'x' ) );
		$this->mail_ok = false;
		$failed        = $this->controller()->send( self::request( self::params() ) );
		$this->assertSame( 502, $failed->get_error_data()['status'] );
	}

	public function test_the_limit_per_ip_and_the_owners_switch() {
		$controller = $this->controller( 2 );
		$controller->send( self::request( self::params() ) );
		$controller->send( self::request( self::params() ) );
		$limited = $controller->send( self::request( self::params() ) );
		$this->assertSame( 429, $limited->get_error_data()['status'] );
		$this->assertCount( 2, $this->mails );

		( new Settings() )->update( array( 'handoff_email' => false ) );
		$off = $this->controller()->send( self::request( self::params() ) );
		$this->assertSame( 'aisle_handoff_off', $off->get_error_code() );
	}
}
