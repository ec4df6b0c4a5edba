<?php

use Aisle\Facts\FactsQueue;
use Aisle\Facts\StoreFacts;
use Aisle\Proxy\ConfigBody;
use Aisle\Settings\Defaults;
use Aisle\Settings\Settings;
use PHPUnit\Framework\TestCase;

/** Store facts and handoff settings: validated on save, pushed to the proxy when they change. */
final class StoreFactsTest extends TestCase {
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
		$GLOBALS['wp_stub']['posts'] = array(
			7  => self::page( 7, 'Refund and Returns Policy', '<!-- wp:paragraph --><p>30 days.</p>[contact-form]<!-- /wp:paragraph -->' ),
			8  => self::page( 8, 'Shipping', '<p>We ship fast.</p>' ),
			9  => self::page( 9, 'Draft', '<p>Not yet.</p>', 'draft' ),
			10 => self::page( 10, 'Secret', '<p>Members only.</p>', 'publish', 'pw' ),
		);
		update_option( 'woocommerce_refund_returns_page_id', '7' );
	}

	private static function page( int $id, string $title, string $content, string $status = 'publish', string $password = '' ) {
		return (object) array(
			'ID'                => $id,
			'post_type'         => 'page',
			'post_status'       => $status,
			'post_password'     => $password,
			'post_title'        => $title,
			'post_content'      => $content,
			'post_modified_gmt' => '2026-12-01 10:00:00',
		);
	}

	private static function sanitize( array $input ) {
		return ( new Settings() )->sanitize( $input );
	}

	public function test_facts_and_handoff_fields_are_validated_and_keep_the_old_value_when_wrong() {
		$ok = self::sanitize(
			array(
				'policy_page_ids'      => array( '8', '', '8', '12' ),
				'shopper_email'        => ' help@shop.example ',
				'shopper_phone'        => '+972 3-555-0000',
				'handoff_whatsapp'     => '+972 50-123-4567',
				'handoff_contact_page' => '8',
				'handoff_hours'        => array(
					'mon' => array( 'open' => '09:00', 'close' => '17:00' ),
					'tue' => array( 'open' => '', 'close' => '' ),
				),
			)
		);
		$this->assertSame( array(), $ok->errors );
		$this->assertSame( array( 8, 12 ), $ok->values['policy_page_ids'] );
		$this->assertSame( 'help@shop.example', $ok->values['shopper_email'] );
		$this->assertSame( '972501234567', $ok->values['handoff_whatsapp'] );
		$this->assertSame( 8, $ok->values['handoff_contact_page'] );
		$this->assertSame( array( 'mon' => array( array( 'open' => '09:00', 'close' => '17:00' ) ) ), $ok->values['handoff_hours'] );

		$bad = self::sanitize(
			array(
				'policy_page_ids'  => array( 'x' ),
				'shopper_email'    => 'not-an-email',
				'shopper_phone'    => '<script>',
				'handoff_whatsapp' => '050-123',
				'handoff_hours'    => array( 'mon' => array( 'open' => '18:00', 'close' => '09:00' ) ),
			)
		);
		$this->assertSame( array( 'policy_page_ids', 'shopper_email', 'shopper_phone', 'handoff_whatsapp', 'handoff_hours' ), array_keys( $bad->errors ) );
		$this->assertSame( array(), $bad->values['policy_page_ids'] );
		$this->assertSame( '', $bad->values['handoff_whatsapp'] );
		$too_many = self::sanitize( array( 'policy_page_ids' => range( 1, 21 ) ) );
		$this->assertArrayHasKey( 'policy_page_ids', $too_many->errors );
	}

	public function test_two_opening_intervals_a_day_as_the_settings_screen_posts_them() {
		$posted = self::sanitize(
			array(
				'handoff_hours' => array(
					'sun' => array(
						array( 'open' => '09:00', 'close' => '13:00' ),
						array( 'open' => '16:00', 'close' => '19:00' ),
					),
					'mon' => array(
						array( 'open' => '10:00', 'close' => '18:00' ),
						array( 'open' => '', 'close' => '' ),
					),
					'fri' => array(
						array( 'open' => '', 'close' => '' ),
						array( 'open' => '', 'close' => '' ),
					),
				),
			)
		);
		$this->assertSame( array(), $posted->errors );
		$this->assertSame(
			array(
				'mon' => array( array( 'open' => '10:00', 'close' => '18:00' ) ),
				'sun' => array(
					array( 'open' => '09:00', 'close' => '13:00' ),
					array( 'open' => '16:00', 'close' => '19:00' ),
				),
			),
			$posted->values['handoff_hours']
		);
		$backwards = self::sanitize( array( 'handoff_hours' => array( 'sun' => array( array( 'open' => '09:00', 'close' => '13:00' ), array( 'open' => '19:00', 'close' => '16:00' ) ) ) ) );
		$this->assertArrayHasKey( 'handoff_hours', $backwards->errors );
	}

	public function test_the_handoff_block_carries_whatsapp_email_contact_page_zone_and_hours() {
		$s                         = ( new Settings() )->all();
		$s['handoff_whatsapp']     = '972501234567';
		$s['handoff_email']        = true;
		$s['handoff_contact_page'] = 8;
		$s['handoff_hours']        = array( 'sun' => array( array( 'open' => '10:00', 'close' => '14:00' ) ) );
		$body                      = ConfigBody::build( $s, 'https://shop.example', null, null );
		$this->assertSame(
			array(
				'whatsapp'    => '972501234567',
				'email'       => true,
				'timezone'    => 'Asia/Jerusalem',
				'contact_url' => 'https://shop.example/?page_id=8',
				'hours'       => array( 'sun' => array( array( 'open' => '10:00', 'close' => '14:00' ) ) ),
			),
			$body['handoff']
		);
		$s['handoff_contact_page'] = 9; // A draft is no contact page.
		$this->assertArrayNotHasKey( 'contact_url', ConfigBody::build( $s, 'https://shop.example', null, null )['handoff'] );
	}

	public function test_only_published_pages_without_a_password_go_out_as_facts() {
		$s                    = ( new Settings() )->all();
		$s['policy_page_ids'] = array( 8, 9, 10, 7 );
		$s['shopper_email']   = 'help@shop.example';
		$this->assertSame( array( 7 => 'refunds', 8 => 'page', 9 => 'page', 10 => 'page' ), StoreFacts::page_kinds( $s ) );
		$pages = StoreFacts::pages( $s );
		$this->assertSame( array( 7, 8 ), array_column( $pages, 'id' ) );
		$this->assertSame( 'refunds', $pages[0]['kind'] );
		$this->assertSame( 'https://shop.example/?page_id=7', $pages[0]['url'] );
		$this->assertSame( '2026-12-01T10:00:00Z', $pages[0]['modified'] );
		$this->assertStringNotContainsString( '[contact-form]', $pages[0]['content_html'] );
		$contact = StoreFacts::contact( $s );
		$this->assertSame( 'help@shop.example', $contact['email'] );
		$this->assertNull( $contact['phone'] );
		$this->assertNull( StoreFacts::shipping(), 'no WooCommerce here' );
	}

	public function test_a_policy_page_edit_pushes_the_facts_once_at_shutdown_and_other_pages_do_not() {
		$queue = new FactsQueue( new Settings(), $this->proxy->factory() );
		$queue->page_changed( 99 );
		$queue->option_changed( 'siteurl' );
		$queue->flush();
		$this->assertSame( array(), $this->proxy->calls, 'an unrelated page or option changes nothing' );

		$queue->page_changed( '7' );
		$queue->option_changed( 'woocommerce_flat_rate_3_settings' );
		$this->assertTrue( $queue->dirty() );
		$queue->flush();
		$queue->flush();
		$this->assertCount( 1, $this->proxy->calls );
		$this->assertSame( 'PUT /api/admin/store-facts', $this->proxy->calls[0]['method'] . ' ' . $this->proxy->calls[0]['path'] );
		$this->assertSame( array( 'pages', 'shipping', 'contact', 'sync' ), array_keys( $this->proxy->calls[0]['body'] ) );
		$this->assertTrue( $this->proxy->calls[0]['body']['sync'] );
	}

	public function test_a_failed_push_is_retried_on_a_later_admin_page_and_nothing_goes_out_unconnected() {
		$this->proxy->answers['/api/admin/store-facts'] = FakeProxy::json( 503, array( 'error' => array( 'code' => 'store_unavailable', 'message' => 'down' ) ) );
		$queue = new FactsQueue( new Settings(), $this->proxy->factory() );
		$queue->shipping_changed();
		$queue->flush();
		$this->assertGreaterThan( time(), (int) get_option( FactsQueue::RETRY_OPTION ) );
		$queue->retry();
		$this->assertCount( 1, $this->proxy->calls, 'not before the wait is over' );
		update_option( FactsQueue::RETRY_OPTION, time() - 1 );
		unset( $this->proxy->answers['/api/admin/store-facts'] );
		$queue->retry();
		$this->assertCount( 2, $this->proxy->calls );
		$this->assertFalse( get_option( FactsQueue::RETRY_OPTION ) );

		( new Settings() )->update( array( 'connected_at' => 0 ) );
		$queue->shipping_changed();
		$queue->flush();
		$this->assertCount( 2, $this->proxy->calls );
	}
}
