package io.netsift.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's database: SQLite in the data directory by default, PostgreSQL when a
 * {@code jdbc:postgresql:} URL is given. Flyway brings the schema up to date at start from one
 * set of migrations; the only spelling that differs (the auto-numbered key) is a placeholder.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final boolean sqlite;

  private Database(HikariDataSource pool, boolean sqlite) {
    this.pool = pool;
    this.sqlite = sqlite;
    this.jdbi = Jdbi.create(pool);
  }

  /** Opens (and migrates) {@code url}, or the SQLite file {@code netsift.db} in {@code dataDir} when null. */
  public static Database open(String url, Path dataDir) {
    String jdbc = url != null ? url : "jdbc:sqlite:" + dataDir.resolve("netsift.db").toAbsolutePath();
    boolean sqlite = jdbc.startsWith("jdbc:sqlite:");
    if (!sqlite && !jdbc.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("unsupported database URL '" + jdbc
          + "' (expected jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB)");
    }
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(jdbc);
    cfg.setPoolName("netsift-db");
    if (sqlite) {
      // WAL lets readers go on while the indexer writes; one connection per writer at a time is
      // what SQLite allows anyway, and busy_timeout makes a second writer wait instead of failing.
      cfg.setMaximumPoolSize(4);
      cfg.addDataSourceProperty("journal_mode", "WAL");
      cfg.addDataSourceProperty("busy_timeout", "30000");
      cfg.addDataSourceProperty("foreign_keys", "true");
      cfg.addDataSourceProperty("synchronous", "NORMAL");
      // A deferred transaction that later writes fails at once with SQLITE_BUSY; IMMEDIATE waits.
      cfg.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    } else {
      cfg.setMaximumPoolSize(10);
      // One multi-row INSERT per batch instead of one statement per row.
      cfg.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    HikariDataSource ds = new HikariDataSource(cfg);
    try {
      Flyway.configure()
          .dataSource(ds)
          .locations("classpath:db/migration")
          .placeholders(java.util.Map.of("id_column", sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"))
          .load()
          .migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, sqlite);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public boolean isSqlite() {
    return sqlite;
  }

  @Override
  public void close() {
    pool.close();
  }
}
