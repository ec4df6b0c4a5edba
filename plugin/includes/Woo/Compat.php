<?php
/**
 * WooCommerce presence and feature compatibility.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Woo;

defined( 'ABSPATH' ) || exit;

final class Compat {
	/**
	 * Whether WooCommerce is loaded. Asked at run time, never at include time:
	 * `aisle` loads before `woocommerce` alphabetically.
	 */
	public static function is_active(): bool {
		return class_exists( 'WooCommerce' ) && function_exists( 'WC' );
	}

	/**
	 * Aisle writes order meta only through the order's CRUD methods (Attribution) and renders
	 * nothing inside the cart or checkout blocks, so it is compatible with HPOS and the blocks
	 * (hooked on before_woocommerce_init).
	 */
	public static function declare_compatibility(): void {
		if ( class_exists( '\Automattic\WooCommerce\Utilities\FeaturesUtil' ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', AISLE_FILE, true );
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'cart_checkout_blocks', AISLE_FILE, true );
		}
	}

	/**
	 * The capability that opens the settings screen: WooCommerce's shop managers run
	 * the store, so `manage_woocommerce`; without WooCommerce that capability may not
	 * exist, so administrators (`manage_options`).
	 */
	public static function capability(): string {
		return self::is_active() ? 'manage_woocommerce' : 'manage_options';
	}
}
