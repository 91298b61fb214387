package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.dissect.proto.tls.TlsValues;
import io.netsift.core.dissect.proto.tls.X509Chain;
import io.netsift.core.dissect.proto.tls.X509Walker;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DTLS (<a href="https://www.rfc-editor.org/rfc/rfc6347">RFC 6347</a>) over UDP, found as tshark
 * finds it on ports no dissector claims: by its record headers. A record is
 *
 * <pre>
 *  0      1      3      5                    11     13
 * +------+------+------+--------------------+------+----------
 * | type | ver  |epoch | sequence number    | len  | fragment
 * +------+------+------+--------------------+------+----------
 * </pre>
 *
 * and a handshake message adds {@code msg_type(1) length(3) message_seq(2) fragment_offset(3)
 * fragment_length(3)} to TLS's header (section 4.2.2). Fragments of one message are joined per
 * direction and message sequence; the fragment that completes a message says "(Reassembled)",
 * the others "(Fragment)", and a completed Certificate message hands its certificates' values to
 * the X.509 layers as TLS does. Messages after a ChangeCipherSpec (epoch above 0) are
 * encrypted. The Protocol column names the version once a server message (Hello Verify Request,
 * Server Hello) has set it. The handshake bodies are not walked yet: the tree stops at the
 * handshake header.
 */
public final class DtlsDissector extends Dissector implements Protocols.Registrable {
  private static final int HEADER = 13;
  private static final int HS_HEADER = 12;
  private static final int CHANGE_CIPHER_SPEC = 20;
  private static final int ALERT = 21;
  private static final int HANDSHAKE = 22;
  private static final int APPLICATION_DATA = 23;
  private static final int HELLO_VERIFY_REQUEST = 3;
  private static final int SERVER_HELLO = 2;
  private static final int CERTIFICATE = 11;

  static final Map<Long, String> VERSIONS = ValueNames.parse(
      "0x0100=DTLS 1.0 (OpenSSL pre 0.9.8f)|0xfeff=DTLS 1.0|0xfefd=DTLS 1.2|0xfefc=DTLS 1.3|");

  public static final Field RECORD = Field.none("dtls.record", "Record Layer");
  public static final Field CONTENT_TYPE = Field.u8("dtls.record.content_type", "Content Type")
      .labels(TlsValues.of("tls.record.content_type"));
  public static final Field VERSION = Field.u16("dtls.record.version", "Version").hex().labels(VERSIONS);
  public static final Field EPOCH = Field.u16("dtls.record.epoch", "Epoch");
  public static final Field SEQUENCE = Field.of("dtls.record.sequence_number", "Sequence Number", FieldType.UINT64);
  public static final Field LENGTH = Field.u16("dtls.record.length", "Length");
  public static final Field CHANGE_CIPHER_SPEC_MSG = Field.none("dtls.change_cipher_spec", "Change Cipher Spec Message");
  public static final Field APP_DATA = Field.bytes("dtls.app_data", "Encrypted Application Data");
  public static final Field HANDSHAKE_PROTOCOL = Field.none("dtls.handshake", "Handshake Protocol");
  public static final Field HS_TYPE = Field.u8("dtls.handshake.type", "Handshake Type")
      .labels(TlsValues.of("tls.handshake.type"));
  public static final Field HS_LENGTH = Field.u24("dtls.handshake.length", "Length");
  public static final Field MESSAGE_SEQ = Field.u16("dtls.handshake.message_seq", "Message Sequence");
  public static final Field FRAGMENT_OFFSET = Field.u24("dtls.handshake.fragment_offset", "Fragment Offset");
  public static final Field FRAGMENT_LENGTH = Field.u24("dtls.handshake.fragment_length", "Fragment Length");

  /** Handshake fragment states, per record. */
  private static final int WHOLE = 0;
  private static final int FRAGMENT = 1;
  private static final int REASSEMBLED = 2;
  private static final int ENCRYPTED = 3;

  /** What a conversation remembers: the version, cipher changes, messages being joined. */
  private static final class Session {
    int version = -1;
    final boolean[] ccs = new boolean[2];
    final Map<Long, Message> joining = new HashMap<>();
    int serverPort = -1;
  }

  /** A handshake message being joined from fragments. */
  private static final class Message {
    final byte[] body;
    final java.util.BitSet have = new java.util.BitSet();
    boolean done;

    Message(int length) {
      body = new byte[length];
    }
  }

  /** Per layer: each record's state (relative offsets only, so a kept copy stays valid). */
  static final class Info {
    final List<int[]> records = new ArrayList<>(); // {offset in layer, state}
    int column = -1;
    X509Chain chain;
  }

  public DtlsDissector() {
    super("dtls", "Datagram Transport Layer Security", "DTLS");
  }

  @Override
  public void register(Protocols p) {
    p.heuristic(Protocols.Table.UDP_PORT, this, (d, b, off, len) -> looksLikeDtls(b, off, len));
  }

  private static boolean validVersion(int v) {
    return v == 0xfeff || v == 0xfefd || v == 0x0100;
  }

  /** Whether the datagram is a chain of DTLS records that ends exactly at its end. */
  static boolean looksLikeDtls(byte[] b, int off, int len) {
    int p = off;
    int end = off + len;
    while (end - p >= HEADER) {
      int type = b[p] & 0xff;
      if (type < CHANGE_CIPHER_SPEC || type > 25 || !validVersion(Bytes.u16(b, p + 1))) {
        return false;
      }
      p += HEADER + Bytes.u16(b, p + 11);
      if (p == end) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    d.payload(e, e);
    byte[] b = d.data();
    Info info = new Info();
    d.attach(layer, info);
    int transport = Transport.find(d, layer);
    int sport = Transport.srcPort(d, transport);
    Session session = PerStream.ofConversation(d, this, transport, Session::new);
    int dir = sport == session.serverPort ? 1 : 0;
    for (int p = s; e - p >= HEADER; ) {
      int type = b[p] & 0xff;
      int len = Bytes.u16(b, p + 11);
      int epoch = Bytes.u16(b, p + 3);
      int body = p + HEADER;
      int bodyEnd = Math.min(e, body + len);
      int state = WHOLE;
      if (type == CHANGE_CIPHER_SPEC) {
        session.ccs[dir] = true;
      } else if (type == HANDSHAKE && (epoch > 0 || session.ccs[dir])) {
        state = ENCRYPTED;
      } else if (type == HANDSHAKE && bodyEnd - body >= HS_HEADER) {
        int hs = b[body] & 0xff;
        int msgLen = TlsDissector.u24(b, body + 1);
        int seq = Bytes.u16(b, body + 4);
        int fragOff = TlsDissector.u24(b, body + 6);
        int fragLen = Math.min(TlsDissector.u24(b, body + 9), bodyEnd - body - HS_HEADER);
        if (hs == 1 && session.serverPort < 0) {
          session.serverPort = Transport.dstPort(d, transport);
          dir = 0;
        }
        if (hs == HELLO_VERIFY_REQUEST || hs == SERVER_HELLO) {
          session.version = hs == SERVER_HELLO && fragOff == 0 && fragLen >= 2
              ? Bytes.u16(b, body + HS_HEADER) : Bytes.u16(b, p + 1);
        }
        int from = -1;
        if (fragOff != 0 || fragLen != msgLen) {
          long key = (long) dir << 48 | (long) seq << 24 | hs;
          Message m = session.joining.get(key);
          if (m == null || m.body.length != msgLen) {
            m = new Message(msgLen);
            session.joining.put(key, m);
          }
          state = FRAGMENT;
          if (!m.done && fragOff + fragLen <= msgLen) {
            System.arraycopy(b, body + HS_HEADER, m.body, fragOff, fragLen);
            m.have.set(fragOff, fragOff + fragLen);
            if (m.have.nextClearBit(0) >= msgLen) {
              m.done = true;
              state = REASSEMBLED;
              from = d.addSource("Reassembled DTLS", m.body, 0, msgLen);
              b = d.data();
            }
          }
        } else {
          from = body + HS_HEADER;
        }
        if (hs == CERTIFICATE && from >= 0) {
          if (info.chain == null) {
            info.chain = new X509Chain();
          }
          TlsDissector.certificates(new X509Walker(b, info.chain, d.protocols()), b, from, from + msgLen);
        }
      }
      info.records.add(new int[] {p - s, state});
      p = body + len;
    }
    info.column = session.version;
    return info.chain == null ? null : X509ValueDissector.next(d, info.chain);
  }

  @Override
  public void fields(Tree t) {
    Info info = (Info) t.attachment();
    if (info == null) {
      return;
    }
    for (int[] r : info.records) {
      int p = r[0];
      int type = t.u8(p);
      int len = t.u16(p + 11);
      t.object(RECORD, p, Math.min(HEADER + len, t.length() - p), null);
      t.enter();
      t.uint(CONTENT_TYPE, p, 1);
      t.uint(VERSION, p + 1, 2);
      t.uint(EPOCH, p + 3, 2);
      t.number(SEQUENCE, p + 5, 6, (long) t.u16(p + 5) << 32 | t.u32(p + 7));
      t.uint(LENGTH, p + 11, 2);
      int body = p + HEADER;
      if (type == CHANGE_CIPHER_SPEC) {
        t.object(CHANGE_CIPHER_SPEC_MSG, body, len, null);
      } else if (type == APPLICATION_DATA) {
        t.bytes(APP_DATA, body, len);
      } else if (type == HANDSHAKE && r[1] != ENCRYPTED && len >= HS_HEADER) {
        t.object(HANDSHAKE_PROTOCOL, body, len, null);
        t.enter();
        t.uint(HS_TYPE, body, 1);
        t.uint(HS_LENGTH, body + 1, 3);
        t.uint(MESSAGE_SEQ, body + 4, 2);
        t.uint(FRAGMENT_OFFSET, body + 6, 3);
        t.uint(FRAGMENT_LENGTH, body + 9, 3);
        t.exit();
      }
      t.exit();
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    Info info = (Info) t.attachment();
    if (info == null) {
      return;
    }
    c.protocol = info.column < 0 ? columnName() : VERSIONS.getOrDefault((long) info.column, columnName())
        .replace("DTLS ", "DTLSv");
    StringBuilder s = new StringBuilder();
    for (int[] r : info.records) {
      int p = r[0];
      int type = t.u8(p);
      String text = switch (type) {
        case CHANGE_CIPHER_SPEC -> "Change Cipher Spec";
        case ALERT -> t.u16(p + 11) == 2 && t.u16(p + 3) == 0 ? "Alert" : "Encrypted Alert";
        case APPLICATION_DATA -> "Application Data";
        case HANDSHAKE -> r[1] == ENCRYPTED ? "Encrypted Handshake Message"
            : String.valueOf(HS_TYPE.valueLabel(t.u8(p + HEADER)))
                + (r[1] == FRAGMENT ? " (Fragment)" : r[1] == REASSEMBLED ? " (Reassembled)" : "");
        default -> "Unknown";
      };
      s.append(s.length() == 0 ? "" : ", ").append(text);
    }
    c.setInfo(s.toString());
  }
}
