<?php

use Aisle\Plugin;
use Aisle\Woo\Attribution;
use PHPUnit\Framework\TestCase;

/** A stand-in for WC_Order / WC_Order_Item_Product meta CRUD. */
final class Fake_Meta_Object {
	public $meta = array();

	public function add_meta_data( $key, $value, $unique = false ) {
		$this->meta[ $key ] = $value;
	}

	public function update_meta_data( $key, $value ) {
		$this->meta[ $key ] = $value;
	}

	public function get_meta( $key, $single = true ) {
		return isset( $this->meta[ $key ] ) ? $this->meta[ $key ] : '';
	}
}

/** Contract E: X-Aisle-Thread → cart item → order line meta and order meta. */
final class AttributionTest extends TestCase {
	const THREAD = 'thread_AbCdEf0123456789xyz';

	protected function setUp(): void {
		wp_stub_reset();
	}

	private static function add_item_request( $thread = null ) {
		$request = new WP_REST_Request( 'POST', '/wc/store/v1/cart/add-item' );
		if ( null !== $thread ) {
			$request->set_header( 'X-Aisle-Thread', $thread );
		}
		return $request;
	}

	private static function add_to_cart_data() {
		return array( 'id' => 12, 'quantity' => 1, 'variation' => array(), 'cart_item_data' => array() );
	}

	public function test_the_header_becomes_cart_item_data() {
		$data = ( new Attribution() )->add_to_cart_data( self::add_to_cart_data(), self::add_item_request( self::THREAD ) );
		$this->assertSame( array( 'aisle_thread' => self::THREAD ), $data['cart_item_data'] );
		$this->assertSame( 12, $data['id'], 'the rest is untouched' );
	}

	/** @dataProvider bad_threads */
	public function test_anything_but_one_well_formed_thread_id_is_ignored( $value ) {
		$data = ( new Attribution() )->add_to_cart_data( self::add_to_cart_data(), self::add_item_request( $value ) );
		$this->assertSame( array(), $data['cart_item_data'] );
	}

	public function bad_threads(): array {
		return array(
			'absent'         => array( null ),
			'empty'          => array( '' ),
			'too short'      => array( 'thread_abc' ),
			'wrong prefix'   => array( 'conv_AbCdEf0123456789xyz' ),
			'markup'         => array( 'thread_<script>alert(1)</script>' ),
			'two values'     => array( self::THREAD . ',' . self::THREAD ),
			'trailing space' => array( self::THREAD . ' ' ),
			'newline'        => array( self::THREAD . "\n" ),
			'too long'       => array( 'thread_' . str_repeat( 'a', 65 ) ),
		);
	}

	public function test_other_filters_leftovers_pass_through() {
		$attribution = new Attribution();
		$this->assertSame( 'odd', $attribution->add_to_cart_data( 'odd', self::add_item_request( self::THREAD ) ) );
		$this->assertSame( self::add_to_cart_data(), $attribution->add_to_cart_data( self::add_to_cart_data(), null ) );
	}

	public function test_the_line_and_the_order_are_marked_at_checkout() {
		$attribution = new Attribution();
		$order       = new Fake_Meta_Object();
		$line        = new Fake_Meta_Object();
		$attribution->create_order_line_item( $line, 'key1', array( 'product_id' => 12, 'aisle_thread' => self::THREAD ), $order );
		$this->assertSame( array( '_aisle_thread' => self::THREAD ), $line->meta );
		$this->assertSame( array( '_aisle_attributed' => 'yes', '_aisle_threads' => self::THREAD ), $order->meta );

		$other = 'thread_ZZZZZZZZZZZZZZZZZZ';
		$attribution->create_order_line_item( new Fake_Meta_Object(), 'key2', array( 'aisle_thread' => $other ), $order );
		$attribution->create_order_line_item( new Fake_Meta_Object(), 'key3', array( 'aisle_thread' => self::THREAD ), $order );
		$this->assertSame( self::THREAD . ',' . $other, $order->meta['_aisle_threads'], 'each thread once' );

		$plain = new Fake_Meta_Object();
		$fresh = new Fake_Meta_Object();
		$attribution->create_order_line_item( $plain, 'key4', array( 'product_id' => 15 ), $fresh );
		$attribution->create_order_line_item( $plain, 'key5', array( 'aisle_thread' => 'forged' ), $fresh );
		$this->assertSame( array(), $plain->meta, 'a line not from the chat gets nothing' );
		$this->assertSame( array(), $fresh->meta );
	}

	public function test_the_order_screen_labels_the_line_meta() {
		$attribution = new Attribution();
		$this->assertSame( 'Added from the Aisle chat', $attribution->display_meta_key( '_aisle_thread', (object) array( 'key' => '_aisle_thread' ), null ) );
		$this->assertSame( 'Size', $attribution->display_meta_key( 'Size', (object) array( 'key' => 'pa_size' ), null ) );
	}

	public function test_every_hook_is_registered_in_plugin_php_with_the_arguments_woocommerce_passes() {
		Plugin::instance()->register_hooks();
		$hooks = array();
		foreach ( $GLOBALS['wp_stub']['hooks'] as $hook ) {
			$hooks[ $hook[0] ][] = array( is_array( $hook[1] ) ? ( is_object( $hook[1][0] ) ? get_class( $hook[1][0] ) : $hook[1][0] ) . '::' . $hook[1][1] : 'closure', $hook[3] );
		}
		$this->assertSame( array( array( Attribution::class . '::add_to_cart_data', 2 ) ), $hooks['woocommerce_store_api_add_to_cart_data'] );
		$this->assertSame( array( array( Attribution::class . '::create_order_line_item', 4 ) ), $hooks['woocommerce_checkout_create_order_line_item'] );
		$this->assertSame( array( array( Attribution::class . '::display_meta_key', 3 ) ), $hooks['woocommerce_order_item_display_meta_key'] );
		$this->assertSame( array( array( 'Aisle\Catalog\ChangeQueue::variation_saved', 3 ) ), $hooks['woocommerce_variation_set_stock_status'] );
		foreach ( array( 'woocommerce_new_product', 'woocommerce_update_product', 'woocommerce_product_set_stock', 'woocommerce_variation_set_stock', 'woocommerce_update_product_variation', 'wp_trash_post', 'untrashed_post', 'before_delete_post', 'shutdown' ) as $name ) {
			$this->assertArrayHasKey( $name, $hooks, $name );
		}
		$this->assertSame( array( array( 'Aisle\Rest\SessionController::add_retry_after', 3 ) ), $hooks['rest_post_dispatch'] );
	}
}
