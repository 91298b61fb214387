package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenVPN's wire protocol (<a href="https://openvpn.net/community-resources/openvpn-protocol/">the
 * protocol description</a>, {@code ssl_pkt.h} of the OpenVPN sources) on UDP and TCP port 1194;
 * over TCP each packet has a 2-byte length in front ({@link StreamPdus}).
 *
 * <pre>
 * +--------+--------------+--------+---------------+------------------+-------+----------+
 * | opcode | session id 8 | [HMAC  | packet-id     | ack array: n (1) | [rem. | msg      |
 * | 5 bits | (control and | 20,    | 4, net time 4 | ids 4 each       | sess. | packet-  |
 * | key 3  |  ack only)   | tls-   | (tls-auth)]   |                  | id 8] | id 4     |
 * |        |              | auth]  |               |                  |       | + TLS... |
 * +--------+--------------+--------+---------------+------------------+-------+----------+
 * P_DATA_V2: opcode/key, peer id (3), encrypted data.   P_DATA_V1: opcode/key, data.
 * </pre>
 *
 * Like tshark 4.0: tls-auth is guessed from the 4 bytes after the session id (a non-empty
 * "array length" and at most one zero byte among them); a P_CONTROL_V1 payload of exactly 100
 * bytes is a fragment with more to come, any other length ends the message. Fragments are joined
 * in arrival order, per sender, receiver and session id (retransmissions included), and the
 * message goes to TLS ({@code Reassembled Message} when it took more than one packet).
 */
public final class OpenvpnDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  static final int PORT = 1194;
  private static final int P_CONTROL_V1 = 4;
  private static final int P_ACK_V1 = 5;
  private static final int P_DATA_V1 = 6;
  private static final int P_DATA_V2 = 9;
  private static final int P_CONTROL_HARD_RESET_CLIENT_V3 = 10;
  private static final int P_CONTROL_WKC_V1 = 11;
  /** tshark's fragment size: a control payload of this length is not the message's last. */
  private static final int FRAGMENT = 100;
  /** tshark's default HMAC size for tls-auth (SHA-1). */
  private static final int TLS_AUTH_HMAC = 20;

  private static final Map<Long, String> OPCODES = ValueNames.parse(
      "1=P_CONTROL_HARD_RESET_CLIENT_V1|2=P_CONTROL_HARD_RESET_SERVER_V1|3=P_CONTROL_SOFT_RESET_V1"
          + "|4=P_CONTROL_V1|5=P_ACK_V1|6=P_DATA_V1|7=P_CONTROL_HARD_RESET_CLIENT_V2"
          + "|8=P_CONTROL_HARD_RESET_SERVER_V2|9=P_DATA_V2|10=P_CONTROL_HARD_RESET_CLIENT_V3|11=P_CONTROL_WKC_V1");

  public static final Field PLEN = Field.u16("openvpn.plen", "Packet Length");
  public static final Field TYPE = Field.u8("openvpn.type", "Type").hex()
      .shown(v -> String.format("0x%02x [opcode/key_id]", v));
  public static final Field OPCODE = Field.u8("openvpn.opcode", "Opcode").hex().mask(0xf8, 8).labels(OPCODES);
  public static final Field KEY_ID = Field.u8("openvpn.keyid", "Key ID").mask(0x07, 8);
  public static final Field PEER_ID = Field.u24("openvpn.peerid", "Peer ID");
  public static final Field SESSION_ID = Field.u64("openvpn.sessionid", "Session ID");
  public static final Field HMAC = Field.bytes("openvpn.hmac", "HMAC");
  public static final Field PID = Field.u32("openvpn.pid", "Replay-Packet-ID");
  public static final Field NET_TIME = Field.of("openvpn.net_time", "Net Time",
      io.netsift.core.field.FieldType.ABSOLUTE_TIME);
  public static final Field REMOTE_SESSION_ID = Field.u64("openvpn.rsessionid", "Remote Session ID");
  public static final Field MPID = Field.u32("openvpn.mpid", "Message Packet-ID");
  public static final Field MPID_ARRAY_LENGTH = Field.u8("openvpn.mpidarraylength", "Message Packet-ID Array Length");
  public static final Field MPID_ARRAY_ELEMENT = Field.u32("openvpn.mpidarrayelement", "Message Packet-ID Array Element");
  public static final Field DATA = Field.bytes("openvpn.data", "Data");
  public static final Field WKC = Field.bytes("openvpn.wkc", "Wrapped client key");
  public static final Field WKC_LENGTH = Field.u16("openvpn.wkc_len", "Wrapped client key length");
  public static final Field FRAGMENT_BYTES = Field.bytes("openvpn.fragment_bytes", "Fragment bytes");
  public static final Field FRAGMENTS = Field.none("openvpn.fragments", "Message fragments");
  public static final Field FRAGMENT_FRAME = Field.frameNum("openvpn.fragment", "Message fragment");
  public static final Field FRAGMENT_COUNT = Field.u32("openvpn.fragment.count", "Message fragment count");
  public static final Field REASSEMBLED_LENGTH = Field.u32("openvpn.reassembled.length", "Reassembled message length");

  /** Where the header items lie, found once by the first pass for the fields and columns. */
  private static final class Layout {
    int start; // from the layer's start; every offset below is too
    int length;
    int header; // 2 over TCP (the length), else 0
    int opcode;
    int sessionId = -1;
    int hmac = -1;
    int pid = -1;
    int hmac32 = -1;
    int arrayLength = -1;
    int remoteSessionId = -1;
    int mpid = -1;
    int payload = -1; // relative start of what follows the header, -1 when nothing does
    int wkcLength = -1;
    /** A length tshark reads without a check runs past the packet: an exception there. */
    boolean malformed;
    /** The frames of a message that took several packets (ends at this frame), else null. */
    long[] fragments;
    int[] fragmentLengths;
  }

  /** A message being joined: the frames and bytes of its fragments so far. */
  private static final class Message {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long[] frames = new long[4];
    int[] lengths = new int[4];
    int count;

    void add(long frame, byte[] b, int off, int len) {
      if (count == frames.length) {
        frames = java.util.Arrays.copyOf(frames, count * 2);
        lengths = java.util.Arrays.copyOf(lengths, count * 2);
      }
      frames[count] = frame;
      lengths[count] = len;
      count++;
      bytes.write(b, off, len);
    }
  }

  /** Per capture: the messages being joined, by sender, receiver and session id. */
  private static final class State {
    final Map<String, Message> open = new HashMap<>();
  }

  public OpenvpnDissector() {
    super("openvpn", "OpenVPN Protocol", "OpenVPN");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    return avail < 2 ? MORE : 2 + Bytes.u16(b, off);
  }

  /** tshark's tls-auth test: at most one of the 4 bytes where an HMAC would begin is zero. */
  private static boolean looksLikeHmac(byte[] b, int at) {
    int zeros = 0;
    for (int k = 0; k < 4; k++) {
      if (b[at + k] == 0) {
        zeros++;
      }
    }
    return zeros <= 1;
  }

  /** Consecutive packets of a TCP segment share one layer, as in tshark's frame.protocols. */
  @Override
  public boolean splitPdus() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    d.payload(e, e);
    int transport = Transport.find(d, layer);
    boolean tcp = Transport.isTcp(d, transport);
    java.util.List<Layout> packets = new java.util.ArrayList<>(1);
    d.attach(layer, packets);
    Dissector tls = null;
    byte[] b = d.data();
    for (int at = s; at < e; ) {
      int end = tcp ? (e - at < 2 ? e : Math.min(e, at + 2 + Bytes.u16(b, at))) : e;
      Layout l = new Layout();
      l.start = at - s;
      l.length = end - at;
      packets.add(l);
      l.header = tcp ? 2 : 0;
      int[] message = packet(d, transport, s, at, end, l);
      if (l.malformed) {
        d.malformed(layer);
        break;
      }
      if (message != null) {
        if (tls == null) {
          tls = d.protocols().byName("tls");
          d.payload(message[0], message[1]);
        } else {
          d.queue(tls, message[0], message[1]);
        }
        b = d.data(); // an added source may have moved the bytes
      }
      at = end;
    }
    return tls;
  }

  /**
   * Reads one packet's header into {@code l} and joins its control payload; returns where the
   * message it completes lies in {@link Dissection#data()} ({from, to}), or null.
   */
  private int[] packet(Dissection d, int transport, int base, int s, int e, Layout l) {
    byte[] b = d.data();
    int p = s + l.header;
    if (p >= e) {
      return null;
    }
    int opcode = (b[p] & 0xff) >> 3;
    l.opcode = opcode;
    p++;
    long sessionId = 0;
    if (opcode == P_DATA_V2) {
      if (p + 3 > e) {
        l.malformed = true;
        return null;
      }
      p += 3;
    } else if (opcode != P_DATA_V1) {
      // tshark reads the session id and the byte after it (its tls-auth guess) unguarded.
      if (p + 8 <= e) {
        l.sessionId = p - base;
      }
      if (p + 9 > e) {
        l.malformed = true;
        return null;
      }
      sessionId = Bytes.u32(b, p + 4); // tshark joins fragments by the low half of the session id
      p += 8;
      boolean tlsCrypt = opcode == P_CONTROL_HARD_RESET_CLIENT_V3 || opcode == P_CONTROL_WKC_V1;
      if (!tlsCrypt && (b[p] & 0xff) > 0 && p + 4 > e) {
        l.malformed = true;
        return null;
      }
      boolean tlsAuth = !tlsCrypt && (b[p] & 0xff) > 0 && looksLikeHmac(b, p);
      if (tlsAuth && p + TLS_AUTH_HMAC > e || tlsCrypt && p + 8 + 32 > e) {
        l.malformed = true;
        return null;
      }
      if (tlsAuth) {
        l.hmac = p - base;
        p += TLS_AUTH_HMAC;
      }
      if ((tlsAuth || tlsCrypt) && e - p >= 8) {
        l.pid = p - base; // with the net time: tshark's long_format preference, on by default
        p += 8;
      }
      if (tlsCrypt) {
        l.hmac32 = p - base;
        p += 32;
      }
      if (!tlsCrypt && p < e) {
        l.arrayLength = p - base;
        int n = b[p] & 0xff;
        if (p + 1 + 4 * n > e) {
          l.malformed = true;
          return null;
        }
        p += 1 + 4 * n;
        if (n > 0 && e - p >= 8) {
          l.remoteSessionId = p - base;
          p += 8;
        }
      }
      if (opcode != P_ACK_V1 && !tlsCrypt && e - p >= 4) {
        l.mpid = p - base;
        p += 4;
      }
    }
    if (p >= e) {
      return null;
    }
    l.payload = p - base;
    if ((opcode == P_CONTROL_HARD_RESET_CLIENT_V3 || opcode == P_CONTROL_WKC_V1) && e - p >= 2) {
      l.wkcLength = Bytes.u16(b, e - 2);
    }
    if (opcode != P_CONTROL_V1) {
      return null;
    }
    int len = e - p;
    boolean last = len != FRAGMENT;
    if (d.protocols().isStateless()) {
      // Without state only a message that is one packet can be told; fragments stay data.
      return last ? new int[] {p, e} : null;
    }
    State st = d.state(this, State::new);
    int ip = Transport.ip(d, transport);
    String key = Transport.srcAddress(d, ip) + '>' + Transport.dstAddress(d, ip) + '#' + sessionId;
    Message m = st.open.get(key);
    if (m == null && last) {
      return new int[] {p, e};
    }
    if (m == null) {
      m = new Message();
      st.open.put(key, m);
    }
    m.add(d.number(), b, p, len);
    if (!last) {
      return null;
    }
    st.open.remove(key);
    l.fragments = java.util.Arrays.copyOf(m.frames, m.count);
    l.fragmentLengths = java.util.Arrays.copyOf(m.lengths, m.count);
    byte[] whole = m.bytes.toByteArray();
    int at = d.addSource("Reassembled Message", whole, 0, whole.length);
    return new int[] {at, at + whole.length};
  }

  @Override
  @SuppressWarnings("unchecked")
  public void fields(Tree t) {
    java.util.List<Layout> packets = (java.util.List<Layout>) t.attachment();
    if (packets == null) {
      return;
    }
    for (int k = 0; k < packets.size(); k++) {
      Layout l = packets.get(k);
      if (k > 0) {
        t.nextProtocolItem(protocolField(), l.start, l.length, null);
      }
      packet(t, l);
    }
  }

  /** The items of one packet; offsets in {@code l} are from the packet's start. */
  private static void packet(Tree t, Layout l) {
    int o = l.start;
    if (l.header == 2) {
      t.uint(PLEN, o, 2);
    }
    int h = o + l.header;
    int pend = l.start + l.length;
    if (!t.has(h, 1)) {
      return;
    }
    t.uint(TYPE, h, 1);
    t.enter();
    t.uint(OPCODE, h, 1);
    t.uint(KEY_ID, h, 1);
    t.exit();
    if (l.opcode == P_DATA_V2) {
      t.uint(PEER_ID, h + 1, 3);
    }
    if (l.sessionId >= 0) {
      t.uint(SESSION_ID, l.sessionId, 8);
    }
    if (l.hmac >= 0) {
      t.bytes(HMAC, l.hmac, TLS_AUTH_HMAC);
    }
    if (l.pid >= 0) {
      t.uint(PID, l.pid, 4);
      if (t.has(l.pid + 4, 4)) {
        t.number(NET_TIME, l.pid + 4, 4, t.u32(l.pid + 4) * 1_000_000_000L);
      }
    }
    if (l.hmac32 >= 0) {
      t.bytes(HMAC, l.hmac32, 32);
    }
    if (l.arrayLength >= 0) {
      int n = (int) t.uint(MPID_ARRAY_LENGTH, l.arrayLength, 1);
      if (n > 0) {
        t.text(l.arrayLength + 1, 0, "Packet-ID Array");
        t.enter();
        for (int k = 0; k < n; k++) {
          t.uint(MPID_ARRAY_ELEMENT, l.arrayLength + 1 + 4 * k, 4);
        }
        t.exit();
      }
    }
    if (l.remoteSessionId >= 0) {
      t.uint(REMOTE_SESSION_ID, l.remoteSessionId, 8);
    }
    if (l.mpid >= 0) {
      t.uint(MPID, l.mpid, 4);
    }
    if (l.payload < 0) {
      return;
    }
    int n = pend - l.payload;
    if (l.opcode != P_CONTROL_V1) {
      int data = l.wkcLength >= 0 && l.wkcLength <= n ? n - l.wkcLength : n;
      t.text(l.payload, Math.max(0, data), "Data (" + data + " bytes)");
      t.enter();
      t.bytes(DATA, l.payload, Math.max(0, data));
      t.exit();
      if (l.wkcLength > 0 && l.wkcLength <= n) {
        int wkc = pend - l.wkcLength;
        t.text(l.payload, data, "Wrapped client key (" + l.wkcLength + " bytes)");
        t.enter();
        t.bytes(WKC, wkc, l.wkcLength);
        t.uint(WKC_LENGTH, pend - 2, 2);
        t.exit();
      }
      return;
    }
    boolean single = n != FRAGMENT && l.fragments == null;
    if (!single) {
      t.text(l.payload, n, "Message fragment (" + n + " bytes)");
      t.enter();
      t.bytes(FRAGMENT_BYTES, l.payload, n);
      t.exit();
    }
    if (l.fragments != null) {
      long total = 0;
      for (int len : l.fragmentLengths) {
        total += len;
      }
      t.generatedText(0, 0, "[" + l.fragments.length + " Message fragments (" + total + " bytes)]");
      t.enter();
      for (int k = 0; k < l.fragments.length; k++) {
        t.generated(FRAGMENT_FRAME, l.fragments[k]);
      }
      t.generated(FRAGMENT_COUNT, l.fragments.length);
      t.generated(REASSEMBLED_LENGTH, total);
      t.exit();
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    java.util.List<Layout> packets = (java.util.List<Layout>) t.attachment();
    if (packets == null || packets.isEmpty()) {
      return;
    }
    // Each packet clears Info and writes its type: the segment's last one stays.
    Layout l = packets.get(packets.size() - 1);
    if (!t.has(l.start + l.header, 1)) {
      return;
    }
    String name = OPCODES.get((long) l.opcode);
    c.setInfo("MessageType: " + (name != null ? name : "Unknown Messagetype"));
  }
}
