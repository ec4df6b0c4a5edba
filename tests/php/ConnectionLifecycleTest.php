<?php

use Aisle\Admin\Connector;
use Aisle\Admin\SettingsPage;
use Aisle\Settings\Defaults;
use Aisle\Settings\Settings;
use Aisle\Woo\ApiKeys;
use PHPUnit\Framework\TestCase;

/** Saving, connecting against a proxy that is down, and deactivation followed by re-activation. */
final class ConnectionLifecycleTest extends TestCase {
	/** @var FakeProxy */
	private $proxy;

	/** @var Fake_WPDB */
	private $db;

	protected function setUp(): void {
		wp_stub_reset();
		$this->proxy = new FakeProxy();
		$this->db    = new Fake_WPDB();
		update_option(
			Settings::OPTION,
			array_merge(
				Defaults::all(),
				array(
					'proxy_url'         => 'https://aisle.example.com',
					'connection_secret' => FakeProxy::SECRET,
					'openai_api_key'    => 'sk-' . 'test1234567890abcdefgh',
				)
			)
		);
	}

	public function connector(): Connector {
		return new Connector( new Settings(), new ApiKeys( $this->db ), $this->proxy->factory(), 'https://shop.example' );
	}

	private function form( array $changes = array() ): array {
		return array_merge(
			array(
				'proxy_url'         => 'https://aisle.example.com',
				'connection_secret' => '',
				'model'             => 'gpt-6-luna',
				'placement'         => 'product',
				'color'             => '#112233',
				'position'          => 'bottom-end',
				'woo_access'        => 'generated',
			),
			$changes
		);
	}

	public function test_save_changes_says_settings_saved_once_under_the_aisle_option() {
		$page = new SettingsPage( new Settings(), array( $this, 'connector' ) );
		$page->sanitize( $this->form() );
		$page->sanitize( $this->form() ); // add_option runs the sanitize callback a second time.
		$saved = array_values(
			array_filter(
				$GLOBALS['wp_stub']['settings_errors'],
				static function ( $e ) {
					return 'aisle-saved' === $e['code'];
				}
			)
		);
		$this->assertCount( 1, $saved );
		$this->assertSame( array( 'aisle_settings', 'Settings saved.', 'success' ), array( $saved[0]['setting'], $saved[0]['message'], $saved[0]['type'] ) );
	}

	public function test_a_form_with_errors_does_not_claim_it_was_saved() {
		$page = new SettingsPage( new Settings(), array( $this, 'connector' ) );
		$page->sanitize( $this->form( array( 'color' => 'blue' ) ) );
		$codes = array_column( $GLOBALS['wp_stub']['settings_errors'], 'code' );
		$this->assertSame( array( 'aisle-color' ), $codes );
	}

	public function test_connect_against_a_proxy_that_is_down_creates_no_key_and_says_so() {
		$this->proxy->down();
		$outcome = $this->connector()->connect( 3 );
		$this->assertFalse( $outcome['ok'] );
		$this->assertStringContainsString( 'nothing was created', $outcome['message'] );
		$this->assertStringContainsString( 'Could not reach the proxy at https://aisle.example.com', $outcome['message'] );
		$this->assertSame( array(), $this->db->rows, 'no WooCommerce key' );
		$this->assertSame( array( 'GET /api/admin/status' ), $this->proxy->paths(), 'only the signed probe was sent' );
		$s = ( new Settings() )->all();
		$this->assertSame( array( 0, '', 0 ), array( $s['woo_key_id'], $s['woo_consumer_key'], $s['connected_at'] ) );
	}

	public function test_connect_with_a_secret_the_proxy_refuses_creates_no_key() {
		$this->proxy->answers['/api/admin/status'] = FakeProxy::json( 401, array( 'error' => array( 'code' => 'bad_signature', 'message' => 'The request signature is wrong.' ) ) );
		$outcome                                   = $this->connector()->connect( 3 );
		$this->assertFalse( $outcome['ok'] );
		$this->assertStringContainsString( 'same connection secret', $outcome['message'] );
		$this->assertSame( array(), $this->db->rows );
	}

	public function test_a_key_created_for_a_push_the_proxy_refuses_is_revoked_again() {
		$this->proxy->answers['PUT /api/admin/config'] = FakeProxy::json( 400, array( 'error' => array( 'code' => 'bad_request', 'message' => 'model: bad' ) ) );
		$outcome                                       = $this->connector()->connect( 3 );
		$this->assertFalse( $outcome['ok'] );
		$this->assertSame( array( 'GET /api/admin/status', 'PUT /api/admin/config' ), $this->proxy->paths() );
		$this->assertSame( array(), $this->db->rows, 'the key the proxy never got was revoked' );
		$this->assertSame( 0, ( new Settings() )->get( 'woo_key_id' ) );
	}

	public function test_the_key_is_created_only_after_the_proxy_answered() {
		$outcome = $this->connector()->connect( 3 );
		$this->assertTrue( $outcome['ok'], $outcome['message'] );
		$this->assertSame( array( 'GET /api/admin/status', 'PUT /api/admin/config' ), $this->proxy->paths() );
		$this->assertCount( 1, $this->db->rows );
		$this->assertTrue( $this->connector()->state()['connected'] );
		$this->assertStringStartsWith( 'Connected since ', $this->connector()->state()['message'] );
	}

	public function test_after_deactivation_and_reactivation_the_screen_says_the_connection_must_be_redone() {
		$this->connector()->connect( 3 );
		$this->connector()->deactivated();
		$this->assertSame( array(), $this->db->rows, 'deactivation revoked the key' );

		$state = $this->connector()->state(); // A new request after re-activation.
		$this->assertFalse( $state['connected'] );
		$this->assertStringContainsString( 'Aisle was deactivated', $state['message'] );
		$this->assertStringNotContainsString( 'Connected since', $state['message'] );

		$this->assertTrue( $this->connector()->connect( 3 )['ok'] );
		$this->assertTrue( $this->connector()->state()['connected'], 'connecting again clears the mark' );
		$this->assertSame( '', ( new Settings() )->get( 'disconnect_reason' ) );
	}

	public function test_a_key_revoked_in_woocommerce_is_not_shown_as_connected() {
		$this->connector()->connect( 3 );
		$this->db->rows = array(); // The owner revoked it under WooCommerce → Settings → Advanced → REST API.
		$state          = $this->connector()->state();
		$this->assertFalse( $state['connected'] );
		$this->assertStringContainsString( 'was revoked', $state['message'] );
	}

	public function test_a_form_cannot_set_the_internal_disconnect_reason() {
		$page   = new SettingsPage( new Settings(), array( $this, 'connector' ) );
		$values = $page->sanitize( $this->form( array( 'disconnect_reason' => 'deactivated', 'connected_at' => 5 ) ) );
		$this->assertSame( array( '', 0 ), array( $values['disconnect_reason'], $values['connected_at'] ) );
	}
}
