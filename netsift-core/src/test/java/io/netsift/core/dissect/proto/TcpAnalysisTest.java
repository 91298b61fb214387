package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.FileCapture;
import io.netsift.core.Packet;
import io.netsift.core.golden.Corpus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Compares netsift's TCP sequence analysis with tshark 4.0's, frame by frame, over the captures
 * {@code scripts/analysis/make-tcp-analysis.sh} recorded (resources {@code tcp-analysis/}):
 * every {@code tcp.analysis.*} field, the analysis expert notes and the Info markers. Prints the
 * agreement per field; a capture may differ on at most the frames
 * {@code tcp-analysis/known-differences.txt} allows it, each with its reason.
 */
class TcpAnalysisTest {
  private static final String[] FILES = {
    "ndpi__pop3.pcap", "dpkt__http.pcap", "zeek__tls__ssl.v3.pcap", "zeek__http__bro.org.pcap", "ndpi__ftp.pcap",
    "zeek__ftp__bruteforce.pcap", "zeek__ldap__gap-data-missing.pcapng", "zeek__pop3__pop3.pcap",
    "ndpi__syslog.pcap", "zeek__redis__pubsub.pcap", "zeek__smtp.pcap", "zeek__socks.pcap",
    "ndpi__KakaoTalk_talk.pcap", "zeek__ssh__ssh.pcap", "ndpi__bittorrent.pcap", "ndpi__1kxun.pcap",
    "ndpi__netflix.pcap", "pcapplusplus__many-protocols.pcap", "ndpi__alexa-app.pcapng", "ndpi__ocs.pcap",
    "ndpi__rtsp.pcap", "pcapplusplus__tls2.pcap", "tcpdump__of13_ericsson.pcapng",
    "zeek__rfb__vnc-mac-to-linux.pcap", "zeek__http__1000-requests-one-dropped-response.pcap.gz",
    "samples/apps.pcapng", "samples/dns.pcap", "samples/http.pcapng", "samples/tcp-handshake.pcapng",
  };
  private static final Pattern MARKER = Pattern.compile("\\[TCP [^\\]]*\\]");
  private static final Pattern ANALYSIS_NOTE = Pattern.compile("^(This frame is a \\(suspected\\) "
      + "|Previous segment\\(s\\) not captured|ACKed segment that wasn.t captured|Duplicate ACK \\(#[0-9]+\\)$"
      + "|TCP keep-alive segment$|ACK to a TCP keep-alive segment$|TCP window update$"
      + "|TCP window specified by the receiver is now completely full$|TCP Zero Window segment$"
      + "|TCP Zero Window Probe$|ACK to a TCP Zero Window Probe$|A new tcp session is started with the same ports)");

  @Test
  void agreesWithTsharkFrameByFrame() throws Exception {
    Path dir = Corpus.dir();
    Map<String, Integer> allowed = allowedDifferences();
    Map<String, long[]> perField = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    int filesChecked = 0;
    List<String> files = new ArrayList<>(List.of(FILES));
    files.add(0, "tcp-windows.pcap");
    for (String file : files) {
      Path path = file.equals("tcp-windows.pcap")
          ? Path.of(TcpAnalysisTest.class.getResource("/tcp-analysis/tcp-windows.pcap").toURI())
          : dir == null ? null : Corpus.capture(dir, file);
      if (path == null || !Files.exists(path)) {
        continue;
      }
      filesChecked++;
      List<String[]> rows = resource(file.replace('/', '_').replace("samples_", "samples__") + ".tsv");
      String[] header = rows.get(0);
      Map<Long, String[]> want = new HashMap<>();
      for (int i = 1; i < rows.size(); i++) {
        want.put(Long.parseLong(rows.get(i)[0]), rows.get(i));
      }
      String[] empty = new String[header.length];
      java.util.Arrays.fill(empty, "");
      int differing = 0;
      StringBuilder first = new StringBuilder();
      try (FileCapture cap = FileCapture.open(path)) {
        for (Packet p : cap) {
          String[] got = row(p, header);
          String[] exp = want.getOrDefault(p.number(), empty);
          boolean same = true;
          for (int k = 1; k < header.length; k++) {
            long[] c = perField.computeIfAbsent(header[k], x -> new long[2]);
            boolean relevant = !exp[k].isEmpty() || !got[k].isEmpty();
            if (!relevant) {
              continue;
            }
            c[1]++;
            if (exp[k].equals(got[k])) {
              c[0]++;
            } else {
              same = false;
              if (first.length() < 2000) {
                first.append("  frame ").append(p.number()).append(' ').append(header[k]).append(": tshark '")
                    .append(exp[k]).append("' netsift '").append(got[k]).append("'\n");
              }
            }
          }
          if (!same) {
            differing++;
          }
        }
      }
      int limit = allowed.getOrDefault(file, 0);
      if (differing > limit) {
        failures.add(file + ": " + differing + " frames differ (allowed " + limit + ")\n" + first);
      }
    }
    assertTrue(filesChecked > 0, "captures compared");
    StringBuilder table = new StringBuilder("TCP analysis agreement with tshark (frames where either side has a value):\n");
    for (Map.Entry<String, long[]> e : perField.entrySet()) {
      long[] c = e.getValue();
      table.append(String.format("  %-40s %6d/%-6d %7.3f%%%n", e.getKey(), c[0], c[1],
          c[1] == 0 ? 100.0 : 100.0 * c[0] / c[1]));
    }
    System.out.println(table);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** Display filters see the analysis: each flag field selects the frames tshark flagged with it. */
  @Test
  void analysisFieldsFilter() throws Exception {
    Path pcap = Path.of(TcpAnalysisTest.class.getResource("/tcp-analysis/tcp-windows.pcap").toURI());
    List<String[]> rows = resource("tcp-windows.pcap.tsv");
    String[] header = rows.get(0);
    int checked = 0;
    for (int k = 1; k < header.length - 4; k++) {
      String field = header[k];
      List<Long> want = new ArrayList<>();
      for (int i = 1; i < rows.size(); i++) {
        if (!rows.get(i)[k].isEmpty()) {
          want.add(Long.parseLong(rows.get(i)[0]));
        }
      }
      List<Long> got = new ArrayList<>();
      try (FileCapture cap = FileCapture.builder(pcap).displayFilter(field).open()) {
        for (Packet p : cap) {
          got.add(p.number());
        }
      }
      assertEquals(want, got, "-Y " + field);
      checked += want.isEmpty() ? 0 : 1;
    }
    assertTrue(checked >= 15, "flag fields seen in the sample");
  }

  /** The row of one frame as the script records it: fields joined by "|", analysis notes, markers. */
  private static String[] row(Packet p, String[] header) {
    String[] out = new String[header.length];
    out[0] = Long.toString(p.number());
    if (p.getAll("tcp").isEmpty()) {
      java.util.Arrays.fill(out, 1, out.length, "");
      return out;
    }
    int n = header.length;
    for (int k = 1; k < n - 4; k++) {
      out[k] = String.join("|", p.getAll(header[k]));
    }
    List<String> msg = p.getAll("_ws.expert.message");
    List<String> sev = p.getAll("_ws.expert.severity");
    List<String> grp = p.getAll("_ws.expert.group");
    List<String> m = new ArrayList<>();
    List<String> s = new ArrayList<>();
    List<String> g = new ArrayList<>();
    for (int i = 0; i < msg.size(); i++) {
      if (ANALYSIS_NOTE.matcher(msg.get(i)).find()) {
        m.add(msg.get(i));
        s.add(i < sev.size() ? sev.get(i) : "");
        g.add(i < grp.size() ? grp.get(i) : "");
      }
    }
    out[n - 4] = String.join("|", m);
    out[n - 3] = String.join("|", s);
    out[n - 2] = String.join("|", g);
    StringBuilder markers = new StringBuilder();
    Matcher mk = MARKER.matcher(p.summary().info());
    while (mk.find()) {
      if (!mk.group().equals("[TCP segment of a reassembled PDU]")) {
        markers.append(mk.group());
      }
    }
    out[n - 1] = markers.toString();
    return out;
  }

  private static List<String[]> resource(String name) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = TcpAnalysisTest.class.getResourceAsStream("/tcp-analysis/" + name)) {
      assertTrue(in != null, "resource tcp-analysis/" + name);
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        rows.add(line.split("\t", -1));
      }
    }
    assertEquals(31, rows.get(0).length, name + " header");
    return rows;
  }

  /** file<TAB>frames<TAB>reason lines: how many frames of a capture may differ, and why. */
  private static Map<String, Integer> allowedDifferences() throws IOException {
    Map<String, Integer> out = new TreeMap<>();
    try (InputStream in = TcpAnalysisTest.class.getResourceAsStream("/tcp-analysis/known-differences.txt")) {
      if (in == null) {
        return out;
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        out.put(f[0], Integer.parseInt(f[1]));
      }
    }
    return out;
  }
}
