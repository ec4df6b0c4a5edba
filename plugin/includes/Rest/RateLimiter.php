<?php
/**
 * A fixed-window counter per key (a client IP), in the object cache when the site has a
 * persistent one, else in transients.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Rest;

defined( 'ABSPATH' ) || exit;

final class RateLimiter {
	public const GROUP = 'aisle';

	/** @var int */
	private $limit;

	/** @var int Seconds. */
	private $window;

	/** @var callable(): int */
	private $now;

	/**
	 * @param int           $limit  Hits allowed per window (0 = no limit).
	 * @param int           $window Window length in seconds.
	 * @param callable|null $now    fn() => unix seconds (tests).
	 */
	public function __construct( int $limit, int $window, ?callable $now = null ) {
		$this->limit  = max( 0, $limit );
		$this->window = max( 1, $window );
		$this->now    = $now ? $now : 'time';
	}

	/**
	 * Count one hit.
	 *
	 * @param string $key Who is counted, e.g. a client IP.
	 * @return int 0 when allowed, else the seconds until the window ends (for Retry-After).
	 */
	public function hit( string $key ): int {
		if ( 0 === $this->limit ) {
			return 0;
		}
		$now   = (int) call_user_func( $this->now );
		$start = $now - ( $now % $this->window );
		// Hashed: an IPv6 address or a proxy's header value never becomes part of an option name as is.
		$bucket = 'aisle_rl_' . md5( $key ) . '_' . $start;
		if ( wp_using_ext_object_cache() ) {
			wp_cache_add( $bucket, 0, self::GROUP, $this->window );
			$count = wp_cache_incr( $bucket, 1, self::GROUP );
			$count = false === $count ? 1 : (int) $count; // An evicted counter starts again.
		} else {
			// Not atomic: two requests at the same instant may both count as one. A limit for abuse, not billing.
			$count = (int) get_transient( $bucket ) + 1;
			set_transient( $bucket, $count, $this->window );
		}
		return $count > $this->limit ? max( 1, $start + $this->window - $now ) : 0;
	}
}
