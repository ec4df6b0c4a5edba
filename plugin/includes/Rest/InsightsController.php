<?php
/**
 * REST routes of the Insights screen and of the holdout's session count.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Rest;

use Aisle\Insights\Holdout;
use Aisle\Insights\OrderStats;
use Aisle\Insights\Report;
use Aisle\Insights\VisitLog;
use Aisle\Proxy\ProxyClient;
use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * - `GET /aisle/v1/insights?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|csv` (`manage_woocommerce`):
 *   the proxy's signed insights answer merged with WooCommerce's orders and the holdout's sessions
 *   (Insights\Report). `format=csv` answers `text/csv` as a download.
 * - `POST /aisle/v1/visit` (public): one session of the visitor's holdout group, from its cookie;
 *   limited per client IP so a script cannot inflate the counts much.
 */
final class InsightsController {
	public const VISIT_LIMIT  = 60;
	public const VISIT_WINDOW = 600;

	/** @var Settings */
	private $settings;

	/** @var Holdout */
	private $holdout;

	/** @var callable(): VisitLog */
	private $visits;

	/** @var callable(array): ProxyClient */
	private $proxy_client;

	/** @var callable(): string */
	private $capability;

	/**
	 * @param Settings $settings     Settings.
	 * @param Holdout  $holdout      The holdout.
	 * @param callable $visits       fn() => VisitLog.
	 * @param callable $proxy_client fn( settings ) => ProxyClient.
	 * @param callable $capability   fn() => capability.
	 */
	public function __construct( Settings $settings, Holdout $holdout, callable $visits, callable $proxy_client, callable $capability ) {
		$this->settings     = $settings;
		$this->holdout      = $holdout;
		$this->visits       = $visits;
		$this->proxy_client = $proxy_client;
		$this->capability   = $capability;
	}

	public function register_routes(): void {
		// No default: WordPress would check a default against the pattern too. Absent means the last 30 days.
		$day = array(
			'type'    => 'string',
			'pattern' => '^\d{4}-\d{2}-\d{2}$',
		);
		register_rest_route(
			SessionController::NAMESPACE_V1,
			'/insights',
			array(
				'methods'             => 'GET',
				'callback'            => array( $this, 'insights' ),
				'permission_callback' => array( $this, 'permission' ),
				'args'                => array(
					'from'   => $day + array( 'description' => __( 'First day (UTC), YYYY-MM-DD.', 'aisle' ) ),
					'to'     => $day + array( 'description' => __( 'Last day (UTC), YYYY-MM-DD.', 'aisle' ) ),
					'format' => array(
						'type'    => 'string',
						'enum'    => array( 'json', 'csv' ),
						'default' => 'json',
					),
				),
			)
		);
		register_rest_route(
			SessionController::NAMESPACE_V1,
			'/visit',
			array(
				'methods'             => 'POST',
				'callback'            => array( $this, 'visit' ),
				// Anyone may be a visitor; the count only follows the group cookie the loader set.
				'permission_callback' => '__return_true',
				'args'                => array(),
			)
		);
	}

	public function permission(): bool {
		return current_user_can( call_user_func( $this->capability ) );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error 400 for a bad range.
	 */
	public function insights( \WP_REST_Request $request ) {
		$days = Report::days( (string) $request->get_param( 'from' ), (string) $request->get_param( 'to' ), time() );
		if ( is_wp_error( $days ) ) {
			return $days;
		}
		$s      = $this->settings->all();
		$proxy  = '' !== $s['proxy_url'] && '' !== $s['connection_secret'] && (int) $s['connected_at'] > 0
			? call_user_func( $this->proxy_client, $s )->with_timeout( 10 )
			: null;
		$from   = $days[0];
		$to     = $days[ count( $days ) - 1 ];
		$report = Report::build(
			$days,
			$proxy,
			OrderStats::rows( $from, $to ),
			call_user_func( $this->visits )->counts( $from, $to ),
			$this->holdout->percent(),
			array(
				'code'     => get_woocommerce_currency(),
				'symbol'   => html_entity_decode( get_woocommerce_currency_symbol(), ENT_QUOTES, 'UTF-8' ),
				'decimals' => wc_get_price_decimals(),
			)
		);
		if ( 'csv' !== $request->get_param( 'format' ) ) {
			return rest_ensure_response( $report );
		}
		$response = new \WP_REST_Response( Report::csv( $report ), 200 );
		$response->header( 'Content-Type', 'text/csv; charset=utf-8' );
		$response->header( 'Content-Disposition', sprintf( 'attachment; filename="aisle-insights-%s-%s.csv"', $from, $to ) );
		return $response;
	}

	/**
	 * Filter rest_pre_serve_request: the CSV goes out as it is, not JSON-encoded. WordPress has
	 * sent the response's headers by then.
	 *
	 * @param mixed $served  Whether the request was served.
	 * @param mixed $result  WP_REST_Response.
	 * @param mixed $request WP_REST_Request.
	 * @return mixed
	 */
	public function serve_csv( $served, $result = null, $request = null ) {
		if ( $served || ! $result instanceof \WP_REST_Response || ! $request instanceof \WP_REST_Request ) {
			return $served;
		}
		if ( '/' . SessionController::NAMESPACE_V1 . '/insights' !== $request->get_route() || 200 !== $result->get_status() || ! is_string( $result->get_data() ) ) {
			return $served;
		}
		echo $result->get_data(); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- a text/csv download, its cells quoted by Report::csv().
		return true;
	}

	/**
	 * @return \WP_REST_Response|\WP_Error 204, counted or not (a visitor without a group cookie is no error); 429 above the limit.
	 */
	public function visit() {
		$limiter = new RateLimiter( self::VISIT_LIMIT, self::VISIT_WINDOW );
		if ( $limiter->hit( 'visit:' . SessionController::client_ip() ) > 0 ) {
			return new \WP_Error( 'aisle_rate_limited', __( 'Too many requests. Try again in a few minutes.', 'aisle' ), array( 'status' => 429 ) );
		}
		$this->holdout->count_visit();
		return new \WP_REST_Response( null, 204 );
	}
}
