<?php
/**
 * Turns a fresh WordPress with WooCommerce active into a small Hebrew store, through
 * WooCommerce's own PHP API (what an owner does in the onboarding wizard and the product
 * editor): onboarding skipped, the shop open (no "coming soon"), shekels, Israel only,
 * no shipping (so checkout needs no shipping zone), cash on delivery on, and a catalog:
 *
 *   simple       in stock, stock managed
 *   sale         on sale (regular and sale price)
 *   outofstock   out of stock
 *   variable     attribute "מידה" with S / M / L, each its own price
 *   draft        a draft: shoppers must never see it
 *   hidden       published but catalog visibility "hidden": shoppers must never see it
 *
 * Runs in its own PHP process after install.php activated WooCommerce (WooCommerce only
 * sets itself up on the `init` of a request where it is already active).
 * Usage: php store-setup.php <wp-dir> <json-options>   json-options: { theme: 'block'|'classic' }
 * Prints JSON: { products: { simple: {...}, ... }, pages: { shop: '/shop/', ... } } (paths, not URLs).
 */
if ($argc !== 3) {
    fwrite(STDERR, "usage: php store-setup.php <wp-dir> <json-options>\n");
    exit(2);
}
$aisle_options = json_decode($argv[2], true, 512, JSON_THROW_ON_ERROR);

require __DIR__ . '/cli-bootstrap.php';
aisle_harness_fake_request($argv[1]);
require $argv[1] . '/wp-load.php';
ini_set('display_errors', 'stderr');
require_once ABSPATH . 'wp-admin/includes/image.php';

if (!function_exists('WC')) {
    fwrite(STDERR, "WooCommerce is not active\n");
    exit(1);
}

// What WooCommerce does on the first wp-admin page after its installation (HPOS on, the block
// theme's header gets the mini-cart through block hooks, ...): done now, as on a store whose owner
// has been to wp-admin once, rather than in the middle of a test.
WC_Install::newly_installed();

// The owner's answers to the onboarding wizard, and the shop opened to shoppers.
$aisle_store_options = [
    'woocommerce_onboarding_profile' => ['skipped' => true],
    'woocommerce_task_list_hidden' => 'yes',
    'woocommerce_task_list_complete' => 'yes',
    'woocommerce_coming_soon' => 'no',
    'woocommerce_store_pages_only' => 'no',
    'woocommerce_show_marketplace_suggestions' => 'no',
    'woocommerce_allow_tracking' => 'no',
    'woocommerce_currency' => 'ILS',
    'woocommerce_currency_pos' => 'right_space',
    'woocommerce_price_thousand_sep' => ',',
    'woocommerce_price_decimal_sep' => '.',
    'woocommerce_price_num_decimals' => '2',
    'woocommerce_default_country' => 'IL',
    'woocommerce_store_address' => 'רחוב הרצל 1',
    'woocommerce_store_city' => 'תל אביב',
    'woocommerce_store_postcode' => '6100001',
    'woocommerce_allowed_countries' => 'specific',
    'woocommerce_specific_allowed_countries' => ['IL'],
    'woocommerce_ship_to_countries' => 'disabled',
    'woocommerce_calc_taxes' => 'no',
    'woocommerce_enable_guest_checkout' => 'yes',
    'woocommerce_enable_checkout_login_reminder' => 'no',
    'woocommerce_manage_stock' => 'yes',
    'woocommerce_cod_settings' => [
        'enabled' => 'yes',
        'title' => 'מזומן בעת המסירה',
        'description' => 'תשלום במזומן בעת קבלת המשלוח.',
        'instructions' => '',
        'enable_for_methods' => [],
        'enable_for_virtual' => 'yes',
    ],
];
foreach ($aisle_store_options as $name => $value) {
    update_option($name, $value);
}

/** A 600×600 PNG drawn with GD (a coloured field and a shape), attached as the product's image. */
function aisle_fixture_image(string $slug, array $rgb, string $shape): int
{
    $size = 600;
    $image = imagecreatetruecolor($size, $size);
    $background = imagecolorallocate($image, $rgb[0], $rgb[1], $rgb[2]);
    $ink = imagecolorallocate($image, (int) ($rgb[0] * 0.45), (int) ($rgb[1] * 0.45), (int) ($rgb[2] * 0.45));
    $light = imagecolorallocate($image, 255, 255, 255);
    imagefilledrectangle($image, 0, 0, $size, $size, $background);
    if ($shape === 'bowl') {
        imagefilledellipse($image, 300, 330, 380, 200, $ink);
        imagefilledellipse($image, 300, 300, 380, 120, $light);
    } elseif ($shape === 'leash') {
        imagesetthickness($image, 22);
        imagearc($image, 300, 300, 360, 360, 20, 340, $ink);
        imagefilledellipse($image, 470, 300, 70, 70, $light);
    } elseif ($shape === 'bed') {
        imagefilledrectangle($image, 110, 300, 490, 430, $ink);
        imagefilledellipse($image, 300, 300, 380, 110, $light);
    } elseif ($shape === 'harness') {
        imagesetthickness($image, 26);
        imageellipse($image, 300, 300, 300, 260, $ink);
        imageline($image, 300, 170, 300, 430, $ink);
        imagefilledrectangle($image, 270, 280, 330, 320, $light);
    } else {
        imagefilledpolygon($image, [300, 140, 460, 440, 140, 440], $ink);
    }
    ob_start();
    imagepng($image);
    $png = (string) ob_get_clean();
    imagedestroy($image);

    $upload = wp_upload_bits($slug . '.png', null, $png);
    if (!empty($upload['error'])) {
        throw new RuntimeException('upload of ' . $slug . '.png failed: ' . $upload['error']);
    }
    $attachment_id = wp_insert_attachment(
        ['post_mime_type' => 'image/png', 'post_title' => $slug, 'post_status' => 'inherit'],
        $upload['file']
    );
    wp_update_attachment_metadata($attachment_id, wp_generate_attachment_metadata($attachment_id, $upload['file']));
    return (int) $attachment_id;
}

$aisle_category = wp_insert_term('כלבים', 'product_cat', ['slug' => 'dogs']);
if (is_wp_error($aisle_category)) {
    throw new RuntimeException($aisle_category->get_error_message());
}
$aisle_category_id = (int) $aisle_category['term_id'];

/** Fills the fields every fixture product shares, saves it, and describes it for the tests. */
function aisle_fixture_save(WC_Product $product, array $fields, int $category_id): array
{
    $product->set_name($fields['name']);
    $product->set_slug($fields['slug']);
    $product->set_status($fields['status'] ?? 'publish');
    $product->set_catalog_visibility($fields['visibility'] ?? 'visible');
    $product->set_description($fields['description']);
    $product->set_short_description($fields['description']);
    $product->set_category_ids([$category_id]);
    $product->set_image_id(aisle_fixture_image($fields['slug'], $fields['color'], $fields['shape']));
    $id = $product->save();
    $saved = wc_get_product($id);
    return [
        'id' => $id,
        'name' => $saved->get_name(),
        'slug' => $saved->get_slug(),
        'type' => $saved->get_type(),
        'status' => $saved->get_status(),
        'visibility' => $saved->get_catalog_visibility(),
        'price' => $saved->get_price(),
        'regular_price' => $saved->get_regular_price(),
        'sale_price' => $saved->get_sale_price(),
        'stock_status' => $saved->get_stock_status(),
        // Relative: each run serves the snapshot on another port.
        'path' => wp_make_link_relative($saved->get_permalink()),
    ];
}

$aisle_products = [];

$simple = new WC_Product_Simple();
$simple->set_regular_price('189.90');
$simple->set_manage_stock(true);
$simple->set_stock_quantity(25);
$aisle_products['simple'] = aisle_fixture_save($simple, [
    'name' => 'מזון יבש לכלבים בוגרים 12 ק"ג',
    'slug' => 'adult-dog-food',
    'description' => 'מזון יבש מלא ומאוזן לכלבים בוגרים, עוף ואורז.',
    'color' => [246, 214, 160],
    'shape' => 'bowl',
], $aisle_category_id);

$sale = new WC_Product_Simple();
$sale->set_regular_price('79.90');
$sale->set_sale_price('59.90');
$aisle_products['sale'] = aisle_fixture_save($sale, [
    'name' => 'רצועה מחזירת אור לכלב',
    'slug' => 'reflective-dog-leash',
    'description' => 'רצועת ניילון מחזירת אור לטיולי ערב, באורך 1.5 מטר.',
    'color' => [170, 214, 236],
    'shape' => 'leash',
], $aisle_category_id);

$out = new WC_Product_Simple();
$out->set_regular_price('249.00');
$out->set_stock_status('outofstock');
$aisle_products['outofstock'] = aisle_fixture_save($out, [
    'name' => 'מיטה אורתופדית לכלב',
    'slug' => 'orthopedic-dog-bed',
    'description' => 'מיטת קצף זיכרון לכלבים מבוגרים.',
    'color' => [214, 200, 232],
    'shape' => 'bed',
], $aisle_category_id);

// A variable product: the local attribute "מידה" (size) with one variation per size.
$variable = new WC_Product_Variable();
$size = new WC_Product_Attribute();
$size->set_name('מידה');
$size->set_options(['S', 'M', 'L']);
$size->set_visible(true);
$size->set_variation(true);
$variable->set_attributes([$size]);
$aisle_products['variable'] = aisle_fixture_save($variable, [
    'name' => 'רתמה מרופדת לכלב',
    'slug' => 'padded-dog-harness',
    'description' => 'רתמה מרופדת ונוחה, בשלוש מידות.',
    'color' => [188, 226, 190],
    'shape' => 'harness',
], $aisle_category_id);
$aisle_attribute_key = sanitize_title('מידה');
$aisle_variations = [];
foreach (['S' => '89.90', 'M' => '99.90', 'L' => '109.90'] as $option => $price) {
    $variation = new WC_Product_Variation();
    $variation->set_parent_id($aisle_products['variable']['id']);
    $variation->set_attributes([$aisle_attribute_key => $option]);
    $variation->set_regular_price($price);
    $variation->set_manage_stock(true);
    $variation->set_stock_quantity(10);
    $variation->set_status('publish');
    $aisle_variations[$option] = ['id' => $variation->save(), 'price' => $price];
}
WC_Product_Variable::sync($aisle_products['variable']['id']);
wc_delete_product_transients($aisle_products['variable']['id']);
$aisle_products['variable']['variations'] = $aisle_variations;
$aisle_products['variable']['price'] = wc_get_product($aisle_products['variable']['id'])->get_price();

$draft = new WC_Product_Simple();
$draft->set_regular_price('55.00');
$aisle_products['draft'] = aisle_fixture_save($draft, [
    'name' => 'עצם לעיסה לכלב (טיוטה)',
    'slug' => 'draft-dog-chew',
    'status' => 'draft',
    'description' => 'מוצר בעבודה: אסור שקונים יראו אותו.',
    'color' => [220, 220, 220],
    'shape' => 'other',
], $aisle_category_id);

$hidden = new WC_Product_Simple();
$hidden->set_regular_price('35.00');
$aisle_products['hidden'] = aisle_fixture_save($hidden, [
    'name' => 'מארז מתנה לכלב (מוסתר)',
    'slug' => 'hidden-dog-gift-box',
    'visibility' => 'hidden',
    'description' => 'מוסתר מהקטלוג: אסור שקונים יראו אותו.',
    'color' => [240, 190, 190],
    'shape' => 'other',
], $aisle_category_id);

// Classic theme: the cart and checkout as shortcodes (the classic checkout path), and WooCommerce's
// cart widget in the footer, the mini-cart a classic theme shows (refreshed through cart fragments).
if (($aisle_options['theme'] ?? 'block') === 'classic') {
    foreach (['cart' => '[woocommerce_cart]', 'checkout' => '[woocommerce_checkout]'] as $page => $shortcode) {
        wp_update_post(['ID' => wc_get_page_id($page), 'post_content' => '<!-- wp:shortcode -->' . $shortcode . '<!-- /wp:shortcode -->']);
    }
    update_option('widget_woocommerce_widget_cart', [2 => ['title' => 'עגלת קניות', 'hide_if_empty' => 0], '_multiwidget' => 1]);
    $sidebars = get_option('sidebars_widgets', []);
    $sidebars['sidebar-1'] = ['woocommerce_widget_cart-2'];
    update_option('sidebars_widgets', $sidebars);
}

$aisle_pages = [];
foreach (['shop', 'cart', 'checkout', 'myaccount'] as $page) {
    $id = wc_get_page_id($page);
    if ($id <= 0) {
        throw new RuntimeException("WooCommerce created no $page page");
    }
    $aisle_pages[$page] = wp_make_link_relative(get_permalink($id));
}
flush_rewrite_rules(false);

echo json_encode(['products' => $aisle_products, 'pages' => $aisle_pages, 'attributeKey' => $aisle_attribute_key], JSON_UNESCAPED_UNICODE), "\n";
