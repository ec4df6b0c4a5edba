<?php
/**
 * Runs PHP code inside the harness's WordPress (after wp-load.php), for test assertions:
 * php eval.php <wp-dir> <code>   e.g. code = "echo get_option('blogname');"
 * Errors go to stderr and a throw or fatal error exits non-zero.
 */
if ($argc !== 3) {
    fwrite(STDERR, "usage: php eval.php <wp-dir> <code>\n");
    exit(2);
}
require __DIR__ . '/cli-bootstrap.php';
aisle_harness_fake_request($argv[1]);

require $argv[1] . '/wp-load.php';
// wp-config hides errors from pages; a test wants to see them.
ini_set('display_errors', 'stderr');
require_once ABSPATH . 'wp-admin/includes/plugin.php';

eval($argv[2]);
