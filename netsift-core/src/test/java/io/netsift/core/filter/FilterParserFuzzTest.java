package io.netsift.core.filter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netsift.core.dissect.Dissection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for the filter compiler: any string either compiles or fails with a
 * {@link FilterException} whose location lies within the filter, never with another exception
 * and never in more than linear time. Filters that compile are also run over a few corpus
 * frames. In a plain {@code mvn test} Jazzer runs the target in regression mode; with
 * {@code JAZZER_FUZZ=1} it fuzzes. {@link #seeds} runs the same body over the hand-written
 * seeds in {@code filter/fuzz-seeds.txt} on every build, and {@link #compileTimeIsLinear}
 * checks the growth of compile time on inputs built to provoke super-linear behaviour.
 */
class FilterParserFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void compile(FuzzedDataProvider data) {
    body(data.consumeRemainingAsString());
  }

  @Test
  void seeds() {
    for (String[] row : FilterCorpus.rows("fuzz-seeds.txt")) {
      body(String.join("\t", row).replace("\\n", "\n"));
    }
  }

  static void body(String filter) {
    long t0 = System.nanoTime();
    Filter f = null;
    try {
      f = Filter.compile(filter);
    } catch (FilterException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), "empty message");
      assertTrue(e.column() >= 0 && e.column() <= filter.length(), "column outside the filter");
      assertTrue(e.column() + e.length() <= filter.length() + 1, "length outside the filter");
      e.pointer();
    }
    long micros = (System.nanoTime() - t0) / 1000;
    // Generous bound (first use of a field loads its value labels): linear with a large constant.
    assertTrue(micros < 2_000_000 + 200L * filter.length(), "compile took " + micros + " µs for "
        + filter.length() + " characters");
    if (f != null && FilterCorpus.dir() != null) {
      List<Dissection> frames = FilterCorpus.frames("dpkt__dns_icmp.pcap");
      for (Dissection d : frames.subList(0, 4)) {
        f.matches(d);
      }
      f.explain();
    }
  }

  /** Inputs that would be quadratic in a naive lexer or parser; time must grow linearly. */
  @Test
  void compileTimeIsLinear() {
    String[] units = {"(ip) and ", "ip.src == 1.2.3.4 || ", "00:", "1.", "::", "frame[0:1,", "\"\\x41", "a-",
        "{1 + ", "udp.port in {1, ", "'", "ip.", "#[1,", "@", "-"};
    for (String unit : units) {
      // 16 times the input: linear is ~16x; allow 64x for noise and JIT warm-up (quadratic is 256x).
      // A loaded machine (CI beside other builds) once gave 88x in one measurement and 13x in the
      // next, so a unit fails only if three measurements in a row are over; a quadratic parser is
      // over every time.
      String last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        long small = best(unit, 500);
        long large = best(unit, 8000);
        if (large < 64 * Math.max(small, 50_000L)) {
          last = null;
          break;
        }
        last = "unit \"" + unit + "\": " + small + " ns for 500, " + large + " ns for 8000";
      }
      assertTrue(last == null, last);
    }
  }

  private static long best(String unit, int reps) {
    String s = unit.repeat(reps);
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      try {
        Filter.compile(s);
      } catch (FilterException e) {
        // expected for most
      }
      best = Math.min(best, System.nanoTime() - t0);
    }
    return best;
  }
}
