<?php

use Aisle\Admin\SettingsPage;
use Aisle\Frontend\Widget;
use Aisle\Plugin;
use Aisle\Settings\Defaults;
use Aisle\Settings\Settings;
use Aisle\Woo\Compat;
use Aisle\Woo\StoreSettings;
use PHPUnit\Framework\TestCase;

/**
 * `Requires Plugins: woocommerce` is enforced only by WordPress 6.5+, and the plugin supports 6.1,
 * so the paths without WooCommerce are kept, and each one is checked here (and in a real
 * WordPress 6.1 by tests/e2e/plugin.test.ts). The same paths with WooCommerce loaded run in a
 * separate process, where a stand-in WooCommerce class exists.
 */
final class WithoutWooCommerceTest extends TestCase {
	protected function setUp(): void {
		wp_stub_reset();
		update_option( Settings::OPTION, array_merge( Defaults::all(), array( 'proxy_url' => 'https://aisle.example.com', 'connection_secret' => FakeProxy::SECRET ) ) );
	}

	public function test_without_woocommerce_the_screen_is_under_settings_for_administrators() {
		$this->assertFalse( Compat::is_active() );
		$this->assertSame( 'manage_options', Compat::capability() );
		$this->assertSame( 'https://shop.example/wp-admin/options-general.php?page=aisle', SettingsPage::url() );
	}

	public function test_without_woocommerce_the_widget_shows_only_on_the_whole_site_and_has_no_cart() {
		$GLOBALS['wp_stub']['page'] = 'product';
		$this->assertTrue( Widget::shows_here( 'site' ) );
		$this->assertFalse( Widget::shows_here( 'product' ) );
		$this->assertFalse( Widget::shows_here( 'shop' ) );
		$config = ( new Widget( new Settings(), AISLE_DIR, 'https://shop.example/wp-content/plugins/aisle' ) )->config( ( new Settings() )->all() );
		$this->assertNull( $config['productId'] );
		$this->assertNull( $config['cartUrl'] );
		$this->assertNull( $config['priceFormat'] );
		$this->assertSame( 'https://aisle.example.com', $config['proxyUrl'] );
	}

	public function test_without_woocommerce_there_is_no_store_block_and_a_notice_says_what_works() {
		$this->assertNull( StoreSettings::read() );
		$GLOBALS['wp_stub']['caps']   = array( 'activate_plugins' );
		$GLOBALS['wp_stub']['screen'] = 'plugins';
		ob_start();
		Plugin::instance()->woocommerce_notice();
		$html = (string) ob_get_clean();
		$this->assertStringContainsString( 'WooCommerce is not active', $html );
		$this->assertStringContainsString( 'whole site', $html );

		$GLOBALS['wp_stub']['screen'] = 'edit';
		ob_start();
		Plugin::instance()->woocommerce_notice();
		$this->assertSame( '', ob_get_clean(), 'only on the screens where it matters' );
	}

	/**
	 * @runInSeparateProcess
	 * @preserveGlobalState disabled
	 */
	public function test_with_woocommerce_the_screen_is_under_woocommerce_for_shop_managers_and_the_widget_follows_placement() {
		eval( 'final class WooCommerce {} function WC() { return new WooCommerce(); }' ); // phpcs:ignore Squiz.PHP.Eval -- a stand-in WooCommerce for this process only.
		wp_stub_reset();
		update_option( Settings::OPTION, array_merge( Defaults::all(), array( 'proxy_url' => 'https://aisle.example.com', 'connection_secret' => FakeProxy::SECRET ) ) );
		$this->assertTrue( Compat::is_active() );
		$this->assertSame( 'manage_woocommerce', Compat::capability() );
		$this->assertSame( 'https://shop.example/wp-admin/admin.php?page=aisle', SettingsPage::url() );

		$GLOBALS['wp_stub']['page'] = 'product';
		$this->assertTrue( Widget::shows_here( 'product' ) );
		$config = ( new Widget( new Settings(), AISLE_DIR, 'https://shop.example/wp-content/plugins/aisle' ) )->config( ( new Settings() )->all() );
		$this->assertSame( array( 42, 'https://shop.example/cart/' ), array( $config['productId'], $config['cartUrl'] ) );
		$GLOBALS['wp_stub']['page'] = 'category';
		$this->assertFalse( Widget::shows_here( 'product' ) );
		$this->assertTrue( Widget::shows_here( 'shop' ) );
		$this->assertSame( 'ILS', StoreSettings::read()['currency'] );

		$GLOBALS['wp_stub']['caps']   = array( 'activate_plugins' );
		$GLOBALS['wp_stub']['screen'] = 'plugins';
		ob_start();
		Plugin::instance()->woocommerce_notice();
		$this->assertSame( '', ob_get_clean(), 'no notice when WooCommerce is there' );
	}
}
