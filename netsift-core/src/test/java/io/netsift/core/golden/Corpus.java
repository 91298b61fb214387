package io.netsift.core.golden;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Where the shared corpus and the committed tshark goldens are, for tests. */
public final class Corpus {
  private Corpus() {}

  /** The corpus directory (../shared/corpus beside the checkout), or null when absent. */
  public static Path dir() {
    String p = System.getProperty("netsift.corpus");
    Path d = p != null ? Path.of(p) : Path.of("../../shared/corpus");
    return Files.isDirectory(d) ? d.toAbsolutePath().normalize() : null;
  }

  /**
   * A capture named as in files.txt: {@code samples/NAME} is one of the project's own recordings
   * (in the repository), anything else a corpus file.
   */
  /**
   * A capture named as in files.txt if it is on this machine (a sample always; a corpus file
   * when ../shared is there), else null.
   */
  public static Path find(String name) {
    Path corpus = dir();
    if (!name.startsWith("samples/") && corpus == null) {
      return null;
    }
    Path p = capture(corpus, name);
    return Files.exists(p) ? p : null;
  }

  public static Path capture(Path corpus, String name) {
    if (name.startsWith("samples/")) {
      String root = System.getProperty("netsift.root", "../..");
      return Path.of(root).resolve(name).toAbsolutePath().normalize();
    }
    return corpus.resolve(name);
  }

  /** Lines of a test resource under golden/ (comments and blanks dropped). */
  public static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = Corpus.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource golden/" + name);
      }
      List<String> out = new ArrayList<>();
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          out.add(t);
        }
      }
      return out;
    }
  }

  /** Lines of a gzip'd golden resource, or null when there is none. */
  public static List<String> gzipLines(String name) throws IOException {
    InputStream raw = Corpus.class.getResourceAsStream("/golden/" + name);
    if (raw == null) {
      return null;
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8))) {
      List<String> out = new ArrayList<>();
      for (String line; (line = r.readLine()) != null; ) {
        out.add(line);
      }
      return out;
    }
  }
}
