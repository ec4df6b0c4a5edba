<?php
/**
 * Sessions per group per day, for conversion with and without the chat.
 *
 * @package Aisle
 */

declare(strict_types=1);

namespace Aisle\Insights;

defined( 'ABSPATH' ) || exit;

/**
 * One row per UTC day and group in `{prefix}aisle_visits`. A counter in an option would lose
 * increments when two page views write at once; `INSERT … ON DUPLICATE KEY UPDATE` adds in one
 * statement. The table is created on activation and, for sites updated without re-activating,
 * on the first admin page after an update (the schema version is kept in an option).
 */
final class VisitLog {
	public const TABLE          = 'aisle_visits';
	public const VERSION_OPTION = 'aisle_db_version';
	public const VERSION        = '1';

	/** @var \wpdb */
	private $db;

	/**
	 * @param \wpdb $db WordPress database.
	 */
	public function __construct( \wpdb $db ) {
		$this->db = $db;
	}

	private function table(): string {
		return $this->db->prefix . self::TABLE;
	}

	/** Creates or updates the table when its schema version is not the current one. */
	public function install(): void {
		if ( self::VERSION === get_option( self::VERSION_OPTION ) ) {
			return;
		}
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$charset = $this->db->get_charset_collate();
		dbDelta(
			"CREATE TABLE {$this->table()} (
				day date NOT NULL,
				grp varchar(16) NOT NULL,
				sessions bigint(20) unsigned NOT NULL DEFAULT 0,
				PRIMARY KEY  (day,grp)
			) {$charset};"
		);
		update_option( self::VERSION_OPTION, self::VERSION, false );
	}

	/** Removes the table and its version (uninstall). */
	public function drop(): void {
		$this->db->query( "DROP TABLE IF EXISTS {$this->table()}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the table name is the plugin's own.
		delete_option( self::VERSION_OPTION );
	}

	/**
	 * One more session of `$group` on `$day`.
	 *
	 * @param string $day   Y-m-d (UTC).
	 * @param string $group Holdout::CHAT or Holdout::HOLDOUT.
	 */
	public function add( string $day, string $group ): bool {
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a counter table of the plugin's own; no API exists for it.
		return false !== $this->db->query(
			$this->db->prepare(
				"INSERT INTO {$this->table()} (day, grp, sessions) VALUES (%s, %s, 1) ON DUPLICATE KEY UPDATE sessions = sessions + 1", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
				$day,
				$group
			)
		);
	}

	/**
	 * Sessions per day and group, both days inclusive.
	 *
	 * @param string $from Y-m-d.
	 * @param string $to   Y-m-d.
	 * @return array<string, array<string, int>> day => group => sessions.
	 */
	public function counts( string $from, string $to ): array {
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$rows = $this->db->get_results(
			$this->db->prepare( "SELECT day, grp, sessions FROM {$this->table()} WHERE day BETWEEN %s AND %s", $from, $to ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			ARRAY_A
		);
		$counts = array();
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$counts[ (string) $row['day'] ][ (string) $row['grp'] ] = (int) $row['sessions'];
		}
		return $counts;
	}
}
