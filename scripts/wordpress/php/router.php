<?php
/**
 * Router for `php -S`: what Apache's rewrite rules do for WordPress.
 * Real files are served as they are (PHP files run, static files sent by the built-in
 * server), directories get a trailing slash and their index.php, and every other path
 * (pretty permalinks, /wp-json/...) goes to WordPress's front controller.
 *
 * WordPress files must run in global scope (wp-admin/admin.php sets globals as plain
 * variables), so the chosen script is required at the top level of this file, and this
 * file leaves no variables of its own behind.
 */
$aisle_router_root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$aisle_router_path = '/' . ltrim(rawurldecode((string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH)), '/');
$aisle_router_target = $aisle_router_root . $aisle_router_path;

// Never serve anything that climbs out of the document root.
if (preg_match('#(^|/)\.\.(/|$)#', $aisle_router_path)) {
    http_response_code(400);
    return true;
}

if (is_dir($aisle_router_target)) {
    if (substr($aisle_router_path, -1) !== '/') {
        $aisle_router_query = $_SERVER['QUERY_STRING'] ?? '';
        header('Location: ' . $aisle_router_path . '/' . ($aisle_router_query !== '' ? '?' . $aisle_router_query : ''), true, 301);
        return true;
    }
    if (!is_file($aisle_router_target . 'index.php')) {
        return false;
    }
    define('AISLE_ROUTER_SCRIPT', $aisle_router_target . 'index.php');
    define('AISLE_ROUTER_SCRIPT_NAME', $aisle_router_path . 'index.php');
} elseif (is_file($aisle_router_target)) {
    if (substr($aisle_router_target, -4) !== '.php') {
        // Static file: the built-in server sends it with a MIME type.
        return false;
    }
    define('AISLE_ROUTER_SCRIPT', $aisle_router_target);
    define('AISLE_ROUTER_SCRIPT_NAME', $aisle_router_path);
} else {
    define('AISLE_ROUTER_SCRIPT', $aisle_router_root . '/index.php');
    define('AISLE_ROUTER_SCRIPT_NAME', '/index.php');
}

// As if the web server had picked the script itself: WordPress reads these to know the page.
$_SERVER['SCRIPT_FILENAME'] = AISLE_ROUTER_SCRIPT;
$_SERVER['SCRIPT_NAME'] = AISLE_ROUTER_SCRIPT_NAME;
$_SERVER['PHP_SELF'] = AISLE_ROUTER_SCRIPT_NAME;
chdir(dirname(AISLE_ROUTER_SCRIPT));
unset($aisle_router_root, $aisle_router_path, $aisle_router_target, $aisle_router_query);

require AISLE_ROUTER_SCRIPT;
