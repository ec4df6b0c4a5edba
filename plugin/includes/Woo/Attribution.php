<?php
/**
 * Orders that come from the chat: the thread ID travels from the Store API add-to-cart
 * request, through the cart item, to the order line and the order.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Woo;

defined( 'ABSPATH' ) || exit;

/**
 * The widget adds to the cart with `POST /wp-json/wc/store/v1/cart/add-item` and the header
 * `X-Aisle-Thread: <thread id>` (the Store API drops unknown body fields). The header is read
 * in `woocommerce_store_api_add_to_cart_data`, the only add-to-cart filter that sees the
 * request, into the cart item as `aisle_thread`. `woocommerce_checkout_create_order_line_item`
 * (fired by the classic and the Store API checkout alike) copies it to the line item meta
 * `_aisle_thread` and marks the order (`_aisle_attributed` = `yes`, `_aisle_threads` = the
 * thread IDs, comma-separated) through the order's CRUD methods, so it works with HPOS.
 * The order screen labels the line meta "Added from the Aisle chat"; shoppers never see it
 * (WooCommerce hides `_` meta from them).
 *
 * Hook callbacks take untyped parameters: the filters pass whatever a third party left in them.
 */
final class Attribution {
	public const HEADER           = 'X-Aisle-Thread';
	public const CART_KEY         = 'aisle_thread';
	public const ITEM_META        = '_aisle_thread';
	public const ORDER_ATTRIBUTED = '_aisle_attributed';
	public const ORDER_THREADS    = '_aisle_threads';
	public const MAX_THREADS      = 20;

	/** The proxy's THREAD_ID_PATTERN (proxy/src/chat/threads.ts). */
	public const PATTERN = '/^thread_[A-Za-z0-9_-]{16,64}\z/'; // \z: no trailing newline.

	/**
	 * A thread ID, or null when the value is not exactly one.
	 *
	 * @param mixed $value Header value.
	 */
	public static function thread_id( $value ): ?string {
		return is_string( $value ) && 1 === preg_match( self::PATTERN, $value ) ? $value : null;
	}

	/**
	 * Filter woocommerce_store_api_add_to_cart_data: the header into the cart item data.
	 *
	 * @param mixed $data    { id, quantity, variation, cart_item_data }.
	 * @param mixed $request WP_REST_Request of the add-item call.
	 * @return mixed The data.
	 */
	public function add_to_cart_data( $data, $request = null ) {
		if ( ! is_array( $data ) || ! $request instanceof \WP_REST_Request ) {
			return $data;
		}
		$thread = self::thread_id( $request->get_header( self::HEADER ) );
		if ( null !== $thread ) {
			$data['cart_item_data']                   = isset( $data['cart_item_data'] ) && is_array( $data['cart_item_data'] ) ? $data['cart_item_data'] : array();
			$data['cart_item_data'][ self::CART_KEY ] = $thread;
		}
		return $data;
	}

	/**
	 * Action woocommerce_checkout_create_order_line_item: the cart item's thread onto the line
	 * and the order.
	 *
	 * @param mixed $item          WC_Order_Item_Product.
	 * @param mixed $cart_item_key Cart item key.
	 * @param mixed $values        The cart item.
	 * @param mixed $order         WC_Order.
	 */
	public function create_order_line_item( $item, $cart_item_key, $values, $order ): void {
		$thread = is_array( $values ) && isset( $values[ self::CART_KEY ] ) ? self::thread_id( $values[ self::CART_KEY ] ) : null;
		if ( null === $thread || ! is_object( $item ) || ! is_object( $order ) || ! method_exists( $item, 'add_meta_data' ) || ! method_exists( $order, 'update_meta_data' ) ) {
			return;
		}
		$item->add_meta_data( self::ITEM_META, $thread, true );
		$threads = array_filter( explode( ',', (string) $order->get_meta( self::ORDER_THREADS, true ) ), array( self::class, 'thread_id' ) );
		$threads = array_slice( array_values( array_unique( array_merge( $threads, array( $thread ) ) ) ), -self::MAX_THREADS );
		$order->update_meta_data( self::ORDER_ATTRIBUTED, 'yes' );
		$order->update_meta_data( self::ORDER_THREADS, implode( ',', $threads ) );
	}

	/**
	 * Filter woocommerce_order_item_display_meta_key: a readable label on the order screen.
	 *
	 * @param mixed $display_key The label WooCommerce made.
	 * @param mixed $meta        The meta (an object with `key`).
	 * @param mixed $item        The order item.
	 * @return mixed The label.
	 */
	public function display_meta_key( $display_key, $meta = null, $item = null ) {
		return is_object( $meta ) && isset( $meta->key ) && self::ITEM_META === $meta->key ? __( 'Added from the Aisle chat', 'aisle' ) : $display_key;
	}
}
