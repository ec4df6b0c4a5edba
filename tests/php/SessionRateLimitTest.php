<?php

use Aisle\Rest\RateLimiter;
use Aisle\Rest\SessionController;
use Aisle\Session\ShopperIdentity;
use Aisle\Settings\Defaults;
use Aisle\Settings\Settings;
use PHPUnit\Framework\TestCase;

/** Session minting is limited per client IP: 30 per 10 minutes, then 429 with Retry-After. */
final class SessionRateLimitTest extends TestCase {
	/** @var int */
	private $now = 1800000000; // A multiple of 600: a window starts here.

	/** @var string */
	private $ip = '203.0.113.7';

	protected function setUp(): void {
		wp_stub_reset();
		update_option( Settings::OPTION, array_merge( Defaults::all(), array( 'proxy_url' => 'https://aisle.example.com', 'connection_secret' => FakeProxy::SECRET ) ) );
	}

	private function controller(): SessionController {
		$now = &$this->now;
		$ip  = &$this->ip;
		return new SessionController(
			new Settings(),
			static function ( $secret ) {
				return new ShopperIdentity( array(), static function () {}, $secret );
			},
			static function () {
				return 'shop.example';
			},
			static function () {
				return true;
			},
			static function () use ( &$now ) {
				return new RateLimiter( SessionController::RATE_LIMIT, SessionController::RATE_WINDOW, static function () use ( &$now ) {
					return $now;
				} );
			},
			static function () use ( &$ip ) {
				return $ip;
			}
		);
	}

	private function mint() {
		return $this->controller()->create_session( new WP_REST_Request( 'POST', '/aisle/v1/session' ) );
	}

	/** @dataProvider storages */
	public function test_the_31st_session_in_ten_minutes_gets_429_and_retry_after( bool $object_cache ) {
		$GLOBALS['wp_stub']['object_cache_on'] = $object_cache;
		for ( $i = 1; $i <= 30; $i++ ) {
			$this->assertInstanceOf( WP_REST_Response::class, $this->mint(), "session $i" );
		}
		$this->now += 100;
		$error = $this->mint();
		$this->assertInstanceOf( WP_Error::class, $error );
		$this->assertSame( 'aisle_rate_limited', $error->get_error_code() );
		$this->assertSame( array( 'status' => 429, 'retry_after' => 500 ), $error->get_error_data() );

		// What WordPress sends: the error as a response, which the rest_post_dispatch filter completes.
		$response = new WP_REST_Response( array( 'code' => $error->get_error_code(), 'message' => $error->get_error_message(), 'data' => $error->get_error_data() ), 429 );
		$this->controller()->add_retry_after( $response, null, new WP_REST_Request( 'POST', '/aisle/v1/session' ) );
		$this->assertSame( '500', $response->headers['Retry-After'] );

		$this->ip = '203.0.113.8';
		$this->assertInstanceOf( WP_REST_Response::class, $this->mint(), 'another address is not affected' );

		$this->ip   = '203.0.113.7';
		$this->now += 500;
		$this->assertInstanceOf( WP_REST_Response::class, $this->mint(), 'a new window' );
		$this->assertSame( $object_cache, ! empty( $GLOBALS['wp_stub']['cache'] ), 'the counter lives where the site keeps its cache' );
	}

	public function storages(): array {
		return array(
			'transients'   => array( false ),
			'object cache' => array( true ),
		);
	}

	public function test_retry_after_is_added_only_to_this_routes_429() {
		$other = new WP_REST_Response( array( 'code' => 'aisle_rate_limited', 'data' => array( 'status' => 429, 'retry_after' => 9 ) ), 429 );
		$this->controller()->add_retry_after( $other, null, new WP_REST_Request( 'POST', '/wc/store/v1/cart' ) );
		$this->assertArrayNotHasKey( 'Retry-After', $other->headers );
		$ok = new WP_REST_Response( array( 'token' => 'x' ), 200 );
		$this->assertSame( $ok, $this->controller()->add_retry_after( $ok, null, new WP_REST_Request( 'POST', '/aisle/v1/session' ) ) );
		$this->assertArrayNotHasKey( 'Retry-After', $ok->headers );
	}

	public function test_the_client_ip_is_remote_addr_unless_a_filter_says_otherwise() {
		$_SERVER['REMOTE_ADDR'] = '198.51.100.4';
		try {
			$this->assertSame( '198.51.100.4', SessionController::client_ip() );
			$GLOBALS['wp_stub']['filters']['aisle_session_client_ip'] = static function () {
				return 'not an ip';
			};
			$this->assertSame( 'unknown', SessionController::client_ip() );
		} finally {
			unset( $_SERVER['REMOTE_ADDR'] );
		}
	}

	public function test_a_zero_limit_turns_it_off() {
		$limiter = new RateLimiter( 0, 600 );
		for ( $i = 0; $i < 100; $i++ ) {
			$this->assertSame( 0, $limiter->hit( 'x' ) );
		}
	}
}
