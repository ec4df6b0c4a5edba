<?php
/**
 * The proxy's sync status (AdminSyncStatus in proxy/src/admin/types.ts) in words
 * for the progress bar.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin;

defined( 'ABSPATH' ) || exit;

final class SyncStatusView {
	/**
	 * @return array{state: string, percent: int|null, text: string, last: string}
	 */
	public static function empty_view(): array {
		return array(
			'state'   => 'unknown',
			'percent' => null,
			'text'    => '',
			'last'    => '',
		);
	}

	/**
	 * @param array $status { state, progress: { done, total, phase?, pages_read?, pages_total?, products_read?,
	 *                      shards_uploaded?, shards_to_upload? }|null, last: { ok, finished_at, message, products }|null }.
	 * @return array{state: string, percent: int|null, text: string, last: string}
	 */
	public static function from_proxy( array $status ): array {
		$state    = isset( $status['state'] ) && is_string( $status['state'] ) ? $status['state'] : 'unknown';
		$progress = isset( $status['progress'] ) && is_array( $status['progress'] ) ? $status['progress'] : null;
		$done     = $progress && isset( $progress['done'] ) ? max( 0, (int) $progress['done'] ) : 0;
		$total    = $progress && isset( $progress['total'] ) && is_numeric( $progress['total'] ) ? max( 0, (int) $progress['total'] ) : null;

		$percent = null;
		$text    = '';
		if ( 'running' === $state ) {
			$percent = $total ? (int) min( 100, floor( 100 * $done / $total ) ) : null;
			$text    = self::running_text( $progress ? $progress : array(), $done, $total );
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

	/**
	 * The running sync in words. `done`/`total` count pages while the proxy reads the store and
	 * catalog files while it uploads; a proxy that also sends the phase gets words for each step.
	 *
	 * @param array    $progress The proxy's progress.
	 * @param int      $done     Done.
	 * @param int|null $total    Total, when known.
	 */
	private static function running_text( array $progress, int $done, ?int $total ): string {
		$phase = isset( $progress['phase'] ) && is_string( $progress['phase'] ) ? $progress['phase'] : '';
		$count = static function ( string $key ) use ( $progress ): ?int {
			return isset( $progress[ $key ] ) && is_numeric( $progress[ $key ] ) ? max( 0, (int) $progress[ $key ] ) : null;
		};
		switch ( $phase ) {
			case 'starting':
			case 'cleanup':
				return __( 'Starting the sync…', 'aisle' );
			case 'reading':
				$read  = (int) $count( 'pages_read' );
				$pages = $count( 'pages_total' );
				$found = (int) $count( 'products_read' );
				return $pages
					/* translators: 1: pages read, 2: pages in total, 3: products read so far. */
					? sprintf( __( 'Reading the store\'s products: page %1$d of %2$d, %3$d products so far…', 'aisle' ), $read, $pages, $found )
					/* translators: %d: products read so far. */
					: sprintf( __( 'Reading the store\'s products: %d so far…', 'aisle' ), $found );
			case 'uploading':
				$files = $count( 'shards_to_upload' );
				return null !== $files
					/* translators: 1: catalog files uploaded, 2: catalog files to upload. */
					? sprintf( __( 'Uploading the catalog to OpenAI: file %1$d of %2$d…', 'aisle' ), (int) $count( 'shards_uploaded' ), $files )
					: __( 'Uploading the catalog to OpenAI…', 'aisle' );
			case 'swapping':
				return __( 'Switching the assistant to the new catalog…', 'aisle' );
		}
		return $total
			/* translators: 1: parts done, 2: parts in total (pages read, then catalog files uploaded). */
			? sprintf( __( 'Syncing the catalog: %1$d of %2$d parts done…', 'aisle' ), $done, $total )
			: __( 'Syncing the catalog…', 'aisle' );
	}
}
