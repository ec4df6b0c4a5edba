<?php
/**
 * What `GET /api/admin/status` says about this store, in the owner's words: how the
 * assistant runs, which model answers, today's spend, the catalog sync and product changes.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin;

defined( 'ABSPATH' ) || exit;

final class StatusView {
	/**
	 * One row per topic the answer covers; topics the proxy did not send are left out.
	 *
	 * @param array<string, mixed> $status The proxy's answer.
	 * @return array<int, array{key: string, ok: bool, text: string, meter: array{value: int, max: int}|null}>
	 */
	public static function rows( array $status ): array {
		$rows   = array();
		$health = self::obj( $status, 'health' );
		if ( null !== $health ) {
			$rows[] = self::mode_row( isset( $health['mode'] ) ? (string) $health['mode'] : '' );
			$model  = self::obj( $health, 'model' );
			if ( null !== $model ) {
				$rows[] = self::model_row( $model );
			}
			foreach ( isset( $health['problems'] ) && is_array( $health['problems'] ) ? $health['problems'] : array() as $problem ) {
				if ( is_string( $problem ) && '' !== $problem ) {
					$rows[] = self::row( 'problem', false, $problem ); // The proxy's own words (English).
				}
			}
		}
		// Older top-level fields: the stored settings could not be read, or the sync state could not.
		foreach ( array( 'problem', 'sync_problem' ) as $key ) {
			if ( isset( $status[ $key ] ) && is_string( $status[ $key ] ) && '' !== $status[ $key ] ) {
				$rows[] = self::row( 'problem', false, $status[ $key ] );
			}
		}
		$spend = self::obj( $status, 'spend' );
		if ( null !== $spend ) {
			$rows[] = self::spend_row( $spend );
		}
		$sync = self::obj( $status, 'sync' );
		if ( null !== $sync ) {
			$view   = SyncStatusView::from_proxy( $sync );
			$failed = 'failed' === $view['state'] || ( isset( $sync['last']['ok'] ) && false === $sync['last']['ok'] );
			$text   = '' !== $view['last'] ? $view['last'] : $view['text'];
			if ( '' !== $text ) {
				$rows[] = self::row( 'sync', ! $failed, $text );
			}
		}
		$catalog = self::obj( $status, 'catalog' );
		if ( null !== $catalog ) {
			$rows[] = self::catalog_row( $catalog );
		}
		return $rows;
	}

	/**
	 * Print the rows as a list (every value escaped).
	 *
	 * @param array<int, array{key: string, ok: bool, text: string, meter: array{value: int, max: int}|null}> $rows Rows.
	 */
	public static function render( array $rows ): void {
		echo '<ul class="aisle-status-rows">';
		foreach ( $rows as $row ) {
			printf( '<li class="%1$s" data-aisle-status="%2$s">', esc_attr( $row['ok'] ? 'aisle-ok' : 'aisle-problem' ), esc_attr( $row['key'] ) );
			if ( null !== $row['meter'] ) {
				printf(
					'<meter min="0" max="%1$d" value="%2$d" high="%3$d" aria-hidden="true"></meter> ',
					(int) $row['meter']['max'],
					(int) $row['meter']['value'],
					(int) floor( $row['meter']['max'] * 0.9 )
				);
			}
			echo esc_html( $row['text'] ) . '</li>';
		}
		echo '</ul>';
	}

	private static function mode_row( string $mode ): array {
		switch ( $mode ) {
			case 'live':
				return self::row( 'mode', true, __( 'Live: the assistant answers with OpenAI.', 'aisle' ) );
			case 'offline':
				return self::row( 'mode', false, __( 'Offline: the assistant answers from catalog search only, without OpenAI.', 'aisle' ) );
			case 'demo':
				return self::row( 'mode', false, __( 'Demo: the proxy shows its demo catalog, not this store\'s products.', 'aisle' ) );
		}
		/* translators: %s: the mode the proxy reported. */
		return self::row( 'mode', false, sprintf( __( 'The proxy reports an unknown mode: %s', 'aisle' ), $mode ) );
	}

	/**
	 * @param array<string, mixed> $model { configured, active, available, message }.
	 */
	private static function model_row( array $model ): array {
		$configured = isset( $model['configured'] ) ? (string) $model['configured'] : '';
		$active     = isset( $model['active'] ) && '' !== (string) $model['active'] ? (string) $model['active'] : $configured;
		$available  = ! isset( $model['available'] ) || false !== $model['available'];
		if ( ! $available || ( '' !== $configured && $configured !== $active ) ) {
			return self::row(
				'model',
				false,
				$configured !== $active
					/* translators: 1: the model chosen, 2: the model answering instead. */
					? sprintf( __( 'The model %1$s is not available (retired, or not open to this key): the assistant uses %2$s instead.', 'aisle' ), $configured, $active )
					/* translators: %s: the model chosen. */
					: sprintf( __( 'The model %s is not available (retired, or not open to this key).', 'aisle' ), $configured )
			);
		}
		/* translators: %s: model name. */
		return self::row( 'model', true, sprintf( __( 'Model: %s.', 'aisle' ), $active ) );
	}

	/**
	 * @param array<string, mixed> $spend { tokens_used, daily_cap (null = no cap), exhausted, resets_at }.
	 */
	private static function spend_row( array $spend ): array {
		$used = isset( $spend['tokens_used'] ) && is_numeric( $spend['tokens_used'] ) ? max( 0, (int) $spend['tokens_used'] ) : 0;
		$cap  = isset( $spend['daily_cap'] ) && is_numeric( $spend['daily_cap'] ) ? max( 0, (int) $spend['daily_cap'] ) : 0;
		if ( 0 === $cap ) {
			/* translators: %s: tokens used today. */
			return self::row( 'spend', true, sprintf( __( 'Today: %s tokens used (no daily cap).', 'aisle' ), number_format_i18n( $used ) ) );
		}
		$meter = array(
			'value' => min( $used, $cap ),
			'max'   => $cap,
		);
		if ( ! empty( $spend['exhausted'] ) || $used >= $cap ) {
			$resets = isset( $spend['resets_at'] ) ? strtotime( (string) $spend['resets_at'] ) : false;
			$when   = false === $resets ? __( 'midnight UTC', 'aisle' ) : wp_date( get_option( 'time_format' ), $resets );
			/* translators: 1: tokens used, 2: daily cap, 3: time the budget resets. */
			return self::row( 'spend', false, sprintf( __( 'Today\'s budget is used up (%1$s of %2$s tokens): the assistant answers with catalog search until %3$s.', 'aisle' ), number_format_i18n( $used ), number_format_i18n( $cap ), $when ), $meter );
		}
		/* translators: 1: tokens used, 2: daily cap, 3: percentage used. */
		return self::row( 'spend', true, sprintf( __( 'Today: %1$s of %2$s tokens used (%3$d%%).', 'aisle' ), number_format_i18n( $used ), number_format_i18n( $cap ), (int) floor( 100 * $used / $cap ) ), $meter );
	}

	/**
	 * @param array<string, mixed> $catalog { products, last_change_at, last_sync_at }.
	 */
	private static function catalog_row( array $catalog ): array {
		$when = isset( $catalog['last_change_at'] ) && is_string( $catalog['last_change_at'] ) ? strtotime( $catalog['last_change_at'] ) : false;
		if ( false === $when ) {
			return self::row( 'changes', true, __( 'No product change has reached the proxy yet.', 'aisle' ) );
		}
		/* translators: %s: date and time. */
		return self::row( 'changes', true, sprintf( __( 'Last product change received: %s.', 'aisle' ), wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $when ) ) );
	}

	/**
	 * @param array<string, mixed> $data Object.
	 * @param string               $key  Key.
	 * @return array<string, mixed>|null
	 */
	private static function obj( array $data, string $key ): ?array {
		return isset( $data[ $key ] ) && is_array( $data[ $key ] ) ? $data[ $key ] : null;
	}

	/**
	 * @param string                         $key   Topic.
	 * @param bool                           $ok    Whether all is well.
	 * @param string                         $text  Words.
	 * @param array{value: int, max: int}|null $meter A meter to draw.
	 */
	private static function row( string $key, bool $ok, string $text, ?array $meter = null ): array {
		return array(
			'key'   => $key,
			'ok'    => $ok,
			'text'  => $text,
			'meter' => $meter,
		);
	}
}
