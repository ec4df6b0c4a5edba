<?php
/**
 * The store's money and language settings, as the proxy formats prices and answers.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Woo;

defined( 'ABSPATH' ) || exit;

final class StoreSettings {
	public const POSITIONS = array( 'left', 'right', 'left_space', 'right_space' );

	/**
	 * The `store` block pushed to the proxy, read from WooCommerce; null without WooCommerce.
	 *
	 * @return array{currency: string, currency_symbol: string, currency_position: string, decimals: int,
	 *               decimal_separator: string, thousand_separator: string, language: string}|null
	 */
	public static function read(): ?array {
		return Compat::is_active() ? self::from_woocommerce() : null;
	}

	/**
	 * How the widget writes prices: WooCommerce's own format, so a card reads like the shop's price.
	 *
	 * @param array<string, mixed>|null $store The `store` block, or null without WooCommerce.
	 * @return array{symbol: string, position: string, decimals: int, decimalSeparator: string, thousandSeparator: string}|null
	 */
	public static function price_format( ?array $store ): ?array {
		if ( null === $store ) {
			return null;
		}
		return array(
			'symbol'            => (string) $store['currency_symbol'],
			'position'          => (string) $store['currency_position'],
			'decimals'          => (int) $store['decimals'],
			'decimalSeparator'  => (string) $store['decimal_separator'],
			'thousandSeparator' => (string) $store['thousand_separator'],
		);
	}

	/**
	 * The block from WooCommerce's functions (WooCommerce is loaded).
	 *
	 * @return array<string, mixed>
	 */
	public static function from_woocommerce(): array {
		return self::clean(
			array(
				'currency'           => get_woocommerce_currency(),
				// The symbol is stored as HTML entities (&#8362; for ₪); the proxy wants the character.
				'currency_symbol'    => html_entity_decode( get_woocommerce_currency_symbol(), ENT_QUOTES | ENT_HTML5, 'UTF-8' ),
				'currency_position'  => get_option( 'woocommerce_currency_pos', 'left' ),
				'decimals'           => wc_get_price_decimals(),
				'decimal_separator'  => wc_get_price_decimal_separator(),
				'thousand_separator' => wc_get_price_thousand_separator(),
				'language'           => get_locale(),
			)
		);
	}

	/**
	 * Sane values whatever a store has saved (an empty separator, a position from a plugin).
	 *
	 * @param array<string, mixed> $raw Values as WooCommerce returned them.
	 * @return array<string, mixed>
	 */
	public static function clean( array $raw ): array {
		$text     = static function ( $value, int $max ): string {
			return mb_substr( is_scalar( $value ) ? (string) $value : '', 0, $max, 'UTF-8' );
		};
		$currency = strtoupper( $text( $raw['currency'] ?? '', 16 ) );
		$position = (string) ( $raw['currency_position'] ?? '' );
		$language = (string) ( $raw['language'] ?? '' );
		return array(
			'currency'           => preg_match( '/^[A-Z]{3}$/', $currency ) ? $currency : 'USD',
			'currency_symbol'    => $text( $raw['currency_symbol'] ?? '', 8 ),
			'currency_position'  => in_array( $position, self::POSITIONS, true ) ? $position : 'left',
			'decimals'           => max( 0, min( 8, (int) ( $raw['decimals'] ?? 2 ) ) ),
			'decimal_separator'  => $text( $raw['decimal_separator'] ?? '.', 4 ),
			'thousand_separator' => $text( $raw['thousand_separator'] ?? ',', 4 ),
			'language'           => preg_match( '/^[a-z]{2,3}(_[A-Za-z0-9]{2,8})*$/', $language ) ? $language : 'en_US',
		);
	}
}
