<?php
/**
 * The proxy's admin API, from WordPress.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Proxy;

defined( 'ABSPATH' ) || exit;

/**
 * Every call returns a ProxyResponse; nothing here throws or warns, whatever the
 * proxy does (down, slow, HTML error page, truncated JSON). The transport is
 * `wp_remote_request` unless a test injects another.
 */
final class ProxyClient {
	public const TIMEOUT = 15;

	/** @var string */
	private $base_url;

	/** @var string */
	private $site;

	/** @var string */
	private $secret;

	/** @var callable(string, array): (array|\WP_Error) */
	private $transport;

	/** @var int Seconds one request may take. */
	private $timeout = self::TIMEOUT;

	/**
	 * @param string        $base_url  The proxy URL, e.g. https://aisle.example.com.
	 * @param string        $site      Site ID.
	 * @param string        $secret    Connection secret.
	 * @param callable|null $transport fn( url, args ) like wp_remote_request.
	 */
	public function __construct( string $base_url, string $site, string $secret, ?callable $transport = null ) {
		$this->base_url  = rtrim( (string) $base_url, '/' );
		$this->site      = (string) $site;
		$this->secret    = (string) $secret;
		$this->transport = $transport ? $transport : 'wp_remote_request';
	}

	/**
	 * The same client with another timeout (a screen that waits on the answer wants a short one).
	 *
	 * @param int $seconds Seconds.
	 */
	public function with_timeout( int $seconds ): self {
		$copy          = clone $this;
		$copy->timeout = max( 1, $seconds );
		return $copy;
	}

	/**
	 * `GET /api/health`, unsigned: is the proxy there at all? With `$origin`, the request
	 * carries it as a browser would, so the answer's CORS headers tell whether this site's
	 * pages may call the proxy.
	 *
	 * @param string $origin e.g. https://shop.example ('' for none).
	 */
	public function health( string $origin = '' ): ProxyResponse {
		return $this->send( 'GET', '/api/health', null, false, '' === $origin ? array() : array( 'Origin' => $origin ) );
	}

	/**
	 * Push the store's settings (`PUT /api/admin/config`).
	 *
	 * @param array<string, mixed> $config Body.
	 */
	public function put_config( array $config ): ProxyResponse {
		return $this->send( 'PUT', '/api/admin/config', $config );
	}

	/** Forget the store's settings on the proxy. */
	public function delete_config(): ProxyResponse {
		return $this->send( 'DELETE', '/api/admin/config' );
	}

	/** Connected?, masked settings, sync state. */
	public function status(): ProxyResponse {
		return $this->send( 'GET', '/api/admin/status' );
	}

	/** Authenticated round trip with the proxy's own checks. */
	public function test(): ProxyResponse {
		return $this->send( 'POST', '/api/admin/test' );
	}

	/** Start a catalog sync. */
	public function start_sync(): ProxyResponse {
		return $this->send( 'POST', '/api/admin/sync' );
	}

	/** Progress of the running or last sync. */
	public function sync_status(): ProxyResponse {
		return $this->send( 'GET', '/api/admin/sync/status' );
	}

	/**
	 * A page of the store's conversations, newest first (transcript review).
	 *
	 * @param int    $page     From 1.
	 * @param int    $per_page At most 100.
	 * @param string $feedback '', 'up' or 'down'.
	 */
	public function conversations( int $page, int $per_page, string $feedback = '' ): ProxyResponse {
		$query = array(
			'page'     => max( 1, $page ),
			'per_page' => max( 1, min( 100, $per_page ) ),
		);
		if ( in_array( $feedback, array( 'up', 'down' ), true ) ) {
			$query['feedback'] = $feedback;
		}
		return $this->send( 'GET', '/api/admin/conversations?' . http_build_query( $query, '', '&' ) );
	}

	/**
	 * One transcript, emails and phone numbers masked by the proxy.
	 *
	 * @param string $thread_id thread_….
	 */
	public function conversation( string $thread_id ): ProxyResponse {
		return $this->send( 'GET', '/api/admin/conversations/' . rawurlencode( $thread_id ) );
	}

	/**
	 * Delete a conversation on the proxy and at OpenAI.
	 *
	 * @param string $thread_id thread_….
	 */
	public function delete_conversation( string $thread_id ): ProxyResponse {
		return $this->send( 'DELETE', '/api/admin/conversations/' . rawurlencode( $thread_id ) );
	}

	/**
	 * A page of a person's conversations (personal-data export).
	 *
	 * @param array<string, mixed> $body user_id and/or email_hashes, page, per_page.
	 */
	public function privacy_export( array $body ): ProxyResponse {
		return $this->send( 'POST', '/api/admin/privacy/export', $body );
	}

	/**
	 * Erase a batch of a person's conversations (personal-data erasure).
	 *
	 * @param array<string, mixed> $body user_id and/or email_hashes, limit.
	 */
	public function privacy_erase( array $body ): ProxyResponse {
		return $this->send( 'POST', '/api/admin/privacy/erase', $body );
	}

	/**
	 * The store's counters per UTC day (`GET /api/admin/insights`), both days inclusive.
	 *
	 * @param string $from Y-m-d.
	 * @param string $to   Y-m-d.
	 */
	public function insights( string $from, string $to ): ProxyResponse {
		return $this->send( 'GET', '/api/admin/insights?' . http_build_query( array( 'from' => $from, 'to' => $to ), '', '&', PHP_QUERY_RFC3986 ) );
	}

	/**
	 * One request.
	 *
	 * @param string     $method HTTP method.
	 * @param string     $path   Path from the proxy's root.
	 * @param array|null $body   JSON body.
	 * @param bool       $signed Whether to sign it.
	 * @param array      $extra  More request headers.
	 */
	public function send( string $method, string $path, ?array $body = null, bool $signed = true, array $extra = array() ): ProxyResponse {
		if ( '' === $this->base_url ) {
			return new ProxyResponse( false, 0, array(), 'not_configured', __( 'Enter the proxy URL first.', 'aisle' ) );
		}
		$raw     = null === $body ? '' : (string) wp_json_encode( $body );
		$headers = array( 'Accept' => 'application/json' ) + $extra;
		if ( '' !== $raw ) {
			$headers['Content-Type'] = 'application/json';
		}
		if ( $signed ) {
			$headers += RequestSigner::headers( $method, $path, $raw, $this->site, $this->secret );
		}
		$result = call_user_func(
			$this->transport,
			$this->base_url . $path,
			array(
				'method'      => $method,
				'headers'     => $headers,
				'body'        => '' === $raw ? null : $raw,
				'timeout'     => $this->timeout,
				'redirection' => 0, // A redirect would lose the signature's path.
			)
		);
		return self::interpret( $result, $this->base_url );
	}

	/**
	 * Turn a transport result into a ProxyResponse with words a store owner understands.
	 *
	 * @param array|\WP_Error $result   What wp_remote_request returned.
	 * @param string          $base_url For messages.
	 */
	public static function interpret( $result, string $base_url ): ProxyResponse {
		if ( is_wp_error( $result ) || ! is_array( $result ) ) {
			$detail = is_wp_error( $result ) ? $result->get_error_message() : '';
			/* translators: 1: proxy URL, 2: technical detail. */
			return new ProxyResponse( false, 0, array(), 'unreachable', sprintf( __( 'Could not reach the proxy at %1$s (%2$s). Check the URL and that the proxy is running.', 'aisle' ), $base_url, $detail ) );
		}
		$status  = isset( $result['response']['code'] ) ? (int) $result['response']['code'] : 0;
		$headers = array();
		if ( isset( $result['headers'] ) && ( is_array( $result['headers'] ) || $result['headers'] instanceof \Traversable ) ) {
			foreach ( $result['headers'] as $name => $value ) {
				$headers[ strtolower( (string) $name ) ] = is_array( $value ) ? implode( ', ', $value ) : (string) $value;
			}
		}
		$body   = isset( $result['body'] ) ? (string) $result['body'] : '';
		$data   = '' === $body ? null : json_decode( $body, true );
		if ( ! is_array( $data ) ) {
			/* translators: 1: proxy URL, 2: HTTP status code. */
			return new ProxyResponse( false, $status, array(), 'not_json', sprintf( __( 'The address %1$s answered (HTTP %2$d), but not like an Aisle proxy. Check the proxy URL.', 'aisle' ), $base_url, $status ), $headers );
		}
		if ( $status >= 200 && $status < 300 ) {
			return new ProxyResponse( true, $status, $data, '', '', $headers );
		}
		$code    = isset( $data['error']['code'] ) && is_string( $data['error']['code'] ) ? $data['error']['code'] : 'http_' . $status;
		$message = isset( $data['error']['message'] ) && is_string( $data['error']['message'] ) ? $data['error']['message'] : '';
		if ( 401 === $status ) {
			/* translators: %s: the proxy's explanation. */
			return new ProxyResponse( false, $status, $data, $code, sprintf( __( 'The proxy refused this site: %s Make sure the proxy has the same connection secret as this screen.', 'aisle' ), $message ), $headers );
		}
		/* translators: 1: HTTP status code, 2: the proxy's explanation. */
		return new ProxyResponse( false, $status, $data, $code, sprintf( __( 'The proxy answered with an error (HTTP %1$d): %2$s', 'aisle' ), $status, '' !== $message ? $message : __( 'no details given.', 'aisle' ) ), $headers );
	}
}
