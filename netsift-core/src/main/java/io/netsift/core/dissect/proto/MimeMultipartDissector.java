package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MIME multipart bodies, <a href="https://www.rfc-editor.org/rfc/rfc2046#section-5.1">RFC 2046
 * section 5.1</a>: the parts of a multipart/* mail (or other) body, each with its own headers and
 * its own media layer, as tshark 4.0's "mime_multipart" shows them.
 *
 * <pre>
 * [preamble CRLF]
 * --boundary CRLF              (first boundary)
 * Content-Type: text/plain CRLF (part headers; unfolded, LWS compacted)
 * CRLF
 * part body
 * CRLF --boundary CRLF         (boundary: the CRLF before it belongs to it)
 * ... more parts ...
 * CRLF --boundary-- CRLF       (last boundary)
 * [trailer]
 * </pre>
 *
 * The outermost multipart layer parses nested multipart parts too and lists all their fields, in
 * tshark's tree order; a nested part still gets its own "mime_multipart" layer (for
 * frame.protocols) that lists nothing again. Each part's body becomes a layer of the dissector
 * the media type table names ("media" when none, "data" without a Content-Type): the first part
 * continues the chain, the others are queued depth first.
 */
public final class MimeMultipartDissector extends Dissector {
  public static final Field TYPE = Field.string("mime_multipart.type", "Type");
  public static final Field PART = Field.string("mime_multipart.part", "Encapsulated multipart part");
  public static final Field CONTENT_DESCRIPTION = Field.string("mime_multipart.header.content-description", "Content-Description");
  public static final Field CONTENT_DISPOSITION = Field.string("mime_multipart.header.content-disposition", "Content-Disposition");
  public static final Field CONTENT_ENCODING = Field.string("mime_multipart.header.content-encoding", "Content-Encoding");
  public static final Field CONTENT_ID = Field.string("mime_multipart.header.content-id", "Content-Id");
  public static final Field CONTENT_LANGUAGE = Field.string("mime_multipart.header.content-language", "Content-Language");
  public static final Field CONTENT_LENGTH = Field.string("mime_multipart.header.content-length", "Content-Length");
  public static final Field CONTENT_TRANSFER_ENCODING =
      Field.string("mime_multipart.header.content-transfer-encoding", "Content-Transfer-Encoding");
  public static final Field CONTENT_TYPE = Field.string("mime_multipart.header.content-type", "Content-Type");
  public static final Field ORIGINAL_CONTENT = Field.string("mime_multipart.header.originalcontent", "OriginalContent");
  public static final Field FIRST_BOUNDARY = Field.string("mime_multipart.first_boundary", "First boundary");
  public static final Field PREAMBLE = Field.bytes("mime_multipart.preamble", "Preamble");
  public static final Field LAST_BOUNDARY = Field.string("mime_multipart.last_boundary", "Last boundary");
  public static final Field BOUNDARY = Field.string("mime_multipart.boundary", "Boundary");
  public static final Field TRAILER = Field.bytes("mime_multipart.trailer", "Trailer");

  /** Part headers tshark knows, with their one-letter compact names (SIP's), lower case. */
  private static final String[][] KNOWN = {{"content-description", null}, {"content-disposition", null},
      {"content-encoding", "e"}, {"content-id", null}, {"content-language", null}, {"content-length", "l"},
      {"content-transfer-encoding", null}, {"content-type", "c"}, {"originalcontent", null}};
  private static final Field[] KNOWN_FIELDS = {CONTENT_DESCRIPTION, CONTENT_DISPOSITION, CONTENT_ENCODING,
      CONTENT_ID, CONTENT_LANGUAGE, CONTENT_LENGTH, CONTENT_TRANSFER_ENCODING, CONTENT_TYPE, ORIGINAL_CONTENT};

  public MimeMultipartDissector() {
    super("mime_multipart", "MIME Multipart Media Encapsulation", "MIME multipart");
  }

  /** One multipart body: where its boundaries, parts and their headers are (absolute offsets). */
  static final class Body {
    String type;
    /** Nested inside a part of an outer multipart, whose layer lists these fields. */
    boolean nested;
    /** The boundary parameter was missing: no protocol fields, the body is data. */
    boolean noBoundary;
    int start;
    int end;
    int preambleEnd = -1;
    int firstBoundary = -1;
    int firstBoundaryEnd;
    final List<Part> parts = new ArrayList<>();
    int trailer = -1;
  }

  /** One part: its headers, body and the boundary after it. */
  static final class Part {
    int start;
    final List<int[]> headers = new ArrayList<>();
    final List<Field> headerFields = new ArrayList<>();
    final List<String> headerValues = new ArrayList<>();
    String contentType;
    String parameters;
    int bodyStart = -1;
    int bodyEnd = -1;
    int boundary = -1;
    int boundaryEnd;
    boolean last;
    /** Name of the dissector for the body, or null for none. */
    String dissector;
    /** The part's body parsed as a nested multipart. */
    Body inner;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    Body body = null;
    Part parent = partOf(d, layer);
    if (parent != null && parent.inner != null) {
      body = parent.inner;
    } else {
      String type;
      String params;
      if (parent != null) {
        type = parent.contentType;
        params = parent.parameters;
      } else {
        int before = layer - 1;
        boolean mail = before >= 0 && d.dissector(before) instanceof ImfDissector;
        type = mail ? ImfDissector.bodyType(d, before) : null;
        params = mail ? ImfDissector.bodyParameters(d, before) : null;
      }
      body = parse(d.data(), s, e, type, params);
    }
    d.attach(layer, body);
    d.payload(e, e);
    if (body.noBoundary || body.firstBoundary < 0) {
      d.payload(s, e);
      return d.protocols().data();
    }
    Dissector first = null;
    int queued = 0;
    for (Part p : body.parts) {
      if (p.dissector == null || p.bodyStart < 0) {
        continue;
      }
      Dissector next = d.protocols().byName(p.dissector);
      if (next == null || p.bodyEnd <= p.bodyStart && !(next instanceof MimeMultipartDissector)) {
        continue;
      }
      if (first == null) {
        first = next;
        d.payload(p.bodyStart, p.bodyEnd);
      } else {
        d.queueNested(next, p.bodyStart, p.bodyEnd, queued++);
      }
    }
    if (first == null) {
      d.payload(e, e);
    }
    return first;
  }

  @Override
  public void columns(Tree t, io.netsift.core.dissect.Columns c) {
    // tshark's multipart writes neither the Protocol nor the Info column.
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  /**
   * The part of an earlier multipart layer whose body is exactly layer {@code layer}'s bytes,
   * or null: how a part's media layer learns its type.
   */
  static Part partOf(Dissection d, int layer) {
    for (int i = layer - 1; i >= 0; i--) {
      if (d.attachment(i) instanceof Body) {
        // Offsets relative to the multipart layer: a copied dissection moves the bytes.
        Body body = (Body) d.attachment(i);
        Part p = find(body, d.start(layer) - d.start(i) + body.start, d.end(layer) - d.start(i) + body.start);
        if (p != null) {
          return p;
        }
      }
    }
    return null;
  }

  private static Part find(Body b, int s, int e) {
    for (Part p : b.parts) {
      if (p.bodyStart == s && p.bodyEnd == e) {
        return p;
      }
      if (p.inner != null) {
        Part q = find(p.inner, s, e);
        if (q != null) {
          return q;
        }
      }
    }
    return null;
  }

  /** The media type (lower case) of the MIME part that layer {@code layer} dissects, or null. */
  public static String partType(Dissection d, int layer) {
    Part p = partOf(d, layer);
    return p == null ? null : p.contentType;
  }

  /** Parses a multipart body of media type {@code type} with Content-Type parameters {@code params}. */
  static Body parse(byte[] b, int s, int e, String type, String params) {
    Body body = new Body();
    body.type = type;
    body.start = s;
    body.end = e;
    String boundary = params == null ? null : parameter(compact(params, null), "boundary");
    if (boundary == null || type == null) {
      body.noBoundary = true;
      return body;
    }
    byte[] dash = ("--" + boundary).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    boolean[] last = new boolean[1];
    // The preamble: up to the first line that starts with the dashed boundary.
    int off = s;
    int first = -1;
    while (off + dash.length < e) {
      if (Bytes.startsWith(b, off, e, dash)) {
        first = off;
        break;
      }
      off = lineEnd(b, off, e);
    }
    if (first < 0) {
      return body;
    }
    last[0] = first + dash.length + 2 <= e && b[first + dash.length] == '-' && b[first + dash.length + 1] == '-';
    int firstEnd = lineEnd(b, first, e);
    if (first > s && firstEnd <= first) {
      return body;
    }
    body.preambleEnd = first;
    body.firstBoundary = first;
    body.firstBoundaryEnd = firstEnd;
    int start = firstEnd;
    while (!last[0]) {
      Part p = new Part();
      p.start = start;
      body.parts.add(p);
      int next = part(b, start, e, dash, p, last);
      if (next < 0) {
        return body;
      }
      start = next;
    }
    if (start < e) {
      body.trailer = start;
    }
    return body;
  }

  /** Parses the part at {@code start}; the offset after its boundary, or -1 when none follows. */
  private static int part(byte[] b, int start, int e, byte[] dash, Part p, boolean[] last) {
    int boundary = -1;
    int boundaryEnd = 0;
    for (int off = start; off + dash.length < e; ) {
      int next = lineEnd(b, off, e);
      int eol = eolStart(b, off, next);
      if (Bytes.startsWith(b, next, e, dash)) {
        last[0] = next + dash.length + 2 <= e && b[next + dash.length] == '-' && b[next + dash.length + 1] == '-';
        boundary = eol;
        boundaryEnd = lineEnd(b, next, e);
        break;
      }
      // A close delimiter that ends its line without a line end before it.
      if (eol - 2 - dash.length + 2 >= off && eol >= 2 + dash.length && b[eol - 1] == '-' && b[eol - 2] == '-'
          && Bytes.startsWith(b, eol - 2 - dash.length, e, dash)) {
        boundary = eol - 2 - dash.length;
        boundaryEnd = next;
        last[0] = true;
        break;
      }
      off = next;
    }
    if (boundary <= 0) {
      return -1;
    }
    p.boundary = boundary;
    p.boundaryEnd = boundaryEnd;
    p.last = last[0];
    boolean[] lastField = new boolean[1];
    int off = start;
    int next = start;
    while (!lastField[0]) {
      next = ImfDissector.fieldEnd(b, off, e, lastField);
      if (next < 0) {
        next = off;
        break;
      }
      if (lastField[0] && next + 2 <= boundary) {
        next += 2;
      } else if (next - 2 == boundary) {
        lastField[0] = true;
        next -= 2;
      } else if (next > boundary) {
        next = boundary;
      }
      if (next <= off) {
        break;
      }
      String raw = TextLines.ascii(b, off, next);
      int[] colon = new int[1];
      String header = compact(raw, colon);
      if (colon[0] <= 0) {
        next = off;
        break;
      }
      int k = known(header.substring(0, colon[0]));
      if (k < 0) {
        if (!printable(header.substring(0, colon[0]))) {
          next = off;
          break;
        }
      } else {
        String value = header.substring(colon[0] + 1);
        p.headers.add(new int[] {off, next});
        p.headerFields.add(KNOWN_FIELDS[k]);
        p.headerValues.add(value);
        if (KNOWN_FIELDS[k] == CONTENT_TYPE) {
          int semi = value.indexOf(';');
          p.parameters = semi < 0 ? null : value.substring(semi + 1);
          p.contentType = (semi < 0 ? value : value.substring(0, semi)).toLowerCase(Locale.ROOT);
        }
      }
      off = next;
    }
    p.bodyStart = next;
    p.bodyEnd = Math.max(next, boundary);
    if (p.contentType != null && !p.contentType.startsWith("application/octet-stream")) {
      String name = io.netsift.core.dissect.proto.http.MediaTypes.registered(p.contentType);
      p.dissector = name == null || name.equals("data") ? "media" : name;
      if (p.dissector.equals("mime_multipart")) {
        p.inner = parse(b, p.bodyStart, p.bodyEnd, p.contentType, p.parameters);
        p.inner.nested = true;
      }
    } else {
      p.dissector = "data";
    }
    return boundaryEnd;
  }

  private static int known(String name) {
    for (int i = 0; i < KNOWN.length; i++) {
      if (name.equalsIgnoreCase(KNOWN[i][0]) || KNOWN[i][1] != null && name.equalsIgnoreCase(KNOWN[i][1])) {
        return i;
      }
    }
    return -1;
  }

  private static boolean printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static int lineEnd(byte[] b, int p, int e) {
    return ImfDissector.lineEnd(b, p, e);
  }

  /** Where the line end of the line {@code [p, next)} starts. */
  private static int eolStart(byte[] b, int p, int next) {
    int i = next;
    if (i > p && b[i - 1] == '\n') {
      i--;
    }
    if (i > p && b[i - 1] == '\r') {
      i--;
    }
    return i;
  }

  /**
   * A MIME header unfolded and compacted as tshark does: folding removed, white space around
   * the separators {@code : ; , =} dropped, other runs of white space one space, quoted strings
   * kept as they are, and the text cut at the first line end that does not fold. {@code colon[0]}
   * gets the index of the first colon (-1 without one) when {@code colon} is not null.
   */
  static String compact(String in, int[] colon) {
    StringBuilder out = new StringBuilder(in.length());
    boolean sep = false;
    boolean lws = false;
    int first = -1;
    int n = in.length();
    int p = 0;
    while (p < n) {
      char c = in.charAt(p);
      if (c == ':' || c == ';' || c == ',' || c == '=') {
        lws = false;
        if (c == ':' && first < 0) {
          first = out.length();
        }
        out.append(c);
        sep = true;
        p++;
      } else if (c == ' ' || c == '\t') {
        lws = true;
        p++;
      } else if (c == '\n' || c == '\r') {
        // A line end folds when white space follows it; any other ends the header.
        lws = false;
        int q = c == '\r' && p + 1 < n && in.charAt(p + 1) == '\n' ? p + 2 : p + 1;
        if (q < n && (in.charAt(q) == ' ' || in.charAt(q) == '\t')) {
          lws = true;
          p = q + 1;
        } else {
          break;
        }
      } else if (c == '"') {
        lws = false;
        int q = p + 1;
        out.append(c);
        while (q < n) {
          char x = in.charAt(q++);
          out.append(x);
          if (x == '\\' && q < n) {
            out.append(in.charAt(q++));
          } else if (x == '"') {
            break;
          }
        }
        p = q;
      } else {
        if (sep) {
          sep = false;
        } else if (lws) {
          out.append(' ');
        }
        lws = false;
        out.append(c);
        p++;
      }
    }
    if (colon != null) {
      colon[0] = first;
    }
    return out.toString();
  }

  /** The value of parameter {@code name} in a compacted "; name=value; ..." list, unquoted, or null. */
  static String parameter(String params, String name) {
    int p = 0;
    int n = params.length();
    while (p < n) {
      while (p < n && (params.charAt(p) == ' ' || params.charAt(p) == '\t' || params.charAt(p) == ';')) {
        p++;
      }
      int eq = p;
      while (eq < n && params.charAt(eq) != '=' && params.charAt(eq) != ';') {
        eq++;
      }
      boolean match = params.substring(p, eq).trim().equalsIgnoreCase(name);
      if (eq >= n || params.charAt(eq) == ';') {
        p = eq;
        continue;
      }
      int v = eq + 1;
      StringBuilder value = new StringBuilder();
      if (v < n && params.charAt(v) == '"') {
        v++;
        while (v < n && params.charAt(v) != '"') {
          if (params.charAt(v) == '\\' && v + 1 < n) {
            v++;
          }
          value.append(params.charAt(v++));
        }
        v++;
      } else {
        while (v < n && params.charAt(v) != ';' && params.charAt(v) != ' ' && params.charAt(v) != '\t') {
          value.append(params.charAt(v++));
        }
      }
      if (match) {
        return value.toString();
      }
      p = v;
      while (p < n && params.charAt(p) != ';') {
        p++;
      }
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    Object o = t.attachment();
    if (!(o instanceof Body) || ((Body) o).nested || ((Body) o).noBoundary) {
      return;
    }
    emit(t, (Body) o, ((Body) o).start);
  }

  /** Lists {@code body}'s fields; {@code s} is where the layer started when it was parsed. */
  private static void emit(Tree t, Body body, int s) {
    if (body.noBoundary) {
      return;
    }
    t.object(TYPE, body.start - s, 0, body.type);
    if (body.firstBoundary < 0) {
      return;
    }
    if (body.firstBoundary > body.start) {
      t.bytes(PREAMBLE, body.start - s, body.firstBoundary - body.start);
    }
    t.bytes(FIRST_BOUNDARY, body.firstBoundary - s, body.firstBoundaryEnd - body.firstBoundary);
    for (Part p : body.parts) {
      t.object(PART, p.start - s, 0, "");
      if (p.boundary < 0) {
        break;
      }
      t.enter();
      for (int i = 0; i < p.headers.size(); i++) {
        int[] r = p.headers.get(i);
        t.object(p.headerFields.get(i), r[0] - s, r[1] - r[0], p.headerValues.get(i));
      }
      if (p.inner != null) {
        emit(t, p.inner, s);
      }
      t.exit();
      t.bytes(p.last ? LAST_BOUNDARY : BOUNDARY, p.boundary - s, p.boundaryEnd - p.boundary);
    }
    if (body.trailer >= 0) {
      t.bytes(TRAILER, body.trailer - s, body.end - body.trailer);
    }
  }
}
