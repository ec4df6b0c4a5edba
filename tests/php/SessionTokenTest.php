<?php

use Aisle\Session\Base64Url;
use Aisle\Session\SessionToken;
use Aisle\Session\ShopperIdentity;
use Aisle\Site;
use PHPUnit\Framework\TestCase;

final class SessionTokenTest extends TestCase {
	const SECRET = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

	public function test_a_token_is_payload_dot_hmac_of_the_payload() {
		$issued = SessionToken::issue( self::SECRET, 'shop.example', 'a:abcdefghijklmnopqrstuv', 1000000, 600 );
		list( $payload, $signature ) = explode( '.', $issued['token'] );
		$this->assertSame( hash_hmac( 'sha256', $payload, self::SECRET, true ), Base64Url::decode( $signature ) );
		$this->assertSame(
			array( 'v' => 1, 'site' => 'shop.example', 'sid' => 'a:abcdefghijklmnopqrstuv', 'iat' => 1000000, 'exp' => 1000600 ),
			json_decode( Base64Url::decode( $payload ), true )
		);
		$this->assertSame( 1000600, $issued['expires_at'] );
		$this->assertMatchesRegularExpression( '/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/', $issued['token'] );
	}

	public function test_the_lifetime_is_capped_at_one_hour() {
		$issued = SessionToken::issue( self::SECRET, 'shop.example', 'a:abcdefghijklmnopqrstuv', 1000, 86400 );
		$this->assertSame( 1000 + 3600, $issued['expires_at'] );
	}

	public function test_read_accepts_the_right_secret_only_and_refuses_tampering() {
		$token = SessionToken::issue( self::SECRET, 'shop.example', 'c:0123456789abcdef', 1000 )['token'];
		$this->assertSame( 'c:0123456789abcdef', SessionToken::read( $token, self::SECRET )['sid'] );
		$this->assertNull( SessionToken::read( $token, self::SECRET . 'x' ) );
		list( $payload, $signature ) = explode( '.', $token );
		$forged = Base64Url::encode( str_replace( 'shop.example', 'evil.example', Base64Url::decode( $payload ) ) );
		$this->assertNull( SessionToken::read( $forged . '.' . $signature, self::SECRET ) );
	}

	public function test_no_secret_no_token() {
		$this->expectException( InvalidArgumentException::class );
		SessionToken::issue( '', 'shop.example', 'a:abcdefghijklmnopqrstuv', 1000 );
	}

	public function test_site_ids_drop_scheme_default_port_and_trailing_slash() {
		$this->assertSame( 'shop.example', Site::id_from_url( 'https://Shop.Example/' ) );
		$this->assertSame( 'shop.example', Site::id_from_url( 'https://shop.example:443' ) );
		$this->assertSame( '127.0.0.1:8080/fr', Site::id_from_url( 'http://127.0.0.1:8080/fr/' ) );
		$this->assertSame( '', Site::id_from_url( 'not a url' ) );
	}

	public function test_anonymous_shoppers_get_a_random_cookie_id_kept_across_requests() {
		$set      = array();
		$identity = new ShopperIdentity(
			array(),
			static function ( $name, $value, $expires ) use ( &$set ) {
				$set[] = array( $name, $value, $expires );
			},
			self::SECRET
		);
		$sid = $identity->session_id( 0, 1000 );
		$this->assertMatchesRegularExpression( '/^a:[A-Za-z0-9_-]{22,64}$/', $sid );
		$this->assertCount( 1, $set );
		$this->assertSame( array( 'aisle_sid', substr( $sid, 2 ), 1000 + ShopperIdentity::COOKIE_LIFETIME ), $set[0] );

		$again = new ShopperIdentity( array( 'aisle_sid' => substr( $sid, 2 ) ), static function () {
			throw new RuntimeException( 'must not set a cookie again' );
		}, self::SECRET );
		$this->assertSame( $sid, $again->session_id( 0, 2000 ) );
	}

	public function test_a_forged_cookie_value_is_replaced() {
		$set      = 0;
		$identity = new ShopperIdentity( array( 'aisle_sid' => 'x"; evil' ), static function () use ( &$set ) {
			$set++;
		}, self::SECRET );
		$this->assertMatchesRegularExpression( '/^a:[A-Za-z0-9_-]{22,64}$/', $identity->session_id( 0, 1 ) );
		$this->assertSame( 1, $set );
	}

	public function test_customers_get_an_opaque_stable_id_without_their_user_id() {
		$identity = new ShopperIdentity( array(), static function () {}, self::SECRET );
		$sid      = $identity->session_id( 7, 1 );
		$this->assertMatchesRegularExpression( '/^c:[0-9a-f]{32}$/', $sid );
		$this->assertSame( $sid, $identity->session_id( 7, 999 ) );
		$this->assertNotSame( $sid, $identity->session_id( 8, 1 ) );
	}
}
