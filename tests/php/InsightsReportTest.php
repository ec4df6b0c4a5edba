<?php

use Aisle\Insights\OrderStats;
use Aisle\Insights\Report;
use Aisle\Insights\Stats;
use Aisle\Proxy\ProxyClient;
use PHPUnit\Framework\TestCase;

/** The Insights report: day ranges, attributed revenue per day, the merge with the proxy, conversion and the CSV. */
final class InsightsReportTest extends TestCase {
	const SECRET = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
	const CURRENCY = array(
		'code'     => 'ILS',
		'symbol'   => '₪',
		'decimals' => 2,
	);

	/** A client whose proxy answers `$status` with `$body`; `$calls` gets the URLs asked. */
	private static function proxy( int $status, $body, &$calls = null ): ProxyClient {
		$calls = array();
		return new ProxyClient(
			'https://aisle.example.com',
			'shop.example',
			self::SECRET,
			static function ( $url ) use ( $status, $body, &$calls ) {
				$calls[] = $url;
				return array(
					'response' => array( 'code' => $status ),
					'body'     => is_string( $body ) ? $body : json_encode( $body ),
				);
			}
		);
	}

	private static function proxy_day( string $date, array $values ): array {
		return array_merge(
			array_fill_keys( array( 'conversations', 'messages', 'products_shown', 'products_clicked', 'products_added', 'feedback_up', 'feedback_down', 'tokens_in', 'tokens_out' ), 0 ),
			array(
				'date'     => $date,
				'cost_usd' => 0,
			),
			$values
		);
	}

	public function test_days_are_utc_calendar_days_and_bad_ranges_are_400s(): void {
		$now = gmmktime( 12, 0, 0, 12, 8, 2026 );
		$this->assertSame( array( '2026-02-27', '2026-02-28', '2026-03-01' ), Report::days( '2026-02-27', '2026-03-01', $now ) );
		$default = Report::days( '', '', $now );
		$this->assertCount( 30, $default );
		$this->assertSame( array( '2026-11-09', '2026-12-08' ), array( $default[0], $default[29] ) );
		foreach ( array( array( '2026-02-30', '2026-03-01' ), array( '2026-12-08', '2026-12-01' ), array( '2025-01-01', '2026-12-01' ), array( '12/01/2026', '' ) ) as $bad ) {
			$error = Report::days( $bad[0], $bad[1], $now );
			$this->assertInstanceOf( WP_Error::class, $error, implode( ' → ', $bad ) );
			$this->assertSame( 'aisle_invalid_range', $error->get_error_code() );
			$this->assertSame( 400, $error->get_error_data()['status'] );
		}
	}

	public function test_attributed_revenue_counts_chat_lines_of_paid_orders_per_day(): void {
		$rows = array(
			// Two attributed orders on the 1st; the second has a line refunded in part (row revenue is net already).
			array( 'id' => 1, 'day' => '2026-12-01', 'attributed' => true, 'revenue' => 189.9, 'group' => 'chat' ),
			array( 'id' => 2, 'day' => '2026-12-01', 'attributed' => true, 'revenue' => 59.9 - 10.0, 'group' => '' ),
			// A holdout order: no chat line, counted for conversion only.
			array( 'id' => 3, 'day' => '2026-12-02', 'attributed' => false, 'revenue' => 0.0, 'group' => 'holdout' ),
			// Outside the range: ignored.
			array( 'id' => 4, 'day' => '2026-11-30', 'attributed' => true, 'revenue' => 99.9, 'group' => 'chat' ),
		);
		$result = OrderStats::aggregate( $rows, array( '2026-12-01', '2026-12-02' ) );
		$this->assertSame(
			array(
				'attributed_orders'  => 2,
				'attributed_revenue' => 239.8,
				'orders_chat'        => 1,
				'orders_holdout'     => 0,
			),
			$result['days']['2026-12-01']
		);
		$this->assertSame( 1, $result['days']['2026-12-02']['orders_holdout'] );
		$this->assertSame( 0, $result['days']['2026-12-02']['attributed_orders'] );
		$this->assertSame( 239.8, $result['totals']['attributed_revenue'] );
		$this->assertSame( 2, $result['totals']['attributed_orders'] );
		$this->assertSame( 1, $result['totals']['orders_holdout'] );
	}

	public function test_the_report_merges_the_proxy_the_orders_and_the_sessions(): void {
		$proxy = self::proxy(
			200,
			array(
				'days'      => array(
					self::proxy_day( '2026-12-01', array( 'conversations' => 2, 'messages' => 3, 'products_shown' => 2, 'products_added' => 1, 'tokens_in' => 900, 'tokens_out' => 100, 'cost_usd' => 0.0015, 'feedback_up' => 1 ) ),
					self::proxy_day( '2026-12-02', array( 'conversations' => 1, 'messages' => 1, 'tokens_in' => 300, 'tokens_out' => 50, 'cost_usd' => 0.0006 ) ),
				),
				'totals'    => array( 'cost_usd' => 0.0021 ),
				'top_terms' => array( array( 'term' => 'dog', 'count' => 2 ), array( 'term' => 'bad' ), 'junk' ),
				'prices'    => array( 'taken' => '2026-06-28' ),
			),
			$calls
		);
		$orders = array(
			array( 'id' => 1, 'day' => '2026-12-01', 'attributed' => true, 'revenue' => 189.9, 'group' => 'chat' ),
			array( 'id' => 2, 'day' => '2026-12-02', 'attributed' => false, 'revenue' => 0.0, 'group' => 'holdout' ),
		);
		$sessions = array(
			'2026-12-01' => array( 'chat' => 30, 'holdout' => 4 ),
			'2026-12-02' => array( 'chat' => 10 ),
		);
		$report = Report::build( array( '2026-12-01', '2026-12-02' ), $proxy, $orders, $sessions, 10, self::CURRENCY );

		$this->assertSame( array( 'https://aisle.example.com/api/admin/insights?from=2026-12-01&to=2026-12-02' ), $calls );
		$this->assertTrue( $report['proxy']['ok'] );
		$this->assertSame( array( 'taken' => '2026-06-28' ), $report['proxy']['prices'] );
		$this->assertSame( 3, $report['totals']['conversations'] );
		$this->assertSame( 4, $report['totals']['messages'] );
		$this->assertSame( 1200, $report['totals']['tokens_in'] );
		$this->assertSame( 0.0021, $report['totals']['cost_usd'] );
		$this->assertSame( 1, $report['totals']['attributed_orders'] );
		$this->assertSame( 189.9, $report['totals']['attributed_revenue'] );
		$this->assertSame( 0.0021, $report['totals']['cost_per_attributed_order'] );
		$this->assertSame( array( 40, 4 ), array( $report['totals']['sessions_chat'], $report['totals']['sessions_holdout'] ) );
		$this->assertSame( 2, $report['days'][0]['conversations'] );
		$this->assertSame( 30, $report['days'][0]['sessions_chat'] );
		$this->assertSame( 1, $report['days'][1]['orders_holdout'] );
		$this->assertSame( array( array( 'term' => 'dog', 'count' => 2 ) ), $report['top_terms'] );
		// Conversion: 1 of 40 chat sessions, 1 of 4 holdout sessions, with Newcombe's interval.
		$this->assertEquals( Stats::conversion( 1, 40, 1, 4 ), $report['conversion'] );
		$this->assertEqualsWithDelta( 0.025 - 0.25, $report['conversion']['difference']['difference'], 1e-12 );
	}

	public function test_without_the_proxy_the_store_numbers_stay_and_the_proxy_numbers_are_null(): void {
		$report = Report::build( array( '2026-12-01' ), self::proxy( 401, array( 'error' => array( 'code' => 'bad_signature', 'message' => 'Bad signature.' ) ) ), array( array( 'id' => 1, 'day' => '2026-12-01', 'attributed' => true, 'revenue' => 10.0, 'group' => '' ) ), array(), 0, self::CURRENCY );
		$this->assertFalse( $report['proxy']['ok'] );
		$this->assertStringContainsString( 'Bad signature.', $report['proxy']['message'] );
		$this->assertNull( $report['days'][0]['conversations'] );
		$this->assertNull( $report['totals']['cost_usd'] );
		$this->assertNull( $report['totals']['cost_per_attributed_order'] );
		$this->assertSame( 1, $report['totals']['attributed_orders'] );
		$this->assertNull( $report['conversion'] );

		$offline = Report::build( array( '2026-12-01' ), null, array(), array(), 0, self::CURRENCY );
		$this->assertFalse( $offline['proxy']['ok'] );
		$this->assertSame( 0, $offline['totals']['attributed_orders'] );
	}

	public function test_a_model_without_a_price_keeps_the_cost_unknown(): void {
		$proxy  = self::proxy(
			200,
			array(
				'days'   => array( self::proxy_day( '2026-12-01', array( 'tokens_in' => 10, 'cost_usd' => null ) ) ),
				'totals' => array( 'cost_usd' => null ),
			)
		);
		$report = Report::build( array( '2026-12-01' ), $proxy, array(), array(), 0, self::CURRENCY );
		$this->assertNull( $report['days'][0]['cost_usd'] );
		$this->assertNull( $report['totals']['cost_usd'] );
		$this->assertSame( 10, $report['totals']['tokens_in'] );
	}

	public function test_the_csv_holds_the_same_numbers_and_neutralizes_formulas(): void {
		$proxy  = self::proxy(
			200,
			array(
				'days'      => array( self::proxy_day( '2026-12-01', array( 'conversations' => 2, 'messages' => 3, 'cost_usd' => 0.0015 ) ) ),
				'totals'    => array( 'cost_usd' => 0.0015 ),
				'top_terms' => array( array( 'term' => '=cmd|x', 'count' => 2 ), array( 'term' => 'a,"b"', 'count' => 1 ) ),
				'top_phrases' => array( array( 'term' => 'dog food', 'count' => 3 ) ),
			)
		);
		$report = Report::build( array( '2026-12-01' ), $proxy, array( array( 'id' => 1, 'day' => '2026-12-01', 'attributed' => true, 'revenue' => 189.9, 'group' => 'chat' ) ), array( '2026-12-01' => array( 'chat' => 2, 'holdout' => 1 ) ), 20, self::CURRENCY );
		$lines  = explode( "\r\n", Report::csv( $report ) );
		$this->assertSame( 'date,conversations,messages,products_shown,products_clicked,products_added,feedback_up,feedback_down,tokens_in,tokens_out,cost_usd,attributed_orders,attributed_revenue,sessions_chat,orders_chat,sessions_holdout,orders_holdout', $lines[0] );
		$this->assertSame( '2026-12-01,2,3,0,0,0,0,0,0,0,0.0015,1,189.9,2,1,1,0', $lines[1] );
		$this->assertSame( 'total,2,3,0,0,0,0,0,0,0,0.0015,1,189.9,2,1,1,0', $lines[2] );
		$this->assertContains( 'cost_per_attributed_order_usd,0.0015', $lines );
		$ci = Stats::newcombe( 1, 2, 0, 1 );
		$this->assertContains( 'chat,1,2,0.5,' . rtrim( rtrim( sprintf( '%.6F', Stats::wilson( 1, 2 )[0] ), '0' ), '.' ) . ',' . rtrim( rtrim( sprintf( '%.6F', Stats::wilson( 1, 2 )[1] ), '0' ), '.' ), $lines );
		$this->assertContains( 'difference,,,0.5,' . rtrim( rtrim( sprintf( '%.6F', $ci['low'] ), '0' ), '.' ) . ',' . rtrim( rtrim( sprintf( '%.6F', $ci['high'] ), '0' ), '.' ), $lines );
		$this->assertContains( "'=cmd|x,2", $lines );
		$this->assertContains( '"a,""b""",1', $lines );
		$phrases = array_search( 'top_question_phrase,count', $lines, true );
		$this->assertSame( 'dog food,3', $lines[ $phrases + 1 ] );
	}
}
