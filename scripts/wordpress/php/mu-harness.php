<?php
/**
 * Plugin Name: Aisle test harness
 * Description: Fits a throwaway test site to a machine without mail or outside network.
 */

// There is no MTA on test machines; report every mail as sent.
add_filter('pre_wp_mail', '__return_true');

// The "Is this still your admin email?" screen would sit between login and the dashboard.
add_filter('admin_email_check_interval', '__return_zero');

// The login page's language picker asks wordpress.org for translations; there is no network.
add_filter('login_display_language_dropdown', '__return_false');

// Core and plugins on PHP 8.2 may log deprecation notices on every page; they would
// bury a plugin's real warnings and errors in wp-debug.log.
error_reporting(E_ALL & ~E_DEPRECATED);

// Servers under test (the Aisle proxy) listen on random loopback ports, and wp_safe_remote_*()
// only lets 80, 443 and 8080 through. In production the proxy is on 443; here, let loopback
// ports through unless the test asked for WordPress's default (allowLoopbackPorts: false).
if (defined('AISLE_HARNESS_ALLOW_LOOPBACK_PORTS') && AISLE_HARNESS_ALLOW_LOOPBACK_PORTS) {
    add_filter('http_allowed_safe_ports', function ($ports, $host, $url) {
        $port = parse_url($url, PHP_URL_PORT);
        if ($port && in_array($host, ['127.0.0.1', 'localhost'], true)) {
            $ports[] = $port;
        }
        return $ports;
    }, 10, 3);
}

// WooCommerce's Action Scheduler would start a loopback request at the end of pages to run its
// queue, holding one of php -S's few workers; tests run the queue themselves when they need it.
add_filter('action_scheduler_allow_async_request_runner', '__return_false');
