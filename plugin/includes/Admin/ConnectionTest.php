<?php
/**
 * "Test connection": is the proxy up, may this site's pages call it, does it accept the
 * signature, and what do its own checks say (each in the owner's language, see CheckMessages).
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin;

use Aisle\Catalog\ChangeQueue;
use Aisle\Settings\Settings;

defined( 'ABSPATH' ) || exit;

final class ConnectionTest {
	/** @var Settings */
	private $settings;

	/** @var callable(array): \Aisle\Proxy\ProxyClient */
	private $client_factory;

	/** @var string */
	private $store_url;

	/**
	 * @param Settings $settings       Settings.
	 * @param callable $client_factory fn( settings ) => ProxyClient.
	 * @param string   $store_url      home_url().
	 */
	public function __construct( Settings $settings, callable $client_factory, string $store_url ) {
		$this->settings       = $settings;
		$this->client_factory = $client_factory;
		$this->store_url      = $store_url;
	}

	/**
	 * Test connection, in words: is the proxy up, does it accept our signature, what does it know.
	 *
	 * @return array{ok: bool, lines: array<int, array{ok: bool, text: string}>}
	 */
	public function run(): array {
		$s      = $this->settings->all();
		$client = call_user_func( $this->client_factory, $s );
		$lines  = array();

		$origin = self::origin_of( $this->store_url );
		$health = $client->health( $origin );
		// A 503 "not_ready" health still comes from a running proxy: it lists the settings missing
		// from the proxy's *environment*, which this store pushes on Connect. Whether this store's
		// own settings are complete is the signed round trip's answer (config.missing, below).
		$running = $health->ok || self::is_aisle_health( $health->data );
		$lines[] = $running
			/* translators: %s: proxy URL. */
			? self::line( true, sprintf( __( 'The proxy at %s is running.', 'aisle' ), $s['proxy_url'] ) )
			: self::line( false, $health->message );
		if ( $running && '' !== $origin ) {
			// The chat runs in shoppers' browsers on this site's pages: without CORS consent it never starts.
			$allowed = strtolower( $health->header( 'access-control-allow-origin' ) );
			$lines[] = in_array( $allowed, array( '*', strtolower( $origin ) ), true )
				/* translators: %s: this site's origin, e.g. https://shop.example. */
				? self::line( true, sprintf( __( 'Shoppers\' browsers on %s may call the proxy.', 'aisle' ), $origin ) )
				/* translators: %s: this site's origin, e.g. https://shop.example. */
				: self::line( false, sprintf( __( 'The proxy does not let pages of %1$s call it, so the chat cannot start. Add %1$s to AISLE_ALLOWED_ORIGINS on the proxy.', 'aisle' ), $origin ) );
		}
		if ( in_array( $health->code, array( 'unreachable', 'not_configured' ), true ) ) {
			return array(
				'ok'    => false,
				'lines' => $lines,
			);
		}

		// A change notice first (an empty one, a ping), so the proxy's `updates` check can say that
		// notices from this site arrive. Its own failure shows in the test's answer below.
		$client->send( 'POST', ChangeQueue::PATH, array( 'product_ids' => array(), 'ping' => true ) );
		$test = $client->test();
		if ( ! $test->ok ) {
			$lines[] = self::line( false, $test->message );
			return array(
				'ok'    => false,
				'lines' => $lines,
			);
		}
		$lines[] = self::line( true, CheckMessages::text( array( 'name' => 'signature', 'code' => 'ok' ) ) );
		if ( empty( $test->data['connected'] ) ) {
			$lines[] = self::line( false, __( 'The proxy has no settings for this store yet: press Connect.', 'aisle' ) );
		} elseif ( ! empty( $test->data['config']['missing'] ) && is_array( $test->data['config']['missing'] ) ) {
			/* translators: %s: list of missing settings. */
			$lines[] = self::line( false, sprintf( __( 'Connected, but the proxy still misses: %s.', 'aisle' ), implode( ', ', array_map( 'strval', $test->data['config']['missing'] ) ) ) );
		}
		$checks = isset( $test->data['checks'] ) && is_array( $test->data['checks'] ) ? $test->data['checks'] : array();
		foreach ( $checks as $check ) {
			if ( is_array( $check ) && isset( $check['name'] ) && 'signature' !== $check['name'] ) {
				$text = CheckMessages::text( $check );
				if ( '' !== $text ) {
					$lines[] = self::line( ! empty( $check['ok'] ), $text );
				}
			}
		}
		$ok = true;
		foreach ( $lines as $line ) {
			$ok = $ok && $line['ok'];
		}
		return array(
			'ok'    => $ok,
			'lines' => $lines,
		);
	}

	/**
	 * Whether a /api/health answer (of any status) is an Aisle proxy's own report.
	 *
	 * @param array $data Decoded body.
	 */
	private static function is_aisle_health( array $data ): bool {
		return isset( $data['status'], $data['version'] ) && in_array( $data['status'], array( 'healthy', 'degraded', 'not_ready' ), true );
	}

	/**
	 * The origin browsers send from this site's pages: scheme, host and a non-default port.
	 *
	 * @param string $url home_url().
	 */
	private static function origin_of( string $url ): string {
		$parts = wp_parse_url( (string) $url );
		if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
			return '';
		}
		return strtolower( $parts['scheme'] ) . '://' . strtolower( $parts['host'] ) . ( isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '' );
	}

	private static function line( bool $ok, string $text ): array {
		return array(
			'ok'   => (bool) $ok,
			'text' => (string) $text,
		);
	}
}
