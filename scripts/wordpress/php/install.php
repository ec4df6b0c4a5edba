<?php
/**
 * Installs WordPress into the harness's empty database (what the web installer does),
 * then turns on pretty permalinks so /wp-json/ and post slugs work.
 * Usage: php install.php <wp-dir> <json-options>
 * json-options: { title, adminUser, adminPassword, adminEmail, locale, theme, activatePlugins: [] }
 * theme: a stylesheet slug to switch to, or '' for WordPress's default.
 */
if ($argc !== 3) {
    fwrite(STDERR, "usage: php install.php <wp-dir> <json-options>\n");
    exit(2);
}
$options = json_decode($argv[2], true, 512, JSON_THROW_ON_ERROR);

require __DIR__ . '/cli-bootstrap.php';
aisle_harness_fake_request($argv[1]);
define('WP_INSTALLING', true);

require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$result = wp_install(
    $options['title'],
    $options['adminUser'],
    $options['adminEmail'],
    true,
    '',
    wp_slash($options['adminPassword']),
    $options['locale']
);
if (is_wp_error($result)) {
    fwrite(STDERR, 'wp_install failed: ' . $result->get_error_message() . "\n");
    exit(1);
}

global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
flush_rewrite_rules(false);

if (!empty($options['theme'])) {
    $theme = wp_get_theme($options['theme']);
    if (!$theme->exists()) {
        fwrite(STDERR, "theme {$options['theme']} is not installed\n");
        exit(1);
    }
    switch_theme($options['theme']);
}

require_once ABSPATH . 'wp-admin/includes/plugin.php';
foreach ($options['activatePlugins'] as $plugin) {
    $activated = activate_plugin($plugin);
    if (is_wp_error($activated)) {
        fwrite(STDERR, "activate_plugin($plugin) failed: " . $activated->get_error_message() . "\n");
        exit(1);
    }
}

echo json_encode(['userId' => $result['user_id'], 'url' => home_url('/')]), "\n";
