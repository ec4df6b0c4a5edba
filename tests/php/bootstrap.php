<?php
/**
 * PHPUnit bootstrap: the WordPress core test suite is not available here, so the
 * plugin's classes run against small stand-ins for the WordPress functions they call.
 * Each stand-in records what it was given in $GLOBALS['wp_stub'] for the assertions.
 */

define( 'ABSPATH', __DIR__ . '/' );
define( 'AISLE_VERSION', 'test' );
define( 'AISLE_FILE', dirname( __DIR__, 2 ) . '/plugin/aisle.php' );
define( 'AISLE_DIR', dirname( __DIR__, 2 ) . '/plugin' );
define( 'HOUR_IN_SECONDS', 3600 );
define( 'MINUTE_IN_SECONDS', 60 );
define( 'DAY_IN_SECONDS', 86400 );
define( 'LOGGED_IN_COOKIE', 'wordpress_logged_in_test' );

require __DIR__ . '/stubs.php';
require dirname( __DIR__, 2 ) . '/plugin/includes/autoload.php';
require __DIR__ . '/support/FakeProxy.php';
