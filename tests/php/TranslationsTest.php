<?php

use PHPUnit\Framework\TestCase;

final class TranslationsTest extends TestCase {
	/** msgid => msgstr of a .po/.pot file (single-line entries, as msgcat --no-wrap writes them). */
	private static function entries( $file ) {
		$text = (string) file_get_contents( $file );
		$text = preg_replace( '/"\n"/', '', $text ); // Join wrapped lines.
		preg_match_all( '/^msgid "(.*)"\nmsgstr "(.*)"$/m', $text, $m, PREG_SET_ORDER );
		$entries = array();
		foreach ( $m as $match ) {
			if ( '' !== $match[1] ) {
				$entries[ $match[1] ] = $match[2];
			}
		}
		return $entries;
	}

	public function test_every_string_of_the_template_has_a_hebrew_translation() {
		$dir = AISLE_DIR . '/languages';
		$pot = self::entries( $dir . '/aisle.pot' );
		$po  = self::entries( $dir . '/aisle-he_IL.po' );
		$this->assertGreaterThan( 50, count( $pot ) );
		$this->assertSame( array(), array_keys( array_diff_key( $pot, $po ) ), 'strings missing from aisle-he_IL.po' );
		$this->assertSame( array(), array_keys( array_filter( $po, static function ( $msgstr ) {
			return '' === $msgstr;
		} ) ), 'untranslated strings' );
		foreach ( $po as $msgid => $msgstr ) {
			preg_match_all( '/%(\d\$)?[sd]/', $msgid, $want );
			preg_match_all( '/%(\d\$)?[sd]/', $msgstr, $got );
			$this->assertEqualsCanonicalizing( $want[0], $got[0], "placeholders of: $msgid" );
		}
	}

	public function test_every_translatable_string_in_the_code_is_in_the_template() {
		$pot   = self::entries( AISLE_DIR . '/languages/aisle.pot' );
		$files = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( AISLE_DIR . '/includes' ) );
		$found = 0;
		foreach ( $files as $file ) {
			if ( '.php' !== substr( $file, -4 ) ) {
				continue;
			}
			preg_match_all( "/(?:__|esc_html__|esc_attr__|esc_html_e|esc_attr_e|_e)\\(\\s*'((?:[^'\\\\]|\\\\.)*)',\\s*'aisle'/", (string) file_get_contents( $file ), $m );
			foreach ( $m[1] as $string ) {
				$msgid = str_replace( array( "\\'", '"' ), array( "'", '\\"' ), $string );
				$this->assertArrayHasKey( $msgid, $pot, "not in aisle.pot (regenerate it): $msgid" );
				$found++;
			}
		}
		$this->assertGreaterThan( 50, $found );
	}

	public function test_the_compiled_hebrew_catalogue_is_a_valid_mo_file() {
		$mo = (string) file_get_contents( AISLE_DIR . '/languages/aisle-he_IL.mo' );
		$this->assertSame( 0x950412de, unpack( 'V', substr( $mo, 0, 4 ) )[1] );
		$this->assertSame( count( self::entries( AISLE_DIR . '/languages/aisle-he_IL.po' ) ) + 1, unpack( 'V', substr( $mo, 8, 4 ) )[1] );
	}
}
