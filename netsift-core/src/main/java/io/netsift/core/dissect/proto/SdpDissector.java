package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.nio.charset.StandardCharsets;

/**
 * SDP, <a href="https://www.rfc-editor.org/rfc/rfc4566">RFC 4566</a>: one {@code type=value}
 * line per field, ended by CRLF or LF. Reached by name from its carriers ({@link SapDissector}).
 * Each line is reported as tshark's line field ({@code sdp.owner}, {@code sdp.media}, ...); the
 * parts tshark breaks some lines into are not reported yet. A line whose second character is
 * not '=' is tshark's "Invalid SDP line" note; a line shorter than two characters ends the
 * description.
 */
public final class SdpDissector extends Dissector {
  public static final Field VERSION = Field.string("sdp.version", "Session Description Protocol Version (v)");
  public static final Field OWNER = Field.string("sdp.owner", "Owner/Creator, Session Id (o)");
  public static final Field SESSION_NAME = Field.string("sdp.session_name", "Session Name (s)");
  public static final Field SESSION_INFO = Field.string("sdp.session_info", "Session Information (i)");
  public static final Field URI = Field.string("sdp.uri", "URI of Description (u)");
  public static final Field EMAIL = Field.string("sdp.email", "E-mail Address (e)");
  public static final Field PHONE = Field.string("sdp.phone", "Phone Number (p)");
  public static final Field CONNECTION_INFO = Field.string("sdp.connection_info", "Connection Information (c)");
  public static final Field BANDWIDTH = Field.string("sdp.bandwidth", "Bandwidth Information (b)");
  public static final Field TIMEZONE = Field.string("sdp.timezone", "Time Zone Adjustments (z)");
  public static final Field ENCRYPTION_KEY = Field.string("sdp.encryption_key", "Encryption Key (k)");
  public static final Field SESSION_ATTR = Field.string("sdp.session_attr", "Session Attribute (a)");
  public static final Field MEDIA_ATTR = Field.string("sdp.media_attr", "Media Attribute (a)");
  public static final Field TIME = Field.string("sdp.time", "Time Description, active time (t)");
  public static final Field REPEAT_TIME = Field.string("sdp.repeat_time", "Repeat Time (r)");
  public static final Field MEDIA = Field.string("sdp.media", "Media Description, name and address (m)");
  public static final Field MEDIA_TITLE = Field.string("sdp.media_title", "Media Title (i)");
  public static final Field UNKNOWN = Field.string("sdp.unknown", "Unknown");
  public static final Field INVALID = Field.string("sdp.invalid", "Invalid line");
  public static final Expert NO_EQUAL = new Expert("sdp.invalid_line.no_equal", Expert.Severity.NOTE, "Malformed",
      "Invalid SDP line (no '=' delimiter)");

  public SdpDissector() {
    super("sdp", "Session Description Protocol", "SDP");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.end(layer), d.end(layer));
    boolean rejected = layer > 0 && d.dissector(layer - 1) instanceof SipDissector && SipDissector.rejects(d, layer - 1);
    if (!rejected && !d.protocols().isStateless()) {
      setUpMedia(d, d.data(), d.start(layer), d.end(layer));
    }
    return null;
  }

  /**
   * Sets up the conversations the media lines describe, as tshark's SDP does for an offer or an
   * accepted answer: {@code udptl} (either case) on an IPv4 address goes to T.38, RTP profiles
   * ({@code RTP/...}) to RTP and the next port to RTCP — netsift has neither yet, so those
   * endpoints are announced as data, which keeps an earlier T.38 set-up of the same endpoint
   * from claiming them. A media line's own {@code c=} line wins over the session's; port 0 or
   * an unparsable port sets nothing up; a later set-up of the same endpoint replaces an earlier.
   */
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile(" +");
  private static final java.util.regex.Pattern DOTTED_QUAD =
      java.util.regex.Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private static void setUpMedia(Dissection d, byte[] b, int s, int end) {
    String session = null;
    String[] media = null;
    String mediaAddress = null;
    for (int at = s; at < end; ) {
      int[] l = line(b, at, end);
      if (l[0] < 2) {
        break;
      }
      if (b[at + 1] == '=') {
        String value = text(b, at + 2, l[0] - 2);
        if (b[at] == 'c') {
          String[] c = SPACES.split(value.trim());
          String address = c.length >= 3 && c[1].equals("IP4") ? c[2].split("/")[0] : c.length >= 3 ? "" : null;
          if (media == null) {
            session = address;
          } else {
            mediaAddress = address;
          }
        } else if (b[at] == 'm') {
          if (media != null) {
            announce(d, media, mediaAddress != null ? mediaAddress : session);
          }
          media = SPACES.split(value.trim());
          mediaAddress = null;
        }
      }
      at = l[1];
    }
    if (media != null) {
      announce(d, media, mediaAddress != null ? mediaAddress : session);
    }
  }

  private static void announce(Dissection d, String[] media, String address) {
    if (media.length < 3 || address == null || address.isEmpty()
        || !DOTTED_QUAD.matcher(address).matches()) {
      return;
    }
    int port;
    try {
      port = Integer.parseInt(media[1].split("/")[0]);
    } catch (NumberFormatException e) {
      return;
    }
    if (port <= 0 || port > 65535) {
      return;
    }
    String proto = media[2];
    if (proto.equals("udptl") || proto.equals("UDPTL")) {
      Dissector t38 = d.protocols().byName("t38");
      if (t38 instanceof T38Dissector) {
        ((T38Dissector) t38).setUp(d, address, port);
      }
    } else if (proto.startsWith("RTP/")) {
      Dissector rtp = d.protocols().byName("rtp");
      d.expect(Protocols.Table.UDP_PORT, address, port, rtp != null ? rtp : d.protocols().data());
      if (port < 65535) {
        Dissector rtcp = d.protocols().byName("rtcp");
        d.expect(Protocols.Table.UDP_PORT, address, port + 1, rtcp != null ? rtcp : d.protocols().data());
      }
    }
  }

  /** Length of the line at {@code at} without its CR/LF, and where the next begins, as {len, next}. */
  static int[] line(byte[] b, int at, int end) {
    int i = at;
    while (i < end && b[i] != '\n' && b[i] != '\r') {
      i++;
    }
    int next = i;
    if (next < end && b[next] == '\r') {
      next++;
    }
    if (next < end && b[next] == '\n') {
      next++;
    }
    return new int[] {i - at, next};
  }

  @Override
  public void fields(Tree t) {
    byte[] b = t.data();
    int base = t.start();
    int end = base + t.length();
    boolean media = false;
    for (int at = base; at < end; ) {
      int[] l = line(b, at, end);
      int len = l[0];
      int rel = at - base;
      if (len < 2) {
        break;
      }
      if (b[at + 1] != '=') {
        t.object(INVALID, rel, len, text(b, at, len));
        t.enter();
        t.expert(NO_EQUAL, rel, len, null);
        t.exit();
        at = l[1];
        continue;
      }
      Field f;
      switch (b[at]) {
        case 'v': f = VERSION; break;
        case 'o': f = OWNER; break;
        case 's': f = SESSION_NAME; break;
        case 'i': f = media ? MEDIA_TITLE : SESSION_INFO; break;
        case 'u': f = URI; break;
        case 'e': f = EMAIL; break;
        case 'p': f = PHONE; break;
        case 'c': f = CONNECTION_INFO; break;
        case 'b': f = BANDWIDTH; break;
        case 't': f = TIME; break;
        case 'r': f = REPEAT_TIME; break;
        case 'm': f = MEDIA; media = true; break;
        case 'k': f = ENCRYPTION_KEY; break;
        case 'a': f = media ? MEDIA_ATTR : SESSION_ATTR; break;
        case 'z': f = TIMEZONE; break;
        default: f = UNKNOWN; break;
      }
      // An unknown type keeps its "x=" in the value, as tshark's does.
      int skip = f == UNKNOWN ? 0 : 2;
      t.object(f, rel, len, text(b, at + skip, len - skip));
      at = l[1];
    }
  }

  private static String text(byte[] b, int at, int len) {
    return new String(b, at, len, StandardCharsets.ISO_8859_1);
  }

  @Override
  public void columns(Tree t, Columns c) {
    // tshark appends to the carrier's protocol ("SAP/SDP") and leaves its Info.
    c.protocol = c.protocol + "/SDP";
  }
}
