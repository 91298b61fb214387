package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.HashMap;
import java.util.Map;

/**
 * Trivial File Transfer Protocol, <a href="https://www.rfc-editor.org/rfc/rfc1350">RFC 1350</a>,
 * with the options of RFC 2347 (blksize RFC 2348, timeout and tsize RFC 2349).
 *
 * <pre>
 *  RRQ/WRQ  | 01/02 | filename | 0 | mode | 0 | [ option | 0 | value | 0 ]...
 *  DATA     | 03    | block #  | data (up to blksize bytes; shorter ends the transfer)
 *  ACK      | 04    | block #  |
 *  ERROR    | 05    | code     | message | 0 |
 *  OACK     | 06    | [ option | 0 | value | 0 ]...
 * </pre>
 *
 * A request goes to UDP port 69; the server answers from a port of its own (RFC 1350 section 4),
 * so, as tshark does, a request announces the client's endpoint and every later packet to or from
 * it is TFTP, named after the request's file. The blksize of an OACK sets the block size that
 * marks the last DATA packet. File data goes on to the "data" layer.
 */
public final class TftpDissector extends Dissector implements Protocols.Registrable {
  public static final int PORT = 69;
  static final int RRQ = 1;
  static final int WRQ = 2;
  static final int DATA = 3;
  static final int ACK = 4;
  static final int ERROR = 5;
  static final int OACK = 6;

  private static final Map<Long, String> OPCODES = ValueNames.parse(
      "1=Read Request|2=Write Request|3=Data Packet|4=Acknowledgement|5=Error Code|6=Option Acknowledgement");
  private static final Map<Long, String> ERRORS = ValueNames.parse(
      """
      0=Not defined|1=File not found|2=Access violation|3=Disk full or allocation exceeded|
      4=Illegal TFTP Operation|5=Unknown transfer ID|6=File already exists|7=No such user|
      8=Option negotiation failed|
      """);

  public static final Field OPCODE = Field.u16("tftp.opcode", "Opcode").labels(OPCODES)
      .blurb("TFTP message type");
  public static final Field SOURCE_FILE = Field.of("tftp.source_file", "Source File", FieldType.STRINGZ)
      .blurb("TFTP source file name");
  public static final Field DESTINATION_FILE = Field.of("tftp.destination_file", "Destination File",
      FieldType.STRINGZ).blurb("TFTP destination file name");
  public static final Field REQUEST_FRAME = Field.frameNum("tftp.request_frame", "Request frame")
      .blurb("TFTP request is in frame");
  public static final Field TYPE = Field.of("tftp.type", "Type", FieldType.STRINGZ).blurb("TFTP transfer type");
  public static final Field BLOCK = Field.u16("tftp.block", "Block").blurb("Block number");
  public static final Field BLOCK_FULL = Field.u32("tftp.block.full", "Full Block Number")
      .blurb("Block number, adjusted for wrapping");
  public static final Field ERROR_CODE = Field.u16("tftp.error.code", "Error code").labels(ERRORS)
      .blurb("Error code in case of TFTP error message");
  public static final Field ERROR_MESSAGE = Field.of("tftp.error.message", "Error message", FieldType.STRINGZ)
      .blurb("Error string in case of TFTP error message");
  public static final Field OPTION_NAME = Field.of("tftp.option.name", "Option name", FieldType.STRINGZ);
  public static final Field OPTION_VALUE = Field.of("tftp.option.value", "Option value", FieldType.STRINGZ);

  static final Expert ERROR_PACKET = new Expert("tftp.error", Severity.WARNING, "Response", "TFTP ERROR packet");

  /** One transfer: what its request asked for, keyed by the client's endpoint. */
  static final class Transfer {
    final String file;
    final long requestFrame;
    final int requestOpcode;
    int blockSize = 512;

    Transfer(String file, long requestFrame, int requestOpcode) {
      this.file = file;
      this.requestFrame = requestFrame;
      this.requestOpcode = requestOpcode;
    }
  }

  /**
   * What the first pass knew of a packet: its transfer (null for a request or a packet of none),
   * the block size then, and the transfer key for taps that follow the whole transfer.
   */
  public static final class Info {
    final String file;
    final long requestFrame;
    final int requestOpcode;
    final int blockSize;
    final String key;

    Info(Transfer t, String key) {
      this.file = t == null ? null : t.file;
      this.requestFrame = t == null ? 0 : t.requestFrame;
      this.requestOpcode = t == null ? 0 : t.requestOpcode;
      this.blockSize = t == null ? 512 : t.blockSize;
      this.key = key;
    }

    /** The transfer's file name, or null for a packet outside a known transfer. */
    public String file() {
      return file;
    }

    /** The block size in force: a DATA packet shorter than it is the transfer's last. */
    public int blockSize() {
      return blockSize;
    }

    /** Identifies the transfer (the client's endpoint and the request's frame). */
    public String transfer() {
      return key + " #" + requestFrame;
    }
  }

  private static final class State {
    final Map<String, Transfer> transfers = new HashMap<>();
  }

  public TftpDissector() {
    super("tftp", "Trivial File Transfer Protocol", "TFTP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, PORT, this);
  }

  /** The first pass's view of a tftp layer, or null. */
  public static Info info(Dissection d, int layer) {
    Object o = d.attachment(layer);
    return o instanceof Info ? (Info) o : null;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    if (e - s < 2) {
      Truncation.report(d, layer, s, 2);
      return null;
    }
    byte[] b = d.data();
    int opcode = ((b[s] & 0xff) << 8) | (b[s + 1] & 0xff);
    int u = Transport.find(d, layer);
    int ip = u < 0 ? -1 : EnclosingIp.find(d, u);
    if (ip < 0 || EnclosingIp.inErrorPacket(d, u)) {
      d.attach(layer, new Info(null, null));
      return payload(d, layer, opcode, s, e);
    }
    State st = d.state(this, State::new);
    String src = Transport.srcAddress(d, ip) + " " + Transport.srcPort(d, u);
    String dst = Transport.dstAddress(d, ip) + " " + Transport.dstPort(d, u);
    if (opcode == RRQ || opcode == WRQ) {
      int nul = s + 2;
      while (nul < e && b[nul] != 0) {
        nul++;
      }
      Transfer t = new Transfer(ascii(b, s + 2, nul - s - 2), d.number(), opcode);
      st.transfers.put(src, t);
      d.expect(Protocols.Table.UDP_PORT, Transport.srcAddress(d, ip), Transport.srcPort(d, u), this);
      d.attach(layer, new Info(null, src));
      return null;
    }
    String key = st.transfers.containsKey(dst) ? dst : st.transfers.containsKey(src) ? src : null;
    Transfer t = key == null ? null : st.transfers.get(key);
    if (t != null && opcode == OACK) {
      int size = blockSizeOption(b, s + 2, e);
      if (size >= 8 && size <= 65464) {
        t.blockSize = size;
      }
    }
    d.attach(layer, new Info(t, key));
    return payload(d, layer, opcode, s, e);
  }

  private static Dissector payload(Dissection d, int layer, int opcode, int s, int e) {
    if (opcode == DATA && e - s > 4) {
      d.payload(s + 4, e);
    }
    return null;
  }

  /** The value of a blksize option in the options from {@code at}, or -1. */
  private static int blockSizeOption(byte[] b, int at, int end) {
    int p = at;
    while (p < end) {
      int n = p;
      while (n < end && b[n] != 0) {
        n++;
      }
      int v = n + 1;
      int ve = v;
      while (ve < end && b[ve] != 0) {
        ve++;
      }
      if (v > end) {
        break;
      }
      String name = ascii(b, p, n - p);
      if (name.equalsIgnoreCase("blksize")) {
        return leadingInt(ascii(b, v, ve - v));
      }
      p = ve + 1;
    }
    return -1;
  }

  /** The bytes as tshark shows an ASCII string: anything beyond ASCII as U+FFFD. */
  private static String ascii(byte[] b, int from, int len) {
    StringBuilder sb = new StringBuilder(Math.max(0, len));
    for (int i = from; i < from + len; i++) {
      int c = b[i] & 0xff;
      sb.append(c < 0x80 ? (char) c : '\ufffd');
    }
    return sb.toString();
  }

  /** The decimal number a text starts with, as C's strtol reads it; 0 when there is none. */
  private static int leadingInt(String s) {
    long v = 0;
    int i = 0;
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    while (i < s.length() && Character.isDigit(s.charAt(i)) && v < Integer.MAX_VALUE) {
      v = v * 10 + (s.charAt(i++) - '0');
    }
    return (int) Math.min(v, Integer.MAX_VALUE);
  }

  @Override
  public void fields(Tree t) {
    int opcode = t.u16(0);
    t.uint(OPCODE, 0, 2);
    Info info = t.attachment() instanceof Info ? (Info) t.attachment() : null;
    if (opcode != RRQ && opcode != WRQ && info != null && info.file != null) {
      t.generatedObject(DESTINATION_FILE, info.file);
      t.generated(REQUEST_FRAME, info.requestFrame);
    }
    switch (opcode) {
      case RRQ, WRQ -> {
        int name = stringz(t, opcode == RRQ ? SOURCE_FILE : DESTINATION_FILE, 2);
        int mode = stringz(t, TYPE, name);
        options(t, mode);
      }
      case DATA, ACK -> {
        if (t.has(2, 2)) {
          t.uint(BLOCK, 2, 2);
          t.generated(BLOCK_FULL, t.u16(2));
        }
      }
      case ERROR -> {
        t.uint(ERROR_CODE, 2, 2);
        int end = stringz(t, ERROR_MESSAGE, 4);
        t.expert(ERROR_PACKET, 0, 0, null);
        if (end < 0) {
          return;
        }
      }
      case OACK -> options(t, 2);
      default -> { }
    }
  }

  /** Emits the NUL-ended string at {@code rel} as {@code f}; returns where the next one starts. */
  private static int stringz(Tree t, Field f, int rel) {
    if (rel < 0 || !t.has(rel, 1)) {
      return -1;
    }
    int n = end(t, rel) - rel;
    boolean ended = t.has(rel + n, 1);
    t.object(f, rel, ended ? n + 1 : n, t.asciiz(rel, n));
    return ended ? rel + n + 1 : -1;
  }

  private static void options(Tree t, int rel) {
    int p = rel;
    while (p >= 0 && t.has(p, 1)) {
      int n = end(t, p) - p;
      int v = p + n + 1;
      int m = end(t, v) - v;
      int len = Math.min(n + 1 + m + 1, t.length() - p);
      t.text(p, len, "Option: " + t.asciiz(p, n) + " = " + t.asciiz(v, m));
      t.enter();
      int next = stringz(t, OPTION_NAME, p);
      next = stringz(t, OPTION_VALUE, next);
      t.exit();
      p = next;
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "TFTP";
    int opcode = t.u16(0);
    String op = OPCODES.get((long) opcode);
    StringBuilder info = new StringBuilder(op != null ? op : "Unknown (0x" + String.format("%04x", opcode) + ")");
    switch (opcode) {
      case RRQ, WRQ -> {
        int nameEnd = end(t, 2);
        info.append(", File: ").append(t.asciiz(2, nameEnd - 2));
        int modeEnd = end(t, nameEnd + 1);
        info.append(", Transfer type: ").append(t.asciiz(nameEnd + 1, modeEnd - nameEnd - 1));
        optionsInfo(t, modeEnd + 1, info);
      }
      case DATA -> {
        info.append(", Block: ").append(t.u16(2));
        Info in = t.attachment() instanceof Info ? (Info) t.attachment() : null;
        int size = in == null ? 512 : in.blockSize;
        if (t.length() - 4 < size) {
          info.append(" (last)");
        }
      }
      case ACK -> info.append(", Block: ").append(t.u16(2));
      case ERROR -> {
        String code = ERRORS.get((long) t.u16(2));
        info.append(", Code: ").append(code != null ? code : "Unknown (" + t.u16(2) + ")");
        info.append(", Message: ").append(t.asciiz(4, end(t, 4) - 4));
      }
      case OACK -> optionsInfo(t, 2, info);
      default -> { }
    }
    c.setInfo(info.toString());
  }

  /** Where the NUL-ended string at {@code rel} ends (its NUL, or the captured end). */
  private static int end(Tree t, int rel) {
    int p = rel;
    while (t.has(p, 1) && t.u8(p) != 0) {
      p++;
    }
    return p;
  }

  private static void optionsInfo(Tree t, int rel, StringBuilder info) {
    int p = rel;
    while (t.has(p, 1)) {
      int n = end(t, p);
      int ve = end(t, n + 1);
      info.append(", ").append(t.asciiz(p, n - p)).append('=').append(t.asciiz(n + 1, Math.max(0, ve - n - 1)));
      p = ve + 1;
    }
  }
}
