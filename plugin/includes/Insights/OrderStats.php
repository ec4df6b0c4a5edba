<?php
/**
 * What the chat sold, read from WooCommerce's orders.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Insights;

use Aisle\Woo\Attribution;

defined( 'ABSPATH' ) || exit;

/**
 * Attributed revenue is the value of the chat-added lines (line meta `_aisle_thread`) of PAID
 * orders (`wc_get_is_paid_statuses()`: processing and completed), each line counted as the
 * shopper paid for it: its total after coupons plus its tax, less what was refunded of that
 * line (amount and tax). Shipping, fees and the order's other lines are not counted: they were
 * not added from the chat. An attributed order is a paid order with at least one such line.
 * Days are UTC calendar days of the order's creation, as the proxy counts its days.
 *
 * Orders are read with wc_get_orders() and a meta query, which WooCommerce runs on its own
 * order tables (HPOS) or on posts alike.
 */
final class OrderStats {
	/** Orders read per query page. */
	public const PAGE = 100;

	/**
	 * The relevant orders of the range as plain rows.
	 *
	 * @param string $from Y-m-d (UTC), inclusive.
	 * @param string $to   Y-m-d (UTC), inclusive.
	 * @return array<int, array{id: int, day: string, attributed: bool, revenue: float, group: string}>
	 */
	public static function rows( string $from, string $to ): array {
		$start = (int) strtotime( $from . ' 00:00:00 UTC' );
		$end   = (int) strtotime( $to . ' 23:59:59 UTC' );
		$rows  = array();
		for ( $page = 1; ; $page++ ) {
			$orders = wc_get_orders(
				array(
					'type'         => 'shop_order',
					'status'       => array_map( static fn( $s ) => 'wc-' . $s, wc_get_is_paid_statuses() ),
					'date_created' => $start . '...' . $end,
					'meta_query'   => array( // phpcs:ignore WordPress.DB.SlowDBQuery -- the only way to find these orders; bounded by the date range.
						'relation' => 'OR',
						array(
							'key'   => Attribution::ORDER_ATTRIBUTED,
							'value' => 'yes',
						),
						array(
							'key'     => Holdout::ORDER_META,
							'compare' => 'EXISTS',
						),
					),
					'orderby'      => 'ID',
					'order'        => 'ASC',
					'limit'        => self::PAGE,
					'paged'        => $page,
				)
			);
			foreach ( is_array( $orders ) ? $orders : array() as $order ) {
				if ( $order instanceof \WC_Order ) {
					$rows[] = self::row( $order );
				}
			}
			if ( ! is_array( $orders ) || count( $orders ) < self::PAGE ) {
				break;
			}
		}
		return $rows;
	}

	/**
	 * One order as a row.
	 *
	 * @param \WC_Order $order The order.
	 * @return array{id: int, day: string, attributed: bool, revenue: float, group: string}
	 */
	public static function row( \WC_Order $order ): array {
		$revenue = 0.0;
		$lines   = 0;
		foreach ( $order->get_items( 'line_item' ) as $item_id => $item ) {
			if ( null === Attribution::thread_id( $item->get_meta( Attribution::ITEM_META, true ) ) ) {
				continue;
			}
			++$lines;
			$refunded_tax = 0.0;
			$taxes        = $item->get_taxes();
			foreach ( array_keys( isset( $taxes['total'] ) && is_array( $taxes['total'] ) ? $taxes['total'] : array() ) as $tax_id ) {
				$refunded_tax += (float) $order->get_tax_refunded_for_item( $item_id, $tax_id );
			}
			$revenue += (float) $item->get_total() + (float) $item->get_total_tax() - (float) $order->get_total_refunded_for_item( $item_id ) - $refunded_tax;
		}
		$created = $order->get_date_created();
		return array(
			'id'         => (int) $order->get_id(),
			'day'        => gmdate( 'Y-m-d', $created ? $created->getTimestamp() : time() ),
			'attributed' => $lines > 0,
			'revenue'    => $revenue,
			'group'      => (string) Holdout::group( $order->get_meta( Holdout::ORDER_META, true ) ),
		);
	}

	/**
	 * Per-day and total counts from the rows.
	 *
	 * @param array<int, array{day: string, attributed: bool, revenue: float, group: string}> $rows     Order rows.
	 * @param string[]                                                                       $days     Every day of the range.
	 * @param int                                                                            $decimals The store's price decimals.
	 * @return array{days: array<string, array<string, int|float>>, totals: array<string, int|float>}
	 */
	public static function aggregate( array $rows, array $days, int $decimals = 2 ): array {
		$empty = array(
			'attributed_orders'  => 0,
			'attributed_revenue' => 0.0,
			'orders_chat'        => 0,
			'orders_holdout'     => 0,
		);
		$by_day = array_fill_keys( $days, $empty );
		$totals = $empty;
		foreach ( $rows as $row ) {
			if ( ! isset( $by_day[ $row['day'] ] ) ) {
				continue;
			}
			$add = $empty;
			if ( $row['attributed'] ) {
				$add['attributed_orders']  = 1;
				$add['attributed_revenue'] = $row['revenue'];
			}
			if ( Holdout::CHAT === $row['group'] || Holdout::HOLDOUT === $row['group'] ) {
				$add[ 'orders_' . $row['group'] ] = 1;
			}
			foreach ( $add as $key => $value ) {
				$by_day[ $row['day'] ][ $key ] += $value;
				$totals[ $key ]                += $value;
			}
		}
		foreach ( $by_day as $day => $values ) {
			$by_day[ $day ]['attributed_revenue'] = round( $values['attributed_revenue'], $decimals );
		}
		$totals['attributed_revenue'] = round( $totals['attributed_revenue'], $decimals );
		return array(
			'days'   => $by_day,
			'totals' => $totals,
		);
	}
}
