<?php
/**
 * Class autoloader for the `Aisle\` namespace: `Aisle\Proxy\ProxyClient` lives in
 * `includes/Proxy/ProxyClient.php`. No Composer at run time, so the plugin zip is
 * self-contained.
 *
 * @package Aisle
 */

declare(strict_types=1);

defined( 'ABSPATH' ) || exit;

spl_autoload_register(
	static function ( string $class_name ): void {
		$prefix = 'Aisle\\';
		if ( 0 !== strpos( $class_name, $prefix ) ) {
			return;
		}
		$relative = str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) );
		$file     = __DIR__ . '/' . $relative . '.php';
		if ( is_readable( $file ) ) {
			require_once $file;
		}
	}
);
