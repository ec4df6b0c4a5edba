<?php
/**
 * The Insights report: the proxy's counters merged with WooCommerce's orders and the holdout.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Insights;

use Aisle\Proxy\ProxyClient;

defined( 'ABSPATH' ) || exit;

/**
 * One answer for the screen and the CSV: per UTC day and for the whole range, what the proxy
 * counted (conversations, messages, products, feedback, tokens and their cost), what WooCommerce
 * sold through the chat (OrderStats) and the sessions of each holdout group (VisitLog). When the
 * proxy cannot answer, its numbers are null and `proxy.message` says why; the store's own
 * numbers are still there.
 */
final class Report {
	public const MAX_DAYS = 366;

	/** The proxy's per-day counters shown on the screen and in the CSV. */
	public const PROXY_KEYS = array( 'conversations', 'messages', 'products_shown', 'products_clicked', 'products_added', 'feedback_up', 'feedback_down', 'tokens_in', 'tokens_out', 'cost_usd' );

	/** The store's per-day numbers. */
	public const STORE_KEYS = array( 'attributed_orders', 'attributed_revenue', 'sessions_chat', 'orders_chat', 'sessions_holdout', 'orders_holdout' );

	/**
	 * The days from `$from` to `$to`, or why not.
	 *
	 * @param string $from Y-m-d, or '' for 29 days before `$to`.
	 * @param string $to   Y-m-d, or '' for today (UTC).
	 * @param int    $now  Unix time.
	 * @return string[]|\WP_Error Every day, in order.
	 */
	public static function days( string $from, string $to, int $now ) {
		$to   = '' === $to ? gmdate( 'Y-m-d', $now ) : $to;
		$end  = self::parse_day( $to );
		$from = '' === $from && null !== $end ? gmdate( 'Y-m-d', $end - 29 * DAY_IN_SECONDS ) : $from;
		$start = self::parse_day( $from );
		if ( null === $start || null === $end ) {
			return new \WP_Error( 'aisle_invalid_range', __( 'Dates are written as YYYY-MM-DD, e.g. 2026-12-01.', 'aisle' ), array( 'status' => 400 ) );
		}
		if ( $start > $end ) {
			return new \WP_Error( 'aisle_invalid_range', __( 'The first day must not come after the last one.', 'aisle' ), array( 'status' => 400 ) );
		}
		if ( ( $end - $start ) / DAY_IN_SECONDS + 1 > self::MAX_DAYS ) {
			/* translators: %d: the most days a report may cover. */
			return new \WP_Error( 'aisle_invalid_range', sprintf( __( 'A report covers at most %d days.', 'aisle' ), self::MAX_DAYS ), array( 'status' => 400 ) );
		}
		$days = array();
		for ( $t = $start; $t <= $end; $t += DAY_IN_SECONDS ) {
			$days[] = gmdate( 'Y-m-d', $t );
		}
		return $days;
	}

	/**
	 * Midnight UTC of a Y-m-d day that exists, else null.
	 *
	 * @param string $day Y-m-d.
	 */
	private static function parse_day( string $day ): ?int {
		if ( 1 !== preg_match( '/^(\d{4})-(\d{2})-(\d{2})\z/', $day, $m ) || ! checkdate( (int) $m[2], (int) $m[3], (int) $m[1] ) ) {
			return null;
		}
		return (int) gmmktime( 0, 0, 0, (int) $m[2], (int) $m[3], (int) $m[1] );
	}

	/**
	 * Builds the report.
	 *
	 * @param string[]                                                                       $days          Every day of the range.
	 * @param ProxyClient|null                                                               $proxy         Null when not connected.
	 * @param array<int, array{day: string, attributed: bool, revenue: float, group: string}> $orders        OrderStats rows.
	 * @param array<string, array<string, int>>                                              $sessions      VisitLog counts.
	 * @param int                                                                            $holdout       The holdout share now (percent).
	 * @param array{code: string, symbol: string, decimals: int}                             $currency      The store's currency.
	 * @return array<string, mixed>
	 */
	public static function build( array $days, ?ProxyClient $proxy, array $orders, array $sessions, int $holdout, array $currency ): array {
		$from   = (string) reset( $days );
		$to     = (string) end( $days );
		$remote = self::proxy_report( $proxy, $from, $to );
		$store  = OrderStats::aggregate( $orders, $days, $currency['decimals'] );
		$proxy_days = array();
		foreach ( $remote['data']['days'] ?? array() as $day ) {
			if ( is_array( $day ) && isset( $day['date'] ) && is_string( $day['date'] ) ) {
				$proxy_days[ $day['date'] ] = $day;
			}
		}
		$rows   = array();
		$totals = array_fill_keys( array_merge( self::PROXY_KEYS, self::STORE_KEYS ), 0 );
		foreach ( $days as $day ) {
			$row = array( 'date' => $day );
			foreach ( self::PROXY_KEYS as $key ) {
				// A day the proxy did not list had nothing; a listed null cost stays unknown.
				$value       = isset( $proxy_days[ $day ] ) && array_key_exists( $key, $proxy_days[ $day ] ) ? $proxy_days[ $day ][ $key ] : 0;
				$row[ $key ] = $remote['ok'] ? self::number( $value, 'cost_usd' === $key ) : null;
			}
			$row                     += $store['days'][ $day ];
			$row['sessions_chat']    = (int) ( $sessions[ $day ][ Holdout::CHAT ] ?? 0 );
			$row['sessions_holdout'] = (int) ( $sessions[ $day ][ Holdout::HOLDOUT ] ?? 0 );
			$rows[]                   = $row;
		}
		foreach ( array_merge( self::PROXY_KEYS, self::STORE_KEYS ) as $key ) {
			$values         = array_column( $rows, $key );
			$totals[ $key ] = in_array( null, $values, true ) ? null : array_sum( $values );
		}
		// The proxy's own total cost is null when a model had no price: keep that, do not sum to a number.
		if ( $remote['ok'] && isset( $remote['data']['totals'] ) && is_array( $remote['data']['totals'] ) && array_key_exists( 'cost_usd', $remote['data']['totals'] ) ) {
			$totals['cost_usd'] = self::number( $remote['data']['totals']['cost_usd'], true );
		}
		$totals['attributed_revenue'] = round( (float) $totals['attributed_revenue'], $currency['decimals'] );
		$totals['cost_per_attributed_order'] = null !== $totals['cost_usd'] && $totals['attributed_orders'] > 0 ? round( $totals['cost_usd'] / $totals['attributed_orders'], 6 ) : null;

		$has_groups = $totals['sessions_chat'] + $totals['sessions_holdout'] > 0;
		return array(
			'from'            => $from,
			'to'              => $to,
			'timezone'        => 'UTC',
			'currency'        => $currency,
			'holdout_percent' => $holdout,
			'proxy'           => array(
				'ok'      => $remote['ok'],
				'message' => $remote['message'],
				'prices'  => $remote['ok'] && isset( $remote['data']['prices'] ) && is_array( $remote['data']['prices'] ) ? $remote['data']['prices'] : null,
			),
			'days'            => $rows,
			'totals'          => $totals,
			'top_terms'       => self::terms( $remote['data']['top_terms'] ?? array() ),
			'top_phrases'     => self::terms( $remote['data']['top_phrases'] ?? array() ),
			'conversion'      => $has_groups ? Stats::conversion( (int) $totals['orders_chat'], (int) $totals['sessions_chat'], (int) $totals['orders_holdout'], (int) $totals['sessions_holdout'] ) : null,
		);
	}

	/**
	 * The proxy's answer, or why there is none.
	 *
	 * @return array{ok: bool, message: string|null, data: array<string, mixed>}
	 */
	private static function proxy_report( ?ProxyClient $proxy, string $from, string $to ): array {
		if ( null === $proxy ) {
			return array(
				'ok'      => false,
				'message' => __( 'Connect to the proxy to see conversations, products and costs.', 'aisle' ),
				'data'    => array(),
			);
		}
		$response = $proxy->insights( $from, $to );
		return array(
			'ok'      => $response->ok,
			'message' => $response->ok ? null : $response->message,
			'data'    => $response->ok ? $response->data : array(),
		);
	}

	/**
	 * A counter as an int, or a cost as a float; null stays null.
	 *
	 * @param mixed $value From the proxy.
	 * @param bool  $money Whether it is a cost.
	 * @return int|float|null
	 */
	private static function number( $value, bool $money ) {
		if ( null === $value || ! is_numeric( $value ) ) {
			return $money && null === $value ? null : 0;
		}
		return $money ? round( (float) $value, 6 ) : max( 0, (int) $value );
	}

	/**
	 * The proxy's top terms as `{term, count}`, anything else dropped.
	 *
	 * @param mixed $list From the proxy.
	 * @return array<int, array{term: string, count: int}>
	 */
	private static function terms( $list ): array {
		$out = array();
		foreach ( is_array( $list ) ? $list : array() as $entry ) {
			if ( is_array( $entry ) && isset( $entry['term'], $entry['count'] ) && is_string( $entry['term'] ) && is_numeric( $entry['count'] ) ) {
				$out[] = array(
					'term'  => $entry['term'],
					'count' => (int) $entry['count'],
				);
			}
		}
		return $out;
	}

	/**
	 * The report as CSV (RFC 4180): one line per day and a total line, then the conversion with
	 * and without the chat, then the top questions. Cells that a spreadsheet would run as a
	 * formula (= + - @ at the start) are prefixed with a quote.
	 *
	 * @param array<string, mixed> $report What build() returned.
	 */
	public static function csv( array $report ): string {
		$keys  = array_merge( array( 'date' ), self::PROXY_KEYS, self::STORE_KEYS );
		$lines = array( self::csv_line( $keys ) );
		foreach ( $report['days'] as $row ) {
			$lines[] = self::csv_line( array_map( static fn( $key ) => $row[ $key ] ?? '', $keys ) );
		}
		$lines[] = self::csv_line( array_map( static fn( $key ) => 'date' === $key ? 'total' : ( $report['totals'][ $key ] ?? '' ), $keys ) );
		$lines[] = '';
		$lines[] = self::csv_line( array( 'cost_per_attributed_order_usd', $report['totals']['cost_per_attributed_order'] ?? '' ) );
		$conversion = $report['conversion'];
		if ( is_array( $conversion ) ) {
			$lines[] = self::csv_line( array( 'group', 'orders', 'sessions', 'conversion', 'ci95_low', 'ci95_high' ) );
			foreach ( array( Holdout::CHAT, Holdout::HOLDOUT ) as $group ) {
				$g       = $conversion[ $group ];
				$lines[] = self::csv_line( is_array( $g ) ? array( $group, $g['orders'], $g['sessions'], $g['rate'], $g['low'], $g['high'] ) : array( $group ) );
			}
			$d       = $conversion['difference'];
			$lines[] = self::csv_line( is_array( $d ) ? array( 'difference', '', '', $d['difference'], $d['low'], $d['high'] ) : array( 'difference' ) );
		}
		$lines[] = '';
		$lines[] = self::csv_line( array( 'top_question_term', 'count' ) );
		foreach ( $report['top_terms'] as $term ) {
			$lines[] = self::csv_line( array( $term['term'], $term['count'] ) );
		}
		$lines[] = '';
		$lines[] = self::csv_line( array( 'top_question_phrase', 'count' ) );
		foreach ( $report['top_phrases'] as $phrase ) {
			$lines[] = self::csv_line( array( $phrase['term'], $phrase['count'] ) );
		}
		return implode( "\r\n", $lines ) . "\r\n";
	}

	/**
	 * One CSV line.
	 *
	 * @param array<int, mixed> $cells Cells.
	 */
	private static function csv_line( array $cells ): string {
		return implode(
			',',
			array_map(
				static function ( $cell ): string {
					if ( is_float( $cell ) ) {
						$cell = rtrim( rtrim( sprintf( '%.6F', $cell ), '0' ), '.' );
					}
					$text = (string) $cell;
					if ( 1 === preg_match( '/^[=+\-@\t\r]/', $text ) && ! is_numeric( $text ) ) {
						$text = "'" . $text;
					}
					return 1 === preg_match( '/[",\r\n]/', $text ) ? '"' . str_replace( '"', '""', $text ) . '"' : $text;
				},
				$cells
			)
		);
	}
}
