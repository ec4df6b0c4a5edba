<?php
/**
 * Plugin Name:       Aisle
 * Plugin URI:        https://github.com/aisle-shop/aisle
 * Description:       An AI shopping assistant for WooCommerce: shoppers ask in their own words and get answers with product cards they can add to the cart.
 * Version:           0.1.0
 * Requires at least: 7.0
 * Requires PHP:      7.4
 * Requires Plugins:  woocommerce
 * Author:            Aisle
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       aisle
 * Domain Path:       /languages
 * WC requires at least: 8.0
 *
 * @package Aisle
 */

/*
 * No declare(strict_types=1) and no type declarations in this file: it has to parse on any PHP
 * so that an old one gets the "needs PHP 7.4" notice below instead of a parse error. Every
 * other file is loaded only after that check and declares strict types.
 */

defined( 'ABSPATH' ) || exit;

// Loaded twice (e.g. two copies installed): keep the first, never fatal.
if ( defined( 'AISLE_VERSION' ) ) {
	return;
}

define( 'AISLE_VERSION', '0.1.0' );
define( 'AISLE_FILE', __FILE__ );
define( 'AISLE_DIR', __DIR__ );

if ( version_compare( PHP_VERSION, '7.4', '<' ) ) {
	add_action(
		'admin_notices',
		static function () {
			echo '<div class="notice notice-error"><p>' . esc_html__( 'Aisle needs PHP 7.4 or newer. Please ask your host to upgrade PHP.', 'aisle' ) . '</p></div>';
		}
	);
	return;
}

require_once __DIR__ . '/includes/autoload.php';

register_activation_hook( __FILE__, array( \Aisle\Lifecycle::class, 'activate' ) );
register_deactivation_hook( __FILE__, array( \Aisle\Lifecycle::class, 'deactivate' ) );

\Aisle\Plugin::instance()->register_hooks();
