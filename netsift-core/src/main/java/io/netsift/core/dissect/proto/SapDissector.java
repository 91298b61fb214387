package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.nio.charset.StandardCharsets;

/**
 * SAP, the Session Announcement Protocol (<a href="https://www.rfc-editor.org/rfc/rfc2974">RFC
 * 2974</a>), on UDP 9875, carrying SDP.
 *
 * <pre>
 * flags 1 (version 3 bits, address type, reserved, message type, encrypted, compressed) |
 * authentication length 1 (32-bit words) | message identifier hash 2 |
 * originating source 4 (IPv4) or 16 (IPv6) | authentication data | [payload type, NUL] | payload
 * </pre>
 *
 * A payload that is neither encrypted nor compressed goes to SDP when the payload type is
 * absent or {@code application/sdp}. tshark without a protocol tree hands SDP the whole SAP
 * message instead, so a plain {@code -z expert} counts one "Invalid SDP line" per announcement
 * whose second byte is not '=' ({@link #WHOLE_MESSAGE_AS_SDP}).
 */
public final class SapDissector extends Dissector implements Protocols.Registrable {
  private static final int PORT = 9875;

  public static final Field FLAGS = Field.u8("sap.flags", "Flags").hex();
  public static final Field FLAGS_V = Field.u8("sap.flags.v", "Version Number").mask(0xe0, 8)
      .labels(ValueNames.parse("0=SAPv0|1=SAPv1 or later"));
  public static final Field FLAGS_A = Field.bool("sap.flags.a", "Address Type").mask(0x10, 8).states("IPv6", "IPv4");
  public static final Field FLAGS_R = Field.bool("sap.flags.r", "Reserved").mask(0x08, 8);
  public static final Field FLAGS_T = Field.bool("sap.flags.t", "Message Type").mask(0x04, 8)
      .states("Deletion", "Announcement");
  public static final Field FLAGS_E = Field.bool("sap.flags.e", "Encryption Bit").mask(0x02, 8)
      .states("Payload encrypted", "Payload not encrypted");
  public static final Field FLAGS_C = Field.bool("sap.flags.c", "Compression Bit").mask(0x01, 8)
      .states("Payload compressed", "Payload not compressed");
  public static final Field AUTH_LEN = Field.u8("sap.auth.len", "Authentication Length");
  public static final Field MESSAGE_ID_HASH = Field.u16("sap.message_identifier_hash", "Message Identifier Hash").hex();
  public static final Field ORIGINATING_SOURCE = Field.ipv4("sap.originating_source", "Originating Source");
  public static final Field ORIGINATING_SOURCE_V6 = Field.ipv6("sap.originating_source.ipv6", "Originating Source");
  public static final Field PAYLOAD_TYPE = Field.string("sap.payload_type", "Payload type");
  /** tshark's SDP note on the SAP header read as an SDP line, which only a tree-less run raises. */
  public static final Expert WHOLE_MESSAGE_AS_SDP = SdpDissector.NO_EQUAL.inProtocol("SDP").onlyWithoutTree();

  public SapDissector() {
    super("sap", "Session Announcement Protocol", "SAP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
  }

  /** Where the payload starts (after the payload type, if any), or -1 if it is not SDP or not readable. */
  static int sdpStart(byte[] b, int s, int end) {
    if (end - s < 4) {
      return -1;
    }
    int flags = b[s] & 0xff;
    if ((flags & 0x03) != 0) {
      return -1; // encrypted or compressed
    }
    int at = s + 4 + ((flags & 0x10) != 0 ? 16 : 4) + 4 * (b[s + 1] & 0xff);
    if (at > end) {
      return -1;
    }
    // A payload type is a NUL-terminated MIME type; SDP itself starts with "v=".
    if (end - at >= 2 && !(b[at] == 'v' && b[at + 1] == '=')) {
      int nul = at;
      while (nul < end && b[nul] != 0) {
        nul++;
      }
      if (nul >= end) {
        return -1;
      }
      String type = new String(b, at, nul - at, StandardCharsets.ISO_8859_1);
      if (!type.equalsIgnoreCase("application/sdp")) {
        return -1;
      }
      at = nul + 1;
    }
    return at;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    int sdp = sdpStart(d.data(), s, end);
    if (sdp < 0) {
      d.payload(end, end);
      return null;
    }
    d.payload(sdp, end);
    return d.protocols().byName("sdp");
  }

  @Override
  public void fields(Tree t) {
    int flags = (int) t.uint(FLAGS, 0, 1);
    t.enter();
    t.uint(FLAGS_V, 0, 1);
    t.uint(FLAGS_A, 0, 1);
    t.uint(FLAGS_R, 0, 1);
    t.uint(FLAGS_T, 0, 1);
    t.uint(FLAGS_E, 0, 1);
    t.uint(FLAGS_C, 0, 1);
    t.exit();
    t.uint(AUTH_LEN, 1, 1);
    t.uint(MESSAGE_ID_HASH, 2, 2);
    boolean v6 = (flags & 0x10) != 0;
    t.bytes(v6 ? ORIGINATING_SOURCE_V6 : ORIGINATING_SOURCE, 4, v6 ? 16 : 4);
    int at = 4 + (v6 ? 16 : 4) + 4 * t.u8(1);
    int sdp = sdpStart(t.data(), t.start(), t.start() + t.length());
    if (sdp > t.start() + at + 1) {
      t.object(PAYLOAD_TYPE, at, sdp - t.start() - at, new String(t.data(), t.start() + at,
          sdp - t.start() - at - 1, StandardCharsets.ISO_8859_1));
    }
    if (sdp >= 0) {
      int[] first = SdpDissector.line(t.data(), t.start(), t.start() + t.length());
      if (first[0] >= 2 && t.u8(1) != '=') {
        t.expert(WHOLE_MESSAGE_AS_SDP, 0, first[0], null);
      }
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, 1)) {
      return;
    }
    int flags = t.u8(0);
    c.setInfo(((flags & 0x04) != 0 ? "Deletion" : "Announcement") + " (v" + (flags >> 5) + ")");
  }
}
