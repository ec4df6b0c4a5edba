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

	public function test(): \WP_REST_Response {
		return rest_ensure_response( $this->connector()->test() );
	}

	public function start_sync(): \WP_REST_Response {
		return rest_ensure_response( $this->connector()->start_sync() );
	}

	public function sync_status(): \WP_REST_Response {
		return rest_ensure_response( $this->connector()->sync_status() );
	}

	public function disconnect(): \WP_REST_Response {
		return rest_ensure_response( $this->connector()->disconnect() );
	}
}
