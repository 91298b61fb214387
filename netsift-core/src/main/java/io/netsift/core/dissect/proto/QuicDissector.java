package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * IETF QUIC, <a href="https://www.rfc-editor.org/rfc/rfc9000">RFC 9000</a> (packets, frames)
 * and <a href="https://www.rfc-editor.org/rfc/rfc9001">RFC 9001</a> (protection), on UDP 443:
 * a long header of a known version, or a short header where a connection started (tshark does
 * not take OpenVPN or Google QUIC on that port for QUIC).
 * A datagram carries one or more packets (coalesced long-header packets, a short-header one
 * last); netsift shows them in one layer with a protocol item per packet, as tshark's tree has
 * them while frame.protocols lists {@code quic} once.
 *
 * <pre>
 * long:  1 1 TT RR PP | version 4 | dcil 1 | dcid | scil 1 | scid | (Initial: token len, token)
 *        | length (varint) | packet number 1-4 | payload + 16-byte tag
 * short: 0 1 S R R K PP | dcid (length known only from the connection) | pn | payload
 * </pre>
 *
 * Initial packets are protected with keys anyone can derive from the client's first
 * Destination Connection ID (RFC 9001 section 5.2): HKDF-SHA256 with the version's salt,
 * header protection with AES-ECB, the payload with AES-128-GCM. netsift removes it and shows
 * the frames (the decrypted bytes are the "Decrypted QUIC" data source). Other packets need
 * the TLS secrets, which netsift does not take: like tshark without a key log, it warns that
 * the decryption context cannot be created, once per Handshake or 0-RTT packet and once per
 * connection for 1-RTT packets (tshark then stops trying the connection).
 *
 * <p>Connections are found as tshark finds them: a client Initial by its Destination
 * Connection ID (a new one starts a connection), other packets by a Connection ID either side
 * chose (client: the Source CID of its first Initial; server: that of its first Initial or
 * Handshake), a packet without a Destination CID by the UDP conversation. A short header's
 * Destination CID is as long as the connection that the conversation last started has for
 * the peer; one that matches no connection is an unknown connection (tshark's note, once per
 * datagram). Bytes after the last packet that cannot start another packet are padding (note).
 *
 * <p>CRYPTO data is not handed to TLS yet (tshark shows the ClientHello/ServerHello under a
 * TLS layer). Google QUIC (versions Q0xx, no fixed bit) is left alone.
 */
public final class QuicDissector extends Dissector implements Protocols.Registrable {
  public static final int PORT = 443;

  private static final Map<Long, String> LONG_TYPES = ValueNames.parse(
      "0=Initial|1=0-RTT|2=Handshake|3=Retry");
  private static final Map<Long, String> FRAME_TYPES = ValueNames.parse(
      "0=PADDING|1=PING|2=ACK|3=ACK_ECN|4=RESET_STREAM|5=STOP_SENDING|6=CRYPTO|7=NEW_TOKEN"
      + "|8=STREAM|9=STREAM|10=STREAM|11=STREAM|12=STREAM|13=STREAM|14=STREAM|15=STREAM"
      + "|16=MAX_DATA|17=MAX_STREAM_DATA|18=MAX_STREAMS (BIDI)|19=MAX_STREAMS (UNI)|20=DATA_BLOCKED"
      + "|21=STREAM_DATA_BLOCKED|22=STREAMS_BLOCKED (BIDI)|23=STREAMS_BLOCKED (UNI)"
      + "|24=NEW_CONNECTION_ID|25=RETIRE_CONNECTION_ID|26=PATH_CHALLENGE|27=PATH_RESPONSE"
      + "|28=CONNECTION_CLOSE|29=CONNECTION_CLOSE|30=HANDSHAKE_DONE");

  public static final Field CONNECTION_NUMBER = Field.u32("quic.connection.number", "Connection Number")
      .blurb("Connection identifier within this capture file");
  public static final Field PACKET_LENGTH = Field.u32("quic.packet_length", "Packet Length")
      .blurb("Size of the QUIC packet");
  public static final Field HEADER_FORM = Field.u8("quic.header_form", "Header Form").mask(0x80, 8)
      .labels(ValueNames.parse("0=Short Header|1=Long Header"));
  public static final Field FIXED_BIT = Field.bool("quic.fixed_bit", "Fixed Bit").mask(0x40, 8);
  public static final Field LONG_PACKET_TYPE = Field.u8("quic.long.packet_type", "Packet Type")
      .mask(0x30, 8).labels(LONG_TYPES).blurb("Long Header Packet Type");
  public static final Field LONG_RESERVED = Field.u8("quic.long.reserved", "Reserved").mask(0x0c, 8);
  public static final Field PACKET_NUMBER_LENGTH = Field.u8("quic.packet_number_length", "Packet Number Length")
      .mask(0x03, 8).labels(ValueNames.parse("0=1 bytes|1=2 bytes|2=3 bytes|3=4 bytes"));
  public static final Field VERSION = Field.u32("quic.version", "Version").hex();
  public static final Field DCIL = Field.u8("quic.dcil", "Destination Connection ID Length");
  public static final Field DCID = Field.bytes("quic.dcid", "Destination Connection ID");
  public static final Field SCIL = Field.u8("quic.scil", "Source Connection ID Length");
  public static final Field SCID = Field.bytes("quic.scid", "Source Connection ID");
  public static final Field TOKEN_LENGTH = Field.u64("quic.token_length", "Token Length");
  public static final Field TOKEN = Field.bytes("quic.token", "Token");
  public static final Field LENGTH = Field.u64("quic.length", "Length")
      .blurb("Length of Packet Number and Payload fields");
  public static final Field PACKET_NUMBER = Field.u64("quic.packet_number", "Packet Number")
      .blurb("Decoded packet number");
  public static final Field PAYLOAD = Field.bytes("quic.payload", "Payload");
  public static final Field REMAINING_PAYLOAD = Field.bytes("quic.remaining_payload", "Remaining Payload");
  public static final Field SHORT = Field.none("quic.short", "QUIC Short Header");
  public static final Field SPIN_BIT = Field.bool("quic.spin_bit", "Spin Bit").mask(0x20, 8);
  public static final Field SUPPORTED_VERSION = Field.u32("quic.supported_version", "Supported Version").hex();
  public static final Field FRAME = Field.none("quic.frame", "Frame");
  // tshark prints the type in decimal in -T fields (its value is a range string), hex in -V.
  public static final Field FRAME_TYPE = Field.u64("quic.frame_type", "Frame Type").labels(FRAME_TYPES);
  public static final Field PADDING_LENGTH = Field.u32("quic.padding_length", "Padding Length");
  public static final Field ACK_LARGEST = Field.u64("quic.ack.largest_acknowledged", "Largest Acknowledged");
  public static final Field ACK_DELAY = Field.u64("quic.ack.ack_delay", "ACK Delay");
  public static final Field ACK_RANGE_COUNT = Field.u64("quic.ack.ack_range_count", "ACK Range Count");
  public static final Field ACK_FIRST_RANGE = Field.u64("quic.ack.first_ack_range", "First ACK Range");
  public static final Field ACK_GAP = Field.u64("quic.ack.gap", "Gap");
  public static final Field ACK_RANGE = Field.u64("quic.ack.ack_range", "ACK Range");
  public static final Field ACK_ECT0 = Field.u64("quic.ack.ect0_count", "ECT(0) Count");
  public static final Field ACK_ECT1 = Field.u64("quic.ack.ect1_count", "ECT(1) Count");
  public static final Field ACK_ECN_CE = Field.u64("quic.ack.ecn_ce_count", "ECN-CE Count");
  public static final Field CRYPTO_OFFSET = Field.u64("quic.crypto.offset", "Offset");
  public static final Field CRYPTO_LENGTH = Field.u64("quic.crypto.length", "Length");
  public static final Field CRYPTO_DATA = Field.none("quic.crypto.crypto_data", "Crypto Data");
  public static final Field CC_ERROR_CODE = Field.u64("quic.cc.error_code", "Error code");
  public static final Field CC_FRAME_TYPE = Field.u64("quic.cc.frame_type", "Frame Type");
  public static final Field CC_REASON_LENGTH = Field.u64("quic.cc.reason_phrase.length", "Reason phrase Length");
  public static final Field CC_REASON = Field.string("quic.cc.reason_phrase", "Reason phrase");

  /** One field, three texts: no secrets, no packet number, a failed tag check. */
  public static final Expert DECRYPTION_FAILED = new Expert("quic.decryption_failed", Expert.Severity.WARNING,
      "Decryption", "Failed to decrypt handshake");
  public static final Expert UNKNOWN_CONNECTION = new Expert("quic.connection.unknown", Expert.Severity.NOTE,
      "Protocol", "Unknown QUIC connection. Missing Initial Packet or migrated connection?");
  public static final Expert COALESCED_PADDING = new Expert("quic.coalesced_padding_data", Expert.Severity.NOTE,
      "Protocol", "(Random) padding data appended to the datagram");

  static final String NO_SECRETS = "Failed to create decryption context: Secrets are not available";
  static final String NO_PACKET_NUMBER = "Failed to decrypt packet number";
  static final String CHECKTAG = "Decryption failed: Decryption (checktag) failed: Checksum error";

  private static final int INITIAL = 0;
  private static final int ZERO_RTT = 1;
  private static final int HANDSHAKE = 2;
  private static final int RETRY = 3;
  private static final int TAG = 16;
  private static final int MAX_CID = 20;

  public QuicDissector() {
    super("quic", "QUIC IETF", "QUIC");
  }

  @Override
  public void register(Protocols p) {
    // A heuristic rather than a port entry: other traffic on UDP 443 (OpenVPN, Google QUIC)
    // stays as tshark leaves it.
    p.heuristic(Protocols.Table.UDP_PORT, this, this::accepts);
  }

  /**
   * UDP 443 either way, and a long header of a QUIC version tshark knows, or a short header
   * (fixed bit set) in a UDP conversation where a QUIC connection started.
   */
  private boolean accepts(Dissection d, byte[] b, int off, int len) {
    if (longHeader(b, off, len)) {
      return true;
    }
    if (!onPort(b, off) || len < 1 || (b[off] & 0xc0) != 0x40 || d.protocols().isStateless()) {
      return false;
    }
    String[] ends = endpoints(d, d.layerCount());
    return d.state(this, State::new).conversations.containsKey(conversation(ends[0], ends[1]));
  }

  private static boolean onPort(byte[] b, int off) {
    return off >= 8 && (Bytes.u16(b, off - 8) == PORT || Bytes.u16(b, off - 6) == PORT);
  }

  /** A long header on UDP 443 with a known version (not Google's Q0xx) and room for the CIDs. */
  static boolean longHeader(byte[] b, int off, int len) {
    if (!onPort(b, off) || len < 7 || (b[off] & 0x80) == 0 || (b[off + 5] & 0xff) > MAX_CID) {
      return false;
    }
    long v = Bytes.u32(b, off + 1);
    return v == 0 || v == 1 || (v & 0xffffff00L) == 0xff000000L || v == 0x6b3343cfL || v == 0x709a50c4L
        || (v & 0xfffffff0L) == 0xfaceb000L || (v & 0x0f0f0f0fL) == 0x0a0a0a0aL;
  }

  /** Source and destination of the datagram as "address/port", from the UDP layer before {@code before}. */
  static String[] endpoints(Dissection d, int before) {
    int udp = Transport.find(d, before);
    int ip = Transport.ip(d, udp);
    return new String[] {Transport.srcAddress(d, ip) + "/" + Transport.srcPort(d, udp),
        Transport.dstAddress(d, ip) + "/" + Transport.dstPort(d, udp)};
  }

  // ---- per-capture state ----

  /** A connection as tshark tracks it. */
  static final class Connection {
    final int number;
    final String clientEndpoint;
    final String serverEndpoint;
    byte[] clientCid = new byte[0];
    byte[] serverCid = new byte[0];
    byte[] initialDcid;
    boolean clientDcidSet;
    boolean serverCidSet;
    /** 1-RTT: tshark tries once per connection and gives up. */
    boolean skipDecryption;
    final long[] largestInitialPn = {-1, -1};

    Connection(int number, String client, String server) {
      this.number = number;
      this.clientEndpoint = client;
      this.serverEndpoint = server;
    }
  }

  static final class State {
    final Map<ByteBuffer, Connection> initial = new HashMap<>();
    final Map<ByteBuffer, Connection> clientCids = new HashMap<>();
    final Map<ByteBuffer, Connection> serverCids = new HashMap<>();
    final Map<String, Connection> conversations = new HashMap<>();
    int connections;
  }

  /** One packet of the datagram; offsets are relative to the layer. */
  static final class Packet implements Cloneable {
    int start;
    int end;
    boolean isLong;
    int type;
    long version;
    int dcidAt;
    int dcidLen;
    int scidAt;
    int scidLen;
    int tokenLenAt = -1;
    int tokenLenLen;
    long tokenLen;
    int lengthAt = -1;
    int lengthLen;
    long length;
    int pnAt;
    /** Unprotected packet number length, 0 when the header protection was not removed. */
    int pnLen;
    long pn;
    int firstByte;
    String error;
    /** Absolute start of the decrypted frames in the dissection's data, or -1. */
    int plainAt = -1;
    int plainLen;
    /** Absolute range of the first CRYPTO frame's data when it holds whole handshake messages. */
    int cryptoAt = -1;
    int cryptoLen;
    /** Filled by the first pass only, so a copy may share it. */
    final List<String> frames = new ArrayList<>();

    Packet copy() {
      try {
        return (Packet) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** What the walker needs of a datagram. */
  static final class Datagram implements Dissection.Offsets {
    final List<Packet> packets = new ArrayList<>();
    /** Connection number, -1 when unknown, -2 when the pass keeps no state. */
    int connection = -2;
    int paddingAt = -1;

    @Override
    public Object shifted(int delta) {
      Datagram c = new Datagram();
      c.connection = connection;
      c.paddingAt = paddingAt;
      for (Packet p : packets) {
        c.packets.add(p);
        if (p.plainAt >= 0) {
          Packet q = p.copy();
          q.plainAt += delta;
          q.cryptoAt += q.cryptoAt >= 0 ? delta : 0;
          c.packets.set(c.packets.size() - 1, q);
        }
      }
      return c;
    }
  }

  // ---- first pass ----

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    Datagram g = new Datagram();
    d.attach(layer, g);
    if (end <= s) {
      return null;
    }
    boolean stateless = d.protocols().isStateless();
    State st = stateless ? null : d.state(this, State::new);
    String[] ends = endpoints(d, layer);
    String src = ends[0];
    String dst = ends[1];
    Connection conn = null;
    boolean fromServer = false;
    byte[] firstDcid = null;
    int at = s;
    while (at < end) {
      byte[] b = d.data();
      Packet p = new Packet();
      p.start = at - s;
      p.firstByte = b[at] & 0xff;
      p.isLong = (p.firstByte & 0x80) != 0;
      if (!g.packets.isEmpty() && !startsPacket(b, at, end, firstDcid, conn, fromServer)) {
        g.paddingAt = at - s;
        break;
      }
      if (p.isLong) {
        if (!parseLong(b, at, end, p, s)) {
          // A header that does not fit: show what there is and stop.
          p.end = end - s;
          g.packets.add(p);
          break;
        }
      } else {
        p.end = end - s;
      }
      if (g.packets.isEmpty() && st != null) {
        // The datagram's connection comes from its first packet.
        boolean[] server = {false};
        if (p.isLong) {
          byte[] dcid = Arrays.copyOfRange(b, s + p.dcidAt, s + p.dcidAt + p.dcidLen);
          byte[] scid = Arrays.copyOfRange(b, s + p.scidAt, s + p.scidAt + p.scidLen);
          conn = (p.type == INITIAL || p.type == ZERO_RTT) && dcid.length > 0 ? st.initial.get(ByteBuffer.wrap(dcid)) : null;
          if (conn == null) {
            conn = findByDcid(st, dcid, src, dst, server);
          } else {
            server[0] = false;
          }
          conn = createOrUpdate(st, conn, p, dcid, scid, server[0], src, dst);
          firstDcid = dcid;
        } else {
          Connection c = st.conversations.get(conversation(src, dst));
          int dcil = c == null ? 0 : src.equals(c.clientEndpoint) ? c.serverCid.length : c.clientCid.length;
          byte[] dcid = end - at - 1 >= dcil ? Arrays.copyOfRange(b, at + 1, at + 1 + dcil) : new byte[0];
          conn = findByDcid(st, dcid, src, dst, server);
        }
        fromServer = server[0];
        g.connection = conn == null ? -1 : conn.number;
      }
      if (!p.isLong) {
        p.dcidAt = p.start + 1;
        p.dcidLen = conn == null ? 0 : fromServer ? conn.clientCid.length : conn.serverCid.length;
        if (conn != null && !conn.skipDecryption) {
          p.error = NO_SECRETS;
          conn.skipDecryption = true;
        }
      } else if (p.type == INITIAL) {
        if (conn == null || conn.initialDcid == null) {
          p.error = NO_PACKET_NUMBER;
        } else {
          decryptInitial(d, s, p, conn, fromServer);
        }
      } else if (p.type == HANDSHAKE || p.type == ZERO_RTT) {
        p.error = conn == null ? NO_PACKET_NUMBER : NO_SECRETS;
      }
      g.packets.add(p);
      at = s + p.end;
    }
    // The first CRYPTO data of the datagram goes to TLS, as tshark hands it on.
    Dissector tls = d.protocols().byName("tls");
    for (Packet p : g.packets) {
      if (p.cryptoAt >= 0 && tls != null) {
        d.payload(p.cryptoAt, p.cryptoAt + p.cryptoLen);
        return tls;
      }
    }
    return null;
  }

  /**
   * Whether the bytes after a packet start another one rather than padding: coalesced packets
   * share the first packet's Destination Connection ID (RFC 9000 section 12.2), and that is
   * what tshark checks; a short header's is as long as the connection's CID for the receiver
   * (a short header of an unknown connection passes).
   */
  private static boolean startsPacket(byte[] b, int at, int end, byte[] firstDcid, Connection conn,
      boolean fromServer) {
    if (firstDcid == null) {
      return false;
    }
    int n = firstDcid.length;
    if ((b[at] & 0x80) == 0) {
      if (conn == null) {
        return true;
      }
      int dcil = fromServer ? conn.clientCid.length : conn.serverCid.length;
      return dcil == n && end - at >= 1 + n && Arrays.equals(b, at + 1, at + 1 + n, firstDcid, 0, n);
    }
    return end - at >= 6 + n && (b[at + 5] & 0xff) == n && Arrays.equals(b, at + 6, at + 6 + n, firstDcid, 0, n);
  }

  /** Reads a long header into {@code p}; false when it does not fit the datagram. */
  private static boolean parseLong(byte[] b, int at, int end, Packet p, int s) {
    if (end - at < 7) {
      return false;
    }
    p.type = (p.firstByte >> 4) & 3;
    p.version = Bytes.u32(b, at + 1);
    int o = at + 5;
    p.dcidLen = b[o] & 0xff;
    p.dcidAt = o + 1 - s;
    o += 1 + p.dcidLen;
    if (p.dcidLen > MAX_CID || o >= end) {
      return false;
    }
    p.scidLen = b[o] & 0xff;
    p.scidAt = o + 1 - s;
    o += 1 + p.scidLen;
    if (p.scidLen > MAX_CID || o > end) {
      return false;
    }
    if (p.version == 0) {
      p.end = end - s; // version negotiation: supported versions to the end
      return true;
    }
    if (p.type == RETRY) {
      p.end = end - s;
      return true;
    }
    if (p.type == INITIAL) {
      int n = varintLength(b, o, end);
      if (n == 0) {
        return false;
      }
      p.tokenLenAt = o - s;
      p.tokenLenLen = n;
      p.tokenLen = varint(b, o, n);
      o += n;
      if (p.tokenLen > end - o) {
        return false;
      }
      o += (int) p.tokenLen;
    }
    int n = varintLength(b, o, end);
    if (n == 0) {
      return false;
    }
    p.lengthAt = o - s;
    p.lengthLen = n;
    p.length = varint(b, o, n);
    o += n;
    p.pnAt = o - s;
    p.end = (int) Math.min(end - s, (long) p.pnAt + p.length);
    return true;
  }

  private static Connection findByDcid(State st, byte[] dcid, String src, String dst, boolean[] fromServer) {
    if (dcid.length > 0) {
      Connection c = st.clientCids.get(ByteBuffer.wrap(dcid));
      if (c != null) {
        fromServer[0] = true;
        return c;
      }
      c = st.serverCids.get(ByteBuffer.wrap(dcid));
      fromServer[0] = false;
      return c;
    }
    Connection c = st.conversations.get(conversation(src, dst));
    if (c == null) {
      return null;
    }
    if (src.equals(c.clientEndpoint) && dst.equals(c.serverEndpoint)) {
      fromServer[0] = false;
      return c;
    }
    if (src.equals(c.serverEndpoint) && dst.equals(c.clientEndpoint)) {
      fromServer[0] = true;
      return c;
    }
    return null;
  }

  /** tshark's rules: a client Initial starts a connection, the server's first CID is kept. */
  private static Connection createOrUpdate(State st, Connection conn, Packet p, byte[] dcid, byte[] scid,
      boolean fromServer, String src, String dst) {
    if (p.type == INITIAL && !fromServer) {
      if (conn == null) {
        conn = new Connection(st.connections++, src, dst);
        st.conversations.put(conversation(src, dst), conn);
        updateInitial(st, conn, dcid, scid);
      } else if (!conn.clientDcidSet && dcid.length > 0) {
        updateInitial(st, conn, dcid, scid);
      }
      conn.clientDcidSet = true;
      return conn;
    }
    if (conn != null && fromServer && (p.type == INITIAL || p.type == HANDSHAKE || p.type == RETRY)) {
      if (p.type == RETRY) {
        if (conn.initialDcid != null) {
          st.initial.remove(ByteBuffer.wrap(conn.initialDcid));
        }
        conn.initialDcid = null;
        conn.clientDcidSet = false;
      }
      if (!conn.serverCidSet && scid.length > 0) {
        conn.serverCid = scid;
        conn.serverCidSet = true;
        st.serverCids.put(ByteBuffer.wrap(scid), conn);
      }
    }
    return conn;
  }

  private static void updateInitial(State st, Connection conn, byte[] dcid, byte[] scid) {
    conn.clientCid = scid;
    if (scid.length > 0) {
      st.clientCids.put(ByteBuffer.wrap(scid), conn);
    }
    conn.initialDcid = dcid;
    st.initial.put(ByteBuffer.wrap(dcid), conn);
  }

  /** A UDP conversation's key, the same whichever way a datagram goes. */
  static String conversation(String a, String b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }

  // ---- Initial protection (RFC 9001 section 5) ----

  private static final byte[] SALT_V1 = HexFormat.of().parseHex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
  private static final byte[] SALT_DRAFT29 = HexFormat.of().parseHex("afbfec289993d24c9e9786f19c6111e04390a899");

  private static byte[] salt(long version) {
    if (version == 1) {
      return SALT_V1;
    }
    if (version >= 0xff00001dL && version <= 0xff000020L) {
      return SALT_DRAFT29;
    }
    return null;
  }

  /**
   * Removes header protection and decrypts an Initial packet, adding the plaintext as the
   * "Decrypted QUIC" data source; records tshark's error text when that fails.
   */
  private static void decryptInitial(Dissection d, int s, Packet p, Connection conn, boolean fromServer) {
    byte[] salt = salt(p.version);
    if (salt == null) {
      p.error = NO_PACKET_NUMBER;
      return;
    }
    byte[] b = d.data();
    int pnAt = s + p.pnAt;
    int end = s + p.end;
    if (end - pnAt < 4 + 16) {
      p.error = NO_PACKET_NUMBER;
      return;
    }
    try {
      byte[] secret = hkdfExtract(salt, conn.initialDcid);
      byte[] side = expandLabel(secret, fromServer ? "server in" : "client in", 32);
      byte[] key = expandLabel(side, "quic key", 16);
      byte[] iv = expandLabel(side, "quic iv", 12);
      byte[] hp = expandLabel(side, "quic hp", 16);
      Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hp, "AES"));
      byte[] mask = ecb.doFinal(b, pnAt + 4, 16);
      int first = (b[s + p.start] ^ mask[0] & 0x0f) & 0xff;
      int pnLen = (first & 3) + 1;
      byte[] header = Arrays.copyOfRange(b, s + p.start, pnAt + pnLen);
      header[0] = (byte) first;
      long truncated = 0;
      for (int k = 0; k < pnLen; k++) {
        header[p.pnAt - p.start + k] ^= mask[1 + k];
        truncated = truncated << 8 | (header[p.pnAt - p.start + k] & 0xff);
      }
      int dir = fromServer ? 1 : 0;
      long pn = decodePacketNumber(conn.largestInitialPn[dir], truncated, pnLen * 8);
      p.firstByte = first;
      p.pnLen = pnLen;
      p.pn = pn;
      byte[] nonce = iv.clone();
      for (int k = 0; k < 8; k++) {
        nonce[11 - k] ^= (byte) (pn >>> (8 * k));
      }
      int ctAt = pnAt + pnLen;
      if (end - ctAt < TAG) {
        p.error = CHECKTAG;
        return;
      }
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      gcm.updateAAD(header);
      byte[] plain = gcm.doFinal(b, ctAt, end - ctAt);
      conn.largestInitialPn[dir] = Math.max(conn.largestInitialPn[dir], pn);
      p.plainAt = d.addSource("Decrypted QUIC", plain, 0, plain.length);
      p.plainLen = plain.length;
      walkFrames(d.data(), p.plainAt, p.plainAt + p.plainLen, null, p);
    } catch (javax.crypto.AEADBadTagException e) {
      p.error = CHECKTAG;
    } catch (GeneralSecurityException | RuntimeException e) {
      p.error = NO_PACKET_NUMBER;
    }
  }

  static long decodePacketNumber(long largest, long truncated, int bits) {
    long expected = largest + 1;
    long win = 1L << bits;
    long hwin = win / 2;
    long candidate = (expected & ~(win - 1)) | truncated;
    if (candidate <= expected - hwin && candidate < (1L << 62) - win) {
      return candidate + win;
    }
    if (candidate > expected + hwin && candidate >= win) {
      return candidate - win;
    }
    return candidate;
  }

  static byte[] hkdfExtract(byte[] salt, byte[] ikm) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(salt, "HmacSHA256"));
    return mac.doFinal(ikm);
  }

  /** TLS 1.3's HKDF-Expand-Label with an empty context, for at most one hash block. */
  static byte[] expandLabel(byte[] secret, String label, int length) throws GeneralSecurityException {
    byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
    byte[] info = new byte[4 + full.length];
    info[0] = (byte) (length >> 8);
    info[1] = (byte) length;
    info[2] = (byte) full.length;
    System.arraycopy(full, 0, info, 3, full.length);
    info[3 + full.length] = 0;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    mac.update(info);
    mac.update((byte) 1);
    return Arrays.copyOf(mac.doFinal(), length);
  }

  // ---- variable-length integers (RFC 9000 section 16) ----

  /** The varint's length at {@code at}, or 0 when it does not fit before {@code end}. */
  static int varintLength(byte[] b, int at, int end) {
    if (at >= end) {
      return 0;
    }
    int n = 1 << ((b[at] & 0xff) >> 6);
    return end - at >= n ? n : 0;
  }

  static long varint(byte[] b, int at, int n) {
    long v = b[at] & 0x3f;
    for (int k = 1; k < n; k++) {
      v = v << 8 | (b[at + k] & 0xff);
    }
    return v;
  }

  // ---- frames ----

  /**
   * Walks the frames of a decrypted payload in {@code b[at, end)}: emits them when {@code t}
   * is given (positions absolute), else collects into {@code p} their names (Info column) and
   * the first CRYPTO data that holds whole handshake messages (for TLS).
   */
  static void walkFrames(byte[] b, int at, int end, Tree t, Packet p) {
    while (at < end) {
      int n = varintLength(b, at, end);
      if (n == 0) {
        return;
      }
      long type = varint(b, at, n);
      int start = at;
      int o = at + n;
      String name = FRAME_TYPES.getOrDefault(type, "UNKNOWN");
      if (type == 0) {
        while (o < end && b[o] == 0) {
          o++;
        }
        if (t != null) {
          t.objectAt(FRAME, start, o - start, "PADDING Length: " + (o - start));
          t.enter();
          t.numberAt(FRAME_TYPE, start, n, type);
          t.generated(PADDING_LENGTH, o - start);
          t.exit();
        }
      } else if (type == 2 || type == 3) {
        if (t != null) {
          t.objectAt(FRAME, start, 0, name);
          t.enter();
          t.numberAt(FRAME_TYPE, start, n, type);
        }
        int k = 0;
        Field[] fixed = {ACK_LARGEST, ACK_DELAY, ACK_RANGE_COUNT, ACK_FIRST_RANGE};
        long count = 0;
        for (Field f : fixed) {
          int m = varintLength(b, o, end);
          if (m == 0) {
            o = end;
            break;
          }
          long v = varint(b, o, m);
          if (t != null) {
            t.numberAt(f, o, m, v);
          }
          if (k++ == 2) {
            count = v;
          }
          o += m;
        }
        for (long r = 0; r < count * 2 + (type == 3 ? 3 : 0) && o < end; r++) {
          int m = varintLength(b, o, end);
          if (m == 0) {
            o = end;
            break;
          }
          Field f = r < count * 2 ? (r % 2 == 0 ? ACK_GAP : ACK_RANGE)
              : r == count * 2 ? ACK_ECT0 : r == count * 2 + 1 ? ACK_ECT1 : ACK_ECN_CE;
          if (t != null) {
            t.numberAt(f, o, m, varint(b, o, m));
          }
          o += m;
        }
        if (t != null) {
          t.exit();
        }
      } else if (type == 6) {
        int m1 = varintLength(b, o, end);
        int m2 = m1 == 0 ? 0 : varintLength(b, o + m1, end);
        if (m2 == 0) {
          o = end;
        } else {
          long off = varint(b, o, m1);
          long len = varint(b, o + m1, m2);
          if (t != null) {
            t.objectAt(FRAME, start, 0, name);
            t.enter();
            t.numberAt(FRAME_TYPE, start, n, type);
            t.numberAt(CRYPTO_OFFSET, o, m1, off);
            t.numberAt(CRYPTO_LENGTH, o + m1, m2, len);
          }
          o += m1 + m2;
          int dataLen = (int) Math.min(len, end - o);
          if (p != null && p.cryptoAt < 0 && off == 0 && wholeMessages(b, o, o + dataLen)) {
            p.cryptoAt = o;
            p.cryptoLen = dataLen;
          }
          if (t != null) {
            t.objectAt(CRYPTO_DATA, o, dataLen, null);
            t.exit();
          }
          o += dataLen;
        }
      } else if (type == 1 || type == 0x1e) {
        if (t != null) {
          t.objectAt(FRAME, start, n, name);
          t.enter();
          t.numberAt(FRAME_TYPE, start, n, type);
          t.exit();
        }
      } else if (type == 0x1c || type == 0x1d) {
        if (t != null) {
          t.objectAt(FRAME, start, 0, name);
          t.enter();
          t.numberAt(FRAME_TYPE, start, n, type);
        }
        Field[] fs = type == 0x1c ? new Field[] {CC_ERROR_CODE, CC_FRAME_TYPE, CC_REASON_LENGTH}
            : new Field[] {CC_ERROR_CODE, CC_REASON_LENGTH};
        long reason = 0;
        for (Field f : fs) {
          int m = varintLength(b, o, end);
          if (m == 0) {
            o = end;
            break;
          }
          reason = varint(b, o, m);
          if (t != null) {
            t.numberAt(f, o, m, reason);
          }
          o += m;
        }
        int len = (int) Math.min(reason, end - o);
        if (t != null) {
          t.objectAt(CC_REASON, o, len, new String(b, o, len, StandardCharsets.UTF_8));
          t.exit();
        }
        o += len;
      } else {
        // A frame netsift does not take apart: the rest of the payload is its.
        if (t != null) {
          t.objectAt(FRAME, start, end - start, name);
          t.enter();
          t.numberAt(FRAME_TYPE, start, n, type);
          t.exit();
        }
        o = end;
      }
      if (p != null) {
        p.frames.add(name);
      }
      at = o;
    }
  }

  /** Whether {@code b[at, end)} is a sequence of complete TLS handshake messages. */
  private static boolean wholeMessages(byte[] b, int at, int end) {
    if (end - at < 4) {
      return false;
    }
    while (end - at >= 4) {
      at += 4 + ((b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff));
    }
    return at == end;
  }

  // ---- walker ----

  /** Several PDUs in one layer show as protocol items of their own. */
  @Override
  public boolean severalProtocolItems() {
    return true;
  }

  @Override
  public void fields(Tree t) {
    if (!(t.attachment() instanceof Datagram g)) {
      return;
    }
    byte[] b = t.data();
    for (int i = 0; i < g.packets.size(); i++) {
      Packet p = g.packets.get(i);
      int len = p.end - p.start;
      if (i > 0) {
        t.nextProtocolItem(protocolField(), p.start, len, label(t));
      } else if (g.connection != -2) {
        t.text(0, 0, "QUIC Connection information");
        t.enter();
        if (g.connection >= 0) {
          t.generated(CONNECTION_NUMBER, g.connection);
        } else {
          t.expert(UNKNOWN_CONNECTION, 0, 0, null);
        }
        t.exit();
      }
      t.generated(PACKET_LENGTH, len);
      int first = p.firstByte;
      if (p.isLong) {
        longHeader(t, b, p, first);
      } else {
        t.object(SHORT, p.start, 1, null);
        t.enter();
        t.number(HEADER_FORM, p.start, 1, HEADER_FORM.extract(first));
        t.number(FIXED_BIT, p.start, 1, FIXED_BIT.extract(first));
        t.number(SPIN_BIT, p.start, 1, SPIN_BIT.extract(first));
        t.exit();
        if (p.dcidLen > 0) {
          t.bytes(DCID, p.dcidAt, p.dcidLen);
        }
        if (p.error != null) {
          t.expert(DECRYPTION_FAILED, p.start, 1, p.error);
        }
        int rest = p.dcidAt + p.dcidLen;
        t.bytes(REMAINING_PAYLOAD, rest, p.end - rest);
      }
    }
    if (g.paddingAt >= 0) {
      // tshark dissects the padding as one more QUIC item that holds only the note.
      t.nextProtocolItem(protocolField(), g.paddingAt, t.length() - g.paddingAt, label(t));
      t.expert(COALESCED_PADDING, g.paddingAt, t.length() - g.paddingAt, null);
    }
  }

  private static void longHeader(Tree t, byte[] b, Packet p, int first) {
    t.number(HEADER_FORM, p.start, 1, HEADER_FORM.extract(first));
    t.number(FIXED_BIT, p.start, 1, FIXED_BIT.extract(first));
    t.number(LONG_PACKET_TYPE, p.start, 1, LONG_PACKET_TYPE.extract(first));
    boolean clear = p.pnLen > 0;
    if (clear) {
      t.number(LONG_RESERVED, p.start, 1, LONG_RESERVED.extract(first));
      t.number(PACKET_NUMBER_LENGTH, p.start, 1, PACKET_NUMBER_LENGTH.extract(first));
    }
    t.uint(VERSION, p.start + 1, 4);
    t.uint(DCIL, p.start + 5, 1);
    if (p.dcidLen > 0) {
      t.bytes(DCID, p.dcidAt, p.dcidLen);
    }
    t.uint(SCIL, p.scidAt - 1, 1);
    if (p.scidLen > 0) {
      t.bytes(SCID, p.scidAt, p.scidLen);
    }
    if (p.version == 0) {
      for (int o = p.scidAt + p.scidLen; o + 4 <= p.end; o += 4) {
        t.uint(SUPPORTED_VERSION, o, 4);
      }
      return;
    }
    if (p.lengthAt < 0) {
      return;
    }
    if (p.tokenLenAt >= 0) {
      t.number(TOKEN_LENGTH, p.tokenLenAt, p.tokenLenLen, p.tokenLen);
      if (p.tokenLen > 0) {
        t.bytes(TOKEN, p.tokenLenAt + p.tokenLenLen, (int) p.tokenLen);
      }
    }
    t.number(LENGTH, p.lengthAt, p.lengthLen, p.length);
    if (clear) {
      t.number(PACKET_NUMBER, p.pnAt, p.pnLen, p.pn);
    }
    if (p.error != null) {
      t.expert(DECRYPTION_FAILED, p.start, 1, p.error);
    }
    if (clear) {
      int payloadAt = p.pnAt + p.pnLen;
      t.bytes(PAYLOAD, payloadAt, p.end - payloadAt);
      if (p.plainAt >= 0) {
        walkFrames(b, p.plainAt, p.plainAt + p.plainLen, t, null);
      }
    } else {
      t.bytes(REMAINING_PAYLOAD, p.pnAt, p.end - p.pnAt);
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!(t.attachment() instanceof Datagram g) || g.packets.isEmpty()) {
      return;
    }
    // tshark writes each packet's summary over the previous one: the last packet's stays.
    Packet p = g.packets.get(g.packets.size() - 1);
    byte[] b = t.data();
    StringBuilder sb = new StringBuilder();
    HexFormat hex = HexFormat.of();
    if (p.isLong) {
      sb.append(p.version == 0 ? "Version Negotiation" : LONG_TYPES.get((long) p.type));
      if (p.dcidLen > 0 && t.has(p.dcidAt, p.dcidLen)) {
        sb.append(", DCID=").append(hex.formatHex(b, t.start() + p.dcidAt, t.start() + p.dcidAt + p.dcidLen));
      }
      if (p.scidLen > 0 && t.has(p.scidAt, p.scidLen)) {
        sb.append(", SCID=").append(hex.formatHex(b, t.start() + p.scidAt, t.start() + p.scidAt + p.scidLen));
      }
      if (p.plainAt >= 0) {
        sb.append(", PKN: ").append(p.pn);
        for (String f : p.frames) {
          sb.append(", ").append(f);
        }
      }
    } else {
      sb.append("Protected Payload (KP0)");
      if (p.dcidLen > 0 && t.has(p.dcidAt, p.dcidLen)) {
        sb.append(", DCID=").append(hex.formatHex(b, t.start() + p.dcidAt, t.start() + p.dcidAt + p.dcidLen));
      }
    }
    c.setInfo(sb.toString());
  }
}
