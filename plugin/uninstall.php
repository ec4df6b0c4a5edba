<?php
/**
 * Uninstall: the proxy forgets the store, generated WooCommerce keys are revoked,
 * the option and transients are deleted.
 *
 * @package Aisle
 */

declare(strict_types=1);

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/autoload.php';

global $wpdb;
\Aisle\Lifecycle::uninstall( $wpdb );
