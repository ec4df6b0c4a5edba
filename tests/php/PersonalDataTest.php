<?php

use Aisle\Privacy\PersonalData;
use Aisle\Privacy\PolicyText;
use Aisle\Proxy\RequestSigner;
use Aisle\Settings\Settings;
use PHPUnit\Framework\TestCase;

final class PersonalDataTest extends TestCase {
	/** @var FakeProxy */
	private $proxy;

	/** @var bool */
	private $connected = true;

	protected function setUp(): void {
		wp_stub_reset();
		$this->proxy     = new FakeProxy();
		$this->connected = true;
	}

	private function data(): PersonalData {
		$factory = $this->proxy->factory();
		return new PersonalData(
			function () use ( $factory ) {
				return $this->connected
					? $factory(
						array(
							'proxy_url'         => 'https://aisle.example.com',
							'connection_secret' => FakeProxy::SECRET,
						)
					)
					: null;
			},
			static function ( string $email ): int {
				return 'noa@example.com' === strtolower( $email ) ? 42 : 0;
			}
		);
	}

	public function test_both_callbacks_are_registered_next_to_the_others() {
		$exporters = $this->data()->register_exporter( array( 'wordpress-user' => array() ) );
		$erasers   = $this->data()->register_eraser( array() );
		$this->assertSame( array( 'wordpress-user', 'aisle' ), array_keys( $exporters ) );
		$this->assertIsCallable( $exporters['aisle']['callback'] );
		$this->assertSame( 'Aisle shopping assistant conversations', $exporters['aisle']['exporter_friendly_name'] );
		$this->assertIsCallable( $erasers['aisle']['callback'] );
	}

	public function test_the_subject_is_the_user_id_and_the_hash_never_the_address() {
		$this->assertSame(
			array(
				'email_hashes' => array( hash( 'sha256', 'noa@example.com' ) ),
				'user_id'      => 42,
			),
			$this->data()->subject( ' Noa@Example.com ' )
		);
		$this->assertSame( array( 'email_hashes' => array( hash( 'sha256', 'guest@example.com' ) ) ), $this->data()->subject( 'guest@example.com' ) );
	}

	public function test_export_pages_through_the_proxy_and_returns_one_item_per_conversation() {
		$this->proxy->answers['POST /api/admin/privacy/export'] = FakeProxy::json(
			200,
			array(
				'conversations' => array(
					array(
						'thread_id'  => 'thread_abcdefghijklmnop1234',
						'created_at' => '2026-12-07T10:00:00.000Z',
						'messages'   => array(
							array(
								'role'    => 'user',
								'content' => 'something for my dog, I am noa@example.com',
							),
							array(
								'role'     => 'assistant',
								'content'  => 'Here are some',
								'products' => array( 'Dog food', 'Dog toy' ),
							),
						),
					),
				),
				'total'         => 6,
				'done'          => false,
			)
		);
		$page = $this->data()->export( 'noa@example.com', 2 );
		$this->assertFalse( $page['done'] );
		$this->assertCount( 1, $page['data'] );
		$item = $page['data'][0];
		$this->assertSame( 'aisle-conversations', $item['group_id'] );
		$this->assertSame( 'aisle-thread_abcdefghijklmnop1234', $item['item_id'] );
		$this->assertSame(
			array(
				array(
					'name'  => 'Started',
					'value' => '2026-12-07T10:00:00.000Z',
				),
				array(
					'name'  => 'You wrote',
					'value' => 'something for my dog, I am noa@example.com',
				),
				array(
					'name'  => 'The assistant answered',
					'value' => "Here are some\nProducts shown: Dog food, Dog toy",
				),
			),
			$item['data']
		);
		$call = $this->proxy->calls[0];
		$this->assertSame( 'POST /api/admin/privacy/export', $call['method'] . ' ' . $call['path'] );
		$this->assertSame(
			array(
				'email_hashes' => array( hash( 'sha256', 'noa@example.com' ) ),
				'user_id'      => 42,
				'page'         => 2,
				'per_page'     => PersonalData::EXPORT_PAGE,
			),
			$call['body']
		);
		$this->assertArrayHasKey( 'X-Aisle-Signature', $call['headers'] );
		$this->assertStringNotContainsString( 'noa@example.com', (string) json_encode( $call['body'] ) );
	}

	public function test_export_failures_are_a_clear_error_and_an_unconnected_store_has_nothing() {
		$this->proxy->answers['POST /api/admin/privacy/export'] = FakeProxy::json( 500, array( 'error' => array( 'code' => 'internal', 'message' => 'boom' ) ) );
		$error = $this->data()->export( 'noa@example.com', 1 );
		$this->assertInstanceOf( WP_Error::class, $error );
		$this->assertStringContainsString( 'boom', $error->get_error_message() );

		$this->connected = false;
		$this->assertSame(
			array(
				'data' => array(),
				'done' => true,
			),
			$this->data()->export( 'noa@example.com', 1 )
		);
		$this->assertCount( 1, $this->proxy->calls );
	}

	public function test_erase_reports_removed_retained_and_done_as_the_proxy_says() {
		$this->proxy->answers['POST /api/admin/privacy/erase'] = FakeProxy::json(
			200,
			array(
				'removed'   => 20,
				'failed'    => 0,
				'remaining' => 5,
				'done'      => false,
			)
		);
		$this->assertSame(
			array(
				'items_removed'  => true,
				'items_retained' => false,
				'messages'       => array(),
				'done'           => false,
			),
			$this->data()->erase( 'noa@example.com', 1 )
		);
		$this->assertSame( PersonalData::ERASE_BATCH, $this->proxy->calls[0]['body']['limit'] );
		$this->assertSame( 42, $this->proxy->calls[0]['body']['user_id'] );

		$this->proxy->answers['POST /api/admin/privacy/erase'] = FakeProxy::json(
			200,
			array(
				'removed'   => 0,
				'failed'    => 2,
				'remaining' => 2,
				'done'      => true,
			)
		);
		$kept = $this->data()->erase( 'noa@example.com', 2 );
		$this->assertFalse( $kept['items_removed'] );
		$this->assertTrue( $kept['items_retained'] );
		$this->assertTrue( $kept['done'] );
		$this->assertStringContainsString( 'not yet deleted at OpenAI: 2.', $kept['messages'][0] );
	}

	public function test_erase_when_the_proxy_is_down_says_so_and_stops() {
		$this->proxy->answers['POST /api/admin/privacy/erase'] = new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect' );
		$result = $this->data()->erase( 'guest@example.com', 1 );
		$this->assertFalse( $result['items_removed'] );
		$this->assertTrue( $result['items_retained'] );
		$this->assertTrue( $result['done'] );
		$this->assertStringContainsString( 'Could not reach the proxy', $result['messages'][0] );
	}

	public function test_the_policy_text_names_the_retention_and_the_proxy_host() {
		update_option(
			Settings::OPTION,
			array(
				'retention_days' => 14,
				'proxy_url'      => 'https://aisle.shop.example',
			)
		);
		$text = ( new PolicyText( new Settings() ) )->text();
		$this->assertStringContainsString( 'for 14 days', $text );
		$this->assertStringContainsString( '(aisle.shop.example)', $text );
		$this->assertStringContainsString( 'photo if you attach one', $text );
		$this->assertStringContainsString( 'postal address', $text );
		$this->assertStringStartsWith( '<p>', $text );
	}
}
