<?php
/**
 * Stand-ins for the WordPress functions and classes the plugin uses.
 */

function wp_stub_reset() {
	$GLOBALS['wp_stub'] = array(
		'options'         => array(),
		'transients'      => array(),
		'settings_errors' => array(),
		'routes'          => array(),
		'scripts'         => array(),
		'registered'      => array(),
		'user_id'         => 0,
		'caps'            => array(),
		'auth_cookie'     => false,
		'woo'             => false,
	);
}
wp_stub_reset();

/** Translations a test loaded (msgid => msgstr), as load_plugin_textdomain() would. */
function __( $text, $domain = 'default' ) {
	$l10n = isset( $GLOBALS['wp_stub']['l10n'] ) ? $GLOBALS['wp_stub']['l10n'] : array();
	return 'aisle' === $domain && isset( $l10n[ $text ] ) && '' !== $l10n[ $text ] ? $l10n[ $text ] : $text;
}
function esc_html__( $text, $domain = 'default' ) {
	return htmlspecialchars( __( $text, $domain ), ENT_QUOTES );
}
function esc_attr__( $text, $domain = 'default' ) {
	return htmlspecialchars( __( $text, $domain ), ENT_QUOTES );
}
/** msgid => msgstr of a .po file (C escapes undone). */
function wp_stub_load_po( $file ) {
	$text = (string) file_get_contents( $file );
	$text = preg_replace( '/"\n"/', '', $text );
	preg_match_all( '/^msgid "(.*)"\nmsgstr "(.*)"$/m', $text, $m, PREG_SET_ORDER );
	$entries = array();
	foreach ( $m as $match ) {
		$entries[ stripcslashes( $match[1] ) ] = stripcslashes( $match[2] );
	}
	$GLOBALS['wp_stub']['l10n'] = $entries;
}
function wp_parse_url( $url, $component = -1 ) {
	return parse_url( $url, $component );
}
function esc_url_raw( $url, $protocols = null ) {
	return $url;
}
function sanitize_text_field( $text ) {
	return trim( preg_replace( '/[\r\n\t ]+/', ' ', strip_tags( (string) $text ) ) );
}
function sanitize_textarea_field( $text ) {
	return trim( strip_tags( (string) $text ) );
}
function wp_json_encode( $data, $options = 0 ) {
	return json_encode( $data, $options );
}
function get_option( $name, $default = false ) {
	return array_key_exists( $name, $GLOBALS['wp_stub']['options'] ) ? $GLOBALS['wp_stub']['options'][ $name ] : $default;
}
function update_option( $name, $value, $autoload = null ) {
	$GLOBALS['wp_stub']['options'][ $name ] = $value;
	return true;
}
function delete_option( $name ) {
	unset( $GLOBALS['wp_stub']['options'][ $name ] );
	return true;
}
function add_settings_error( $setting, $code, $message, $type = 'error' ) {
	$GLOBALS['wp_stub']['settings_errors'][] = compact( 'setting', 'code', 'message', 'type' );
}
function set_transient( $name, $value, $ttl = 0 ) {
	$GLOBALS['wp_stub']['transients'][ $name ] = $value;
	return true;
}
function get_transient( $name ) {
	return isset( $GLOBALS['wp_stub']['transients'][ $name ] ) ? $GLOBALS['wp_stub']['transients'][ $name ] : false;
}
function delete_transient( $name ) {
	unset( $GLOBALS['wp_stub']['transients'][ $name ] );
	return true;
}
function get_current_user_id() {
	return $GLOBALS['wp_stub']['user_id'];
}
function current_user_can( $cap ) {
	return in_array( $cap, $GLOBALS['wp_stub']['caps'], true );
}
function wp_create_nonce( $action ) {
	return substr( hash( 'sha256', $action . '|' . $GLOBALS['wp_stub']['user_id'] ), 0, 10 );
}
function wp_validate_auth_cookie( $cookie = '', $scheme = '' ) {
	return $GLOBALS['wp_stub']['auth_cookie'];
}
function register_rest_route( $namespace, $route, $args ) {
	$GLOBALS['wp_stub']['routes'][ $namespace . $route ] = $args;
	return true;
}
function rest_ensure_response( $data ) {
	return $data instanceof WP_REST_Response ? $data : new WP_REST_Response( $data );
}
function home_url( $path = '' ) {
	return 'https://shop.example' . $path;
}
function is_ssl() {
	return true;
}
function is_wp_error( $thing ) {
	return $thing instanceof WP_Error;
}
function wp_date( $format, $timestamp = null ) {
	return gmdate( 'Y-m-d H:i', (int) $timestamp );
}
function wc_api_hash( $data ) {
	return hash_hmac( 'sha256', $data, 'wc-api' );
}
function wp_script_is( $handle, $list = 'enqueued' ) {
	return isset( $GLOBALS['wp_stub']['registered'][ $handle ] );
}
function wp_register_script( $handle, $src, $deps = array(), $ver = false, $args = array() ) {
	$GLOBALS['wp_stub']['registered'][ $handle ] = compact( 'src', 'deps', 'ver', 'args' );
	return true;
}

class WP_Error {
	public $code;
	public $message;
	public $data;

	public function __construct( $code = '', $message = '', $data = '' ) {
		$this->code    = $code;
		$this->message = $message;
		$this->data    = $data;
	}

	public function get_error_code() {
		return $this->code;
	}

	public function get_error_message() {
		return $this->message;
	}

	public function get_error_data() {
		return $this->data;
	}
}

class WP_REST_Response {
	public $data;
	public $status;
	public $headers = array();

	public function __construct( $data = null, $status = 200 ) {
		$this->data   = $data;
		$this->status = $status;
	}

	public function header( $key, $value ) {
		$this->headers[ $key ] = $value;
	}

	public function get_data() {
		return $this->data;
	}

	public function get_status() {
		return $this->status;
	}
}

class WP_REST_Request {
	private $route;
	private $headers = array();

	public function __construct( $method = '', $route = '' ) {
		$this->route = $route;
	}

	/** Like WordPress: header names are case-insensitive, dashes and underscores alike. */
	public static function canonicalize_header_name( $key ) {
		return str_replace( '-', '_', strtolower( $key ) );
	}

	public function set_header( $key, $value ) {
		$this->headers[ self::canonicalize_header_name( $key ) ] = array( $value );
	}

	public function get_header( $key ) {
		$key = self::canonicalize_header_name( $key );
		return isset( $this->headers[ $key ] ) ? implode( ',', $this->headers[ $key ] ) : null;
	}

	public function get_route() {
		return $this->route;
	}

	private $params = array();

	public function set_param( $key, $value ) {
		$this->params[ $key ] = $value;
	}

	public function get_param( $key ) {
		return $this->params[ $key ] ?? null;
	}
}

class wpdb {
}

/** A wpdb that keeps rows of one table in memory. */
class Fake_WPDB extends wpdb {
	public $prefix    = 'wp_';
	public $options   = 'wp_options';
	public $insert_id = 0;
	public $rows      = array();
	public $queries   = array();

	public function insert( $table, $data, $format = null ) {
		$this->insert_id++;
		$this->rows[ $this->insert_id ] = array( 'key_id' => $this->insert_id, 'table' => $table ) + $data;
		return 1;
	}

	public function delete( $table, $where, $format = null ) {
		$deleted = 0;
		foreach ( $this->rows as $id => $row ) {
			$match = true;
			foreach ( $where as $column => $value ) {
				$match = $match && isset( $row[ $column ] ) && (string) $row[ $column ] === (string) $value;
			}
			if ( $match ) {
				unset( $this->rows[ $id ] );
				$deleted++;
			}
		}
		return $deleted;
	}

	public function prepare( $query, ...$args ) {
		return array( $query, $args );
	}

	public function get_var( $prepared ) {
		list( $query, $args ) = $prepared;
		if ( 0 === strpos( $query, 'SHOW TABLES' ) ) {
			return $args[0];
		}
		foreach ( $this->rows as $row ) {
			if ( (int) $row['key_id'] === (int) $args[0] && $row['description'] === $args[1] ) {
				return $row['key_id'];
			}
		}
		return null;
	}

	public function esc_like( $text ) {
		return addcslashes( $text, '_%\\' );
	}

	public function query( $prepared ) {
		$this->queries[] = $prepared;
		return 0;
	}
}

function number_format_i18n( $number, $decimals = 0 ) {
	return number_format( (float) $number, (int) $decimals );
}
function esc_attr( $text ) {
	return htmlspecialchars( (string) $text, ENT_QUOTES );
}
function esc_html( $text ) {
	return htmlspecialchars( (string) $text, ENT_QUOTES );
}
function checked( $checked, $current = true, $echo = true ) {
	$result = (string) $checked === (string) $current ? " checked='checked'" : '';
	if ( $echo ) {
		echo $result;
	}
	return $result;
}
function get_locale() {
	return isset( $GLOBALS['wp_stub']['locale'] ) ? $GLOBALS['wp_stub']['locale'] : 'en_US';
}

// WooCommerce's store formatting functions (the WooCommerce class itself stays undefined, so
// Compat::is_active() is false unless a test says otherwise).
function get_woocommerce_currency() {
	return 'ILS';
}
function get_woocommerce_currency_symbol( $currency = '' ) {
	return '&#8362;';
}
function wc_get_price_decimals() {
	return 2;
}
function wc_get_price_decimal_separator() {
	return '.';
}
function wc_get_price_thousand_separator() {
	return ',';
}
function absint( $maybeint ) {
	return abs( (int) $maybeint );
}
function wp_remote_request( $url, $args = array() ) {
	$GLOBALS['wp_stub']['http'][] = array( $url, $args );
	return new WP_Error( 'http_request_failed', 'No network in unit tests.' );
}
function wp_unslash( $value ) {
	return is_string( $value ) ? stripslashes( $value ) : $value;
}
function apply_filters( $hook, $value, ...$args ) {
	return isset( $GLOBALS['wp_stub']['filters'][ $hook ] ) ? call_user_func( $GLOBALS['wp_stub']['filters'][ $hook ], $value, ...$args ) : $value;
}
function wp_using_ext_object_cache() {
	return ! empty( $GLOBALS['wp_stub']['object_cache_on'] );
}
function wp_cache_add( $key, $data, $group = '', $expire = 0 ) {
	if ( isset( $GLOBALS['wp_stub']['cache'][ $group ][ $key ] ) ) {
		return false;
	}
	$GLOBALS['wp_stub']['cache'][ $group ][ $key ] = $data;
	return true;
}
function wp_cache_incr( $key, $offset = 1, $group = '' ) {
	if ( ! isset( $GLOBALS['wp_stub']['cache'][ $group ][ $key ] ) ) {
		return false;
	}
	$GLOBALS['wp_stub']['cache'][ $group ][ $key ] += $offset;
	return $GLOBALS['wp_stub']['cache'][ $group ][ $key ];
}
function add_action( $hook, $callback, $priority = 10, $accepted_args = 1 ) {
	$GLOBALS['wp_stub']['hooks'][] = array( $hook, $callback, $priority, $accepted_args );
	return true;
}
function add_filter( $hook, $callback, $priority = 10, $accepted_args = 1 ) {
	return add_action( $hook, $callback, $priority, $accepted_args );
}
function plugin_dir_url( $file ) {
	return 'https://shop.example/wp-content/plugins/aisle/';
}
function plugin_basename( $file ) {
	return 'aisle/aisle.php';
}
function trailingslashit( $value ) {
	return rtrim( $value, '/\\' ) . '/';
}
function admin_url( $path = '' ) {
	return 'https://shop.example/wp-admin/' . $path;
}
function rest_url( $path = '' ) {
	return 'https://shop.example/wp-json/' . $path;
}
function esc_url( $url ) {
	return $url;
}
function determine_locale() {
	return get_locale();
}
function is_rtl() {
	return 'he_IL' === get_locale();
}
function get_current_screen() {
	return isset( $GLOBALS['wp_stub']['screen'] ) ? (object) array( 'base' => $GLOBALS['wp_stub']['screen'] ) : null;
}
// Conditional tags, as WordPress answers them for the page being viewed.
function is_product() {
	return 'product' === ( $GLOBALS['wp_stub']['page'] ?? '' );
}
function is_shop() {
	return 'shop' === ( $GLOBALS['wp_stub']['page'] ?? '' );
}
function is_product_taxonomy() {
	return 'category' === ( $GLOBALS['wp_stub']['page'] ?? '' );
}
function get_queried_object_id() {
	return 42;
}
function wc_get_cart_url() {
	return 'https://shop.example/cart/';
}

// Store facts and handoff.
function wp_timezone_string() {
	return $GLOBALS['wp_stub']['timezone'] ?? 'Asia/Jerusalem';
}
function get_post_status( $post = null ) {
	$id = is_object( $post ) ? $post->ID : (int) $post;
	return isset( $GLOBALS['wp_stub']['posts'][ $id ] ) ? $GLOBALS['wp_stub']['posts'][ $id ]->post_status : false;
}
function get_post( $post = null ) {
	$id = is_object( $post ) ? $post->ID : (int) $post;
	return $GLOBALS['wp_stub']['posts'][ $id ] ?? null;
}
function get_permalink( $post = 0 ) {
	$id = is_object( $post ) ? $post->ID : (int) $post;
	return isset( $GLOBALS['wp_stub']['posts'][ $id ] ) ? 'https://shop.example/?page_id=' . $id : false;
}
function strip_shortcodes( $content ) {
	return preg_replace( '/\[[^\]]+\]/', '', $content );
}
function wp_strip_all_tags( $text ) {
	return trim( strip_tags( preg_replace( '@<(script|style)[^>]*?>.*?</\\1>@si', '', (string) $text ) ) );
}
function get_bloginfo( $show = '' ) {
	return 'Pet shop';
}
function is_email( $email ) {
	return false !== filter_var( $email, FILTER_VALIDATE_EMAIL ) ? $email : false;
}
function sanitize_email( $email ) {
	return preg_replace( '/[^a-zA-Z0-9+_.@-]/', '', (string) $email );
}
function wp_verify_nonce( $nonce, $action = -1 ) {
	return wp_create_nonce( $action ) === $nonce ? 1 : false;
}
function wp_kses_post( $text ) {
	return $text;
}
