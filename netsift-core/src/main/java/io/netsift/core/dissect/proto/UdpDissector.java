package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.LeadingFields;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * User Datagram Protocol, <a href="https://www.rfc-editor.org/rfc/rfc768">RFC 768</a>.
 *
 * <pre>
 *  0      7 8     15 16    23 24    31
 * +--------+--------+--------+--------+
 * |   Source Port   |   Dest. Port    |
 * +--------+--------+--------+--------+
 * |     Length      |    Checksum     |
 * +--------+--------+--------+--------+
 * |          data octets ...
 * </pre>
 *
 * Numbers conversations ({@code udp.stream}) in order of first appearance, both directions
 * sharing one index, and hands the payload to the port tables, lower port first, as
 * Wireshark's "try low port first" does. Checksums are not verified (tshark's default).
 */
public final class UdpDissector extends Dissector implements Protocols.Registrable {
  public static final Field SRCPORT = Field.u16("udp.srcport", "Source Port");
  public static final Field DSTPORT = Field.u16("udp.dstport", "Destination Port");
  public static final Field PORT = Field.u16("udp.port", "Source or Destination Port").hidden();
  public static final Field STREAM = Field.u32("udp.stream", "Stream index");
  public static final Field LENGTH = Field.u16("udp.length", "Length")
      .blurb("Length in octets including this header and the data");
  public static final Field CHECKSUM = Field.u16("udp.checksum", "Checksum").hex()
      .shown(Checksums::udpText);
  public static final Field CHECKSUM_STATUS = Field.u8("udp.checksum.status", "Checksum Status")
      .base(Base.NONE).labels(Checksums::statusName);
  public static final Field TIME_RELATIVE = Field.of("udp.time_relative", "Time since first frame",
      FieldType.RELATIVE_TIME).blurb("Time relative to first frame in this UDP stream");
  public static final Field TIME_DELTA = Field.of("udp.time_delta", "Time since previous frame",
      FieldType.RELATIVE_TIME).blurb("Time delta from previous frame in this UDP stream");
  public static final Field PAYLOAD = Field.bytes("udp.payload", "Payload")
      .line(Transport.payloadLine("UDP"));

  static final Expert POSSIBLE_TRACEROUTE =
      new Expert("udp.possible_traceroute", Severity.CHAT, "Sequence", "Possible traceroute");
  static final Expert LENGTH_BAD = new Expert("udp.length.bad", Severity.ERROR, "Malformed", "Bad length value");
  static final Expert CHECKSUM_ZERO =
      new Expert("udp.checksum.zero", Severity.ERROR, "Checksum", "Illegal checksum value (0)");
  static final Expert LENGTH_BAD_ZERO =
      new Expert("udp.length.bad_zero", Severity.WARNING, "Protocol", "Length is zero but payload < 65536");

  private static final int HEADER = 8;
  /** LBL traceroute's first port, 32768 + 666; three probes per hop. */
  private static final int TRACEROUTE_BASE = 32768 + 666;

  // Annotations.
  private static final int A_STREAM = 0;
  private static final int A_LENGTH = 1;
  private static final int A_STATUS = 2;
  private static final int A_FLAGS = 3;
  private static final int A_TIME_RELATIVE = 4;
  private static final int A_TIME_DELTA = 5;
  private static final int A_COUNT = 6;
  private static final int F_SHORT = 1;
  private static final int F_LONG = 2;
  private static final int F_JUMBO = 4;
  private static final int F_TIMES = 8;

  /** Per-capture state: the conversation table and the next stream index. */
  private static final class State {
    final ConversationTable<Conversation> conversations = new ConversationTable<>();
    int streams;
    /** {@code udp.state_max_total}, read with the first conversation. */
    long stateLimit = -1;
    /** Frames seen, the clock of {@link Conversation#touched}. */
    long clock;

    /**
     * Makes room for one more conversation: past {@code udp.state_max_total} (each counted at
     * {@link #CONVERSATION_BYTES}) the longest-idle quarter is forgotten. tshark keeps every
     * conversation, so a resolver's random source ports grew the heap until it ran out; a
     * forgotten conversation that sends again gets a new {@code udp.stream} here.
     */
    void admit(Dissection d) {
      if (stateLimit < 0) {
        stateLimit = Math.max(0, d.protocols().longPreference("udp.state_max_total", DEFAULT_STATE_MAX));
      }
      int n = conversations.size();
      if ((long) (n + 1) * CONVERSATION_BYTES <= stateLimit || n == 0) {
        return;
      }
      long cut = conversations.idlestQuarter(c -> c.touched);
      conversations.retain(c -> c.touched > cut);
    }
  }

  /**
   * What one conversation holds on the heap: the object (48 bytes) and two to four slots of the
   * table (six longs and a reference each; it is kept at most half full), measured at 190 bytes
   * a conversation on 200,000 of them, rounded up.
   */
  static final long CONVERSATION_BYTES = 256;
  /** Default of {@code udp.state_max_total}: 131,072 conversations. */
  public static final long DEFAULT_STATE_MAX = 32L << 20;

  /** One UDP conversation: its index and the times its timestamps are relative to. */
  private static final class Conversation {
    int stream;
    long first;
    long previous;
    /** {@link State#clock} when a packet last used it (for the memory bound). */
    long touched;
    /** Opened by an application for its replies; numbered when a packet first uses it. */
    final boolean forReplies;

    Conversation(int stream, long now, boolean forReplies) {
      this.stream = stream;
      this.first = now;
      this.previous = now;
      this.forReplies = forReplies;
    }
  }

  public UdpDissector() {
    super("udp", "User Datagram Protocol", "UDP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.IP_PROTO, 17, this);
  }


  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    int ip = EnclosingIp.find(d, layer);
    int reported = EnclosingIp.reportedEnd(d, ip, end) - s;
    d.annotate(layer, A_COUNT); // zeroed by the Dissection
    d.setAnnotation(layer, A_STREAM, -1);
    d.payload(end, end);
    boolean error = EnclosingIp.inErrorPacket(d, layer);
    boolean v6 = ip >= 0 && EnclosingIp.isV6(d, ip);
    if (end - s < HEADER) {
      // tshark checks the length field before it reads the checksum, which then fails.
      if (end - s >= 6) {
        lengthChecks(d, layer, s, reported, error, v6);
      }
      if (reported < HEADER) {
        d.malformed(layer);
      }
      return null;
    }
    int sport = Bytes.u16(b, s);
    int dport = Bytes.u16(b, s + 2);
    int checksum = Bytes.u16(b, s + 6);
    traceroute(d, layer, s, sport);
    traceroute(d, layer, s + 2, dport);
    int flags = lengthChecks(d, layer, s, reported, error, v6);
    if ((flags & F_SHORT) != 0) {
      return null;
    }
    int length = (int) d.annotation(layer, A_LENGTH);
    int status = Checksums.UNVERIFIED;
    if (checksum == 0) {
      // RFC 768 allows "no checksum" over IPv4; RFC 8200 section 8.1 forbids it over IPv6.
      if (!v6 || error) {
        status = Checksums.NOT_PRESENT;
      } else {
        status = Checksums.ILLEGAL;
        d.expert(layer, CHECKSUM_ZERO, s + 6, 2, null);
      }
    }
    d.setAnnotation(layer, A_STATUS, status);
    Conversation conv = ip >= 0 && !d.protocols().isStateless() ? conversation(d, ip, sport, dport) : null;
    if (conv != null) {
      d.setAnnotation(layer, A_STREAM, conv.stream);
    }
    if (length == HEADER) {
      return null;
    }
    if (conv != null && !error) {
      // tshark times a stream's datagrams that carry a payload, outside ICMP errors.
      long now = d.timestampNanos();
      d.setAnnotation(layer, A_TIME_RELATIVE, now - conv.first);
      d.setAnnotation(layer, A_TIME_DELTA, now - conv.previous);
      d.setAnnotation(layer, A_FLAGS, flags | F_TIMES);
      conv.previous = now;
    }
    int payload = Math.min(end - s - HEADER, length - HEADER);
    d.payload(s + HEADER, s + HEADER + payload);
    // A conversation an earlier packet announced (a TFTP transfer's client endpoint) comes first.
    Dissector announced = Transport.announced(d, Protocols.Table.UDP_PORT, ip, sport, dport);
    if (announced != null) {
      return announced;
    }
    Dissector next = next(d, sport, dport);
    // tshark's UDP heuristics (WireGuard) come after the ports.
    return next != null || payload <= 0 ? next
        : d.protocols().tryHeuristics(Protocols.Table.UDP_PORT, d, d.data(), s + HEADER, payload);
  }

  /**
   * Checks the length field against the minimum and the IP payload and records the result
   * (length and flags annotations, expert notes); returns the flags.
   */
  private static int lengthChecks(Dissection d, int layer, int s, int reported, boolean error, boolean v6) {
    int length = Bytes.u16(d.data(), s + 4);
    int flags = 0;
    if (length == 0 && v6) {
      // RFC 2675 section 4: a zero length over IPv6 is a jumbogram; the IP length rules.
      length = reported;
      flags |= F_JUMBO;
    }
    d.setAnnotation(layer, A_LENGTH, length);
    if (length < HEADER) {
      d.expert(layer, LENGTH_BAD, s + 4, 2, "Bad length value " + length + " < 8");
      flags |= F_SHORT;
    } else {
      if (length > reported && !error) {
        d.expert(layer, LENGTH_BAD, s + 4, 2, "Bad length value " + length + " > IP payload length");
        flags |= F_LONG;
      }
      if ((flags & F_JUMBO) != 0 && length < 65536) {
        d.expert(layer, LENGTH_BAD_ZERO, s + 4, 2, null);
      }
    }
    d.setAnnotation(layer, A_FLAGS, flags);
    return flags;
  }

  private Conversation conversation(Dissection d, int ip, int sport, int dport) {
    State st = d.state(this, State::new);
    Conversation conv = st.conversations.get(d, ip, sport, dport, 0);
    st.clock++;
    if (conv == null) {
      st.admit(d);
      conv = new Conversation(st.streams++, d.timestampNanos(), false);
      st.conversations.putLast(conv);
    } else if (conv.stream < 0) {
      conv.stream = st.streams++;
      conv.first = d.timestampNanos();
      conv.previous = conv.first;
    }
    conv.touched = st.clock;
    return conv;
  }

  /**
   * Starts a new conversation for the endpoints of UDP layer {@code udpLayer} from the next
   * packet on, unless one was already started for them: tshark's SNMP dissector opens a
   * conversation of its own for the replies to a request, which the UDP dissector then uses
   * (and numbers with the next {@code udp.stream} index) instead of the request's. netsift keys
   * it on both ports; tshark leaves the agent's port open, which differs only when an agent
   * replies from another port. With {@code always}, a new conversation starts even when the
   * current one was started this way (tshark does so for every trap to port 162).
   */
  public static void startReplyConversation(Dissection d, int udpLayer, boolean always) {
    if (udpLayer < 0 || !(d.dissector(udpLayer) instanceof UdpDissector) || d.length(udpLayer) < HEADER) {
      return;
    }
    int ip = EnclosingIp.find(d, udpLayer);
    if (ip < 0 || EnclosingIp.inErrorPacket(d, udpLayer)) {
      return;
    }
    byte[] b = d.data();
    int s = d.start(udpLayer);
    State st = d.state(d.dissector(udpLayer), State::new);
    Conversation conv = st.conversations.get(d, ip, Bytes.u16(b, s), Bytes.u16(b, s + 2), 0);
    if (conv == null || !conv.forReplies || always) {
      if (conv == null) {
        st.admit(d);
      }
      Conversation reply = new Conversation(-1, d.timestampNanos(), true);
      reply.touched = st.clock;
      st.conversations.putLast(reply);
    }
  }

  private static void traceroute(Dissection d, int layer, int at, int port) {
    if (port > TRACEROUTE_BASE && port <= TRACEROUTE_BASE + 30) {
      int probe = port - TRACEROUTE_BASE - 1;
      d.expert(layer, POSSIBLE_TRACEROUTE, at, 2,
          "Possible traceroute: hop #" + (probe / 3 + 1) + ", attempt #" + (probe % 3 + 1));
    }
  }

  /** The lower port's dissector, else the higher port's, as Wireshark tries them. */
  private static Dissector next(Dissection d, int sport, int dport) {
    int low = Math.min(sport, dport);
    int high = Math.max(sport, dport);
    Dissector next = low == 0 ? null : d.protocols().lookup(Protocols.Table.UDP_PORT, low);
    if (next == null && high != 0) {
      next = d.protocols().lookup(Protocols.Table.UDP_PORT, high);
    }
    return next;
  }

  private static final LeadingFields LEADING = new LeadingFields()
      .uint(SRCPORT, 0, 2)
      .uint(DSTPORT, 2, 2)
      .uint(PORT, 0, 2)
      .uint(PORT, 2, 2)
      .uint(LENGTH, 4, 2);

  @Override
  public LeadingFields leadingLayout() {
    return LEADING;
  }

  @Override
  public void fields(Tree t) {
    leading(t);
    int flags = (int) t.annotation(A_FLAGS);
    if ((flags & F_SHORT) != 0 || !t.has(0, HEADER)) {
      return;
    }
    long status = t.annotation(A_STATUS);
    t.uint(CHECKSUM, 6, 2);
    if (status == Checksums.UNVERIFIED) {
      t.number(CHECKSUM_STATUS, 6, 0, status);
    } else {
      // A zero checksum's status sits in the checksum's subtree, over its two bytes.
      t.enter();
      t.number(CHECKSUM_STATUS, 6, 2, status);
      t.exit();
    }
    long stream = t.annotation(A_STREAM);
    if (stream >= 0) {
      t.number(STREAM, HEADER, 0, stream);
    }
    if ((flags & F_TIMES) != 0) {
      t.generatedText(0, 0, "Timestamps");
      t.enter();
      t.generated(TIME_RELATIVE, t.annotation(A_TIME_RELATIVE));
      t.generated(TIME_DELTA, t.annotation(A_TIME_DELTA));
      t.exit();
    }
    if (t.annotation(A_LENGTH) != HEADER && t.length() > HEADER) {
      t.bytes(PAYLOAD, HEADER, t.length() - HEADER);
    }
  }

  @Override
  public String label(Tree t) {
    if (!t.has(0, 4)) {
      return longName();
    }
    return longName() + ", Src Port: " + t.u16(0) + ", Dst Port: " + t.u16(2);
  }

  @Override
  public void columns(Tree t, Columns c) {
    Dissection d = t.dissection();
    if (!t.has(0, 4)) {
      return;
    }
    c.protocol = "UDP";
    StringBuilder info = c.info;
    info.setLength(0);
    Protocols names = t.dissection().protocols();
    names.appendPort(info, t.u16(0), false);
    info.append(" \u2192 ");
    names.appendPort(info, t.u16(2), false);
    if (!t.has(0, 6)) {
      return;
    }
    int flags = (int) t.annotation(A_FLAGS);
    long length = t.annotation(A_LENGTH);
    if ((flags & F_SHORT) != 0) {
      info.append(" [BAD UDP LENGTH ").append(length).append(" < 8]");
      return;
    }
    if ((flags & F_LONG) != 0) {
      info.append(" [BAD UDP LENGTH ").append(length).append(" > IP PAYLOAD LENGTH]");
    }
    info.append(" Len=").append(length - HEADER);
    if ((flags & F_JUMBO) != 0) {
      info.append(" [Jumbogram]");
    }
    if (t.annotation(A_STATUS) == Checksums.ILLEGAL) {
      info.append(" [ILLEGAL CHECKSUM (0)]");
    }
  }
}
