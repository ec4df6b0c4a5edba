<?php

use Aisle\Admin\CheckMessages;
use Aisle\Admin\Connector;
use Aisle\Settings\Defaults;
use Aisle\Settings\Settings;
use Aisle\Woo\ApiKeys;
use PHPUnit\Framework\TestCase;

/** Contract C: a ping, then the proxy's checks, one line each in the owner's language. */
final class ConnectionTestTest extends TestCase {
	/** @var FakeProxy */
	private $proxy;

	protected function setUp(): void {
		wp_stub_reset();
		$this->proxy = new FakeProxy();
		update_option(
			Settings::OPTION,
			array_merge(
				Defaults::all(),
				array(
					'proxy_url'         => 'https://aisle.example.com',
					'connection_secret' => FakeProxy::SECRET,
					'connected_at'      => 1700000000,
				)
			)
		);
		$this->proxy->answers['/api/health']     = FakeProxy::json( 200, array( 'status' => 'healthy', 'version' => '0.1.0' ), array( 'Access-Control-Allow-Origin' => '*' ) );
		$this->proxy->answers['/api/admin/test'] = FakeProxy::json(
			200,
			array(
				'ok'        => false,
				'connected' => true,
				'config'    => array( 'missing' => array() ),
				'checks'    => array(
					array( 'name' => 'signature', 'ok' => true, 'code' => 'ok', 'message' => 'The connection secret matches.' ),
					array( 'name' => 'openai', 'ok' => false, 'code' => 'openai_key_refused', 'message' => 'OpenAI refused the key (401).' ),
					array( 'name' => 'model', 'ok' => false, 'code' => 'model_missing', 'message' => 'gpt-4-old is retired; using gpt-6-luna.' ),
					array( 'name' => 'woocommerce', 'ok' => true, 'code' => 'ok', 'message' => 'WooCommerce answered.' ),
					array( 'name' => 'updates', 'ok' => true, 'code' => 'ok', 'message' => 'A change notice arrived.', 'details' => array( 'last_at' => '2026-12-07T12:00:00Z' ) ),
					array( 'name' => 'catalog', 'ok' => false, 'code' => 'catalog_not_synced', 'message' => 'Not synced.' ),
					array( 'name' => 'future', 'ok' => false, 'code' => 'something_new', 'message' => 'A check this plugin does not know.' ),
				),
			)
		);
	}

	private function run_test(): array {
		return ( new Connector( new Settings(), new ApiKeys( new Fake_WPDB() ), $this->proxy->factory(), 'https://shop.example' ) )->test();
	}

	public function test_a_ping_goes_before_the_test() {
		$this->run_test();
		$this->assertSame( array( 'GET /api/health', 'POST /api/admin/catalog/changes', 'POST /api/admin/test' ), $this->proxy->paths() );
		$this->assertSame( array( 'product_ids' => array(), 'ping' => true ), $this->proxy->calls[1]['body'] );
		$this->assertArrayHasKey( 'X-Aisle-Signature', $this->proxy->calls[1]['headers'] );
	}

	public function test_one_line_per_check_from_its_code_with_the_english_message_as_fallback() {
		$result = $this->run_test();
		$this->assertFalse( $result['ok'] );
		$texts = array_column( $result['lines'], 'text' );
		$this->assertSame(
			array(
				'The proxy at https://aisle.example.com is running.',
				'Shoppers\' browsers on https://shop.example may call the proxy.',
				'The proxy accepted this site\'s signature: the connection secrets match.',
				'OpenAI refused the API key. Check it in your OpenAI account, enter it again and press "Save and connect".',
				'gpt-4-old is retired; using gpt-6-luna.',
				'The proxy can read this store\'s products.',
				'Product changes reach the proxy (the last one at 2026-12-07 12:00).',
				'The catalog has not been synced yet: press "Sync catalog now".',
				'A check this plugin does not know.',
			),
			$texts
		);
		$this->assertSame( array( true, true, true, false, false, true, true, false, false ), array_column( $result['lines'], 'ok' ) );
	}

	public function test_every_documented_code_has_its_own_words() {
		$codes = array(
			'openai'      => array( 'openai_key_missing', 'openai_key_refused', 'openai_unreachable' ),
			'woocommerce' => array( 'woo_keys_missing', 'woo_key_refused', 'woo_unreachable', 'woo_no_products' ),
			'updates'     => array( 'updates_none_yet' ),
			'catalog'     => array( 'catalog_not_synced', 'catalog_missing' ),
		);
		$seen = array();
		foreach ( $codes as $name => $list ) {
			foreach ( array_merge( array( 'ok' ), $list ) as $code ) {
				$text = CheckMessages::text( array( 'name' => $name, 'code' => $code, 'message' => 'ENGLISH' ) );
				$this->assertNotSame( 'ENGLISH', $text, "$name/$code" );
				$seen[] = $text;
			}
		}
		$this->assertSame( count( $seen ), count( array_unique( $seen ) ), 'no two codes share words' );
		$this->assertSame(
			'The model gpt-4-old is not available to this key: the assistant uses gpt-6-luna instead.',
			CheckMessages::text( array( 'name' => 'model', 'code' => 'model_missing', 'message' => 'x', 'details' => array( 'model' => 'gpt-4-old', 'fallback' => 'gpt-6-luna' ) ) )
		);
		$this->assertSame( 'The assistant\'s catalog holds 1,234 products.', CheckMessages::text( array( 'name' => 'catalog', 'code' => 'ok', 'details' => array( 'products' => 1234 ) ) ) );
	}

	public function test_a_hebrew_owner_reads_the_checks_in_hebrew() {
		wp_stub_load_po( AISLE_DIR . '/languages/aisle-he_IL.po' );
		$lines = $this->run_test()['lines'];
		$l10n  = $GLOBALS['wp_stub']['l10n'];
		$this->assertSame( $l10n['OpenAI refused the API key. Check it in your OpenAI account, enter it again and press "Save and connect".'], $lines[3]['text'] );
		$this->assertMatchesRegularExpression( '/[\x{05D0}-\x{05EA}]/u', $lines[7]['text'], 'catalog_not_synced in Hebrew' );
		$this->assertSame( 'A check this plugin does not know.', $lines[8]['text'], 'an unknown code keeps the English message' );
	}
}
