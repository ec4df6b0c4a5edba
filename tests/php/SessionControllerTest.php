<?php

use Aisle\Rest\SessionController;
use Aisle\Session\SessionToken;
use Aisle\Session\ShopperIdentity;
use Aisle\Settings\Defaults;
use Aisle\Settings\Settings;
use PHPUnit\Framework\TestCase;

final class SessionControllerTest extends TestCase {
	const SECRET = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

	/** @var array */
	private $cookies_set;

	protected function setUp(): void {
		wp_stub_reset();
		$this->cookies_set = array();
		update_option(
			Settings::OPTION,
			array_merge( Defaults::all(), array( 'proxy_url' => 'https://aisle.example.com', 'connection_secret' => self::SECRET ) )
		);
	}

	private function controller( array $cookies = array(), $woo = true ) {
		$set = &$this->cookies_set;
		return new SessionController(
			new Settings(),
			static function ( $secret ) use ( $cookies, &$set ) {
				return new ShopperIdentity(
					$cookies,
					static function ( $name, $value ) use ( &$set ) {
						$set[ $name ] = $value;
					},
					$secret
				);
			},
			static function () {
				return 'shop.example';
			},
			static function () use ( $woo ) {
				return $woo;
			}
		);
	}

	public function test_the_route_is_a_public_post_with_an_explicit_permission_callback() {
		$controller = $this->controller();
		$controller->register_routes();
		$route = $GLOBALS['wp_stub']['routes']['aisle/v1/session'];
		$this->assertSame( 'POST', $route['methods'] );
		$this->assertSame( array( $controller, 'permission' ), $route['permission_callback'] );
		$this->assertSame( array(), $route['args'] );
		$this->assertTrue( $controller->permission( new WP_REST_Request() ) );
	}

	public function test_an_anonymous_shopper_gets_a_token_a_cookie_and_fresh_nonces() {
		$response = $this->controller()->create_session( new WP_REST_Request() );
		$this->assertInstanceOf( WP_REST_Response::class, $response );
		$data = $response->get_data();

		$payload = SessionToken::read( $data['token'], self::SECRET );
		$this->assertSame( 'shop.example', $payload['site'] );
		$this->assertSame( 'a:' . $this->cookies_set['aisle_sid'], $payload['sid'] );
		$this->assertSame( $payload['exp'], $data['expires_at'] );
		$this->assertLessThanOrEqual( 3600, $data['expires_at'] - $payload['iat'] );
		$this->assertEqualsWithDelta( time(), $payload['iat'], 5 );
		$this->assertSame( 'anonymous', $data['session'] );
		$this->assertSame( wp_create_nonce( 'wp_rest' ), $data['nonce'] );
		$this->assertSame( wp_create_nonce( 'wc_store_api' ), $data['store_api_nonce'] );
		$this->assertFalse( $data['needs_nonce'] );
		$this->assertSame( 'no-store, private', $response->headers['Cache-Control'] );
	}

	public function test_a_signed_in_customer_gets_a_customer_session_and_no_cookie() {
		$GLOBALS['wp_stub']['user_id'] = 12;
		$data                          = $this->controller()->create_session( new WP_REST_Request() )->get_data();
		$this->assertSame( 'customer', $data['session'] );
		$this->assertStringStartsWith( 'c:', SessionToken::read( $data['token'], self::SECRET )['sid'] );
		$this->assertSame( array(), $this->cookies_set );
	}

	public function test_a_login_cookie_without_a_nonce_is_told_to_fetch_one() {
		$GLOBALS['wp_stub']['auth_cookie'] = 12;
		$_COOKIE[ LOGGED_IN_COOKIE ]       = 'admin|123|abc';
		try {
			$data = $this->controller()->create_session( new WP_REST_Request() )->get_data();
		} finally {
			unset( $_COOKIE[ LOGGED_IN_COOKIE ] );
		}
		$this->assertSame( 'anonymous', $data['session'] );
		$this->assertTrue( $data['needs_nonce'] );
	}

	public function test_without_woocommerce_there_is_no_store_api_nonce() {
		$data = $this->controller( array(), false )->create_session( new WP_REST_Request() )->get_data();
		$this->assertNull( $data['store_api_nonce'] );
	}

	public function test_an_unconfigured_site_answers_503_and_issues_nothing() {
		update_option( Settings::OPTION, array( 'connection_secret' => self::SECRET ) ); // No proxy URL.
		$error = $this->controller()->create_session( new WP_REST_Request() );
		$this->assertInstanceOf( WP_Error::class, $error );
		$this->assertSame( 'aisle_not_connected', $error->get_error_code() );
		$this->assertSame( 503, $error->get_error_data()['status'] );
		$this->assertSame( array(), $this->cookies_set );
	}
}
