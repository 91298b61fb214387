package io.netsift.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.field.FieldRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The display-filter tables, in the shape of Wireshark's test/suite_dfilter: each row of
 * {@code filter/expected.tsv} is a capture and a filter with the frame numbers tshark 4.0
 * displays (or tshark's error), made by {@code scripts/filter/make-expectations.sh}; netsift
 * must give exactly the same. Rows of {@code filter/hand-expected.tsv} use syntax tshark 4.0
 * rejects (xor, {@code @}, constants on the left, {@code ip_*}); their frames come from an
 * equivalent 4.0 filter written by hand in {@code filter/hand.tsv}, next to the reason.
 *
 * <p>A row naming a field netsift does not register yet is skipped ("field X not
 * implemented"), not failed; a summary of passes and skips is printed after the run.
 */
class FilterTableTest {
  private static final AtomicInteger PASSED = new AtomicInteger();
  private static final Map<String, Integer> SKIPPED = new TreeMap<>();

  @TestFactory
  Stream<DynamicTest> tsharkRows() {
    return rows("expected.tsv", false);
  }

  @TestFactory
  Stream<DynamicTest> handDerivedRows() {
    return rows("hand-expected.tsv", true);
  }

  private Stream<DynamicTest> rows(String resource, boolean hand) {
    Assumptions.assumeTrue(FilterCorpus.dir() != null, "corpus not found (../shared/corpus)");
    List<DynamicTest> tests = new ArrayList<>();
    for (String[] row : FilterCorpus.rows(resource)) {
      String name = row[0] + " | " + row[1];
      tests.add(DynamicTest.dynamicTest(name, () -> check(row, hand)));
    }
    return tests.stream();
  }

  private static void check(String[] row, boolean hand) {
    String capture = row[0];
    String filter = row[1];
    String fields = row[row.length - 1];
    for (String f : fields.isEmpty() ? new String[0] : fields.split(",")) {
      if (FieldRegistry.standard().get(f) == null) {
        synchronized (SKIPPED) {
          SKIPPED.merge(f, 1, Integer::sum);
        }
        Assumptions.abort("skipped: field " + f + " not implemented");
      }
    }
    List<Dissection> frames = FilterCorpus.frames(capture);
    if (!hand && row[2].equals("ERROR")) {
      try {
        Filter.compile(filter);
        fail("tshark rejects this filter (" + row[3] + ") but netsift compiled it");
      } catch (FilterException e) {
        assertEquals(row[3], e.getMessage(), "message");
        if (!row[4].isEmpty()) {
          assertEquals(row[4], e.column() + ":" + e.length(), "column:length");
        }
      }
    } else {
      Filter f;
      try {
        f = Filter.compile(filter);
      } catch (FilterException e) {
        throw new AssertionError("netsift rejects a filter tshark accepts:\n" + e.pointer(), e);
      }
      assertEquals(row[2], FilterCorpus.matching(f, frames), "frame numbers");
    }
    PASSED.incrementAndGet();
  }

  @AfterAll
  static void summary() {
    int skipped = SKIPPED.values().stream().mapToInt(Integer::intValue).sum();
    StringBuilder sb = new StringBuilder("Filter table: ").append(PASSED.get()).append(" rows agree with tshark, ")
        .append(skipped).append(" skipped");
    if (!SKIPPED.isEmpty()) {
      sb.append(" (fields not implemented: ").append(SKIPPED).append(')');
    }
    System.out.println(sb);
  }
}
