<?php
/**
 * The proxy's test checks (`POST /api/admin/test` → `checks[]`) in the owner's language.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Admin;

defined( 'ABSPATH' ) || exit;

/**
 * Each check carries a stable `code` (`openai_key_refused`, `catalog_not_synced`, …) and an
 * English `message`. The code is translated here; a code this plugin does not know yet (a
 * newer proxy) shows the proxy's English message, so nothing is ever hidden.
 */
final class CheckMessages {
	/**
	 * The line for one check.
	 *
	 * @param array<string, mixed> $check { name, ok, code, message, details? }.
	 */
	public static function text( array $check ): string {
		$code    = isset( $check['code'] ) && is_string( $check['code'] ) ? $check['code'] : '';
		$name    = isset( $check['name'] ) && is_string( $check['name'] ) ? $check['name'] : '';
		$message = isset( $check['message'] ) && is_scalar( $check['message'] ) ? (string) $check['message'] : '';
		$details = isset( $check['details'] ) && is_array( $check['details'] ) ? $check['details'] : array();
		$text    = 'ok' === $code ? self::ok_text( $name, $details ) : self::problem_text( $code, $details );
		return null !== $text ? $text : $message;
	}

	/**
	 * @param string               $name    Check name.
	 * @param array<string, mixed> $details Details.
	 */
	private static function ok_text( string $name, array $details ): ?string {
		switch ( $name ) {
			case 'signature':
				return __( 'The proxy accepted this site\'s signature: the connection secrets match.', 'aisle' );
			case 'openai':
				return __( 'OpenAI accepted the API key.', 'aisle' );
			case 'model':
				return __( 'The chosen model is available.', 'aisle' );
			case 'woocommerce':
				return __( 'The proxy can read this store\'s products.', 'aisle' );
			case 'updates':
				$when = isset( $details['last_at'] ) && is_string( $details['last_at'] ) ? strtotime( $details['last_at'] ) : false;
				return false === $when
					? __( 'Product changes reach the proxy.', 'aisle' )
					/* translators: %s: date and time of the last change notice. */
					: sprintf( __( 'Product changes reach the proxy (the last one at %s).', 'aisle' ), wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), $when ) );
			case 'catalog':
				return isset( $details['products'] ) && is_numeric( $details['products'] )
					/* translators: %s: number of products. */
					? sprintf( __( 'The assistant\'s catalog holds %s products.', 'aisle' ), number_format_i18n( (int) $details['products'] ) )
					: __( 'The assistant\'s catalog is synced.', 'aisle' );
		}
		return null;
	}

	/**
	 * @param string               $code    Problem code.
	 * @param array<string, mixed> $details Details.
	 */
	private static function problem_text( string $code, array $details ): ?string {
		switch ( $code ) {
			case 'openai_key_missing':
				return __( 'The proxy has no OpenAI API key for this store: enter one and press "Save and connect".', 'aisle' );
			case 'openai_key_refused':
				return __( 'OpenAI refused the API key. Check it in your OpenAI account, enter it again and press "Save and connect".', 'aisle' );
			case 'openai_unreachable':
				return __( 'The proxy could not reach OpenAI. Until it can, the assistant answers from catalog search only.', 'aisle' );
			case 'model_missing':
				if ( isset( $details['model'], $details['fallback'] ) && is_string( $details['model'] ) && is_string( $details['fallback'] ) ) {
					/* translators: 1: the model chosen, 2: the model answering instead. */
					return sprintf( __( 'The model %1$s is not available to this key: the assistant uses %2$s instead.', 'aisle' ), $details['model'], $details['fallback'] );
				}
				return null; // The proxy's message names both models.
			case 'woo_keys_missing':
				return __( 'The proxy has no WooCommerce key for this store: press "Save and connect".', 'aisle' );
			case 'woo_key_refused':
				return __( 'WooCommerce refused the proxy\'s key. Press "Save and connect" to create a new one, or enter a valid read key.', 'aisle' );
			case 'woo_unreachable':
				return __( 'The proxy could not reach this store\'s REST API. Check that the site answers the proxy (firewall, maintenance mode, basic authentication).', 'aisle' );
			case 'woo_no_products':
				return __( 'The proxy reached WooCommerce, but the store has no published products yet.', 'aisle' );
			case 'updates_none_yet':
				return __( 'No product change notice has reached the proxy yet, so it relies on its scheduled sync.', 'aisle' );
			case 'catalog_not_synced':
				return __( 'The catalog has not been synced yet: press "Sync catalog now".', 'aisle' );
			case 'catalog_missing':
				return __( 'The catalog\'s vector store is gone at OpenAI: the proxy has queued a new sync.', 'aisle' );
		}
		return null;
	}
}
