<?php
/**
 * Aisle as an origin in WooCommerce's Order Attribution.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Woo;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce (8.5+) records where a shopper came from in the order meta
 * `_wc_order_attribution_*` (source_type, utm_source, referrer, …), from the sourcebuster
 * cookies its script reads at checkout, and shows "Origin: <label>" on the order screen, the
 * orders list and in Analytics from `source_type` and `utm_source` alone. It saves them in the
 * action `woocommerce_order_save_attribution_data`, fired by the classic checkout and by the
 * Store API checkout alike, and only while its Order Attribution feature is on.
 *
 * An order with an item added from the chat (Attribution marked it while creating its lines,
 * before that action) gets `source_type` = `aisle`, after WooCommerce wrote its own values;
 * the type WooCommerce had found (utm, organic, referral, typein, …) is kept in
 * `_aisle_prior_source_type`, and every other field (utm_source, utm_campaign, referrer,
 * session data) stays as WooCommerce wrote it, so the order's "Origin" reads "Aisle chat" and
 * the campaign fields still show in its attribution box. Orders without chat items, and stores
 * with the feature off, are not touched.
 */
final class OrderOrigin {
	public const SOURCE_TYPE = 'aisle';
	public const PRIOR_META  = '_aisle_prior_source_type';
	/** WooCommerce's default meta prefix (filter wc_order_attribution_tracking_field_prefix). */
	public const WC_PREFIX = '_wc_order_attribution_';

	/**
	 * Action woocommerce_order_save_attribution_data, after WooCommerce's own (priority 20).
	 *
	 * @param mixed $order WC_Order.
	 * @param mixed $data  The unprefixed attribution values WooCommerce received.
	 */
	public function save_attribution( $order, $data = null ): void {
		if ( ! is_object( $order ) || ! method_exists( $order, 'get_meta' ) || 'yes' !== $order->get_meta( Attribution::ORDER_ATTRIBUTED, true ) ) {
			return;
		}
		$key   = self::prefix() . 'source_type';
		$prior = (string) $order->get_meta( $key, true );
		if ( self::SOURCE_TYPE === $prior ) {
			return;
		}
		if ( '' !== $prior ) {
			$order->update_meta_data( self::PRIOR_META, $prior );
		}
		$order->update_meta_data( $key, self::SOURCE_TYPE );
		$order->save_meta_data();
	}

	/**
	 * Filter wc_order_attribution_origin_label: "Aisle chat" for our source type. WooCommerce
	 * passes an unknown type's source as "Unknown" and, when the label has no `%`, shows that
	 * formatted source instead of the label; with a `%` it sprintf()s the label with it. `%.0s`
	 * consumes that argument and prints nothing, so the label reads exactly "Aisle chat".
	 *
	 * @param mixed $label       The label WooCommerce made.
	 * @param mixed $source_type The order's source type.
	 * @return mixed The label.
	 */
	public function origin_label( $label, $source_type = '' ) {
		if ( self::SOURCE_TYPE !== $source_type ) {
			return $label;
		}
		return str_replace( '%', '%%', __( 'Aisle chat', 'aisle' ) ) . '%.0s';
	}

	/** The attribution meta prefix WooCommerce uses on this site. */
	private static function prefix(): string {
		return (string) apply_filters( 'wc_order_attribution_tracking_field_prefix', self::WC_PREFIX );
	}
}
