<?php

use Aisle\Admin\Sections\OrdersSection;
use Aisle\Proxy\ConfigBody;
use Aisle\Settings\Defaults;
use Aisle\Settings\Sanitizer;
use Aisle\Settings\Settings;
use PHPUnit\Framework\TestCase;

/** The owner's "Order status" switch: on by default, a checkbox, pushed as controls.order_lookup. */
final class OrdersSettingTest extends TestCase {
	protected function setUp(): void {
		wp_stub_reset();
	}

	public function test_order_lookup_is_on_by_default_and_pushed_in_the_controls() {
		$this->assertTrue( Defaults::all()['order_lookup'] );
		$read = ( new Settings() )->all();
		$this->assertTrue( $read['order_lookup'] );
		$this->assertTrue( ConfigBody::controls( $read )['order_lookup'] );
		$body = ConfigBody::build( $read, 'https://shop.example', null, null );
		$this->assertSame( true, $body['controls']['order_lookup'] );
	}

	public function test_the_checkbox_is_sanitized_on_write_and_on_read() {
		$old = ( new Settings() )->all();
		$off = ( new Sanitizer() )->sanitize( array( 'placement' => 'product', 'connection_secret' => str_repeat( 'x', 43 ) ), $old );
		$this->assertFalse( $off->values['order_lookup'], 'an unticked box in a full form is off' );
		$on = ( new Sanitizer() )->sanitize( array( 'placement' => 'product', 'connection_secret' => str_repeat( 'x', 43 ), 'order_lookup' => '1' ), $old );
		$this->assertTrue( $on->values['order_lookup'] );
		$partial = ( new Sanitizer() )->sanitize( array( 'retention_days' => '9' ), array_merge( $old, array( 'order_lookup' => false ) ) );
		$this->assertFalse( $partial->values['order_lookup'], 'a write without the field keeps the stored value' );

		update_option( Settings::OPTION, array_merge( $old, array( 'order_lookup' => 'false' ) ) );
		$this->assertFalse( ( new Settings() )->all()['order_lookup'] );
		$this->assertSame( false, ConfigBody::controls( ( new Settings() )->all() )['order_lookup'] );
	}

	public function test_the_section_renders_an_escaped_checkbox_that_reflects_the_setting() {
		update_option( Settings::OPTION, array_merge( Defaults::all(), array( 'order_lookup' => true ) ) );
		ob_start();
		( new OrdersSection( new Settings() ) )->render();
		$html = (string) ob_get_clean();
		$this->assertStringContainsString( 'type="checkbox" id="aisle-order_lookup" name="aisle_settings[order_lookup]" value="1"', $html );
		$this->assertStringContainsString( "checked='checked'", $html );
		$this->assertStringContainsString( 'Let shoppers ask the assistant about their orders', $html );

		update_option( Settings::OPTION, array_merge( Defaults::all(), array( 'order_lookup' => false ) ) );
		ob_start();
		( new OrdersSection( new Settings() ) )->render();
		$this->assertStringNotContainsString( 'checked', (string) ob_get_clean() );
	}
}
