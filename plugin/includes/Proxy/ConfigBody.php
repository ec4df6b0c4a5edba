<?php
/**
 * The body of `PUT /api/admin/config`: what the proxy keeps for this store.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Proxy;

defined( 'ABSPATH' ) || exit;

/**
 * The proxy replaces its whole record for the store on every PUT, so every push carries
 * everything: the store URL, WooCommerce keys, OpenAI key, model, instructions (only when
 * the owner wrote some), the `store` block read from WooCommerce and the owner's `controls`.
 */
final class ConfigBody {
	/**
	 * The owner's controls, as the proxy reads them.
	 *
	 * @param array<string, mixed> $s Clean settings.
	 * @return array{daily_token_cap: int, moderation: bool, rate_session_per_min: int, retention_days: int, order_lookup: bool, transcript_review: bool}
	 */
	public static function controls( array $s ): array {
		return array(
			'daily_token_cap'      => (int) $s['daily_token_cap'],
			'moderation'           => (bool) $s['moderation'],
			'rate_session_per_min' => (int) $s['rate_session_per_min'],
			'retention_days'       => (int) $s['retention_days'],
			'order_lookup'         => (bool) $s['order_lookup'],
			'transcript_review'    => (bool) $s['transcript_review'],
		);
	}

	/**
	 * The whole body.
	 *
	 * @param array<string, mixed>      $s         Clean settings.
	 * @param string                    $store_url home_url().
	 * @param array<string, string>|null $woo      consumer_key and consumer_secret, or null.
	 * @param array<string, mixed>|null $store     The `store` block, null without WooCommerce.
	 * @return array<string, mixed>
	 */
	public static function build( array $s, string $store_url, ?array $woo, ?array $store ): array {
		$body = array(
			'store_url'      => $store_url,
			'woo'            => $woo,
			'openai_api_key' => $s['openai_api_key'],
			'model'          => $s['model'],
		);
		if ( '' !== $s['instructions'] ) {
			$body['instructions'] = $s['instructions'];
		}
		if ( null !== $store ) {
			$body['store'] = $store;
		}
		$body['controls'] = self::controls( $s );
		$body['handoff']  = HandoffBody::build( $s );
		return $body;
	}
}
