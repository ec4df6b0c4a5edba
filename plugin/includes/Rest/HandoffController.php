<?php
/**
 * `POST /wp-json/aisle/v1/handoff/email`: the shopper sends the conversation to the store.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Rest;

use Aisle\Proxy\ProxyClient;
use Aisle\Session\SessionToken;
use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * The widget asks for the shopper's email and an explicit agreement, then calls this route with
 * the thread and its shopper session token. The route checks the `wp_rest` nonce the session
 * route handed out (so another site's page cannot send mail in a shopper's name), the token's
 * signature and expiry (so only the session that owns the thread can send it), and a per-IP
 * limit; it then reads the transcript from the proxy (signed) and mails it to the store with
 * Reply-To set to the shopper.
 */
final class HandoffController {
	public const NAMESPACE_V1  = 'aisle/v1';
	public const ROUTE         = '/handoff/email';
	public const RATE_LIMIT    = 5; // Mails per client IP per window (filter: aisle_handoff_email_rate_limit).
	public const RATE_WINDOW   = 3600;
	public const THREAD_ID     = '/^thread_[A-Za-z0-9_-]{16,64}$/';
	public const MAX_TRANSCRIPT_CHARS = 100000;

	/** @var Settings */
	private $settings;

	/** @var callable(array): ProxyClient */
	private $client_factory;

	/** @var callable(): string */
	private $site_id;

	/** @var callable(): RateLimiter|null */
	private $limiter;

	/** @var callable */
	private $mailer;

	/** @var callable(): int */
	private $now;

	/**
	 * @param Settings      $settings       Settings.
	 * @param callable      $client_factory fn( settings ) => ProxyClient.
	 * @param callable      $site_id        fn() => this site's ID.
	 * @param callable|null $limiter        fn() => RateLimiter per client IP (null: no limit).
	 * @param callable|null $mailer         wp_mail-like (tests).
	 * @param callable|null $now            fn() => unix seconds (tests).
	 */
	public function __construct( Settings $settings, callable $client_factory, callable $site_id, ?callable $limiter = null, ?callable $mailer = null, ?callable $now = null ) {
		$this->settings       = $settings;
		$this->client_factory = $client_factory;
		$this->site_id        = $site_id;
		$this->limiter        = $limiter;
		$this->mailer         = $mailer ? $mailer : 'wp_mail';
		$this->now            = $now ? $now : 'time';
	}

	public function register_routes(): void {
		register_rest_route(
			self::NAMESPACE_V1,
			self::ROUTE,
			array(
				'methods'             => 'POST',
				'callback'            => array( $this, 'send' ),
				'permission_callback' => array( $this, 'permission' ),
				'args'                => array(
					'thread_id' => array(
						'type'     => 'string',
						'required' => true,
						'pattern'  => '^thread_[A-Za-z0-9_-]{16,64}$',
					),
					'email'     => array(
						'type'     => 'string',
						'format'   => 'email',
						'required' => true,
						'maxLength' => 254,
					),
					'consent'   => array(
						'type'     => 'boolean',
						'required' => true,
						'enum'     => array( true ),
					),
					'token'     => array(
						'type'      => 'string',
						'required'  => true,
						'minLength' => 10,
						'maxLength' => 4096,
					),
				),
			)
		);
	}

	/**
	 * The `wp_rest` nonce the session route handed out must come along (X-WP-Nonce). For signed-in
	 * shoppers WordPress's cookie authentication has checked it already; for guests it is checked here.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function permission( \WP_REST_Request $request ) {
		$nonce = (string) $request->get_header( 'X-WP-Nonce' );
		if ( '' === $nonce || false === wp_verify_nonce( $nonce, 'wp_rest' ) ) {
			return new \WP_Error( 'aisle_bad_nonce', __( 'This page has expired. Reload it and try again.', 'aisle' ), array( 'status' => 403 ) );
		}
		return true;
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function send( \WP_REST_Request $request ) {
		if ( ! $this->settings->get( 'handoff_email' ) ) {
			return new \WP_Error( 'aisle_handoff_off', __( 'This store does not take conversations by email.', 'aisle' ), array( 'status' => 404 ) );
		}
		$thread = (string) $request->get_param( 'thread_id' );
		$email  = sanitize_email( (string) $request->get_param( 'email' ) );
		if ( true !== $request->get_param( 'consent' ) || ! preg_match( self::THREAD_ID, $thread ) || ! is_email( $email ) ) {
			return new \WP_Error( 'aisle_invalid', __( 'Enter your email address and agree to send the conversation to the store.', 'aisle' ), array( 'status' => 400 ) );
		}
		$wait = null === $this->limiter ? 0 : call_user_func( $this->limiter )->hit( SessionController::client_ip() );
		if ( $wait > 0 ) {
			return new \WP_Error( 'aisle_rate_limited', __( 'Too many emails from this address. Please try again later.', 'aisle' ), array( 'status' => 429, 'retry_after' => $wait ) );
		}
		$session = $this->session_of( (string) $request->get_param( 'token' ) );
		if ( null === $session ) {
			return new \WP_Error( 'aisle_invalid_session', __( 'Your chat session has expired. Reload the page and try again.', 'aisle' ), array( 'status' => 401 ) );
		}
		$response = call_user_func( $this->client_factory, $this->settings->all() )->with_timeout( 10 )->send( 'GET', '/api/admin/threads/' . $thread . '/transcript?session=' . rawurlencode( $session ) );
		if ( ! $response->ok ) {
			return 404 === $response->status
				? new \WP_Error( 'aisle_no_conversation', __( 'This conversation could not be found. Start a new one and try again.', 'aisle' ), array( 'status' => 404 ) )
				: new \WP_Error( 'aisle_proxy_failed', __( 'The conversation could not be read right now. Please try again in a moment.', 'aisle' ), array( 'status' => 502 ) );
		}
		$text = isset( $response->data['text'] ) && is_string( $response->data['text'] ) ? $response->data['text'] : '';
		$sent = call_user_func(
			$this->mailer,
			self::store_address(),
			/* translators: %s: the shopper's email address. */
			sprintf( __( 'A shopper asks for help: chat conversation from %s', 'aisle' ), $email ),
			self::body( $email, $text ),
			array( 'Reply-To: ' . $email, 'Content-Type: text/plain; charset=UTF-8' )
		);
		if ( ! $sent ) {
			return new \WP_Error( 'aisle_mail_failed', __( 'The email could not be sent. Please use another way to reach the store.', 'aisle' ), array( 'status' => 502 ) );
		}
		$result = new \WP_REST_Response( array( 'sent' => true ), 200 );
		$result->header( 'Cache-Control', 'no-store, private' );
		return $result;
	}

	/** Where handoff mail goes: WooCommerce's "from" address, else the site admin's. */
	public static function store_address(): string {
		$from = sanitize_email( (string) get_option( 'woocommerce_email_from_address', '' ) );
		return '' !== $from && is_email( $from ) ? $from : (string) get_option( 'admin_email', '' );
	}

	/**
	 * @param string $email Shopper.
	 * @param string $text  Transcript.
	 */
	private static function body( string $email, string $text ): string {
		$text = mb_substr( str_replace( "\r", '', $text ), 0, self::MAX_TRANSCRIPT_CHARS, 'UTF-8' );
		/* translators: %s: the shopper's email address. */
		$intro = sprintf( __( 'A shopper (%s) asked the shopping assistant for a person and agreed to send you this conversation. Reply to this email to answer them.', 'aisle' ), $email );
		return $intro . "\n\n" . $text . "\n";
	}

	/**
	 * The session ID of a valid, unexpired token for this site, else null.
	 *
	 * @param string $token Token from the widget.
	 */
	private function session_of( string $token ): ?string {
		$secret = (string) $this->settings->get( 'connection_secret' );
		if ( '' === $secret ) {
			return null;
		}
		$payload = SessionToken::read( $token, $secret );
		if ( null === $payload || ! isset( $payload['sid'], $payload['exp'], $payload['site'] ) ) {
			return null;
		}
		if ( (int) $payload['exp'] <= (int) call_user_func( $this->now ) || (string) $payload['site'] !== (string) call_user_func( $this->site_id ) ) {
			return null;
		}
		return (string) $payload['sid'];
	}
}
