<?php

use Aisle\Insights\Stats;
use PHPUnit\Framework\TestCase;

/**
 * The intervals against the worked examples of the papers that define them: Newcombe (1998),
 * "Interval estimation for the difference between independent proportions", table II, method 10,
 * and Wilson (1927) as tabulated in Newcombe's companion paper on single proportions.
 */
final class InsightsStatsTest extends TestCase {
	/** @return array<string, array{int, int, int, int, float, float}> */
	public function newcombe_examples(): array {
		return array(
			'56/70 - 48/80'  => array( 56, 70, 48, 80, 0.0524, 0.3339 ),
			'9/10 - 3/10'    => array( 9, 10, 3, 10, 0.1705, 0.8090 ),
			'6/7 - 2/7'      => array( 6, 7, 2, 7, 0.0582, 0.8062 ),
			'5/56 - 0/29'    => array( 5, 56, 0, 29, -0.0381, 0.1926 ),
			'0/10 - 0/20'    => array( 0, 10, 0, 20, -0.1611, 0.2775 ),
			'10/10 - 0/20'   => array( 10, 10, 0, 20, 0.6791, 1.0000 ),
		);
	}

	/** @dataProvider newcombe_examples */
	public function test_the_difference_interval_matches_newcombes_table( int $x1, int $n1, int $x2, int $n2, float $low, float $high ): void {
		$ci = Stats::newcombe( $x1, $n1, $x2, $n2 );
		$this->assertEqualsWithDelta( $x1 / $n1 - $x2 / $n2, $ci['difference'], 1e-12 );
		$this->assertEqualsWithDelta( $low, $ci['low'], 0.00006 );
		$this->assertEqualsWithDelta( $high, $ci['high'], 0.00006 );
	}

	public function test_wilson_matches_the_published_single_proportion_intervals(): void {
		// Newcombe (1998), "Two-sided confidence intervals for the single proportion", table I, method 3.
		list( $low, $high ) = Stats::wilson( 81, 263 );
		$this->assertEqualsWithDelta( 0.2553, $low, 0.0001 );
		$this->assertEqualsWithDelta( 0.3662, $high, 0.0001 );
		list( $low, $high ) = Stats::wilson( 15, 148 );
		$this->assertEqualsWithDelta( 0.0624, $low, 0.0001 );
		$this->assertEqualsWithDelta( 0.1605, $high, 0.0001 );
		list( $low, $high ) = Stats::wilson( 0, 20 );
		$this->assertSame( 0.0, $low );
		$this->assertEqualsWithDelta( 0.1611, $high, 0.0001 );
		list( $low, $high ) = Stats::wilson( 1, 29 );
		$this->assertEqualsWithDelta( 0.0061, $low, 0.0001 );
		$this->assertEqualsWithDelta( 0.1718, $high, 0.0001 );
	}

	public function test_wilson_refuses_impossible_counts(): void {
		$this->expectException( InvalidArgumentException::class );
		Stats::wilson( 3, 2 );
	}

	public function test_conversion_compares_chat_with_holdout_and_says_nothing_without_sessions(): void {
		$result = Stats::conversion( 56, 70, 48, 80 );
		$this->assertSame( array( 'orders', 'sessions', 'rate', 'low', 'high' ), array_keys( $result['chat'] ) );
		$this->assertEqualsWithDelta( 0.8, $result['chat']['rate'], 1e-12 );
		$this->assertEqualsWithDelta( 0.6, $result['holdout']['rate'], 1e-12 );
		$this->assertEqualsWithDelta( 0.2, $result['difference']['difference'], 1e-12 );
		$this->assertEqualsWithDelta( 0.0524, $result['difference']['low'], 0.00006 );

		$none = Stats::conversion( 3, 40, 0, 0 );
		$this->assertNull( $none['holdout'] );
		$this->assertNull( $none['difference'] );
		$this->assertEqualsWithDelta( 3 / 40, $none['chat']['rate'], 1e-12 );

		// A session with two orders counts once.
		$capped = Stats::conversion( 5, 4, 1, 2 );
		$this->assertSame( 4, $capped['chat']['orders'] );
		$this->assertEqualsWithDelta( 1.0, $capped['chat']['rate'], 1e-12 );
	}
}
