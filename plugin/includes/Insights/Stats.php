<?php
/**
 * Proportions and their confidence intervals, for "conversion with and without the chat".
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Insights;

defined( 'ABSPATH' ) || exit;

/**
 * Wilson score intervals for one proportion and Newcombe's hybrid score interval (his method 10,
 * Statistics in Medicine 17, 1998) for the difference of two independent proportions. Both stay
 * inside [0, 1] (or [-1, 1]) and behave with small counts and with zero or all successes, where
 * the textbook normal approximation gives intervals of width zero or past the bounds.
 */
final class Stats {
	/** The 97.5th percentile of the standard normal distribution: a two-sided 95% interval. */
	public const Z95 = 1.959963984540054;

	/**
	 * The Wilson score interval of `$successes` out of `$trials`.
	 *
	 * @param int   $successes Successes (orders), 0..trials.
	 * @param int   $trials    Trials (sessions), >= 1.
	 * @param float $z         Normal quantile.
	 * @return array{0: float, 1: float} Lower and upper bound.
	 */
	public static function wilson( int $successes, int $trials, float $z = self::Z95 ): array {
		if ( $trials <= 0 || $successes < 0 || $successes > $trials ) {
			throw new \InvalidArgumentException( 'wilson() needs 0 <= successes <= trials and trials >= 1.' );
		}
		$p      = $successes / $trials;
		$z2     = $z * $z;
		$denom  = 1 + $z2 / $trials;
		$center = ( $p + $z2 / ( 2 * $trials ) ) / $denom;
		$half   = $z * sqrt( $p * ( 1 - $p ) / $trials + $z2 / ( 4 * $trials * $trials ) ) / $denom;
		return array( max( 0.0, $center - $half ), min( 1.0, $center + $half ) );
	}

	/**
	 * Newcombe's interval for p1 - p2, built from the two Wilson intervals.
	 *
	 * @param int   $x1 Successes of the first group.
	 * @param int   $n1 Trials of the first group.
	 * @param int   $x2 Successes of the second group.
	 * @param int   $n2 Trials of the second group.
	 * @param float $z  Normal quantile.
	 * @return array{difference: float, low: float, high: float}
	 */
	public static function newcombe( int $x1, int $n1, int $x2, int $n2, float $z = self::Z95 ): array {
		$p1 = $x1 / max( 1, $n1 );
		$p2 = $x2 / max( 1, $n2 );
		list( $l1, $u1 ) = self::wilson( $x1, $n1, $z );
		list( $l2, $u2 ) = self::wilson( $x2, $n2, $z );
		$d = $p1 - $p2;
		return array(
			'difference' => $d,
			'low'        => $d - sqrt( ( $p1 - $l1 ) ** 2 + ( $u2 - $p2 ) ** 2 ),
			'high'       => $d + sqrt( ( $u1 - $p1 ) ** 2 + ( $p2 - $l2 ) ** 2 ),
		);
	}

	/**
	 * Conversion of each group and the difference "chat minus holdout" with its 95% interval;
	 * null where a group has no session (nothing to divide by).
	 *
	 * @param int $chat_orders      Paid orders of chat-group visitors.
	 * @param int $chat_sessions    Sessions of chat-group visitors.
	 * @param int $holdout_orders   Paid orders of holdout visitors.
	 * @param int $holdout_sessions Sessions of holdout visitors.
	 * @return array<string, mixed>
	 */
	public static function conversion( int $chat_orders, int $chat_sessions, int $holdout_orders, int $holdout_sessions ): array {
		// More orders than sessions happens (a visitor who orders twice in one session): cap at one per session.
		$chat_orders    = min( $chat_orders, $chat_sessions );
		$holdout_orders = min( $holdout_orders, $holdout_sessions );
		$rate           = static function ( int $orders, int $sessions ): ?array {
			if ( $sessions <= 0 ) {
				return null;
			}
			list( $low, $high ) = self::wilson( $orders, $sessions );
			return array(
				'orders'   => $orders,
				'sessions' => $sessions,
				'rate'     => $orders / $sessions,
				'low'      => $low,
				'high'     => $high,
			);
		};
		$chat    = $rate( $chat_orders, $chat_sessions );
		$holdout = $rate( $holdout_orders, $holdout_sessions );
		return array(
			'chat'       => $chat,
			'holdout'    => $holdout,
			'difference' => null !== $chat && null !== $holdout ? self::newcombe( $chat_orders, $chat_sessions, $holdout_orders, $holdout_sessions ) : null,
		);
	}
}
