<?php
/**
 * `POST /wp-json/aisle/v1/session`: a short-lived token for the chat widget.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Rest;

use Aisle\Session\SessionToken;
use Aisle\Session\ShopperIdentity;
use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * The widget calls this after the page has loaded, so no token or nonce is ever in
 * the page's HTML and a full-page cache cannot hand one shopper's session to another.
 *
 * Permission: the route is public, because shoppers are mostly anonymous. For
 * signed-in shoppers WordPress's REST cookie authentication already does the nonce
 * check before this route runs: a valid `X-WP-Nonce` makes the request theirs (a
 * customer session), a wrong one is refused with 403 `rest_cookie_invalid_nonce`,
 * and no nonce at all makes the request anonymous. So a page on another site cannot
 * obtain a customer's session (it has no nonce), nor an anonymous shopper's (the
 * `aisle_sid` cookie is SameSite=Lax and is not sent with cross-site requests).
 *
 * The response also carries fresh nonces (`nonce` for `wp_rest`, `store_api_nonce`
 * for the WooCommerce Store API), taken from this uncached endpoint instead of the
 * page. `needs_nonce` tells a signed-in shopper's widget that it called without a
 * nonce: it then fetches one from `nonceEndpoint` (core's
 * `admin-ajax.php?action=rest-nonce`) and calls again to get a customer session.
 */
final class SessionController {
	public const NAMESPACE_V1 = 'aisle/v1';
	public const ROUTE        = '/session';

	/** Sessions one client IP may start per window (filter: aisle_session_rate_limit). */
	public const RATE_LIMIT  = 30;
	public const RATE_WINDOW = 600;

	/** @var Settings */
	private $settings;

	/** @var callable(): ShopperIdentity */
	private $identity_factory;

	/** @var callable(): string */
	private $site_id;

	/** @var callable(): bool */
	private $woo_active;

	/** @var callable(): RateLimiter|null */
	private $limiter;

	/** @var callable(): string */
	private $client_ip;

	/**
	 * @param Settings $settings         Settings.
	 * @param callable $identity_factory fn( secret ) => ShopperIdentity.
	 * @param callable $site_id          fn() => site ID.
	 * @param callable         $woo_active       fn() => whether WooCommerce is active.
	 * @param callable|null    $limiter          fn() => RateLimiter for sessions per client IP (null: no limit).
	 * @param callable|null    $client_ip        fn() => the client's IP (default: client_ip()).
	 */
	public function __construct( Settings $settings, callable $identity_factory, callable $site_id, callable $woo_active, ?callable $limiter = null, ?callable $client_ip = null ) {
		$this->settings         = $settings;
		$this->identity_factory = $identity_factory;
		$this->site_id          = $site_id;
		$this->woo_active       = $woo_active;
		$this->limiter          = $limiter;
		$this->client_ip        = $client_ip ? $client_ip : array( self::class, 'client_ip' );
	}

	/**
	 * The client's IP: REMOTE_ADDR, since forwarded headers can be forged by anyone. A site
	 * behind a reverse proxy or CDN supplies the real address with the `aisle_session_client_ip`
	 * filter (e.g. from the header its proxy sets).
	 */
	public static function client_ip(): string {
		$remote = isset( $_SERVER['REMOTE_ADDR'] ) ? sanitize_text_field( wp_unslash( $_SERVER['REMOTE_ADDR'] ) ) : '';
		$ip     = (string) apply_filters( 'aisle_session_client_ip', $remote );
		return false !== filter_var( $ip, FILTER_VALIDATE_IP ) ? $ip : 'unknown';
	}

	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE_V1,
			self::ROUTE,
			array(
				'methods'             => 'POST',
				'callback'            => array( $this, 'create_session' ),
				'permission_callback' => array( $this, 'permission' ),
				// The shopper is who the cookies say; there is nothing to choose.
				'args'                => array(),
			)
		);
	}

	/**
	 * Public, see the class comment: the nonce check for signed-in shoppers is done by
	 * WordPress's cookie authentication before this runs.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function permission( \WP_REST_Request $request ): bool {
		return true;
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function create_session( \WP_REST_Request $request ) {
		$wait = null === $this->limiter ? 0 : call_user_func( $this->limiter )->hit( (string) call_user_func( $this->client_ip ) );
		if ( $wait > 0 ) {
			return new \WP_Error(
				'aisle_rate_limited',
				__( 'Too many chat sessions from this address. Please try again in a few minutes.', 'aisle' ),
				array(
					'status'      => 429,
					'retry_after' => $wait,
				)
			);
		}
		$secret = (string) $this->settings->get( 'connection_secret' );
		if ( '' === $secret || '' === (string) $this->settings->get( 'proxy_url' ) ) {
			return new \WP_Error( 'aisle_not_connected', __( 'The shopping assistant is not set up yet.', 'aisle' ), array( 'status' => 503 ) );
		}
		$user_id  = get_current_user_id();
		$now      = time();
		$identity = call_user_func( $this->identity_factory, $secret );
		$issued   = SessionToken::issue( $secret, call_user_func( $this->site_id ), $identity->session_id( $user_id, $now ), $now, SessionToken::DEFAULT_TTL, $user_id );

		$response = new \WP_REST_Response(
			array(
				'token'           => $issued['token'],
				'expires_at'      => $issued['expires_at'],
				'session'         => $user_id > 0 ? 'customer' : 'anonymous',
				'nonce'           => wp_create_nonce( 'wp_rest' ),
				'store_api_nonce' => call_user_func( $this->woo_active ) ? wp_create_nonce( 'wc_store_api' ) : null,
				'needs_nonce'     => 0 === $user_id && self::has_login_cookie(),
			),
			200
		);
		$response->header( 'Cache-Control', 'no-store, private' );
		return $response;
	}

	/**
	 * Hooked on rest_post_dispatch: a WP_Error cannot carry headers, so the 429 of this route
	 * gets its `Retry-After` here, from the error's `retry_after`.
	 *
	 * @param mixed $response The response WordPress is about to send.
	 * @param mixed $server   WP_REST_Server.
	 * @param mixed $request  WP_REST_Request.
	 * @return mixed The response.
	 */
	public function add_retry_after( $response, $server, $request ) {
		if ( ! $response instanceof \WP_REST_Response || 429 !== $response->get_status() || ! $request instanceof \WP_REST_Request ) {
			return $response;
		}
		$data = $response->get_data();
		if ( '/' . self::NAMESPACE_V1 . self::ROUTE === $request->get_route() && is_array( $data ) && isset( $data['code'], $data['data']['retry_after'] ) && 'aisle_rate_limited' === $data['code'] ) {
			$response->header( 'Retry-After', (string) absint( $data['data']['retry_after'] ) );
		}
		return $response;
	}

	/**
	 * A valid logged-in cookie arrived without a REST nonce (WordPress then treats the
	 * request as anonymous). Only used to tell the widget to fetch a nonce.
	 */
	private static function has_login_cookie(): bool {
		return defined( 'LOGGED_IN_COOKIE' ) && ! empty( $_COOKIE[ LOGGED_IN_COOKIE ] ) && false !== wp_validate_auth_cookie( '', 'logged_in' );
	}
}
