<?php

use Aisle\Admin\Connector;
use Aisle\Rest\AdminController;
use Aisle\Settings\Defaults;
use Aisle\Settings\Settings;
use Aisle\Woo\ApiKeys;
use PHPUnit\Framework\TestCase;

/** The settings screen's REST routes: capability-checked, errors as WP_Error with a status. */
final class AdminControllerTest extends TestCase {
	/** @var FakeProxy */
	private $proxy;

	protected function setUp(): void {
		wp_stub_reset();
		$this->proxy = new FakeProxy();
		update_option( Settings::OPTION, array_merge( Defaults::all(), array( 'proxy_url' => 'https://aisle.example.com', 'connection_secret' => FakeProxy::SECRET, 'woo_access' => 'manual', 'woo_consumer_key' => 'ck_manual0123456789', 'woo_consumer_secret' => 'cs_manual0123456789' ) ) );
	}

	private function controller(): AdminController {
		$connector = new Connector( new Settings(), new ApiKeys( new Fake_WPDB() ), $this->proxy->factory(), 'https://shop.example' );
		return new AdminController(
			static function () use ( $connector ) {
				return $connector;
			},
			static function () {
				return 'manage_woocommerce';
			}
		);
	}

	public function test_routes_have_explicit_permission_callbacks_that_check_the_capability() {
		$controller = $this->controller();
		$controller->register_routes();
		foreach ( array( 'test' => 'POST', 'sync' => 'POST', 'sync-status' => 'GET', 'disconnect' => 'POST' ) as $route => $method ) {
			$spec = $GLOBALS['wp_stub']['routes'][ 'aisle/v1/admin/' . $route ];
			$this->assertSame( $method, $spec['methods'] );
			$this->assertSame( array( $controller, 'permission' ), $spec['permission_callback'] );
			$this->assertSame( array(), $spec['args'], 'these routes take no input' );
		}
		$this->assertFalse( $controller->permission() );
		$GLOBALS['wp_stub']['caps'] = array( 'manage_woocommerce' );
		$this->assertTrue( $controller->permission() );
	}

	public function test_sync_answers_409_when_not_connected_502_when_the_proxy_fails_and_202_when_started() {
		$error = $this->controller()->start_sync();
		$this->assertInstanceOf( WP_Error::class, $error );
		$this->assertSame( array( 'aisle_not_connected', 409 ), array( $error->get_error_code(), $error->get_error_data()['status'] ) );

		( new Settings() )->update( array( 'connected_at' => 1700000000 ) );
		$this->proxy->answers['POST /api/admin/sync'] = new WP_Error( 'http_request_failed', 'refused' );
		$error                                        = $this->controller()->start_sync();
		$this->assertSame( array( 'aisle_proxy_error', 502 ), array( $error->get_error_code(), $error->get_error_data()['status'] ) );
		$this->assertStringContainsString( 'Could not reach the proxy', $error->get_error_message() );

		$this->proxy->answers['POST /api/admin/sync'] = FakeProxy::json( 202, array( 'started' => true, 'status' => array( 'state' => 'running', 'progress' => null, 'last' => null ) ) );
		$response                                     = $this->controller()->start_sync();
		$this->assertSame( 202, $response->get_status() );
		$this->assertSame( 'Sync started.', $response->get_data()['message'] );

		$this->proxy->answers['GET /api/admin/sync/status'] = FakeProxy::json( 500, array( 'error' => array( 'code' => 'internal', 'message' => 'boom' ) ) );
		$this->assertSame( 502, $this->controller()->sync_status()->get_error_data()['status'] );
	}
}
