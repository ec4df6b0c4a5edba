<?php

use Aisle\Admin\Sections\InsightsSection;
use Aisle\Admin\SettingsPage;
use Aisle\Settings\Defaults;
use Aisle\Settings\Sanitizer;
use Aisle\Settings\Settings;
use PHPUnit\Framework\TestCase;

final class SanitizerTest extends TestCase {
	const SECRET = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

	private function old( array $changes = array() ) {
		return array_merge(
			Defaults::all(),
			array(
				'proxy_url'         => 'https://aisle.example.com',
				'connection_secret' => self::SECRET,
				// A fake key, split so that no key-like literal is committed.
				'openai_api_key'    => 'sk-' . 'oldoldoldoldoldoldold1234',
				'instructions'      => 'Be kind.',
				'color'             => '#112233',
			),
			$changes
		);
	}

	/** A full form post: every field of the screen, with the given changes. */
	private function form( array $changes = array() ) {
		return array_merge(
			array(
				'proxy_url'         => 'https://aisle.example.com',
				'connection_secret' => '',
				'openai_api_key'    => '',
				'model'             => 'gpt-6-luna',
				'instructions'      => 'Be kind.',
				'placement'         => 'site',
				'greeting'          => 'שלום!',
				'quick_prompts'     => "Food for puppies\nCat toys",
				'color'             => '#112233',
				'position'          => 'bottom-start',
				'streaming'         => '1',
				'woo_access'        => 'generated',
				'woo_consumer_key'  => '',
				'woo_consumer_secret' => '',
			),
			$changes
		);
	}

	public function test_a_valid_form_is_stored_clean() {
		$result = ( new Sanitizer() )->sanitize( $this->form( array( 'proxy_url' => 'https://proxy.example/ ' ) ), $this->old() );
		$this->assertSame( array(), $result->errors );
		$this->assertSame( 'https://proxy.example', $result->values['proxy_url'] );
		$this->assertSame( array( 'Food for puppies', 'Cat toys' ), $result->values['quick_prompts'] );
		$this->assertSame( 'site', $result->values['placement'] );
		$this->assertSame( 'bottom-start', $result->values['position'] );
		$this->assertTrue( $result->values['streaming'] );
		$this->assertSame( 'שלום!', $result->values['greeting'] );
	}

	public function test_write_only_secrets_left_empty_keep_their_values() {
		$result = ( new Sanitizer() )->sanitize( $this->form(), $this->old() );
		$this->assertSame( self::SECRET, $result->values['connection_secret'] );
		$this->assertSame( 'sk-' . 'oldoldoldoldoldoldold1234', $result->values['openai_api_key'] );
	}

	/**
	 * @dataProvider bad_urls
	 */
	public function test_a_malformed_url_keeps_the_old_one_with_an_error( $url ) {
		$result = ( new Sanitizer() )->sanitize( $this->form( array( 'proxy_url' => $url ) ), $this->old() );
		$this->assertArrayHasKey( 'proxy_url', $result->errors );
		$this->assertSame( 'https://aisle.example.com', $result->values['proxy_url'] );
	}

	public function bad_urls() {
		return array(
			'no scheme'         => array( 'aisle.example.com' ),
			'javascript'        => array( 'javascript:alert(1)' ),
			'ftp'               => array( 'ftp://aisle.example.com' ),
			'query'             => array( 'https://aisle.example.com/?a=1' ),
			'credentials'       => array( 'https://user:pass@aisle.example.com' ),
			'quote'             => array( 'https://aisle.example.com/"onmouseover=x' ),
			'not a url at all'  => array( 'http://' ),
		);
	}

	public function test_an_empty_secret_with_none_stored_is_an_error() {
		$result = ( new Sanitizer() )->sanitize( $this->form(), $this->old( array( 'connection_secret' => '' ) ) );
		$this->assertArrayHasKey( 'connection_secret', $result->errors );
		$this->assertSame( '', $result->values['connection_secret'] );
	}

	public function test_a_short_secret_keeps_the_old_one() {
		$result = ( new Sanitizer() )->sanitize( $this->form( array( 'connection_secret' => 'short' ) ), $this->old() );
		$this->assertArrayHasKey( 'connection_secret', $result->errors );
		$this->assertSame( self::SECRET, $result->values['connection_secret'] );
	}

	public function test_a_pasted_secret_replaces_the_old_one() {
		$new    = str_repeat( 'Z', 40 );
		$result = ( new Sanitizer() )->sanitize( $this->form( array( 'connection_secret' => " $new " ) ), $this->old() );
		$this->assertSame( array(), $result->errors );
		$this->assertSame( $new, $result->values['connection_secret'] );
	}

	public function test_over_long_instructions_keep_the_old_ones() {
		$long   = str_repeat( 'א', Sanitizer::MAX_INSTRUCTIONS_CHARS + 1 );
		$result = ( new Sanitizer() )->sanitize( $this->form( array( 'instructions' => $long ) ), $this->old() );
		$this->assertArrayHasKey( 'instructions', $result->errors );
		$this->assertSame( 'Be kind.', $result->values['instructions'] );
	}

	public function test_instructions_at_the_limit_in_hebrew_are_accepted() {
		$limit  = str_repeat( 'א', Sanitizer::MAX_INSTRUCTIONS_CHARS );
		$result = ( new Sanitizer() )->sanitize( $this->form( array( 'instructions' => $limit ) ), $this->old() );
		$this->assertSame( array(), $result->errors );
		$this->assertSame( $limit, $result->values['instructions'] );
	}

	public function test_the_built_in_instructions_are_stored_as_empty() {
		$result = ( new Sanitizer() )->sanitize( $this->form( array( 'instructions' => Defaults::INSTRUCTIONS ) ), $this->old() );
		$this->assertSame( '', $result->values['instructions'] );
	}

	/**
	 * @dataProvider bad_colours
	 */
	public function test_a_bad_colour_keeps_the_old_one( $colour ) {
		$result = ( new Sanitizer() )->sanitize( $this->form( array( 'color' => $colour ) ), $this->old() );
		$this->assertArrayHasKey( 'color', $result->errors );
		$this->assertSame( '#112233', $result->values['color'] );
	}

	public function bad_colours() {
		return array( array( 'red' ), array( '#12345' ), array( '#ggg' ), array( '123456' ), array( '#123456; background:url(x)' ) );
	}

	public function test_a_short_hex_colour_is_expanded() {
		$result = ( new Sanitizer() )->sanitize( $this->form( array( 'color' => '#ABC' ) ), $this->old() );
		$this->assertSame( '#aabbcc', $result->values['color'] );
	}

	public function test_a_bad_openai_key_keeps_the_old_one_and_clearing_removes_it() {
		$sanitizer = new Sanitizer();
		$bad       = $sanitizer->sanitize( $this->form( array( 'openai_api_key' => 'not-a-key' ) ), $this->old() );
		$this->assertArrayHasKey( 'openai_api_key', $bad->errors );
		$this->assertSame( 'sk-' . 'oldoldoldoldoldoldold1234', $bad->values['openai_api_key'] );

		$cleared = $sanitizer->sanitize( $this->form( array( 'clear_openai_key' => '1' ) ), $this->old() );
		$this->assertSame( '', $cleared->values['openai_api_key'] );
	}

	public function test_unknown_choices_and_too_many_prompts_are_refused() {
		$result = ( new Sanitizer() )->sanitize(
			$this->form(
				array(
					'placement'     => 'everywhere',
					'position'      => 'top',
					'quick_prompts' => implode( "\n", range( 1, Sanitizer::MAX_PROMPTS + 1 ) ),
					'model'         => 'gpt 6; drop table',
				)
			),
			$this->old( array( 'quick_prompts' => array( 'Old' ) ) )
		);
		$this->assertEqualsCanonicalizing( array( 'placement', 'position', 'quick_prompts', 'model' ), array_keys( $result->errors ) );
		$this->assertSame( 'product', $result->values['placement'] );
		$this->assertSame( array( 'Old' ), $result->values['quick_prompts'] );
		$this->assertSame( 'gpt-6-luna', $result->values['model'] );
	}

	public function test_events_consent_is_always_or_never_and_reaches_the_widget_config() {
		$sanitizer = new Sanitizer();
		$this->assertSame( 'always', Defaults::all()['events_consent'] );
		$never = $sanitizer->sanitize( $this->form( array( 'events_consent' => 'never' ) ), $this->old() );
		$this->assertSame( array(), $never->errors );
		$this->assertSame( 'never', $never->values['events_consent'] );
		$bad = $sanitizer->sanitize( $this->form( array( 'events_consent' => 'sometimes' ) ), $this->old( array( 'events_consent' => 'never' ) ) );
		$this->assertSame( array( 'events_consent' ), array_keys( $bad->errors ) );
		$this->assertSame( 'never', $bad->values['events_consent'] );
		// Without the WP Consent API plugin (not loaded in these tests) the store's setting decides.
		$this->assertFalse( function_exists( 'wp_has_consent' ) );
		$this->assertSame( array( 'api' => false, 'events' => 'never' ), InsightsSection::widget_consent( $never->values ) );
		$this->assertSame( array( 'api' => false, 'events' => 'always' ), InsightsSection::widget_consent( Defaults::all() ) );
	}

	public function test_an_unticked_streaming_box_turns_streaming_off() {
		$form = $this->form();
		unset( $form['streaming'] );
		$result = ( new Sanitizer() )->sanitize( $form, $this->old() );
		$this->assertFalse( $result->values['streaming'] );
	}

	public function test_the_form_cannot_set_internal_fields_but_the_plugin_can() {
		$form = $this->form( array( 'woo_key_id' => 42, 'connected_at' => 99 ) );
		$this->assertSame( 0, ( new Sanitizer() )->sanitize( $form, $this->old() )->values['woo_key_id'] );
		$internal = ( new Sanitizer() )->sanitize( $form, $this->old(), true );
		$this->assertSame( 42, $internal->values['woo_key_id'] );
		$this->assertSame( 99, $internal->values['connected_at'] );
	}

	public function test_settings_are_sanitized_on_read() {
		wp_stub_reset();
		update_option( Settings::OPTION, array( 'color' => 'javascript:x', 'placement' => 'nowhere', 'proxy_url' => 'https://p.example', 'connection_secret' => self::SECRET ) );
		$all = ( new Settings() )->all();
		$this->assertSame( '#1d4ed8', $all['color'] );
		$this->assertSame( 'product', $all['placement'] );
		$this->assertSame( 'https://p.example', $all['proxy_url'] );
		$this->assertSame( Defaults::MODEL, $all['model'] );
	}

	public function test_the_settings_api_callback_reports_inline_errors_and_keeps_old_values() {
		wp_stub_reset();
		update_option( Settings::OPTION, $this->old() );
		$page  = new SettingsPage( new Settings(), static function () {} );
		$saved = $page->sanitize( $this->form( array( 'proxy_url' => 'nope', 'color' => 'blue' ) ) );
		$codes = array_column( $GLOBALS['wp_stub']['settings_errors'], 'code' );
		$this->assertEqualsCanonicalizing( array( 'aisle-proxy_url', 'aisle-color' ), $codes );
		$this->assertSame( 'aisle_settings', $GLOBALS['wp_stub']['settings_errors'][0]['setting'] );
		$this->assertSame( 'https://aisle.example.com', $saved['proxy_url'] );
		$this->assertSame( '#112233', $saved['color'] );
		$this->assertSame( 'site', $saved['placement'] );
	}

	public function test_mask_shows_only_the_last_four_characters() {
		$this->assertSame( 'sk-…abcd', Settings::mask( 'sk-proj-1234567890abcd' ) );
		$this->assertSame( '', Settings::mask( '' ) );
		$this->assertStringNotContainsString( '1234567890', Settings::mask( 'sk-proj-1234567890abcd' ) );
	}
}
