<?php
/**
 * Connect, disconnect, test and sync: what the settings screen's buttons do.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin;

use Aisle\Catalog\ChangeQueue;
use Aisle\Facts\FactsQueue;
use Aisle\Proxy\ConfigBody;
use Aisle\Proxy\ProxyClient;
use Aisle\Proxy\ProxyResponse;
use Aisle\Settings\Settings;
use Aisle\Woo\ApiKeys;
use Aisle\Woo\StoreSettings;

defined( 'ABSPATH' ) || exit;

final class Connector {
	/** @var Settings */
	private $settings;

	/** @var ApiKeys|null Null when WooCommerce is not active. */
	private $keys;

	/** @var callable(array): ProxyClient */
	private $client_factory;

	/** @var string */
	private $store_url;

	/** @var callable(): (array|null) The `store` block, read from WooCommerce. */
	private $store_reader;

	/** @var FactsQueue|null Pushes the store facts (policy pages, shipping, contact). */
	private $facts;

	/**
	 * @param Settings     $settings       Settings.
	 * @param ApiKeys|null $keys           WooCommerce keys, null without WooCommerce.
	 * @param callable     $client_factory fn( settings ) => ProxyClient.
	 * @param string        $store_url      home_url().
	 * @param callable|null $store_reader   fn() => the `store` block or null (default: StoreSettings::read).
	 * @param FactsQueue|null $facts        Pushes the store facts on Connect and before a sync (none: not pushed).
	 */
	public function __construct( Settings $settings, ?ApiKeys $keys, callable $client_factory, string $store_url, ?callable $store_reader = null, ?FactsQueue $facts = null ) {
		$this->settings       = $settings;
		$this->keys           = $keys;
		$this->client_factory = $client_factory;
		$this->store_url      = $store_url;
		$this->store_reader   = $store_reader ? $store_reader : array( StoreSettings::class, 'read' );
		$this->facts          = $facts;
	}

	/** @return ProxyClient */
	private function client( array $settings ): ProxyClient {
		return call_user_func( $this->client_factory, $settings );
	}

	/**
	 * Make sure the proxy can read the catalog, then push everything to it.
	 *
	 * @param int $user_id The admin pressing Connect (owner of a generated key).
	 * @return array{ok: bool, message: string}
	 */
	public function connect( int $user_id ): array {
		$s = $this->settings->all();
		if ( '' === $s['proxy_url'] ) {
			return self::outcome( false, __( 'Enter the proxy URL, then press Connect.', 'aisle' ) );
		}
		if ( '' === $s['openai_api_key'] ) {
			return self::outcome( false, __( 'Enter the OpenAI API key, then press Connect.', 'aisle' ) );
		}

		if ( 'manual' === $s['woo_access'] && ( '' === $s['woo_consumer_key'] || '' === $s['woo_consumer_secret'] ) ) {
			return self::outcome( false, __( 'Enter the WooCommerce consumer key and secret, or let Aisle create a read-only key.', 'aisle' ) );
		}

		// Nothing is created before the proxy has answered a signed request: a wrong URL, a proxy
		// that is down or a secret it does not share leaves no WooCommerce key behind.
		$probe = $this->client( $s )->status();
		if ( ! $probe->ok ) {
			/* translators: %s: why the proxy did not answer, e.g. "Could not reach the proxy at …". */
			return self::outcome( false, sprintf( __( 'Not connected, and nothing was created: %s', 'aisle' ), $probe->message ) );
		}

		$woo = $this->woo_credentials( $s, $user_id );
		if ( is_string( $woo ) ) {
			return self::outcome( false, $woo );
		}
		$created = $this->settings->get( 'woo_key_id' ) !== $s['woo_key_id'] && $this->settings->get( 'woo_key_id' ) > 0;

		$response = $this->push( $woo );
		if ( ! $response->ok ) {
			if ( $created ) {
				$this->revoke_generated_key(); // The proxy never got it: no unused key stays behind.
			}
			return self::outcome( false, $response->message );
		}
		$this->settings->update(
			array(
				'connected_at'      => time(),
				'disconnect_reason' => '',
			)
		);
		if ( null !== $this->facts ) {
			$this->facts->send( true ); // Kept by the proxy until the first sync; a failure is retried later.
		}
		$missing = isset( $response->data['config']['missing'] ) && is_array( $response->data['config']['missing'] ) ? $response->data['config']['missing'] : array();
		if ( null === $woo ) {
			return self::outcome( true, __( 'Connected. WooCommerce is not active, so the assistant cannot read a catalog yet.', 'aisle' ) );
		}
		return self::outcome(
			true,
			empty( $missing )
				? __( 'Connected. The proxy has your settings; shoppers can chat now. Sync the catalog next.', 'aisle' )
				/* translators: %s: list of missing settings. */
				: sprintf( __( 'Connected, but the proxy still misses: %s.', 'aisle' ), implode( ', ', array_map( 'strval', $missing ) ) )
		);
	}

	/**
	 * After a plain "Save changes" on a connected store: push the saved settings, so a new model,
	 * instructions, limits or handoff reach the proxy without pressing Connect again. Never
	 * creates a WooCommerce key.
	 *
	 * @return array{ok: bool, message: string}|null Null when the store is not connected.
	 */
	public function push_saved(): ?array {
		if ( ! $this->state()['connected'] ) {
			return null;
		}
		$response = $this->push( self::saved_woo( $this->settings->all() ) );
		if ( ! $response->ok ) {
			/* translators: %s: why the proxy did not take them, e.g. "Could not reach the proxy at …". */
			return self::outcome( false, sprintf( __( 'The settings are saved here, but the proxy did not take them: %s', 'aisle' ), $response->message ) );
		}
		return self::outcome( true, __( 'The proxy has the new settings.', 'aisle' ) );
	}

	/**
	 * Push everything the proxy keeps for this store (`PUT /api/admin/config`).
	 *
	 * @param array<string, string>|null $woo WooCommerce keys, null for none.
	 */
	private function push( ?array $woo ): ProxyResponse {
		$s = $this->settings->all();
		return $this->client( $s )->put_config( ConfigBody::build( $s, $this->store_url, $woo, call_user_func( $this->store_reader ) ) );
	}

	/**
	 * The WooCommerce keys already saved (for a refresh: never creates one).
	 *
	 * @param array<string, mixed> $s Settings.
	 * @return array{consumer_key: string, consumer_secret: string}|null
	 */
	private static function saved_woo( array $s ): ?array {
		$usable = 'manual' === $s['woo_access'] || $s['woo_key_id'] > 0;
		if ( ! $usable || '' === $s['woo_consumer_key'] || '' === $s['woo_consumer_secret'] ) {
			return null;
		}
		return array(
			'consumer_key'    => $s['woo_consumer_key'],
			'consumer_secret' => $s['woo_consumer_secret'],
		);
	}

	/**
	 * The WooCommerce keys to push: generated (created now when missing) or manual.
	 *
	 * @param array $s       Settings.
	 * @param int   $user_id Owner of a generated key.
	 * @return array{consumer_key: string, consumer_secret: string}|null|string Keys, null without WooCommerce, or an error message.
	 */
	private function woo_credentials( array $s, int $user_id ) {
		// Keys the owner typed in are pushed even while WooCommerce is inactive here (the
		// catalog may be read from elsewhere, e.g. the proxy's WOO_BASE_URL): the owner chose them.
		if ( 'manual' === $s['woo_access'] ) {
			if ( $s['woo_key_id'] > 0 ) {
				// Switched to manual keys: the generated one is no longer needed.
				$this->revoke_generated_key();
				$s = $this->settings->all();
			}
			return array(
				'consumer_key'    => $s['woo_consumer_key'],
				'consumer_secret' => $s['woo_consumer_secret'],
			);
		}
		if ( null === $this->keys ) {
			return null; // No WooCommerce, so no key to generate.
		}
		if ( $s['woo_key_id'] > 0 && '' !== $s['woo_consumer_key'] && $this->keys->exists( $s['woo_key_id'] ) ) {
			return array(
				'consumer_key'    => $s['woo_consumer_key'],
				'consumer_secret' => $s['woo_consumer_secret'],
			);
		}
		$created = $this->keys->create( $user_id );
		if ( null === $created ) {
			return __( 'Could not create a WooCommerce API key. Create a read-only key under WooCommerce → Settings → Advanced → REST API and enter it here.', 'aisle' );
		}
		$this->settings->update(
			array(
				'woo_key_id'          => $created['key_id'],
				'woo_consumer_key'    => $created['consumer_key'],
				'woo_consumer_secret' => $created['consumer_secret'],
			)
		);
		return array(
			'consumer_key'    => $created['consumer_key'],
			'consumer_secret' => $created['consumer_secret'],
		);
	}

	/** Revoke the key Aisle generated and forget it (deactivation, disconnect, switch to manual). */
	public function revoke_generated_key(): void {
		$s = $this->settings->all();
		if ( $s['woo_key_id'] <= 0 ) {
			return;
		}
		if ( null !== $this->keys ) {
			$this->keys->revoke( $s['woo_key_id'] );
		}
		$this->settings->update(
			array(
				'woo_key_id'          => 0,
				'woo_consumer_key'    => '',
				'woo_consumer_secret' => '',
			)
		);
	}

	/**
	 * Deactivation: the generated key is revoked, so the proxy can no longer read the catalog
	 * and the connection is over until the owner connects again (after a re-activation the
	 * screen says so instead of "Connected since …").
	 */
	public function deactivated(): void {
		$this->revoke_generated_key();
		ChangeQueue::forget();
		FactsQueue::forget();
		if ( $this->settings->get( 'connected_at' ) > 0 ) {
			$this->settings->update(
				array(
					'connected_at'      => 0,
					'disconnect_reason' => 'deactivated',
				)
			);
		}
	}

	/**
	 * The connection as it really is: connected, or why not.
	 *
	 * @return array{connected: bool, message: string}
	 */
	public function state(): array {
		$s = $this->settings->all();
		if ( $s['connected_at'] > 0 && 'generated' === $s['woo_access'] && null !== $this->keys && ! $this->keys->exists( $s['woo_key_id'] ) ) {
			return self::state_of( false, __( 'Not connected: the WooCommerce key Aisle created was revoked, so the proxy cannot read the catalog. Press "Save and connect" to create a new one.', 'aisle' ) );
		}
		if ( $s['connected_at'] > 0 ) {
			/* translators: %s: date and time. */
			return self::state_of( true, sprintf( __( 'Connected since %s.', 'aisle' ), wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $s['connected_at'] ) ) );
		}
		if ( 'deactivated' === $s['disconnect_reason'] ) {
			return self::state_of( false, __( 'Not connected: Aisle was deactivated, which ended the connection and revoked the WooCommerce key it had created. Press "Save and connect" to connect again.', 'aisle' ) );
		}
		return self::state_of( false, __( 'Not connected yet. Fill in the connection below and press "Save and connect".', 'aisle' ) );
	}

	/**
	 * Ask the proxy to forget this store, and revoke the generated key.
	 *
	 * @return array{ok: bool, message: string}
	 */
	public function disconnect(): array {
		$response = $this->client( $this->settings->all() )->delete_config();
		$this->revoke_generated_key();
		ChangeQueue::forget();
		FactsQueue::forget();
		$this->settings->update( array( 'connected_at' => 0 ) );
		return $response->ok
			? self::outcome( true, __( 'Disconnected. The proxy forgot this store and the generated WooCommerce key was revoked.', 'aisle' ) )
			/* translators: %s: why the proxy could not be told. */
			: self::outcome( false, sprintf( __( 'Disconnected here and revoked the generated key, but the proxy could not be told: %s', 'aisle' ), $response->message ) );
	}

	/**
	 * The proxy's report on this store (`GET /api/admin/status`) for the settings screen, which
	 * waits for it: a short timeout, so a proxy that is down costs the screen 5 seconds at most.
	 */
	public function proxy_status(): ProxyResponse {
		return $this->client( $this->settings->all() )->with_timeout( 5 )->status();
	}

	/**
	 * Test connection, in words (see ConnectionTest).
	 *
	 * @return array{ok: bool, lines: array<int, array{ok: bool, text: string}>}
	 */
	public function test(): array {
		return ( new ConnectionTest( $this->settings, $this->client_factory, $this->store_url ) )->run();
	}

	/**
	 * Start a catalog sync.
	 *
	 * @return array{ok: bool, message: string, sync: array}
	 */
	public function start_sync(): array {
		$state = $this->state();
		if ( ! $state['connected'] ) {
			return array(
				'ok'      => false,
				'message' => $state['message'],
				'sync'    => SyncStatusView::empty_view(),
			);
		}
		// The store's currency, language and the owner's limits may have changed since Connect.
		$response = $this->push( self::saved_woo( $this->settings->all() ) );
		if ( $response->ok && null !== $this->facts ) {
			$this->facts->send( false ); // The sync below carries them; a failure does not stop it.
		}
		if ( $response->ok ) {
			$response = $this->client( $this->settings->all() )->start_sync();
		}
		if ( ! $response->ok ) {
			return array(
				'ok'      => false,
				'message' => $response->message,
				'sync'    => SyncStatusView::empty_view(),
			);
		}
		$status = isset( $response->data['status'] ) && is_array( $response->data['status'] ) ? $response->data['status'] : array();
		return array(
			'ok'      => true,
			'message' => empty( $response->data['started'] ) ? __( 'A sync is already running.', 'aisle' ) : __( 'Sync started.', 'aisle' ),
			'sync'    => SyncStatusView::from_proxy( $status ),
		);
	}

	/**
	 * The sync's progress, for the progress bar.
	 *
	 * @return array{ok: bool, message: string, sync: array}
	 */
	public function sync_status(): array {
		$response = $this->client( $this->settings->all() )->sync_status();
		return array(
			'ok'      => $response->ok,
			'message' => $response->ok ? '' : $response->message,
			'sync'    => $response->ok ? SyncStatusView::from_proxy( $response->data ) : SyncStatusView::empty_view(),
		);
	}

	private static function outcome( bool $ok, string $message ): array {
		return array(
			'ok'      => (bool) $ok,
			'message' => (string) $message,
		);
	}

	private static function state_of( bool $connected, string $message ): array {
		return array(
			'connected' => $connected,
			'message'   => $message,
		);
	}
}
