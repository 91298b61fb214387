package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * WireGuard, <a href="https://www.wireguard.com/papers/wireguard.pdf">the whitepaper</a>
 * section 5.4, over UDP. tshark finds it by a heuristic on any UDP port that no port dissector
 * claims (51820 is only the usual port): a known type, three zero bytes, and the exact length of
 * that message (a transport message: at least its header and the 16-byte tag). Integers are
 * little-endian. Without keys everything after the header stays encrypted.
 *
 * <pre>
 * +------+----------+---------------------------------------------------------------+
 * | type | reserved | 1 initiation (148): sender, ephemeral 32, static 48,           |
 * |  1   |  3 (0)   |   timestamp 28, mac1 16, mac2 16                              |
 * |      |          | 2 response (92): sender, receiver, ephemeral 32, empty 16,    |
 * |      |          |   mac1 16, mac2 16                                            |
 * |      |          | 3 cookie reply (64): receiver, nonce 24, cookie 32            |
 * |      |          | 4 transport (32+): receiver, counter 8, packet + tag 16       |
 * +------+----------+---------------------------------------------------------------+
 * </pre>
 *
 * A session (tshark's {@code wg.stream}) starts at an initiation; the response names the
 * initiator's index as its receiver, and later messages of either side name the peer's index.
 */
public final class WireGuardDissector extends Dissector implements Protocols.Registrable {
  private static final int INITIATION = 1;
  private static final int RESPONSE = 2;
  private static final int COOKIE_REPLY = 3;
  private static final int TRANSPORT = 4;
  private static final Map<Long, String> TYPES = ValueNames.parse(
      "1=Handshake Initiation|2=Handshake Response|3=Cookie Reply|4=Transport Data");

  public static final Field TYPE = Field.u8("wg.type", "Type").labels(TYPES);
  public static final Field RESERVED = Field.bytes("wg.reserved", "Reserved");
  public static final Field SENDER = Field.u32("wg.sender", "Sender").hex()
      .blurb("Identifier as chosen by the sender");
  public static final Field EPHEMERAL = Field.string("wg.ephemeral", "Ephemeral")
      .blurb("Ephemeral public key of sender");
  public static final Field ENCRYPTED_STATIC = Field.none("wg.encrypted_static", "Encrypted Static")
      .blurb("Encrypted long-term static public key of sender");
  public static final Field ENCRYPTED_TIMESTAMP = Field.none("wg.encrypted_timestamp", "Encrypted Timestamp");
  public static final Field MAC1 = Field.bytes("wg.mac1", "mac1");
  public static final Field MAC2 = Field.bytes("wg.mac2", "mac2");
  public static final Field RECEIVER = Field.u32("wg.receiver", "Receiver").hex()
      .blurb("Identifier as chosen by receiver");
  public static final Field ENCRYPTED_EMPTY = Field.none("wg.encrypted_empty", "Encrypted Empty")
      .blurb("Authenticated encryption of an empty string");
  public static final Field NONCE = Field.bytes("wg.nonce", "Nonce");
  public static final Field ENCRYPTED_COOKIE = Field.bytes("wg.encrypted_cookie", "Encrypted Cookie");
  public static final Field COUNTER = Field.u64("wg.counter", "Counter");
  public static final Field ENCRYPTED_PACKET = Field.none("wg.encrypted_packet", "Encrypted Packet");
  public static final Field STREAM = Field.u32("wg.stream", "Stream index")
      .blurb("Identifies a session in this capture file");
  public static final Field RESPONSE_TO = Field.frameNum("wg.response_to", "Response to Frame")
      .blurb("This is a response to the initiation message in this frame");
  public static final Field EPHEMERAL_KNOWN_PRIVKEY = Field.bool("wg.ephemeral.known_privkey", "Has Private Key")
      .blurb("Whether the corresponding private key is known (configured via prefs)");
  public static final Expert KEEPALIVE = new Expert("wg.keepalive", Expert.Severity.CHAT, "Sequence",
      "This is a Keepalive message");

  private static final int HEADER = 4;
  private static final int TAG = 16;
  /** Annotations: the session index plus one (0: none), the initiation a response answers. */
  private static final int A_STREAM = 0;
  private static final int A_RESPONSE_TO = 1;
  private static final int A_COUNT = 2;

  /** Per capture: sessions by the index either peer chose, as {stream, initiation frame}. */
  private static final class State {
    final Map<Integer, long[]> byIndex = new HashMap<>();
    long streams;
  }

  public WireGuardDissector() {
    super("wg", "WireGuard Protocol", "WireGuard");
  }

  @Override
  public void register(Protocols p) {
    p.heuristic(Protocols.Table.UDP_PORT, this, (d, b, off, len) -> looksLikeWireGuard(b, off, len));
  }

  /** tshark's test: a known type, zero reserved bytes and that type's length. */
  static boolean looksLikeWireGuard(byte[] b, int off, int len) {
    if (len < HEADER || b[off + 1] != 0 || b[off + 2] != 0 || b[off + 3] != 0) {
      return false;
    }
    switch (b[off]) {
      case INITIATION:
        return len == 148;
      case RESPONSE:
        return len == 92;
      case COOKIE_REPLY:
        return len == 64;
      case TRANSPORT:
        return len >= 16 + TAG;
      default:
        return false;
    }
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    d.payload(end, end);
    d.annotate(layer, A_COUNT);
    if (end - s < 8 || d.protocols().isStateless()) {
      return null;
    }
    byte[] b = d.data();
    int type = Bytes.u8(b, s);
    int index = (int) Bytes.u32le(b, s + 4);
    State st = d.state(this, State::new);
    long[] session;
    if (type == INITIATION) {
      session = new long[] {st.streams++, d.number()};
      st.byIndex.put(index, session);
    } else if (type == RESPONSE) {
      session = end - s >= 12 ? st.byIndex.get((int) Bytes.u32le(b, s + 8)) : null;
      if (session != null) {
        d.setAnnotation(layer, A_RESPONSE_TO, session[1]);
        st.byIndex.put(index, session);
      }
    } else {
      session = st.byIndex.get(index);
    }
    if (session != null) {
      d.setAnnotation(layer, A_STREAM, session[0] + 1);
    }
    return null;
  }

  @Override
  public void fields(Tree t) {
    int type = (int) t.uint(TYPE, 0, 1);
    t.bytes(RESERVED, 1, 3);
    switch (type) {
      case INITIATION:
        t.uintle(SENDER, 4, 4);
        ephemeral(t, 8);
        t.object(ENCRYPTED_STATIC, 40, 48, null);
        t.object(ENCRYPTED_TIMESTAMP, 88, 28, null);
        t.bytes(MAC1, 116, 16);
        t.bytes(MAC2, 132, 16);
        break;
      case RESPONSE:
        t.uintle(SENDER, 4, 4);
        t.uintle(RECEIVER, 8, 4);
        ephemeral(t, 12);
        t.object(ENCRYPTED_EMPTY, 44, 16, null);
        t.bytes(MAC1, 60, 16);
        t.bytes(MAC2, 76, 16);
        break;
      case COOKIE_REPLY:
        t.uintle(RECEIVER, 4, 4);
        t.bytes(NONCE, 8, 24);
        t.bytes(ENCRYPTED_COOKIE, 32, 32);
        break;
      case TRANSPORT:
        t.uintle(RECEIVER, 4, 4);
        t.uintle(COUNTER, 8, 8);
        t.object(ENCRYPTED_PACKET, 16, t.length() - 16, null);
        if (t.length() == 16 + TAG) {
          t.enter();
          t.expert(KEEPALIVE, 16, TAG, null);
          t.exit();
        }
        break;
      default:
        break;
    }
    long stream = t.annotation(A_STREAM);
    if (stream != 0) {
      t.generated(STREAM, stream - 1);
    }
    if (t.annotation(A_RESPONSE_TO) != 0) {
      t.generated(RESPONSE_TO, t.annotation(A_RESPONSE_TO));
    }
  }

  /** The ephemeral key as base64 text, with tshark's "no private key" flag under it. */
  private static void ephemeral(Tree t, int rel) {
    if (!t.has(rel, 32)) {
      return;
    }
    byte[] key = new byte[32];
    System.arraycopy(t.data(), t.start() + rel, key, 0, 32);
    t.object(EPHEMERAL, rel, 32, Base64.getEncoder().encodeToString(key));
    t.enter();
    t.generated(EPHEMERAL_KNOWN_PRIVKEY, 0);
    t.exit();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, 16)) {
      return;
    }
    int type = t.u8(0);
    switch (type) {
      case INITIATION:
        c.setInfo(String.format("Handshake Initiation, sender=0x%08X", t.u32le(4)));
        break;
      case RESPONSE:
        c.setInfo(String.format("Handshake Response, sender=0x%08X, receiver=0x%08X", t.u32le(4), t.u32le(8)));
        break;
      case COOKIE_REPLY:
        c.setInfo(String.format("Cookie Reply, receiver=0x%08X", t.u32le(4)));
        break;
      case TRANSPORT:
        long counter = Long.reverseBytes(t.u64(8));
        int data = t.length() - 16 - TAG;
        c.setInfo(data == 0
            ? String.format("Keepalive, receiver=0x%08X, counter=%s", t.u32le(4), Long.toUnsignedString(counter))
            : String.format("Transport Data, receiver=0x%08X, counter=%s, datalen=%d", t.u32le(4),
                Long.toUnsignedString(counter), data));
        break;
      default:
        break;
    }
  }
}
