<?php
/**
 * Shared start of the harness's CLI scripts: WordPress expects a web request, so fake the
 * parts of $_SERVER it reads, pointing at the site's real URL from aisle-harness.json.
 */
function aisle_harness_fake_request(string $wpDir): void
{
    $config = json_decode((string) file_get_contents(dirname($wpDir) . '/aisle-harness.json'), true);
    if (!is_array($config) || !isset($config['url'])) {
        fwrite(STDERR, "aisle-harness.json is missing or not JSON next to $wpDir\n");
        exit(2);
    }
    $url = parse_url($config['url']);
    $_SERVER['HTTP_HOST'] = $url['host'] . (isset($url['port']) ? ':' . $url['port'] : '');
    $_SERVER['SERVER_NAME'] = $url['host'];
    $_SERVER['SERVER_PORT'] = (string) ($url['port'] ?? 80);
    $_SERVER['REQUEST_URI'] = '/';
    $_SERVER['REQUEST_METHOD'] = 'GET';
    $_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
}
