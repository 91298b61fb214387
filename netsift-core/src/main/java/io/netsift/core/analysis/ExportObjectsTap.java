package io.netsift.core.analysis;

import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.proto.TftpDissector;
import io.netsift.core.dissect.proto.Transport;
import io.netsift.core.dissect.proto.http.HttpDissector;
import io.netsift.core.dissect.proto.http.HttpMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code --export-objects PROTOCOL,DIR}: collects the objects a protocol carried and, after the
 * packets, writes them into DIR (see {@link ExportNames}) and prints a table of packet, host name,
 * content type, size and file name.
 *
 * <p>HTTP objects are the bodies of requests and responses as tshark exports them: each named
 * after the last request URI of its TCP stream (for a response, the request before it; pipelined
 * requests make that the latest one, as in tshark) and its host after the stream's last Host
 * header. Unlike tshark, whose taps ignore {@code -Y}, only packets the display filter passes
 * give objects, so {@code -Y 'http.content_type contains "png"'} exports the PNGs.
 *
 * <p>IMF objects are the mails SMTP DATA carried (the text between the 354 reply and the closing
 * dot), named {@code Subject.eml}, with the From header as host name.
 *
 * <p>TFTP objects are the files a transfer carried, named after the file its request named.
 */
public final class ExportObjectsTap implements Tap {
  /** The protocols whose objects netsift exports. */
  public enum Protocol {
    /** HTTP request and response bodies. */
    HTTP,
    /** Mail messages (RFC 5322) sent with SMTP DATA, named after their Subject. */
    IMF,
    /** Files read or written with TFTP, named after the request's file name. */
    TFTP
  }

  private final Protocol protocol;
  private final Path dir;
  private final Consumer<String> warnings;
  private final List<ExportedObject> objects = new ArrayList<>();
  /** Per TCP stream: the last request URI and Host header. */
  private final Map<Long, String[]> hosts = new HashMap<>();
  private final Map<Long, byte[]> uris = new HashMap<>();
  /** Per TCP stream: the message text SMTP DATA has carried so far (null outside DATA). */
  private final Map<Long, Mail> mails = new HashMap<>();

  /** Per TFTP transfer: the next block expected and the file so far. */
  private final Map<String, Transfer> transfers = new HashMap<>();

  private static final class Transfer {
    int nextBlock = 1;
    final java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
  }

  /** An SMTP DATA phase in progress: who answered 354, and the text so far. */
  private static final class Mail {
    int serverPort;
    final java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
  }

  /**
   * Collects objects of {@code protocol}; {@code dir} (may be null: collect only) is where
   * {@link #report} writes them, and {@code warnings} hears about files that could not be written.
   */
  public ExportObjectsTap(Protocol protocol, Path dir, Consumer<String> warnings) {
    this.protocol = protocol;
    this.dir = dir;
    this.warnings = warnings == null ? w -> { } : warnings;
  }

  /**
   * Parses tshark's {@code PROTOCOL,DIR} ({@code http,/tmp/objects}).
   *
   * @throws IllegalArgumentException for an unknown protocol or a missing directory
   */
  public static ExportObjectsTap parse(String spec, Consumer<String> warnings) {
    int comma = spec.indexOf(',');
    if (comma <= 0 || comma == spec.length() - 1) {
      throw new IllegalArgumentException("\"" + spec + "\": give PROTOCOL,DIR (http,DIR)");
    }
    String name = spec.substring(0, comma);
    Protocol p;
    try {
      p = Protocol.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + name + "\" is not a protocol netsift exports objects of (http, imf, tftp)");
    }
    return new ExportObjectsTap(p, Path.of(spec.substring(comma + 1)), warnings);
  }

  @Override
  public void packet(Dissection d, boolean displayed) {
    for (int i = 1; i < d.layerCount(); i++) {
      String name = d.dissector(i).name();
      if (protocol == Protocol.HTTP && name.equals("http")) {
        http(d, i, displayed);
      } else if (protocol == Protocol.IMF && (name.equals("smtp") || name.equals("imf"))) {
        mail(d, i, name.equals("imf"), displayed);
      } else if (protocol == Protocol.TFTP && name.equals("tftp")) {
        tftp(d, i, displayed);
      }
    }
    byte[] refused = protocol == Protocol.HTTP && displayed ? HttpDissector.refused(d) : null;
    if (refused != null) {
      // tshark's HTTP exports a port-80 segment it refuses whole, with no host or type.
      objects.add(new ExportedObject(d.number(), null, null, null, refused));
    }
  }

  /**
   * TFTP: the DATA blocks of a transfer in order (a repeated block is sent again, not appended);
   * the block shorter than the block size ends the file, which is then an object named after
   * the request's file name.
   */
  private void tftp(Dissection d, int layer, boolean displayed) {
    TftpDissector.Info info = TftpDissector.info(d, layer);
    byte[] b = d.data();
    int s = d.start(layer);
    int n = d.end(layer) - s;
    if (info == null || info.file() == null || n < 4 || b[s] != 0 || b[s + 1] != 3) {
      return;
    }
    int block = ((b[s + 2] & 0xff) << 8) | (b[s + 3] & 0xff);
    Transfer t = transfers.computeIfAbsent(info.transfer(), k -> new Transfer());
    if (block != (t.nextBlock & 0xffff)) {
      return;
    }
    t.nextBlock++;
    t.data.write(b, s + 4, n - 4);
    if (n - 4 < info.blockSize()) {
      transfers.remove(info.transfer());
      if (displayed) {
        objects.add(new ExportedObject(d.number(), null, null,
            info.file().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), t.data.toByteArray()));
      }
    }
  }

  /**
   * SMTP: after a 354 reply the client's segments are the message, up to the line with a single
   * dot. The object is the text between (the last line break included), as tshark's.
   */
  private void mail(Dissection d, int layer, boolean imf, boolean displayed) {
    int t = Transport.find(d, layer);
    if (imf || !Transport.isTcp(d, t)) {
      return; // the smtp layers carry every byte of the message, the closing segment's too
    }
    long stream = Transport.stream(d, t);
    byte[] b = d.data();
    int s = d.start(layer);
    int e = d.end(layer);
    Mail m = mails.get(stream);
    int sport = Transport.srcPort(d, t);
    if (e - s >= 4 && b[s] == '3' && b[s + 1] == '5' && b[s + 2] == '4' && (b[s + 3] == ' ' || b[s + 3] == '-')) {
      m = new Mail();
      m.serverPort = sport;
      mails.put(stream, m);
      return;
    }
    if (m == null || sport == m.serverPort) {
      return;
    }
    int before = m.text.size();
    m.text.write(b, s, e - s);
    // RFC 5321 section 4.1.1.4: the message ends at a line holding a single dot. tshark checks
    // each line start of the segment at hand for "." CRLF or CRLF "." CRLF, so an empty line
    // right before the dot is dropped too.
    byte[] text = m.text.toByteArray();
    int end = -1;
    for (int i = before; end < 0 && i < text.length; i++) {
      if (i == before || text[i - 1] == '\n') {
        if (i + 3 <= text.length && text[i] == '.' && text[i + 1] == '\r' && text[i + 2] == '\n'
            || i + 5 <= text.length && text[i] == '\r' && text[i + 1] == '\n' && text[i + 2] == '.'
                && text[i + 3] == '\r' && text[i + 4] == '\n') {
          end = i;
        }
      }
    }
    if (end >= 0) {
      mails.remove(stream);
      if (displayed && end > 0) {
        byte[] message = java.util.Arrays.copyOf(text, end);
        objects.add(new ExportedObject(d.number(), header(message, "from"), "EML file", subjectName(message), message));
      }
    }
  }

  /** {@code Subject.eml} from the message's Subject header, or null when it has none. */
  private static byte[] subjectName(byte[] text) {
    String subject = header(text, "subject");
    if (subject == null) {
      return null;
    }
    byte[] v = subject.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] name = java.util.Arrays.copyOf(v, v.length + 4);
    System.arraycopy(".eml".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, name, v.length, 4);
    return name;
  }

  /** The first line of header {@code name}'s value in the header block, or null. */
  private static String header(byte[] text, String name) {
    int p = 0;
    while (p < text.length) {
      int lf = p;
      while (lf < text.length && text[lf] != '\n') {
        lf++;
      }
      int end = lf > p && text[lf - 1] == '\r' ? lf - 1 : lf;
      if (end == p) {
        return null; // the empty line ends the headers
      }
      int colon = p;
      while (colon < end && text[colon] != ':') {
        colon++;
      }
      if (colon < end && new String(text, p, colon - p, java.nio.charset.StandardCharsets.ISO_8859_1).trim()
          .equalsIgnoreCase(name)) {
        int v = colon + 1;
        while (v < end && (text[v] == ' ' || text[v] == '\t')) {
          v++;
        }
        return new String(text, v, end - v, java.nio.charset.StandardCharsets.ISO_8859_1);
      }
      p = lf + 1;
    }
    return null;
  }

  private void http(Dissection d, int layer, boolean displayed) {
    HttpMessage m = HttpDissector.message(d, layer);
    if (m == null || m.kind() == HttpMessage.Kind.CONTINUATION) {
      return;
    }
    int t = Transport.find(d, layer);
    long stream = Transport.isTcp(d, t) ? Transport.stream(d, t) : -1 - t;
    byte[] uri = m.requestUri(d.data());
    if (uri != null || m.method() != null) {
      uris.put(stream, uri == null ? new byte[0] : uri); // a request line without a URI names "."
    }
    if (m.host() != null) {
      hosts.put(stream, new String[] {m.host()});
    }
    if (!displayed) {
      return;
    }
    byte[] body = m.body();
    if (body.length == 0) {
      return;
    }
    String[] host = hosts.get(stream);
    objects.add(new ExportedObject(d.number(), host == null ? null : host[0], m.contentType(), uris.get(stream), body));
  }

  /** The objects collected so far, in packet order. */
  public List<ExportedObject> objects() {
    return new ArrayList<>(objects);
  }

  /**
   * Writes every object into {@code dir} and returns the file names, in the objects' order (null
   * for one that could not be written; {@code warnings} says why).
   */
  public static List<String> writeAll(Path dir, List<ExportedObject> objects, Consumer<String> warnings) {
    return writeAll(dir, objects, ExportNames.room(dir), warnings);
  }

  /** Like {@link #writeAll(Path, List, Consumer)} with names cut to {@code room} characters. */
  public static List<String> writeAll(Path dir, List<ExportedObject> objects, int room, Consumer<String> warnings) {
    List<String> names = new ArrayList<>();
    for (ExportedObject o : objects) {
      try {
        names.add(ExportNames.write(dir, o, room));
      } catch (IOException e) {
        warnings.accept("export objects: cannot write to \"" + dir + "\": " + e.getMessage());
        names.add(null);
      }
    }
    return names;
  }

  @Override
  public void report(StringBuilder out) {
    List<String> names = dir == null ? null : writeAll(dir, objects, warnings);
    table(objects, names, out);
  }

  /** The table Wireshark's Export Objects dialog shows: packet, host name, content type, size, file name. */
  public static void table(List<ExportedObject> objects, List<String> names, StringBuilder out) {
    String[] head = {"Packet", "Hostname", "Content Type", "Size", "Filename"};
    List<String[]> rows = new ArrayList<>();
    for (int k = 0; k < objects.size(); k++) {
      ExportedObject o = objects.get(k);
      String name = names == null ? "" : names.get(k) == null ? "(not written)" : names.get(k);
      rows.add(new String[] {Long.toString(o.frame()), o.hostname(), o.contentType(), Integer.toString(o.size()), name});
    }
    int[] width = new int[head.length];
    for (int c = 0; c < head.length; c++) {
      width[c] = head[c].length();
      for (String[] r : rows) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    row(head, width, out);
    for (String[] r : rows) {
      row(r, width, out);
    }
  }

  private static void row(String[] cells, int[] width, StringBuilder out) {
    int start = out.length();
    for (int c = 0; c < cells.length; c++) {
      String v = cells[c];
      boolean right = c == 0 || c == 3;
      int pad = width[c] - v.length();
      if (right) {
        out.append(" ".repeat(pad)).append(v);
      } else {
        out.append(v);
        if (c < cells.length - 1) {
          out.append(" ".repeat(pad));
        }
      }
      if (c < cells.length - 1) {
        out.append("  ");
      }
    }
    int end = out.length();
    while (end > start && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
    out.append('\n');
  }
}
