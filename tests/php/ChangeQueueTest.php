<?php

use Aisle\Admin\Connector;
use Aisle\Catalog\ChangeQueue;
use Aisle\Lifecycle;
use Aisle\Settings\Defaults;
use Aisle\Settings\Settings;
use Aisle\Woo\ApiKeys;
use PHPUnit\Framework\TestCase;

/** Contract B: product changes → one signed POST /api/admin/catalog/changes at shutdown. */
final class ChangeQueueTest extends TestCase {
	/** @var FakeProxy */
	private $proxy;

	/** Post ID => post type. */
	const POSTS = array(
		12 => 'product',
		15 => 'product',
		9  => 'product',
		30 => 'product_variation', // Child of 15.
		40 => 'page',
	);

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
	}

	private function queue(): ChangeQueue {
		return new ChangeQueue(
			new Settings(),
			$this->proxy->factory(),
			static function ( int $id ): string {
				return self::POSTS[ $id ] ?? '';
			},
			static function ( int $id ): int {
				return 30 === $id ? 15 : 0;
			}
		);
	}

	private static function variation( int $id, int $parent ) {
		return new class( $id, $parent ) {
			private $id;
			private $parent;
			public function __construct( $id, $parent ) {
				$this->id     = $id;
				$this->parent = $parent;
			}
			public function get_id() {
				return $this->id;
			}
			public function get_parent_id() {
				return $this->parent;
			}
		};
	}

	public function test_one_request_at_shutdown_with_changed_and_deleted_ids_and_variations_as_their_parent() {
		$queue = $this->queue();
		$queue->product_saved( 12 );
		$queue->product_saved( '12' );
		$queue->variation_saved( 30, self::variation( 30, 15 ) );
		$queue->stock_changed( self::variation( 31, 15 ) );
		$queue->post_trashed( 9 );
		$queue->post_trashed( 40 ); // A page: not a product.
		$queue->variation_saved( 30, 'outofstock', self::variation( 30, 15 ) ); // woocommerce_variation_set_stock_status.
		$this->assertSame( array(), $this->proxy->calls, 'nothing is sent before shutdown' );

		$queue->flush();
		$this->assertSame( array( 'POST /api/admin/catalog/changes' ), $this->proxy->paths() );
		$call = $this->proxy->calls[0];
		$this->assertSame( array( 'product_ids' => array( 12, 15 ), 'deleted_ids' => array( 9 ) ), $call['body'] );
		$this->assertArrayHasKey( 'X-Aisle-Signature', $call['headers'] );
		$this->assertSame( ChangeQueue::TIMEOUT, $call['timeout'] );
		$this->assertFalse( get_option( ChangeQueue::STASH_OPTION ) );

		$queue->flush();
		$this->assertCount( 1, $this->proxy->calls, 'a second shutdown has nothing to send' );
	}

	public function test_the_last_event_for_a_product_wins() {
		$queue = $this->queue();
		$queue->post_trashed( 12 );
		$queue->post_untrashed( 12 );
		$queue->post_deleted( 15 );
		$queue->post_deleted( 30 ); // WooCommerce deletes a variable product's variations after it: 15 stays deleted.
		$queue->variation_saved( 30, self::variation( 30, 15 ) );
		$queue->flush();
		$this->assertSame( array( 'product_ids' => array( 12 ), 'deleted_ids' => array( 15 ) ), $this->proxy->calls[0]['body'] );
	}

	public function test_nothing_is_sent_or_kept_while_not_connected() {
		( new Settings() )->update( array( 'connected_at' => 0 ) );
		$queue = $this->queue();
		$queue->product_saved( 12 );
		$queue->flush();
		$this->assertSame( array(), $this->proxy->calls );
		$this->assertFalse( get_option( ChangeQueue::STASH_OPTION ) );
	}

	public function test_a_proxy_that_does_not_answer_gets_the_ids_with_the_next_change() {
		$this->proxy->answers[ ChangeQueue::PATH ] = new WP_Error( 'http_request_failed', 'timed out' );
		$queue                                     = $this->queue();
		$queue->product_saved( 12 );
		$queue->post_trashed( 9 );
		$queue->flush();
		$stash = get_option( ChangeQueue::STASH_OPTION );
		$this->assertSame( array( 12 => false, 9 => true ), $stash['ids'] );
		$this->assertEqualsWithDelta( time() + ChangeQueue::RETRY_AFTER, $stash['next_try_at'], 2 );

		unset( $this->proxy->answers[ ChangeQueue::PATH ] );
		$soon = $this->queue(); // A change moments later waits with the others: a hung proxy is not asked again at once.
		$soon->product_saved( 20 );
		$soon->flush();
		$this->assertCount( 1, $this->proxy->calls );
		$this->assertSame( array( 12 => false, 9 => true, 20 => false ), get_option( ChangeQueue::STASH_OPTION )['ids'] );

		$stash                = get_option( ChangeQueue::STASH_OPTION );
		$stash['next_try_at'] = time() - 1; // The wait is over.
		update_option( ChangeQueue::STASH_OPTION, $stash );
		$next = $this->queue(); // The next request that changes a product.
		$next->product_saved( 15 );
		$next->flush();
		$this->assertSame( array( 'product_ids' => array( 12, 20, 15 ), 'deleted_ids' => array( 9 ) ), end( $this->proxy->calls )['body'] );
		$this->assertFalse( get_option( ChangeQueue::STASH_OPTION ), 'sent, so forgotten' );
	}

	public function test_an_admin_page_load_retries_once_the_wait_is_over() {
		update_option( ChangeQueue::STASH_OPTION, array( 'ids' => array( 12 => false ), 'next_try_at' => time() + 30 ) );
		$this->queue()->retry();
		$this->assertSame( array(), $this->proxy->calls, 'too early' );

		update_option( ChangeQueue::STASH_OPTION, array( 'ids' => array( 12 => false, 'junk' => true ), 'next_try_at' => time() - 1 ) );
		$this->queue()->retry();
		$this->assertSame( array( 'product_ids' => array( 12 ), 'deleted_ids' => array() ), $this->proxy->calls[0]['body'] );
		$this->assertFalse( get_option( ChangeQueue::STASH_OPTION ) );
	}

	public function test_more_than_500_ids_go_in_several_requests() {
		$queue = new ChangeQueue( new Settings(), $this->proxy->factory(), static function () {
			return 'product';
		} );
		for ( $id = 1; $id <= 1200; $id++ ) {
			$queue->product_saved( $id );
		}
		$queue->flush();
		$this->assertSame( array( 500, 500, 200 ), array_map( static function ( $call ) {
			return count( $call['body']['product_ids'] );
		}, $this->proxy->calls ) );
		$this->assertSame( 1200, end( $this->proxy->calls )['body']['product_ids'][199] );
	}

	public function test_a_chunk_refused_halfway_keeps_only_what_was_not_taken() {
		$queue = new ChangeQueue( new Settings(), $this->proxy->factory(), static function () {
			return 'product';
		} );
		for ( $id = 1; $id <= 700; $id++ ) {
			$queue->product_saved( $id );
		}
		$calls                                    = 0;
		$this->proxy->answers[ ChangeQueue::PATH ] = FakeProxy::json( 202, array( 'queued' => true ) );
		$queue->flush();
		$this->assertFalse( get_option( ChangeQueue::STASH_OPTION ) );

		$this->proxy->answers[ ChangeQueue::PATH ] = FakeProxy::json( 503, array( 'error' => array( 'code' => 'busy', 'message' => 'busy' ) ) );
		for ( $id = 1; $id <= 10; $id++ ) {
			$queue->product_saved( $id );
		}
		$queue->flush();
		$this->assertCount( 10, get_option( ChangeQueue::STASH_OPTION )['ids'] );
	}

	public function test_disconnect_deactivation_and_uninstall_forget_what_waits() {
		$db        = new Fake_WPDB();
		$connector = new Connector( new Settings(), new ApiKeys( $db ), $this->proxy->factory(), 'https://shop.example' );

		update_option( ChangeQueue::STASH_OPTION, array( 'ids' => array( 12 => false ) ) );
		$connector->disconnect();
		$this->assertFalse( get_option( ChangeQueue::STASH_OPTION ) );

		update_option( ChangeQueue::STASH_OPTION, array( 'ids' => array( 12 => false ) ) );
		$connector->deactivated();
		$this->assertFalse( get_option( ChangeQueue::STASH_OPTION ) );

		update_option( ChangeQueue::STASH_OPTION, array( 'ids' => array( 12 => false ) ) );
		Lifecycle::uninstall( $db );
		$this->assertFalse( get_option( ChangeQueue::STASH_OPTION ) );
		$this->assertFalse( get_option( Settings::OPTION ) );
		$this->assertSame( 3, $GLOBALS['wp_stub']['http'][0][1]['timeout'], 'uninstall tells the proxy, briefly' );
	}

	public function test_a_ping_is_an_empty_change_notice() {
		$this->assertTrue( $this->queue()->ping() );
		$this->assertSame( array( 'product_ids' => array(), 'ping' => true ), $this->proxy->calls[0]['body'] );
	}
}
