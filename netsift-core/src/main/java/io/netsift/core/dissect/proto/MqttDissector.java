package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.Strings;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * MQ Telemetry Transport, <a href="https://docs.oasis-open.org/mqtt/mqtt/v3.1.1/mqtt-v3.1.1.html">
 * MQTT 3.1.1</a> (and 3.1, 5.0), on TCP port 1883. Every control packet starts with a fixed header:
 *
 * <pre>
 * +--------+--------+-- ... --+----------------------+
 * |type|flg| remaining length | variable header, payload
 * +--------+--------+-- ... --+----------------------+
 *   4 + 4 bits  1-4 bytes, 7 bits each, low first
 * </pre>
 *
 * Each packet is a layer of its own (a segment with two shows {@code mqtt:mqtt}, Info joined with
 * ", "). The protocol version of a CONNECT is kept per TCP stream, as tshark keeps it per
 * conversation: it decides the v3.1 header flags of PUBREL/SUBSCRIBE/UNSUBSCRIBE, the CONNACK
 * layout and where MQTT 5.0 properties sit (skipped whole, under {@code mqtt.properties}).
 */
public final class MqttDissector extends Dissector implements Protocols.Registrable, StreamPdus {
  private static final int PORT = 1883;
  private static final int CONNECT = 1;
  private static final int CONNACK = 2;
  private static final int PUBLISH = 3;
  private static final int PUBACK = 4;
  private static final int PUBREC = 5;
  private static final int PUBREL = 6;
  private static final int PUBCOMP = 7;
  private static final int SUBSCRIBE = 8;
  private static final int SUBACK = 9;
  private static final int UNSUBSCRIBE = 10;
  private static final int UNSUBACK = 11;
  private static final int V31 = 3;
  private static final int V311 = 4;
  private static final int V50 = 5;

  private static final Map<Long, String> TYPES = ValueNames.parse(
      """
      0=Reserved|1=Connect Command|2=Connect Ack|3=Publish Message|4=Publish Ack|5=Publish Received|
      6=Publish Release|7=Publish Complete|8=Subscribe Request|9=Subscribe Ack|10=Unsubscribe Request|
      11=Unsubscribe Ack|12=Ping Request|13=Ping Response|14=Disconnect Req|15=Authentication Exchange|
      """);
  private static final Map<Long, String> QOS = ValueNames.parse(
      """
      0=At most once delivery (Fire and Forget)|1=At least once delivery (Acknowledged deliver)|
      2=Exactly once delivery (Assured Delivery)|3=Reserved|
      """);
  private static final Map<Long, String> SUBACK_QOS = ValueNames.parse(
      """
      0=At most once delivery (Fire and Forget)|1=At least once delivery (Acknowledged deliver)|
      2=Exactly once delivery (Assured Delivery)|3=Reserved|128=Failure|
      """);
  private static final Map<Long, String> CONACK = ValueNames.parse(
      """
      0=Connection Accepted|1=Connection Refused: unacceptable protocol version|
      2=Connection Refused: identifier rejected|3=Connection Refused: server unavailable|
      4=Connection Refused: bad user name or password|5=Connection Refused: not authorized|
      """);
  private static final Map<Long, String> VERSIONS = ValueNames.parse("3=MQTT v3.1|4=MQTT v3.1.1|5=MQTT v5.0");

  public static final Field LEN = Field.u64("mqtt.len", "Msg Len");
  public static final Field HDRFLAGS = Field.u8("mqtt.hdrflags", "Header Flags").hex();
  public static final Field MSGTYPE = Field.u8("mqtt.msgtype", "Message Type").mask(0xf0, 8).labels(TYPES);
  public static final Field HDR_RESERVED = Field.u8("mqtt.hdr_reserved", "Reserved").mask(0x0f, 8)
      .blurb("Fixed Header Reserved Field");
  public static final Field RETAIN_RESERVED = Field.u8("mqtt.retain_reserved", "Reserved").mask(0x01, 8)
      .blurb("Fixed Header Reserved Field");
  public static final Field DUPFLAG = Field.bool("mqtt.dupflag", "DUP Flag").mask(0x08, 8).states("Set", "Not set");
  public static final Field QOS_LEVEL = Field.u8("mqtt.qos", "QoS Level").mask(0x06, 8).labels(QOS);
  public static final Field RETAIN = Field.bool("mqtt.retain", "Retain").mask(0x01, 8).states("Set", "Not set");
  public static final Field CONACK_RESERVED = Field.bool("mqtt.conack.flags.reserved", "Reserved")
      .states("Set", "Not set");
  public static final Field CONACK_FLAGS = Field.u8("mqtt.conack.flags", "Acknowledge Flags").hex();
  public static final Field CONACK_FLAG_RESERVED = Field.bool("mqtt.conack.flags.reserved", "Reserved")
      .mask(0xfe, 8).states("Set", "Not set");
  public static final Field CONACK_SP = Field.bool("mqtt.conack.flags.sp", "Session Present").mask(0x01, 8)
      .states("Set", "Not set").blurb("Session Present (version 3.1.1)");
  public static final Field CONACK_VAL = Field.u8("mqtt.conack.val", "Return Code").labels(CONACK);
  public static final Field MSGID = Field.u16("mqtt.msgid", "Message Identifier");
  public static final Field SUB_QOS = Field.u8("mqtt.sub.qos", "Requested QoS").labels(QOS);
  public static final Field SUBACK_QOS_F = Field.u8("mqtt.suback.qos", "Granted QoS").labels(SUBACK_QOS);
  public static final Field TOPIC_LEN = Field.u16("mqtt.topic_len", "Topic Length");
  public static final Field TOPIC = Field.string("mqtt.topic", "Topic");
  public static final Field WILLTOPIC_LEN = Field.u16("mqtt.willtopic_len", "Will Topic Length");
  public static final Field WILLTOPIC = Field.string("mqtt.willtopic", "Will Topic");
  public static final Field WILLMSG_LEN = Field.u16("mqtt.willmsg_len", "Will Message Length");
  public static final Field WILLMSG = Field.bytes("mqtt.willmsg", "Will Message");
  public static final Field USERNAME_LEN = Field.u16("mqtt.username_len", "User Name Length");
  public static final Field USERNAME = Field.string("mqtt.username", "User Name");
  public static final Field PASSWD_LEN = Field.u16("mqtt.passwd_len", "Password Length");
  public static final Field PASSWD = Field.string("mqtt.passwd", "Password");
  public static final Field MSG = Field.bytes("mqtt.msg", "Message");
  public static final Field PROTO_LEN = Field.u16("mqtt.proto_len", "Protocol Name Length");
  public static final Field PROTONAME = Field.string("mqtt.protoname", "Protocol Name");
  public static final Field CLIENTID_LEN = Field.u16("mqtt.clientid_len", "Client ID Length");
  public static final Field CLIENTID = Field.string("mqtt.clientid", "Client ID");
  public static final Field VER = Field.u8("mqtt.ver", "Version").labels(VERSIONS);
  public static final Field CONFLAGS = Field.u8("mqtt.conflags", "Connect Flags").hex();
  public static final Field CONFLAG_UNAME = Field.bool("mqtt.conflag.uname", "User Name Flag").mask(0x80, 8)
      .states("Set", "Not set");
  public static final Field CONFLAG_PASSWD = Field.bool("mqtt.conflag.passwd", "Password Flag").mask(0x40, 8)
      .states("Set", "Not set");
  public static final Field CONFLAG_RETAIN = Field.bool("mqtt.conflag.retain", "Will Retain").mask(0x20, 8)
      .states("Set", "Not set");
  public static final Field CONFLAG_QOS = Field.u8("mqtt.conflag.qos", "QoS Level").mask(0x18, 8).labels(QOS);
  public static final Field CONFLAG_WILL = Field.bool("mqtt.conflag.willflag", "Will Flag").mask(0x04, 8)
      .states("Set", "Not set");
  public static final Field CONFLAG_CLEAN = Field.bool("mqtt.conflag.cleansess", "Clean Session Flag")
      .mask(0x02, 8).states("Set", "Not set");
  public static final Field CONFLAG_RESERVED = Field.bool("mqtt.conflag.reserved", "(Reserved)").mask(0x01, 8)
      .states("Set", "Not set");
  public static final Field KALIVE = Field.u16("mqtt.kalive", "Keep Alive");
  public static final Field PROPERTIES = Field.none("mqtt.properties", "Properties");
  public static final Field PROPERTY_LEN = Field.u64("mqtt.property_len", "Total Length");
  public static final Field REASON_CODE = Field.u8("mqtt.connack.reason_code", "Reason Code");

  public static final Expert UNKNOWN_VERSION = new Expert("mqtt.unknown_version", Expert.Severity.NOTE,
      "Protocol", "Unknown version (missing the CONNECT packet?)");

  /** Annotation: the stream's protocol version when this packet was dissected (0: no CONNECT seen). */
  private static final int A_VERSION = 0;

  public MqttDissector() {
    super("mqtt", "MQ Telemetry Transport Protocol", "MQTT");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    if (avail < 2) {
      return MORE;
    }
    long len = 0;
    for (int i = 0; i < 4; i++) {
      if (1 + i >= avail) {
        return MORE;
      }
      int c = b[off + 1 + i] & 0xff;
      len |= (long) (c & 0x7f) << (7 * i);
      if ((c & 0x80) == 0) {
        return (int) Math.min(Integer.MAX_VALUE - 1, 2 + i + len);
      }
    }
    return (int) Math.min(Integer.MAX_VALUE - 1, 5 + len);
  }

  private static final class Session {
    int version;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    d.payload(e, e);
    Session session = PerStream.ofTcp(d, this, Transport.find(d, layer), Session::new);
    byte[] b = d.data();
    if (e > s && (b[s] & 0xff) >> 4 == CONNECT) {
      int p = s + 1 + varintLength(b, s + 1, e);
      if (p + 2 <= e) {
        int at = p + 2 + ((b[p] & 0xff) << 8 | (b[p + 1] & 0xff));
        if (at < e) {
          session.version = b[at] & 0xff;
        }
      }
    }
    d.annotate(layer, 1);
    d.setAnnotation(layer, A_VERSION, session.version);
    return null;
  }

  /** Bytes of the remaining-length varint at {@code p} (1 to 4; 0 when nothing is there). */
  private static int varintLength(byte[] b, int p, int end) {
    for (int i = 0; i < 4 && p + i < end; i++) {
      if ((b[p + i] & 0x80) == 0) {
        return i + 1;
      }
    }
    return Math.min(4, Math.max(0, end - p));
  }

  /** A second packet of the same segment is no layer of its own in tshark's frame.protocols. */
  @Override
  public boolean listedInProtocols(Dissection d, int layer) {
    return layer == 0 || d.dissector(layer - 1) != this;
  }

  @Override
  public String label(Tree t) {
    return t.has(0, 1) ? longName() + ", " + typeName(t.u8(0) >> 4) : longName();
  }

  private static String typeName(int type) {
    String s = TYPES.get((long) type);
    return s != null ? s : String.format("Unknown (0x%02x)", type);
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    StringBuilder info = new StringBuilder();
    walk(t, info);
    int prev = t.layer() - 1;
    if (prev >= 0 && t.dissection().dissector(prev) == this) {
      c.info.append(", ").append(info);
    } else {
      c.setInfo(info.toString());
    }
  }

  @Override
  public void fields(Tree t) {
    walk(t, null);
  }

  /** Emits the packet's fields, or with {@code info} only builds its Info text. */
  private static void walk(Tree t, StringBuilder info) {
    int version = (int) t.annotation(A_VERSION);
    int end = t.length();
    if (!t.has(0, 1)) {
      return;
    }
    int hdr = t.u8(0);
    int type = hdr >> 4;
    if (info != null) {
      info.append(typeName(type));
    }
    boolean tree = info == null;
    if (tree && type != CONNECT && version == 0) {
      t.expert(UNKNOWN_VERSION, 0, end, null);
    }
    if (tree) {
      t.number(HDRFLAGS, 0, 1, hdr);
      t.enter();
      t.uint(MSGTYPE, 0, 1);
      if (type == PUBLISH) {
        t.uint(DUPFLAG, 0, 1);
        t.uint(QOS_LEVEL, 0, 1);
        t.uint(RETAIN, 0, 1);
      } else if (version == V31 && (type == PUBREL || type == SUBSCRIBE || type == UNSUBSCRIBE)) {
        t.uint(DUPFLAG, 0, 1);
        t.uint(QOS_LEVEL, 0, 1);
        t.uint(RETAIN_RESERVED, 0, 1);
      } else {
        t.uint(HDR_RESERVED, 0, 1);
      }
      t.exit();
    }
    int n = varintLength(t.data(), t.start() + 1, t.start() + end);
    long len = varint(t, 1, n);
    if (tree) {
      t.number(LEN, 1, n, len);
    }
    int p = 1 + n;
    switch (type) {
      case CONNECT -> connect(t, p, end, tree);
      case CONNACK -> {
        if (tree) {
          if (version == V31) {
            t.number(CONACK_RESERVED, p, 1, t.u8(p) != 0 ? 1 : 0);
          } else {
            t.number(CONACK_FLAGS, p, 1, t.u8(p));
            t.enter();
            t.uint(CONACK_FLAG_RESERVED, p, 1);
            t.uint(CONACK_SP, p, 1);
            t.exit();
          }
          if (version == V31 || version == V311) {
            t.uint(CONACK_VAL, p + 1, 1);
          } else {
            t.uint(REASON_CODE, p + 1, 1);
            if (version == V50) {
              properties(t, p + 2);
            }
          }
        }
      }
      case PUBLISH -> {
        int tl = t.u16(p);
        if (tree) {
          t.number(TOPIC_LEN, p, 2, tl);
        }
        p += 2;
        String topic = "";
        if (tl > 0) {
          topic = utf8(t, p, tl);
          if (tree) {
            t.object(TOPIC, p, tl, topic);
          }
          p += tl;
        }
        if ((hdr & 0x06) != 0) {
          messageId(t, p, tree, info);
          p += 2;
        }
        if (version == V50) {
          p += tree ? properties(t, p) : propertiesLength(t, p);
        }
        if (tree) {
          t.bytes(MSG, p, Math.max(0, end - p));
        } else {
          info.append(" [").append(topic).append(']');
        }
      }
      case SUBSCRIBE, UNSUBSCRIBE -> {
        messageId(t, p, tree, info);
        p += 2;
        if (version == V50) {
          p += tree ? properties(t, p) : propertiesLength(t, p);
        }
        String topic = "";
        while (p < end && t.has(p, 2)) {
          int tl = t.u16(p);
          if (tree) {
            t.number(TOPIC_LEN, p, 2, tl);
          }
          p += 2;
          if (tl > 0) {
            topic = utf8(t, p, tl);
            if (tree) {
              t.object(TOPIC, p, tl, topic);
            }
            p += tl;
          }
          if (type == SUBSCRIBE) {
            if (!tree) {
              info.append(" [").append(topic).append(']');
            } else if (version != V50) {
              t.uint(SUB_QOS, p, 1);
            }
            p += 1;
          }
        }
      }
      case SUBACK -> {
        messageId(t, p, tree, info);
        p += 2;
        if (tree && version == V50) {
          p += properties(t, p);
        }
        while (tree && p < end && t.has(p, 1)) {
          if (version == V31 || version == V311) {
            t.uint(SUBACK_QOS_F, p, 1);
          }
          p += 1;
        }
      }
      case PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK -> {
        messageId(t, p, tree, info);
      }
      default -> { }
    }
  }

  /** The message identifier at {@code p}: a field in the tree, "(id=N)" in Info. */
  private static void messageId(Tree t, int p, boolean tree, StringBuilder info) {
    int id = t.u16(p);
    if (tree) {
      t.number(MSGID, p, 2, id);
    } else {
      info.append(" (id=").append(id).append(')');
    }
  }

  private static void connect(Tree t, int p, int end, boolean tree) {
    if (!tree) {
      return;
    }
    int pl = t.u16(p);
    t.number(PROTO_LEN, p, 2, pl);
    p += 2;
    t.object(PROTONAME, p, pl, utf8(t, p, pl));
    p += pl;
    int version = t.u8(p);
    t.uint(VER, p, 1);
    p += 1;
    int flags = t.u8(p);
    t.number(CONFLAGS, p, 1, flags);
    t.enter();
    for (Field f : new Field[] {CONFLAG_UNAME, CONFLAG_PASSWD, CONFLAG_RETAIN, CONFLAG_QOS, CONFLAG_WILL,
        CONFLAG_CLEAN, CONFLAG_RESERVED}) {
      t.uint(f, p, 1);
    }
    t.exit();
    p += 1;
    t.uint(KALIVE, p, 2);
    p += 2;
    if (version == V50) {
      p += properties(t, p);
    }
    p = string(t, p, CLIENTID_LEN, CLIENTID);
    if ((flags & 0x04) != 0) {
      if (version == V50) {
        p += properties(t, p);
      }
      int wl = t.u16(p);
      t.number(WILLTOPIC_LEN, p, 2, wl);
      p += 2;
      if (wl > 0) {
        t.object(WILLTOPIC, p, wl, utf8(t, p, wl));
        p += wl;
      }
      int ml = t.u16(p);
      t.number(WILLMSG_LEN, p, 2, ml);
      p += 2;
      t.bytes(WILLMSG, p, ml);
      p += ml;
    }
    if ((flags & 0x80) != 0 && p < end) {
      p = string(t, p, USERNAME_LEN, USERNAME);
    }
    if ((flags & 0x40) != 0 && p < end) {
      string(t, p, PASSWD_LEN, PASSWD);
    }
  }

  /** A two-byte length and that many bytes of UTF-8; returns the offset after them. */
  private static int string(Tree t, int p, Field lenField, Field value) {
    int len = t.u16(p);
    t.number(lenField, p, 2, len);
    t.object(value, p + 2, len, utf8(t, p + 2, len));
    return p + 2 + len;
  }

  /**
   * MQTT 5.0 properties at {@code p}: the block with its total length (the properties themselves
   * are not decoded); returns the bytes they take.
   */
  private static int properties(Tree t, int p) {
    int n = propertiesLength(t, p);
    t.object(PROPERTIES, p, n, null);
    t.enter();
    int vl = varintLength(t.data(), t.start() + p, t.start() + t.length());
    t.number(PROPERTY_LEN, p, vl, varint(t, p, vl));
    t.exit();
    return n;
  }

  private static int propertiesLength(Tree t, int p) {
    int vl = varintLength(t.data(), t.start() + p, t.start() + t.length());
    return (int) Math.min(Integer.MAX_VALUE / 2, vl + varint(t, p, vl));
  }

  /** The value of the {@code n}-byte variable byte integer at {@code p} (7 bits a byte, low first). */
  private static long varint(Tree t, int p, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) (t.u8(p + i) & 0x7f) << (7 * i);
    }
    return v;
  }

  /** UTF-8 text of the captured part of {@code [rel, rel + len)}, control bytes escaped. */
  private static String utf8(Tree t, int rel, int len) {
    int n = Math.max(0, Math.min(len, t.length() - rel));
    String s = new String(t.data(), t.start() + rel, n, StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(Strings.printable(new byte[] {(byte) c}, 0, 1));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
