<?php
/**
 * REST routes behind the settings screen's buttons: test, sync, disconnect.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Rest;

use Aisle\Admin\Connector;

defined( 'ABSPATH' ) || exit;

/**
 * The browser never talks to the proxy's admin API: these routes sign the calls on
 * the server with the connection secret. Only users who may manage the store pass,
 * and WordPress's cookie authentication requires the `wp_rest` nonce the settings
 * screen carries.
 */
final class AdminController {
	/** @var callable(): Connector */
	private $connector;

	/** @var callable(): string */
	private $capability;

	/**
	 * @param callable $connector  fn() => Connector (built lazily: most requests never need it).
	 * @param callable $capability fn() => capability.
	 */
	public function __construct( callable $connector, callable $capability ) {
		$this->connector  = $connector;
		$this->capability = $capability;
	}

	public function register_routes(): void {
		$routes = array(
			'/admin/test'        => array( 'POST', 'test' ),
			'/admin/sync'        => array( 'POST', 'start_sync' ),
			'/admin/sync-status' => array( 'GET', 'sync_status' ),
			'/admin/disconnect'  => array( 'POST', 'disconnect' ),
		);
		foreach ( $routes as $route => $spec ) {
			register_rest_route(
				SessionController::NAMESPACE_V1,
				$route,
				array(
					'methods'             => $spec[0],
					'callback'            => array( $this, $spec[1] ),
					'permission_callback' => array( $this, 'permission' ),
					'args'                => array(),
				)
			);
		}
	}

	public function permission(): bool {
		return current_user_can( call_user_func( $this->capability ) );
	}

	private function connector(): Connector {
		return call_user_func( $this->connector );
	}

	/** A test's outcome is data (its lines say what failed), so it always answers 200. */
	public function test(): \WP_REST_Response {
		return rest_ensure_response( $this->connector()->test() );
	}

	/**
	 * @return \WP_REST_Response|\WP_Error 202 when started; 409 when not connected, 502 when the proxy failed.
	 */
	public function start_sync() {
		$result = $this->connector()->start_sync();
		if ( ! $result['ok'] ) {
			$connected = $this->connector()->state()['connected'];
			return new \WP_Error( $connected ? 'aisle_proxy_error' : 'aisle_not_connected', $result['message'], array( 'status' => $connected ? 502 : 409 ) );
		}
		return new \WP_REST_Response( $result, 202 );
	}

	/**
	 * @return \WP_REST_Response|\WP_Error 502 when the proxy could not say.
	 */
	public function sync_status() {
		$result = $this->connector()->sync_status();
		return $result['ok'] ? rest_ensure_response( $result ) : new \WP_Error( 'aisle_proxy_error', $result['message'], array( 'status' => 502 ) );
	}

	/** Disconnecting always succeeds here; `ok` says whether the proxy was told too. */
	public function disconnect(): \WP_REST_Response {
		return rest_ensure_response( $this->connector()->disconnect() );
	}
}
