package io.netsift.server;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Every SQL statement of the server: captures, their per-packet summary rows and their
 * conversations. Written in the SQL both SQLite and PostgreSQL accept.
 */
public final class CaptureRepository {
  /** The columns a packet page may be sorted by, mapped to their SQL column. */
  public enum Sort {
    NO("no"), TIME("time_ns"), SRC("src"), DST("dst"), PROTO("proto"), LEN("len"), INFO("info");

    final String column;

    Sort(String column) {
      this.column = column;
    }

    /** Parses {@code no}, {@code -len}, ...; null or empty is ascending by number. */
    public static Sort of(String spec) {
      String s = spec == null || spec.isEmpty() ? "no" : spec.startsWith("-") ? spec.substring(1) : spec;
      for (Sort v : values()) {
        if (v.name().equalsIgnoreCase(s)) {
          return v;
        }
      }
      throw new IllegalArgumentException("unknown sort '" + spec + "' (expected no, time, src, dst, proto, len or info, '-' for descending)");
    }

    public static boolean descending(String spec) {
      return spec != null && spec.startsWith("-");
    }
  }

  /** A stored summary row before its colors are looked up. */
  public record Row(long no, long timeNs, long relNs, String src, String dst, String proto, long len, String info,
      Integer rule) {
  }

  /** A stored conversation. */
  public record Conversation(String a, String b, int portA, int portB, long framesAB, long bytesAB, long framesBA,
      long bytesBA, long relStartNs, long durationNs) {
  }

  private final Jdbi jdbi;

  public CaptureRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  private static CaptureRecord capture(ResultSet rs) throws SQLException {
    String lt = rs.getString("link_types");
    List<Integer> links = new ArrayList<>();
    for (String s : lt.split(",")) {
      if (!s.isEmpty()) {
        links.add(Integer.parseInt(s));
      }
    }
    String w = rs.getString("warnings");
    List<String> warnings = w.isEmpty() ? List.of() : Arrays.asList(w.split("\n"));
    return new CaptureRecord(rs.getLong("id"), rs.getString("name"), rs.getLong("size"), rs.getString("sha256"),
        links, rs.getLong("packets"), CaptureRecord.iso(nullableLong(rs, "first_ns")),
        CaptureRecord.iso(nullableLong(rs, "last_ns")), CaptureRecord.iso(rs.getLong("uploaded_ms") * 1_000_000L),
        rs.getString("state"), rs.getInt("percent"), warnings);
  }

  private static Long nullableLong(ResultSet rs, String col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : v;
  }

  public List<CaptureRecord> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM captures ORDER BY id").map((rs, ctx) -> capture(rs)).list());
  }

  public Optional<CaptureRecord> find(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM captures WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> capture(rs)).findOne());
  }

  public Optional<CaptureRecord> findBySha(String sha) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM captures WHERE sha256 = :s").bind("s", sha)
        .map((rs, ctx) -> capture(rs)).findOne());
  }

  /** Inserts a new capture in state {@code indexing}; returns its id. */
  public long insert(String name, long size, String sha, long uploadedMs) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO captures (name, size, sha256, uploaded_ms, state, percent, warnings)"
            + " VALUES (:n, :size, :s, :u, 'indexing', 0, '')")
        .bind("n", name).bind("size", size).bind("s", sha).bind("u", uploadedMs).execute());
    return findBySha(sha).orElseThrow().id();
  }

  public List<Long> idsInState(String state) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id FROM captures WHERE state = :s ORDER BY id").bind("s", state)
        .mapTo(Long.class).list());
  }

  public void delete(long id) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM packets WHERE capture_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM conversations WHERE capture_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM captures WHERE id = :id").bind("id", id).execute();
    });
  }

  /** Clears what a previous, interrupted indexing left. */
  public void resetIndex(long id) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM packets WHERE capture_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM conversations WHERE capture_id = :id").bind("id", id).execute();
      h.createUpdate("UPDATE captures SET state = 'indexing', percent = 0, packets = 0, warnings = '' WHERE id = :id")
          .bind("id", id).execute();
    });
  }

  /** Stores a batch of rows and the progress so far, in one transaction. */
  public void addRows(long id, List<Row> rows, long packets, int percent, Long firstNs, Long lastNs) {
    jdbi.useTransaction(h -> {
      if (!rows.isEmpty()) {
        // Plain JDBC batch: the hot path of indexing (100,000 rows per 100,000 packets).
        try (java.sql.PreparedStatement ps = h.getConnection().prepareStatement(
            "INSERT INTO packets (capture_id, no, time_ns, rel_ns, src, dst, proto, len, info, rule)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (Row r : rows) {
            ps.setLong(1, id);
            ps.setLong(2, r.no());
            ps.setLong(3, r.timeNs());
            ps.setLong(4, r.relNs());
            ps.setString(5, r.src());
            ps.setString(6, r.dst());
            ps.setString(7, r.proto());
            ps.setLong(8, r.len());
            ps.setString(9, r.info());
            if (r.rule() == null) {
              ps.setNull(10, java.sql.Types.INTEGER);
            } else {
              ps.setInt(10, r.rule());
            }
            ps.addBatch();
          }
          ps.executeBatch();
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException("storing packet rows of capture " + id + ": " + e.getMessage(), e);
        }
      }
      h.createUpdate("UPDATE captures SET packets = :p, percent = :pc, first_ns = :f, last_ns = :l WHERE id = :id")
          .bind("p", packets).bind("pc", percent).bind("f", firstNs).bind("l", lastNs).bind("id", id).execute();
    });
  }

  /** Marks indexing finished ({@code ready} or {@code failed}) with the link types and warnings. */
  public void finish(long id, String state, String linkTypes, List<String> warnings, List<String> kinds,
      List<List<Conversation>> conversations) {
    jdbi.useTransaction(h -> {
      for (int k = 0; k < kinds.size(); k++) {
        PreparedBatch b = h.prepareBatch("INSERT INTO conversations (capture_id, kind, seq, a, b, port_a, port_b,"
            + " frames_ab, bytes_ab, frames_ba, bytes_ba, rel_start_ns, duration_ns)"
            + " VALUES (:c, :k, :seq, :a, :b, :pa, :pb, :fab, :bab, :fba, :bba, :rs, :d)");
        int seq = 0;
        for (Conversation c : conversations.get(k)) {
          b.bind("c", id).bind("k", kinds.get(k)).bind("seq", seq++).bind("a", c.a()).bind("b", c.b())
              .bind("pa", c.portA()).bind("pb", c.portB()).bind("fab", c.framesAB()).bind("bab", c.bytesAB())
              .bind("fba", c.framesBA()).bind("bba", c.bytesBA()).bind("rs", c.relStartNs()).bind("d", c.durationNs())
              .add();
        }
        if (seq > 0) {
          b.execute();
        }
      }
      h.createUpdate("UPDATE captures SET state = :s, percent = 100, link_types = :lt, warnings = :w WHERE id = :id")
          .bind("s", state).bind("lt", linkTypes).bind("w", String.join("\n", warnings)).bind("id", id).execute();
    });
  }

  public void fail(long id, String warning) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE captures SET state = 'failed', warnings = :w WHERE id = :id")
        .bind("w", warning.replace('\n', ' ')).bind("id", id).execute());
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getLong("no"), rs.getLong("time_ns"), rs.getLong("rel_ns"), rs.getString("src"),
        rs.getString("dst"), rs.getString("proto"), rs.getLong("len"), rs.getString("info"),
        (Integer) rs.getObject("rule") == null ? null : rs.getInt("rule"));
  }

  /** One page of every row, sorted. */
  public List<Row> page(long id, Sort sort, boolean desc, long offset, int limit) {
    String dir = desc ? " DESC" : "";
    String order = sort == Sort.NO ? "no" + dir : sort.column + dir + ", no" + dir;
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM packets WHERE capture_id = :id ORDER BY " + order
            + " LIMIT :lim OFFSET :off")
        .bind("id", id).bind("lim", limit).bind("off", offset).map((rs, ctx) -> row(rs)).list());
  }

  /** Every packet number in {@code sort}'s order (for paging a filtered, sorted view). */
  public long[] numbersSorted(long id, Sort sort, boolean desc) {
    String dir = desc ? " DESC" : "";
    return jdbi.withHandle(h -> h.createQuery("SELECT no FROM packets WHERE capture_id = :id ORDER BY "
            + sort.column + dir + ", no" + dir)
        .bind("id", id).mapTo(Long.class).stream().mapToLong(Long::longValue).toArray());
  }

  /** The rows with these numbers, in the order given. */
  public List<Row> rows(long id, long[] numbers) {
    if (numbers.length == 0) {
      return List.of();
    }
    List<Row> found = jdbi.withHandle(h -> h.createQuery("SELECT * FROM packets WHERE capture_id = :id AND no IN (<nos>)")
        .bind("id", id).bindList("nos", Arrays.stream(numbers).boxed().toList()).map((rs, ctx) -> row(rs)).list());
    java.util.Map<Long, Row> byNo = new java.util.HashMap<>();
    for (Row r : found) {
      byNo.put(r.no(), r);
    }
    List<Row> out = new ArrayList<>();
    for (long n : numbers) {
      Row r = byNo.get(n);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  public List<Conversation> conversations(long id, String kind) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM conversations WHERE capture_id = :id AND kind = :k ORDER BY seq")
        .bind("id", id).bind("k", kind)
        .map((rs, ctx) -> new Conversation(rs.getString("a"), rs.getString("b"), rs.getInt("port_a"), rs.getInt("port_b"),
            rs.getLong("frames_ab"), rs.getLong("bytes_ab"), rs.getLong("frames_ba"), rs.getLong("bytes_ba"),
            rs.getLong("rel_start_ns"), rs.getLong("duration_ns")))
        .list());
  }
}
