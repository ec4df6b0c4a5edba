<?php

use Aisle\Admin\Connector;
use Aisle\Admin\SyncStatusView;
use Aisle\Frontend\ScriptCompat;
use Aisle\Proxy\ProxyClient;
use Aisle\Settings\Defaults;
use Aisle\Settings\Settings;
use Aisle\Woo\ApiKeys;
use PHPUnit\Framework\TestCase;

final class ConnectorTest extends TestCase {
	const SECRET = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

	/** @var array */
	private $calls;

	/** @var array<string, array> Path => transport answer. */
	private $answers;

	/** @var Fake_WPDB */
	private $db;

	protected function setUp(): void {
		wp_stub_reset();
		$this->calls   = array();
		$this->answers = array();
		$this->db      = new Fake_WPDB();
		update_option(
			Settings::OPTION,
			array_merge(
				Defaults::all(),
				array(
					'proxy_url'         => 'https://aisle.example.com',
					'connection_secret' => self::SECRET,
					// A fake key, split so that no key-like literal is committed.
					'openai_api_key'    => 'sk-' . 'test1234567890abcdefgh',
				)
			)
		);
	}

	private function connector( $woo = true ) {
		$calls   = &$this->calls;
		$answers = &$this->answers;
		return new Connector(
			new Settings(),
			$woo ? new ApiKeys( $this->db ) : null,
			static function ( array $s ) use ( &$calls, &$answers ) {
				return new ProxyClient(
					$s['proxy_url'],
					'shop.example',
					$s['connection_secret'],
					static function ( $url, $args ) use ( &$calls, &$answers ) {
						$calls[] = array( $args['method'], $url, $args['body'], $args['headers'] );
						$path    = (string) parse_url( $url, PHP_URL_PATH );
						return isset( $answers[ $path ] ) ? $answers[ $path ] : array(
							'response' => array( 'code' => 200 ),
							'headers'  => array( 'Access-Control-Allow-Origin' => 'https://shop.example' ),
							'body'     => '{"connected":true,"config":{"missing":[]}}',
						);
					}
				);
			},
			'https://shop.example'
		);
	}

	public function test_connect_creates_one_read_only_key_and_pushes_everything() {
		$outcome = $this->connector()->connect( 3 );
		$this->assertTrue( $outcome['ok'], $outcome['message'] );

		$this->assertCount( 1, $this->db->rows );
		$row = array_values( $this->db->rows )[0];
		$this->assertSame( 'wp_woocommerce_api_keys', $row['table'] );
		$this->assertSame( 'read', $row['permissions'] );
		$this->assertSame( 3, $row['user_id'] );
		$this->assertSame( ApiKeys::DESCRIPTION, $row['description'] );

		$s = ( new Settings() )->all();
		$this->assertSame( wc_api_hash( $s['woo_consumer_key'] ), $row['consumer_key'], 'only the hash of the consumer key is stored' );
		$this->assertSame( $s['woo_consumer_secret'], $row['consumer_secret'] );
		$this->assertSame( substr( $s['woo_consumer_key'], -7 ), $row['truncated_key'] );
		$this->assertGreaterThan( 0, $s['connected_at'] );

		$this->assertSame( array( 'GET', 'https://aisle.example.com/api/admin/status' ), array_slice( $this->calls[0], 0, 2 ), 'a signed probe first' );
		list( $method, $url, $body ) = $this->calls[1];
		$this->assertSame( array( 'PUT', 'https://aisle.example.com/api/admin/config' ), array( $method, $url ) );
		$pushed = json_decode( $body, true );
		$this->assertSame( 'https://shop.example', $pushed['store_url'] );
		$this->assertSame( 'sk-' . 'test1234567890abcdefgh', $pushed['openai_api_key'] );
		$this->assertSame( array( 'consumer_key' => $s['woo_consumer_key'], 'consumer_secret' => $s['woo_consumer_secret'] ), $pushed['woo'] );
		$this->assertSame( 'gpt-6-luna', $pushed['model'] );
		$this->assertArrayNotHasKey( 'instructions', $pushed, 'empty instructions leave the proxy on its built-in ones' );

		$this->connector()->connect( 3 );
		$this->assertCount( 1, $this->db->rows, 'a second Connect reuses the key' );
	}

	public function test_a_plain_save_on_a_connected_store_pushes_the_saved_settings_and_creates_no_key() {
		$this->assertNull( $this->connector()->push_saved(), 'not connected: nothing to update' );
		$this->assertSame( array(), $this->calls );

		$this->connector()->connect( 3 );
		( new Settings() )->update( array( 'model' => 'gpt-6-sol' ) );
		$this->calls = array();
		$outcome     = $this->connector()->push_saved();
		$this->assertSame( array( 'ok' => true, 'message' => 'The proxy has the new settings.' ), $outcome );
		$this->assertCount( 1, $this->calls );
		list( $method, $url, $body ) = $this->calls[0];
		$this->assertSame( array( 'PUT', 'https://aisle.example.com/api/admin/config' ), array( $method, $url ) );
		$pushed = json_decode( $body, true );
		$this->assertSame( 'gpt-6-sol', $pushed['model'] );
		$s = ( new Settings() )->all();
		$this->assertSame( array( 'consumer_key' => $s['woo_consumer_key'], 'consumer_secret' => $s['woo_consumer_secret'] ), $pushed['woo'] );
		$this->assertCount( 1, $this->db->rows, 'the key Connect created, no other' );

		$this->answers['/api/admin/config'] = array( 'response' => array( 'code' => 401 ), 'body' => '{"error":{"code":"bad_signature","message":"Wrong secret."}}' );
		$refused                            = $this->connector()->push_saved();
		$this->assertFalse( $refused['ok'] );
		$this->assertStringContainsString( 'Wrong secret.', $refused['message'] );
		$this->assertGreaterThan( 0, ( new Settings() )->get( 'connected_at' ), 'a refused update does not disconnect the store' );
	}

	public function test_disconnect_revokes_the_generated_key_and_tells_the_proxy() {
		$this->connector()->connect( 3 );
		$outcome = $this->connector()->disconnect();
		$this->assertTrue( $outcome['ok'] );
		$this->assertCount( 0, $this->db->rows );
		$this->assertSame( 'DELETE', end( $this->calls )[0] );
		$s = ( new Settings() )->all();
		$this->assertSame( array( 0, '', '', 0 ), array( $s['woo_key_id'], $s['woo_consumer_key'], $s['woo_consumer_secret'], $s['connected_at'] ) );
	}

	public function test_revoking_never_touches_keys_aisle_did_not_create() {
		$this->db->insert( 'wp_woocommerce_api_keys', array( 'description' => 'Accounting app', 'permissions' => 'read_write' ) );
		( new Settings() )->update( array( 'woo_key_id' => 1 ) );
		$this->connector()->revoke_generated_key();
		$this->assertCount( 1, $this->db->rows );
	}

	public function test_a_refusing_proxy_leaves_the_store_unconnected_with_words() {
		$this->answers['/api/admin/config'] = array( 'response' => array( 'code' => 401 ), 'body' => '{"error":{"code":"bad_signature","message":"Wrong secret."}}' );
		$outcome                            = $this->connector()->connect( 3 );
		$this->assertFalse( $outcome['ok'] );
		$this->assertStringContainsString( 'Wrong secret.', $outcome['message'] );
		$this->assertSame( 0, ( new Settings() )->get( 'connected_at' ) );
	}

	public function test_manual_keys_are_required_in_manual_mode() {
		( new Settings() )->update( array( 'woo_access' => 'manual' ) );
		$outcome = $this->connector()->connect( 3 );
		$this->assertFalse( $outcome['ok'] );
		$this->assertSame( array(), $this->calls );
	}

	public function test_without_woocommerce_connect_pushes_no_keys() {
		$outcome = $this->connector( false )->connect( 3 );
		$this->assertTrue( $outcome['ok'] );
		$this->assertNull( json_decode( $this->calls[1][2], true )['woo'] );
	}

	public function test_without_woocommerce_manual_keys_typed_in_are_still_pushed() {
		( new Settings() )->update(
			array(
				'woo_access'          => 'manual',
				'woo_consumer_key'    => 'ck_manual0123456789abcdef',
				'woo_consumer_secret' => 'cs_manual0123456789abcdef',
			)
		);
		$outcome = $this->connector( false )->connect( 3 );
		$this->assertTrue( $outcome['ok'], $outcome['message'] );
		$this->assertSame(
			array( 'consumer_key' => 'ck_manual0123456789abcdef', 'consumer_secret' => 'cs_manual0123456789abcdef' ),
			json_decode( $this->calls[1][2], true )['woo']
		);
	}

	public function test_test_connection_explains_a_down_proxy_in_words() {
		$this->answers['/api/health'] = new WP_Error( 'http_request_failed', 'Connection refused' );
		$result                       = $this->connector()->test();
		$this->assertFalse( $result['ok'] );
		$this->assertCount( 1, $result['lines'] );
		$this->assertStringContainsString( 'Connection refused', $result['lines'][0]['text'] );
	}

	public function test_test_connection_lists_the_proxys_checks() {
		$this->answers['/api/admin/test'] = array(
			'response' => array( 'code' => 200 ),
			'body'     => '{"ok":false,"connected":true,"checks":[{"name":"signature","ok":true,"message":"x"},{"name":"openai","ok":false,"message":"The OpenAI key was refused."}]}',
		);
		$result = $this->connector()->test();
		$this->assertFalse( $result['ok'] );
		$texts = array_column( $result['lines'], 'text' );
		$this->assertContains( 'The OpenAI key was refused.', $texts );
		$this->assertTrue( $result['lines'][2]['ok'], 'the signature line' );
	}

	public function test_a_proxy_whose_environment_lacks_keys_is_still_running_and_the_stores_own_gaps_are_named() {
		$this->answers['/api/health']     = array(
			'response' => array( 'code' => 503 ),
			'headers'  => array( 'access-control-allow-origin' => 'https://shop.example' ),
			'body'     => '{"status":"not_ready","environment":"missing_variables","missing_vars":["OPENAI_API_KEY"],"version":"0.1.0"}',
		);
		$this->answers['/api/admin/test'] = array(
			'response' => array( 'code' => 200 ),
			'body'     => '{"ok":true,"connected":true,"config":{"missing":["woo"]},"checks":[{"name":"signature","ok":true,"message":"x"}]}',
		);
		$result = $this->connector()->test();
		$this->assertSame( array( true, true, true, false ), array_column( $result['lines'], 'ok' ) );
		$this->assertStringContainsString( 'is running', $result['lines'][0]['text'] );
		$this->assertSame( 'Connected, but the proxy still misses: woo.', $result['lines'][3]['text'] );
		$this->assertFalse( $result['ok'] );

		$this->answers['/api/health'] = array( 'response' => array( 'code' => 503 ), 'body' => '{"error":"maintenance"}' );
		$this->assertFalse( $this->connector()->test()['lines'][0]['ok'], 'a 503 that is no Aisle health report is a problem' );
	}

	public function test_test_connection_says_when_the_proxy_refuses_this_sites_pages() {
		$calls = &$this->calls;
		$this->answers['/api/health'] = array(
			'response' => array( 'code' => 200 ),
			'headers'  => array( 'vary' => 'Origin' ), // cors() refused the origin: no Allow-Origin header.
			'body'     => '{"status":"healthy","version":"0.1.0"}',
		);
		$result = $this->connector()->test();
		$this->assertFalse( $result['ok'] );
		$this->assertFalse( $result['lines'][1]['ok'] );
		$this->assertStringContainsString( 'Add https://shop.example to AISLE_ALLOWED_ORIGINS', $result['lines'][1]['text'] );

		$this->answers['/api/health']['headers'] = array( 'Access-Control-Allow-Origin' => '*' );
		$this->assertTrue( $this->connector()->test()['lines'][1]['ok'], 'an open proxy allows every origin' );
		$this->assertSame( array( 'GET', 'https://shop.example' ), array( $calls[0][0], $calls[0][3]['Origin'] ), 'health is asked as a browser on this site would' );
	}

	public function test_sync_progress_becomes_a_percentage_and_words() {
		$view = SyncStatusView::from_proxy( array( 'state' => 'running', 'progress' => array( 'done' => 25, 'total' => 200 ), 'last' => null ) );
		$this->assertSame( 12, $view['percent'] );
		$this->assertStringContainsString( '25 of 200 parts done', $view['text'] );
		$this->assertStringNotContainsString( 'products', $view['text'], 'done/total count pages or files, not products' );
		$starting = SyncStatusView::from_proxy( array( 'state' => 'running', 'progress' => array( 'done' => 0, 'total' => null ), 'last' => null ) );
		$this->assertSame( array( null, 'Syncing the catalog…' ), array( $starting['percent'], $starting['text'] ) );
	}

	public function test_sync_progress_names_the_step_when_the_proxy_sends_the_phase() {
		$running = static function ( array $progress ) {
			return SyncStatusView::from_proxy( array( 'state' => 'running', 'progress' => $progress, 'last' => null ) );
		};
		$reading = $running( array( 'done' => 2, 'total' => 5, 'phase' => 'reading', 'pages_read' => 2, 'pages_total' => 5, 'products_read' => 200 ) );
		$this->assertSame( array( 40, "Reading the store's products: page 2 of 5, 200 products so far…" ), array( $reading['percent'], $reading['text'] ) );
		$first = $running( array( 'done' => 0, 'total' => null, 'phase' => 'reading', 'pages_read' => 0, 'pages_total' => null, 'products_read' => 0 ) );
		$this->assertSame( "Reading the store's products: 0 so far…", $first['text'] );
		$uploading = $running( array( 'done' => 1, 'total' => 3, 'phase' => 'uploading', 'shards_uploaded' => 1, 'shards_to_upload' => 3 ) );
		$this->assertSame( 'Uploading the catalog to OpenAI: file 1 of 3…', $uploading['text'] );
		$this->assertSame( 'Starting the sync…', $running( array( 'done' => 0, 'total' => null, 'phase' => 'starting' ) )['text'] );
		$this->assertSame( 'Switching the assistant to the new catalog…', $running( array( 'done' => 3, 'total' => 3, 'phase' => 'swapping' ) )['text'] );
		$this->assertSame( 'Syncing the catalog: 1 of 4 parts done…', $running( array( 'done' => 1, 'total' => 4, 'phase' => 'something-new' ) )['text'] );

		$done = SyncStatusView::from_proxy( array( 'state' => 'failed', 'progress' => null, 'last' => array( 'ok' => false, 'finished_at' => '2026-11-25T10:00:00Z', 'message' => 'WooCommerce answered 401' ) ) );
		$this->assertNull( $done['percent'] );
		$this->assertStringContainsString( 'failed: WooCommerce answered 401', $done['last'] );
		$this->assertStringContainsString( '2026-11-25 10:00', $done['last'] );
	}

	public function test_the_jsx_runtime_shim_is_registered_only_when_needed() {
		$this->assertFalse( ScriptCompat::ensure_jsx_runtime( array( 'react', 'wp-element' ), 'https://x/shim.js' ) );
		$this->assertTrue( ScriptCompat::ensure_jsx_runtime( array( 'react', 'react-jsx-runtime' ), 'https://x/shim.js' ) );
		$this->assertSame( array( 'react' ), $GLOBALS['wp_stub']['registered']['react-jsx-runtime']['deps'] );
		$this->assertFalse( ScriptCompat::ensure_jsx_runtime( array( 'react-jsx-runtime' ), 'https://x/shim.js' ), 'WordPress 6.6+ already has it' );
	}
}
