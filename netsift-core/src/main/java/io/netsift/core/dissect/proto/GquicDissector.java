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
import java.util.HashMap;
import java.util.Map;

/**
 * Google QUIC before IETF QUIC (versions Q024 to Q039, little-endian numbers), as far as
 * tshark's summary and notes need it: the public header, and in the packets sent in the clear
 * (the handshake: Client Hello, Rejection, Server Hello, or a Connection Close) the frames up to
 * the handshake message's tag and its tag/value index, whose offsets tshark checks against the
 * packet ("Truncated Tag Length...").
 *
 * <pre>
 * public flags 1 | CID 8 (flag 0x08) | version 4 (flag 0x01, client) | packet number 1/2/4/6
 * | clear: message authentication hash 12, private flags 1 (before Q034), frames
 * | else: encrypted payload
 * </pre>
 *
 * tshark finds it by a heuristic: a packet with a version "Q0xx" claims its UDP conversation,
 * whose later packets (the server's carry no version) are GQUIC too, on any UDP port (a
 * conversation that starts without a versioned packet stays data, as in tshark). The tag values themselves are not taken apart (tshark shows each tag's meaning).
 */
public final class GquicDissector extends Dissector implements Protocols.Registrable {
  private static final int PUBLIC_VERSION = 0x01;
  private static final int PUBLIC_CID = 0x08;
  private static final int HASH = 12;
  private static final int STOP_WAITING = 0x06;
  private static final int CONNECTION_CLOSE = 0x02;
  private static final Map<Long, String> TAGS = Map.of(
      tag("CHLO"), "Client Hello", tag("SHLO"), "Server Hello", tag("REJ\0"), "Rejection");

  public static final Field PUFLAGS = Field.u8("gquic.puflags", "Public Flags").hex();
  public static final Field PUFLAGS_VERSION = Field.bool("gquic.puflags.version", "Version").mask(0x01, 8)
      .states("Yes", "No");
  public static final Field PUFLAGS_RESET = Field.bool("gquic.puflags.reset", "Reset").mask(0x02, 8)
      .states("Yes", "No");
  public static final Field PUFLAGS_CID_OLD = Field.u8("gquic.puflags.cid.old", "CID Length").hex().mask(0x0c, 8);
  public static final Field PUFLAGS_PKN = Field.u8("gquic.puflags.pkn", "Packet Number Length").hex().mask(0x30, 8);
  public static final Field PUFLAGS_MPTH = Field.bool("gquic.puflags.mpth", "Multipath").mask(0x40, 8)
      .states("Yes", "No");
  public static final Field PUFLAGS_RSV = Field.u8("gquic.puflags.rsv", "Reserved").hex().mask(0x80, 8);
  public static final Field CID = Field.u64("gquic.cid", "CID");
  public static final Field VERSION = Field.string("gquic.version", "Version");
  public static final Field PACKET_NUMBER = Field.u64("gquic.packet_number", "Packet Number");
  public static final Field HASH_FIELD = Field.bytes("gquic.message_authentication_hash", "Message Authentication Hash");
  public static final Field PRFLAGS = Field.u8("gquic.prflags", "Private Flags").hex();
  public static final Field FRAME_TYPE = Field.u8("gquic.frame_type", "Frame Type").hex();
  public static final Field STREAM_ID = Field.u32("gquic.stream_id", "Stream ID");
  public static final Field DATA_LEN = Field.u32("gquic.data_len", "Data Length");
  public static final Field TAG = Field.string("gquic.tag", "Tag");
  public static final Field TAG_NUMBER = Field.u16("gquic.tag_number", "Tag Number");
  public static final Field TAG_TYPE = Field.string("gquic.tag_type", "Tag Type");
  public static final Field TAG_OFFSET_END = Field.u32("gquic.tag_offset_end", "Tag offset end");
  public static final Field PAYLOAD = Field.bytes("gquic.payload", "Payload");
  /** tshark's hidden "Malformed Packet" item after a note of the Malformed group. */
  public static final Field MALFORMED = Field.of("_ws.malformed", "Malformed Packet",
      io.netsift.core.field.FieldType.PROTOCOL);
  public static final Expert TRUNCATED_TAG = new Expert("gquic.tag.length.truncated", Expert.Severity.NOTE,
      "Malformed", "Truncated Tag Length...");

  public GquicDissector() {
    super("gquic", "GQUIC (Google Quick UDP Internet Connections)", "GQUIC");
  }

  private static long tag(String s) {
    return Bytes.u32(s.getBytes(StandardCharsets.ISO_8859_1), 0);
  }

  /** Per capture: the UDP conversations a versioned packet claimed, with their version number. */
  static final class State {
    final Map<String, Integer> conversations = new HashMap<>();
    /** Both ports of every claimed conversation: most UDP packets are turned away by these. */
    final java.util.BitSet ports = new java.util.BitSet(65536);
  }

  @Override
  public void register(Protocols p) {
    p.heuristic(Protocols.Table.UDP_PORT, this, this::accepts);
  }

  private boolean accepts(Dissection d, byte[] b, int off, int len) {
    if (len < 2) {
      return false;
    }
    if (versionAt(b, off, len) > 0) {
      return true;
    }
    if (d.protocols().isStateless()) {
      return false;
    }
    State st = d.state(this, State::new);
    if (st.conversations.isEmpty()) {
      return false;
    }
    // The conversation's key is text; build it only for ports a claimed conversation uses.
    int udp = Transport.find(d, d.layerCount());
    return st.ports.get(Transport.srcPort(d, udp)) && st.ports.get(Transport.dstPort(d, udp))
        && st.conversations.containsKey(conversation(d));
  }

  /** The version number of a packet that carries "Q0xx" (below Q043), else 0. */
  private static int versionAt(byte[] b, int off, int len) {
    int flags = b[off] & 0xff;
    int at = off + 1 + ((flags & PUBLIC_CID) != 0 ? 8 : 0);
    if ((flags & 0x80) != 0 || (flags & PUBLIC_VERSION) == 0 || at + 4 > off + len || b[at] != 'Q') {
      return 0;
    }
    int v = 0;
    for (int k = 1; k < 4; k++) {
      int c = b[at + k] - '0';
      if (c < 0 || c > 9) {
        return 0;
      }
      v = v * 10 + c;
    }
    return v > 0 && v < 43 ? v : 0;
  }

  private static String conversation(Dissection d) {
    String[] ends = QuicDissector.endpoints(d, d.layerCount());
    return QuicDissector.conversation(ends[0], ends[1]);
  }

  /** What the walker needs: version (0 unknown), where the clear frames start, Info text. */
  static final class Info {
    int version;
    int cidAt = -1;
    int versionAt = -1;
    int pknAt;
    int pknLen;
    /** Offset of the hash of a packet sent in the clear, or -1 (encrypted). */
    int hashAt = -1;
    String message;
    /** Handshake message: offset of its tag, and the end of its stream data. */
    int tagAt = -1;
    int tagEnd;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    Info info = new Info();
    d.attach(layer, info);
    byte[] b = d.data();
    int flags = b[s] & 0xff;
    int v = versionAt(b, s, end - s);
    if (!d.protocols().isStateless()) {
      State st = d.state(this, State::new);
      Map<String, Integer> convs = st.conversations;
      String key = conversation(d);
      if (v > 0) {
        convs.put(key, v);
        int udp = Transport.find(d, d.layerCount());
        st.ports.set(Transport.srcPort(d, udp));
        st.ports.set(Transport.dstPort(d, udp));
      }
      info.version = convs.getOrDefault(key, 0);
    } else {
      info.version = v;
    }
    int at = s + 1;
    if ((flags & PUBLIC_CID) != 0) {
      info.cidAt = at - s;
      at += 8;
    }
    if (v > 0) {
      info.versionAt = at - s;
      at += 4;
    }
    int[] lengths = {1, 2, 4, 6};
    info.pknAt = at - s;
    info.pknLen = lengths[(flags >> 4) & 3];
    at += info.pknLen;
    if (at > end || info.version == 0) {
      return null;
    }
    clear(b, at, end, info, s);
    return null;
  }

  /**
   * Walks the frames after the hash as tshark's check for a packet in the clear does: the
   * packet is clear when they parse and one is the handshake stream's message or a Connection
   * Close.
   */
  private static void clear(byte[] b, int at, int end, Info info, int s) {
    int p = at + HASH + (info.version < 34 ? 1 : 0);
    String message = null;
    while (p < end) {
      int type = b[p] & 0xff;
      p++;
      if ((type & 0x80) != 0) {
        int idLen = (type & 0x03) + 1;
        int ooo = (type >> 2) & 7;
        int offLen = ooo == 0 ? 0 : ooo + 1;
        boolean hasLen = (type & 0x20) != 0;
        int hdr = idLen + offLen + (hasLen ? 2 : 0);
        if (end - p < hdr) {
          return;
        }
        long id = le(b, p, idLen);
        int dataAt = p + hdr;
        int dataLen = hasLen ? (int) le(b, p + idLen + offLen, 2) : end - dataAt;
        if (id == 1 && end - dataAt >= 4 && TAGS.containsKey(Bytes.u32(b, dataAt))) {
          message = TAGS.get(Bytes.u32(b, dataAt));
          info.tagAt = dataAt - s;
          info.tagEnd = Math.min(end, dataAt + dataLen) - s;
        }
        break; // a stream frame runs to its length; tshark's check stops at it
      } else if ((type & 0x40) != 0) {
        int n = ackLength(b, p, end, type, info.version, info.pknLen);
        if (n < 0) {
          return;
        }
        p += n;
      } else if (type == STOP_WAITING) {
        p += (info.version < 34 ? 1 : 0) + info.pknLen;
      } else if (type == CONNECTION_CLOSE) {
        if (end - p < 6) {
          return;
        }
        p += 6 + (int) le(b, p + 4, 2);
        message = "Connection Close";
      } else if (type == 0x07) {
        continue; // PING
      } else {
        break;
      }
    }
    if (message != null && p <= end) {
      info.hashAt = at - s;
      info.message = message;
    }
  }

  /** Bytes of an ACK frame before Q034 after its type byte, or -1 when it does not fit. */
  private static int ackLength(byte[] b, int p, int end, int type, int version, int pknLen) {
    if (version >= 34) {
      return -1;
    }
    int[] lengths = {1, 2, 4, 6};
    int lol = lengths[(type >> 2) & 3];
    int mpl = lengths[type & 3];
    int q = p + 1 + lol + 2;
    if (q >= end) {
      return -1;
    }
    int ts = b[q++] & 0xff;
    if (ts > 0) {
      q += 5 + (ts - 1) * 3;
    }
    if ((type & 0x20) != 0) {
      if (q >= end) {
        return -1;
      }
      int ranges = b[q++] & 0xff;
      q += ranges * (mpl + 1);
      if (q >= end) {
        return -1;
      }
      int revived = b[q++] & 0xff;
      q += revived * lol;
    }
    return q <= end ? q - p : -1;
  }

  private static long le(byte[] b, int p, int n) {
    long v = 0;
    for (int k = n - 1; k >= 0; k--) {
      v = v << 8 | (b[p + k] & 0xff);
    }
    return v;
  }


  @Override
  public void fields(Tree t) {
    Info info = (Info) t.attachment();
    if (info == null) {
      return;
    }
    int flags = t.u8(0);
    t.uint(PUFLAGS, 0, 1);
    t.enter();
    t.uint(PUFLAGS_VERSION, 0, 1);
    t.uint(PUFLAGS_RESET, 0, 1);
    t.uint(PUFLAGS_CID_OLD, 0, 1);
    t.uint(PUFLAGS_PKN, 0, 1);
    t.uint(PUFLAGS_MPTH, 0, 1);
    t.uint(PUFLAGS_RSV, 0, 1);
    t.exit();
    if (info.cidAt >= 0) {
      t.number(CID, info.cidAt, 8, t.has(info.cidAt, 8) ? Long.reverseBytes(t.u64(info.cidAt)) : 0);
    }
    if (info.versionAt >= 0 && t.has(info.versionAt, 4)) {
      t.object(VERSION, info.versionAt, 4, new String(t.data(), t.start() + info.versionAt, 4, StandardCharsets.ISO_8859_1));
    }
    if (t.has(info.pknAt, info.pknLen)) {
      t.number(PACKET_NUMBER, info.pknAt, info.pknLen, le(t.data(), t.start() + info.pknAt, info.pknLen));
    }
    int after = info.pknAt + info.pknLen;
    if (info.hashAt < 0) {
      if (flags != 0 || t.length() > after) {
        t.bytes(PAYLOAD, after, t.length() - after);
      }
      return;
    }
    t.bytes(HASH_FIELD, info.hashAt, HASH);
    if (info.version < 34) {
      t.uint(PRFLAGS, info.hashAt + HASH, 1);
    }
    if (info.tagAt >= 0) {
      tags(t, info.tagAt, info.tagEnd);
    }
  }

  /** The message tag, its tag/value index, and tshark's note at the first value past the end. */
  private static void tags(Tree t, int at, int end) {
    t.object(TAG, at, 4, new String(t.data(), t.start() + at, 4, StandardCharsets.ISO_8859_1).replace("\0", ""));
    int n = t.u16le(at + 4);
    t.number(TAG_NUMBER, at + 4, 2, n);
    int index = at + 8;
    int values = index + n * 8;
    long previous = 0;
    for (int i = 0; i < n && t.has(index + i * 8, 8); i++) {
      int e = index + i * 8;
      long offsetEnd = t.u32le(e + 4);
      t.object(TAG_TYPE, e, 4, new String(t.data(), t.start() + e, 4, StandardCharsets.ISO_8859_1).replace("\0", ""));
      t.number(TAG_OFFSET_END, e + 4, 4, offsetEnd);
      if (offsetEnd - previous > end - (values + previous) || offsetEnd < previous) {
        t.expert(TRUNCATED_TAG, e, 8, null);
        t.object(MALFORMED, e, 0, "Malformed Packet");
        return;
      }
      previous = offsetEnd;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    Info info = (Info) t.attachment();
    if (info == null || !t.has(info.pknAt, info.pknLen)) {
      return;
    }
    StringBuilder sb = new StringBuilder(info.message != null ? info.message : "Payload (Encrypted)");
    sb.append(", PKN: ").append(le(t.data(), t.start() + info.pknAt, info.pknLen));
    if (info.cidAt >= 0 && t.has(info.cidAt, 8)) {
      sb.append(", CID: ").append(Long.toUnsignedString(Long.reverseBytes(t.u64(info.cidAt))));
    }
    c.setInfo(sb.toString());
  }
}
