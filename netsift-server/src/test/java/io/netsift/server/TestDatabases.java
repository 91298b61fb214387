package io.netsift.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The databases every API test runs against: SQLite always, PostgreSQL when the server that
 * {@code scripts/server/ci-setup.sh} starts is reachable (URL from {@code -Dnetsift.pg.url} or
 * {@code NETSIFT_PG_URL}). Without it the PostgreSQL cases are skipped with a loud message,
 * unless {@code CI_REQUIRE_PG=1}, which makes them fail.
 */
final class TestDatabases {
  static final String DEFAULT_PG = "jdbc:postgresql://127.0.0.1:55432/netsift_test?user=postgres";
  private static volatile Boolean pgUp;

  private TestDatabases() {}

  /** "sqlite" and "postgresql", the argument source of the parameterised tests. */
  static Stream<String> kinds() {
    List<String> k = new ArrayList<>();
    k.add("sqlite");
    k.add("postgresql");
    return k.stream();
  }

  static String pgUrl() {
    String p = System.getProperty("netsift.pg.url");
    if (p == null || p.isBlank() || p.startsWith("${")) {
      p = System.getenv("NETSIFT_PG_URL");
    }
    return p == null || p.isBlank() ? DEFAULT_PG : p;
  }

  /**
   * A JDBC URL for a fresh, empty database of {@code kind} (null for SQLite: the server's own
   * file); for PostgreSQL a new schema in the test database. Skips (or fails under
   * CI_REQUIRE_PG=1) when PostgreSQL is not reachable.
   */
  static String fresh(String kind) {
    if (kind.equals("sqlite")) {
      return null;
    }
    String base = pgUrl();
    if (!pgReachable(base)) {
      String msg = "PostgreSQL NOT REACHABLE at " + base + ": run scripts/server/ci-setup.sh;"
          + " the PostgreSQL cases of this test are SKIPPED";
      if ("1".equals(System.getenv("CI_REQUIRE_PG"))) {
        throw new AssertionError(msg.replace("SKIPPED", "REQUIRED (CI_REQUIRE_PG=1)"));
      }
      System.err.println("!!!!! " + msg);
      org.junit.jupiter.api.Assumptions.abort(msg);
    }
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new AssertionError("creating schema on " + base, e);
    }
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /** Drops the schema {@link #fresh} made for {@code url} (nothing for SQLite). */
  static void drop(String url) {
    if (url == null || !url.contains("currentSchema=")) {
      return;
    }
    String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    try (Connection c = DriverManager.getConnection(pgUrl()); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
    }
  }

  private static boolean pgReachable(String url) {
    Boolean up = pgUp;
    if (up == null) {
      DriverManager.setLoginTimeout(3);
      try (Connection c = DriverManager.getConnection(url)) {
        up = c.isValid(3);
      } catch (SQLException e) {
        up = false;
      }
      pgUp = up;
    }
    return up;
  }
}
