<?php
/**
 * Runs the plugin's real classes from the command line for the cross-language
 * contract tests: `php aisle-cli.php '<json command>'` prints a JSON answer.
 *
 * Commands:
 *   {"cmd":"token","secret":…,"site":…,"sid":…,"now":…,"ttl":…}
 *   {"cmd":"sign","method":…,"path":…,"body":…,"site":…,"secret":…,"timestamp":…,"nonce":…}
 *   {"cmd":"call","base_url":…,"site":…,"secret":…,"method":…,"path":…,"body":{…}|null}
 *        (ProxyClient over real HTTP, with a curl transport standing in for wp_remote_request)
 *   {"cmd":"site_id","url":…}
 *   {"cmd":"instructions"}
 *   {"cmd":"config_body","settings":{…},"store_url":…,"woo":{…}|null,"store":{…raw WooCommerce values…}|null}
 *        (the body of PUT /api/admin/config, built by ConfigBody from cleaned settings and StoreSettings::clean)
 */

require dirname( __DIR__, 2 ) . '/php/bootstrap.php';

use Aisle\Proxy\ConfigBody;
use Aisle\Proxy\ProxyClient;
use Aisle\Proxy\RequestSigner;
use Aisle\Session\SessionToken;
use Aisle\Settings\Defaults;
use Aisle\Site;
use Aisle\Woo\StoreSettings;

/** wp_remote_request's contract, with curl. */
function aisle_cli_curl_transport( $url, $args ) {
	$curl    = curl_init( $url );
	$headers = array();
	foreach ( $args['headers'] as $name => $value ) {
		$headers[] = $name . ': ' . $value;
	}
	curl_setopt_array(
		$curl,
		array(
			CURLOPT_CUSTOMREQUEST  => $args['method'],
			CURLOPT_HTTPHEADER     => $headers,
			CURLOPT_RETURNTRANSFER => true,
			CURLOPT_TIMEOUT        => (int) $args['timeout'],
			CURLOPT_FOLLOWLOCATION => false,
		)
	);
	if ( null !== $args['body'] ) {
		curl_setopt( $curl, CURLOPT_POSTFIELDS, $args['body'] );
	}
	$body = curl_exec( $curl );
	if ( false === $body ) {
		$error = curl_error( $curl );
		return new WP_Error( 'http_request_failed', $error );
	}
	return array(
		'response' => array( 'code' => curl_getinfo( $curl, CURLINFO_RESPONSE_CODE ) ),
		'body'     => $body,
	);
}

$input = json_decode( isset( $argv[1] ) ? $argv[1] : '', true );
if ( ! is_array( $input ) || ! isset( $input['cmd'] ) ) {
	fwrite( STDERR, "usage: php aisle-cli.php '<json command>'\n" );
	exit( 2 );
}

switch ( $input['cmd'] ) {
	case 'token':
		$out = SessionToken::issue( $input['secret'], $input['site'], $input['sid'], $input['now'], isset( $input['ttl'] ) ? $input['ttl'] : SessionToken::DEFAULT_TTL, isset( $input['uid'] ) ? $input['uid'] : 0 );
		break;
	case 'sign':
		$out = RequestSigner::headers( $input['method'], $input['path'], $input['body'], $input['site'], $input['secret'], $input['timestamp'], isset( $input['nonce'] ) ? $input['nonce'] : null );
		break;
	case 'call':
		$client = new ProxyClient( $input['base_url'], $input['site'], $input['secret'], 'aisle_cli_curl_transport' );
		$out    = (array) $client->send( $input['method'], $input['path'], isset( $input['body'] ) ? $input['body'] : null );
		break;
	case 'site_id':
		$out = array( 'site' => Site::id_from_url( $input['url'] ) );
		break;
	case 'config_body':
		$settings = array_merge( Defaults::all(), $input['settings'] );
		$store    = null === $input['store'] ? null : StoreSettings::clean( $input['store'] );
		$out      = ConfigBody::build( $settings, $input['store_url'], $input['woo'], $store );
		break;
	case 'instructions':
		$out = array( 'instructions' => Defaults::INSTRUCTIONS );
		break;
	default:
		fwrite( STDERR, "unknown command\n" );
		exit( 2 );
}
echo json_encode( $out, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
