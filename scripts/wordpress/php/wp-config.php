<?php
/**
 * wp-config.php for the test harness (replaces Debian's, which looks in /etc/wordpress).
 * Every per-run value comes from aisle-harness.json one level above the WordPress tree,
 * outside the document root, written by tests/helpers/wordpress.ts.
 */
$aisle_harness = json_decode((string) file_get_contents(dirname(__DIR__) . '/aisle-harness.json'), true);
if (!is_array($aisle_harness)) {
    http_response_code(500);
    exit("aisle-harness.json is missing or not JSON\n");
}

define('DB_NAME', $aisle_harness['dbName']);
define('DB_USER', $aisle_harness['dbUser']);
define('DB_PASSWORD', $aisle_harness['dbPassword']);
// "localhost:/path/to.sock" makes mysqli use the unix socket of the harness's own MariaDB.
define('DB_HOST', 'localhost:' . $aisle_harness['dbSocket']);
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$table_prefix = 'wp_';

foreach ($aisle_harness['salts'] as $name => $value) {
    define($name, $value);
}

define('WP_HOME', $aisle_harness['url']);
define('WP_SITEURL', $aisle_harness['url']);

// Plugin uploads through wp-admin write straight to disk, no FTP credentials form.
define('FS_METHOD', 'direct');

// The machine has no outside network: don't let WordPress wait on wordpress.org.
// Loopback (the site itself, a proxy under test) stays reachable.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
// php -S has few workers; a loopback cron request would only slow pages down.
define('DISABLE_WP_CRON', true);

// Read by the harness's mu-plugin (wp-content/mu-plugins/aisle-harness.php).
define('AISLE_HARNESS_ALLOW_LOOPBACK_PORTS', !empty($aisle_harness['allowLoopbackPorts']));

define('WP_DEBUG', true);
define('WP_DEBUG_LOG', $aisle_harness['debugLog']);
define('WP_DEBUG_DISPLAY', false);
define('WP_ENVIRONMENT_TYPE', 'local');

if (!defined('ABSPATH')) {
    define('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
