<?php
/**
 * The proxy's sync status (AdminSyncStatus in proxy/src/admin/types.ts) in words
 * for the progress bar.
 *
 * @package Aisle
 */

namespace Aisle\Admin;

defined( 'ABSPATH' ) || exit;

final class SyncStatusView {
	/**
	 * @return array{state: string, percent: int|null, text: string, last: string}
	 */
	public static function empty_view() {
		return array(
			'state'   => 'unknown',
			'percent' => null,
			'text'    => '',
			'last'    => '',
		);
	}

	/**
	 * @param array $status { state, progress: { done, total }|null, last: { ok, finished_at, message, products }|null }.
	 * @return array{state: string, percent: int|null, text: string, last: string}
	 */
	public static function from_proxy( array $status ) {
		$state    = isset( $status['state'] ) && is_string( $status['state'] ) ? $status['state'] : 'unknown';
		$progress = isset( $status['progress'] ) && is_array( $status['progress'] ) ? $status['progress'] : null;
		$done     = $progress && isset( $progress['done'] ) ? max( 0, (int) $progress['done'] ) : 0;
		$total    = $progress && isset( $progress['total'] ) && is_numeric( $progress['total'] ) ? max( 0, (int) $progress['total'] ) : null;

		$percent = null;
		$text    = '';
		if ( 'running' === $state ) {
			$percent = $total ? (int) min( 100, floor( 100 * $done / $total ) ) : null;
			$text    = $total
				/* translators: 1: products done, 2: products in total. */
				? sprintf( __( 'Syncing the catalog: %1$d of %2$d products…', 'aisle' ), $done, $total )
				/* translators: %d: products done. */
				: sprintf( __( 'Syncing the catalog: %d products so far…', 'aisle' ), $done );
		}

		$last_text = '';
		if ( isset( $status['last'] ) && is_array( $status['last'] ) ) {
			$last = $status['last'];
			$when = isset( $last['finished_at'] ) ? strtotime( (string) $last['finished_at'] ) : false;
			$when = false === $when ? '' : wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $when );
			$msg  = isset( $last['message'] ) ? (string) $last['message'] : '';
			if ( ! empty( $last['ok'] ) ) {
				$last_text = isset( $last['products'] )
					/* translators: 1: date and time, 2: number of products. */
					? sprintf( __( 'Last sync: %1$s, succeeded with %2$d products.', 'aisle' ), $when, (int) $last['products'] )
					/* translators: %s: date and time. */
					: sprintf( __( 'Last sync: %s, succeeded.', 'aisle' ), $when );
			} else {
				/* translators: 1: date and time, 2: error message. */
				$last_text = sprintf( __( 'Last sync: %1$s, failed: %2$s', 'aisle' ), $when, $msg );
			}
		} elseif ( 'running' !== $state ) {
			$last_text = __( 'The catalog has not been synced yet.', 'aisle' );
		}

		return array(
			'state'   => $state,
			'percent' => 'succeeded' === $state ? 100 : $percent,
			'text'    => $text,
			'last'    => $last_text,
		);
	}
}
