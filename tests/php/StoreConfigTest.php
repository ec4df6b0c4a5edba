<?php

use Aisle\Admin\Connector;
use Aisle\Admin\StatusView;
use Aisle\Proxy\ConfigBody;
use Aisle\Settings\Defaults;
use Aisle\Settings\Sanitizer;
use Aisle\Settings\Settings;
use Aisle\Woo\ApiKeys;
use Aisle\Woo\StoreSettings;
use PHPUnit\Framework\TestCase;

/** Contract A (store + controls pushed on Connect and before each sync) and D (the status the screen shows). */
final class StoreConfigTest extends TestCase {
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

	private function connector(): Connector {
		return new Connector(
			new Settings(),
			new ApiKeys( $this->db ),
			$this->proxy->factory(),
			'https://shop.example',
			static function () {
				return StoreSettings::from_woocommerce();
			}
		);
	}

	public function test_the_store_block_is_read_from_woocommerce_with_the_symbol_as_a_character() {
		update_option( 'woocommerce_currency_pos', 'right_space' );
		$GLOBALS['wp_stub']['locale'] = 'he_IL';
		$this->assertSame(
			array(
				'currency'           => 'ILS',
				'currency_symbol'    => '₪',
				'currency_position'  => 'right_space',
				'decimals'           => 2,
				'decimal_separator'  => '.',
				'thousand_separator' => ',',
				'language'           => 'he_IL',
			),
			StoreSettings::from_woocommerce()
		);
		$this->assertNull( StoreSettings::read(), 'without WooCommerce there is no store block' );
	}

	public function test_the_widget_writes_prices_as_the_store_does() {
		$format = StoreSettings::price_format( StoreSettings::from_woocommerce() );
		$this->assertSame( '₪', $format['symbol'] );
		$this->assertContains( $format['position'], StoreSettings::POSITIONS );
		$this->assertSame( array( 'symbol', 'position', 'decimals', 'decimalSeparator', 'thousandSeparator' ), array_keys( $format ) );
		$this->assertNull( StoreSettings::price_format( null ), 'without WooCommerce the shopper locale decides' );
	}

	public function test_odd_store_values_become_sane_ones() {
		$clean = StoreSettings::clean( array( 'currency' => 'shekel', 'currency_position' => 'middle', 'decimals' => 40, 'language' => '<x>' ) );
		$this->assertSame( array( 'USD', 'left', 8, 'en_US' ), array( $clean['currency'], $clean['currency_position'], $clean['decimals'], $clean['language'] ) );
	}

	public function test_connect_pushes_the_store_block_and_the_owners_controls() {
		( new Settings() )->update( array( 'daily_token_cap' => 500000, 'moderation' => true, 'rate_session_per_min' => 0, 'retention_days' => 7 ) );
		$this->assertTrue( $this->connector()->connect( 3 )['ok'] );
		$put = $this->proxy->calls[1];
		$this->assertSame( 'PUT /api/admin/config', $put['method'] . ' ' . $put['path'] );
		$this->assertSame( array( 'daily_token_cap' => 500000, 'moderation' => true, 'rate_session_per_min' => 0, 'retention_days' => 7, 'order_lookup' => true, 'transcript_review' => false ), $put['body']['controls'] );
		$this->assertSame( 'ILS', $put['body']['store']['currency'] );
		$this->assertSame( '₪', $put['body']['store']['currency_symbol'] );
		$this->assertSame( array( 'store_url', 'woo', 'openai_api_key', 'model', 'store', 'controls', 'handoff' ), array_keys( $put['body'] ) );
		$this->assertSame( array( 'whatsapp' => '', 'email' => false, 'timezone' => 'Asia/Jerusalem' ), $put['body']['handoff'] );
	}

	public function test_every_sync_refreshes_the_pushed_settings_first() {
		$this->connector()->connect( 3 );
		( new Settings() )->update( array( 'retention_days' => 90 ) );
		$this->proxy->calls = array();
		$this->proxy->answers['POST /api/admin/sync'] = FakeProxy::json( 202, array( 'started' => true, 'status' => array( 'state' => 'running', 'progress' => null, 'last' => null ) ) );
		$result = $this->connector()->start_sync();
		$this->assertTrue( $result['ok'], $result['message'] );
		$this->assertSame( array( 'PUT /api/admin/config', 'POST /api/admin/sync' ), $this->proxy->paths() );
		$this->assertSame( 90, $this->proxy->calls[0]['body']['controls']['retention_days'] );
		$s = ( new Settings() )->all();
		$this->assertSame( array( 'consumer_key' => $s['woo_consumer_key'], 'consumer_secret' => $s['woo_consumer_secret'] ), $this->proxy->calls[0]['body']['woo'], 'the saved key, no new one' );
		$this->assertCount( 1, $this->db->rows );
	}

	public function test_a_refresh_the_proxy_refuses_starts_no_sync_and_an_unconnected_store_sends_nothing() {
		$this->proxy->calls = array();
		$this->assertFalse( $this->connector()->start_sync()['ok'] );
		$this->assertSame( array(), $this->proxy->calls, 'not connected: nothing sent' );

		$this->connector()->connect( 3 );
		$this->proxy->calls                          = array();
		$this->proxy->answers['PUT /api/admin/config'] = FakeProxy::json( 400, array( 'error' => array( 'code' => 'bad_request', 'message' => 'controls: bad' ) ) );
		$result                                        = $this->connector()->start_sync();
		$this->assertFalse( $result['ok'] );
		$this->assertStringContainsString( 'controls: bad', $result['message'] );
		$this->assertSame( array( 'PUT /api/admin/config' ), $this->proxy->paths() );
	}

	public function test_controls_are_sanitized_on_write_and_on_read() {
		$old    = ( new Settings() )->all();
		$result = ( new Sanitizer() )->sanitize( array( 'placement' => 'product', 'daily_token_cap' => '1,500,000', 'rate_session_per_min' => '30', 'retention_days' => '14', 'moderation' => '1' ), $old );
		$this->assertSame( array(), $result->errors );
		$this->assertSame( array( 1500000, 30, 14, true ), array( $result->values['daily_token_cap'], $result->values['rate_session_per_min'], $result->values['retention_days'], $result->values['moderation'] ) );

		$bad = ( new Sanitizer() )->sanitize( array( 'placement' => 'product', 'daily_token_cap' => '-5', 'rate_session_per_min' => '2.5', 'retention_days' => '0' ), $old );
		$this->assertEqualsCanonicalizing( array( 'daily_token_cap', 'rate_session_per_min', 'retention_days' ), array_keys( $bad->errors ) );
		$this->assertSame( array( 2000000, 20, 30 ), array( $bad->values['daily_token_cap'], $bad->values['rate_session_per_min'], $bad->values['retention_days'] ), 'old values kept' );
		$this->assertFalse( $bad->values['moderation'], 'an unticked box in a full form is off' );

		update_option( Settings::OPTION, array_merge( $old, array( 'retention_days' => 9000, 'daily_token_cap' => 'lots', 'moderation' => 'yes' ) ) );
		$read = ( new Settings() )->all();
		$this->assertSame( array( 30, 2000000, true ), array( $read['retention_days'], $read['daily_token_cap'], $read['moderation'] ) );
		$this->assertSame( array( 'daily_token_cap' => 2000000, 'moderation' => true, 'rate_session_per_min' => 20, 'retention_days' => 30, 'order_lookup' => true, 'transcript_review' => false ), ConfigBody::controls( $read ) );
	}

	public function test_the_status_rows_name_a_retired_model_and_draw_the_spend_meter() {
		$rows = StatusView::rows(
			array(
				'health'  => array(
					'mode'     => 'live',
					'model'    => array( 'configured' => 'gpt-4-old', 'active' => 'gpt-6-luna', 'available' => false, 'message' => 'retired' ),
					'problems' => array( 'WooCommerce answered 401' ),
				),
				'spend'   => array( 'tokens_used' => 500000, 'daily_cap' => 2000000, 'exhausted' => false, 'resets_at' => '2026-12-08T00:00:00Z' ),
				'sync'    => array( 'state' => 'idle', 'progress' => null, 'last' => array( 'ok' => true, 'finished_at' => '2026-12-07T10:00:00Z', 'products' => 27 ) ),
				'catalog' => array( 'products' => 27, 'last_change_at' => '2026-12-07T11:30:00Z', 'last_sync_at' => '2026-12-07T10:00:00Z' ),
			)
		);
		$by_key = array_column( $rows, null, 'key' );
		$this->assertSame( array( 'mode', 'model', 'problem', 'spend', 'sync', 'changes' ), array_column( $rows, 'key' ) );
		$this->assertTrue( $by_key['mode']['ok'] );
		$this->assertFalse( $by_key['model']['ok'] );
		$this->assertStringContainsString( 'The model gpt-4-old is not available', $by_key['model']['text'] );
		$this->assertStringContainsString( 'uses gpt-6-luna instead', $by_key['model']['text'] );
		$this->assertSame( array( 'value' => 500000, 'max' => 2000000 ), $by_key['spend']['meter'] );
		$this->assertSame( 'Today: 500,000 of 2,000,000 tokens used (25%).', $by_key['spend']['text'] );
		$this->assertSame( 'Last sync: 2026-12-07 10:00, succeeded with 27 products.', $by_key['sync']['text'] );
		$this->assertSame( 'Last product change received: 2026-12-07 11:30.', $by_key['changes']['text'] );
	}

	public function test_an_exhausted_budget_and_offline_mode_are_problems() {
		$rows   = StatusView::rows(
			array(
				'health'  => array( 'mode' => 'offline', 'model' => array( 'configured' => 'gpt-6-luna', 'active' => 'gpt-6-luna', 'available' => true ) ),
				'spend'   => array( 'tokens_used' => 2100000, 'daily_cap' => 2000000, 'exhausted' => true, 'resets_at' => 'not a date' ),
				'catalog' => array( 'products' => null, 'last_change_at' => null, 'last_sync_at' => null ),
			)
		);
		$by_key = array_column( $rows, null, 'key' );
		$this->assertFalse( $by_key['mode']['ok'] );
		$this->assertSame( 'Model: gpt-6-luna.', $by_key['model']['text'] );
		$this->assertFalse( $by_key['spend']['ok'] );
		$this->assertStringContainsString( 'used up', $by_key['spend']['text'] );
		$this->assertSame( 2000000, $by_key['spend']['meter']['value'], 'the meter stops at the cap' );
		$this->assertSame( 'No product change has reached the proxy yet.', $by_key['changes']['text'] );
		$uncapped = StatusView::rows( array( 'spend' => array( 'tokens_used' => 10, 'daily_cap' => null ) ) );
		$this->assertNull( $uncapped[0]['meter'] );
		$this->assertSame( 'Today: 10 tokens used (no daily cap).', $uncapped[0]['text'] );
		$broken = StatusView::rows( array( 'problem' => 'The stored settings cannot be decrypted.', 'sync_problem' => null ) );
		$this->assertSame( array( array( 'key' => 'problem', 'ok' => false, 'text' => 'The stored settings cannot be decrypted.', 'meter' => null ) ), $broken );
	}

	public function test_status_rows_are_printed_escaped() {
		ob_start();
		StatusView::render( StatusView::rows( array( 'health' => array( 'mode' => 'live', 'problems' => array( '<script>alert(1)</script>' ) ) ) ) );
		$html = (string) ob_get_clean();
		$this->assertStringNotContainsString( '<script>', $html );
		$this->assertStringContainsString( '&lt;script&gt;', $html );
		$this->assertStringContainsString( 'data-aisle-status="problem"', $html );
	}

	public function test_the_screen_asks_the_proxy_with_a_short_timeout() {
		$this->connector()->proxy_status();
		$this->assertSame( array( 'GET /api/admin/status' ), $this->proxy->paths() );
		$this->assertSame( 5, $this->proxy->calls[0]['timeout'] );
	}
}
