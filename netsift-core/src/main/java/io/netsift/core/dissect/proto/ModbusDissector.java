package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.HashMap;
import java.util.Map;

/**
 * The Modbus PDU (<a href="https://modbus.org/docs/Modbus_Application_Protocol_V1_1b3.pdf">Modbus
 * Application Protocol 1.1b3</a>) after {@link MbtcpDissector}'s header: a function code (bit 7
 * set in an exception response) and its data.
 *
 * <pre>
 * +------+-----------------------------------------------
 * | func | Read Coils query: reference (2), bit count (2)
 * +------+ response: byte count (1), coil bits ...
 * </pre>
 *
 * Responses are matched to the query with the same transaction id on the TCP stream (tshark's
 * request frame and time; not for an exception); a read response shows as many bits or registers as its query asked
 * for. Decoded: read coils / discrete inputs / holding and input registers, write single and
 * multiple coils and registers, exceptions; other functions show their function code only.
 */
public final class ModbusDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> FUNCTIONS = ValueNames.parse(
      """
      1=Read Coils|2=Read Discrete Inputs|3=Read Holding Registers|4=Read Input Registers|
      5=Write Single Coil|6=Write Single Register|7=Read Exception Status|8=Diagnostics|
      11=Get Comm. Event Counters|12=Get Comm. Event Log|15=Write Multiple Coils|16=Write Multiple Registers|
      17=Report Slave ID|20=Read File Record|21=Write File Record|22=Mask Write Register|
      23=Read Write Register|24=Read FIFO Queue|43=Encapsulated Interface Transport|90=Unity (Schneider)|
      """);
  private static final Map<Long, String> EXCEPTIONS = ValueNames.parse(
      """
      1=Illegal function|2=Illegal data address|3=Illegal data value|4=Slave device failure|5=Acknowledge|
      6=Slave device busy|8=Memory parity error|10=Gateway path unavailable|
      11=Gateway target device failed to respond|
      """);

  public static final Field REQUEST_FRAME = Field.frameNum("modbus.request_frame", "Request Frame").generated();
  public static final Field RESPONSE_TIME = Field.of("modbus.response_time", "Time from request",
      FieldType.RELATIVE_TIME).generated();
  public static final Field FUNC_CODE = Field.u8("modbus.func_code", "Function Code").mask(0x7f, 8)
      .labels(FUNCTIONS);
  public static final Field REFERENCE_NUM = Field.u16("modbus.reference_num", "Reference Number");
  public static final Field WORD_CNT = Field.u16("modbus.word_cnt", "Word Count");
  public static final Field BIT_CNT = Field.u16("modbus.bit_cnt", "Bit Count");
  public static final Field BYTE_CNT = Field.u8("modbus.byte_cnt", "Byte Count");
  public static final Field EXCEPTION_CODE = Field.u8("modbus.exception_code", "Exception Code").labels(EXCEPTIONS);
  public static final Field DATA = Field.bytes("modbus.data", "Data");
  public static final Field BITNUM = Field.u16("modbus.bitnum", "Bit Number").generated();
  public static final Field BITVAL = Field.bool("modbus.bitval", "Bit Value").mask(0x01, 8);
  public static final Field REGNUM16 = Field.u16("modbus.regnum16", "Register Number").generated();
  public static final Field REGVAL_UINT16 = Field.u16("modbus.regval_uint16", "Register Value (UINT16)");

  private static final int READ_COILS = 1;
  private static final int READ_DISCRETE = 2;
  private static final int READ_HOLDING = 3;
  private static final int READ_INPUT = 4;
  private static final int WRITE_COIL = 5;
  private static final int WRITE_REGISTER = 6;
  private static final int WRITE_COILS = 15;
  private static final int WRITE_REGISTERS = 16;

  /** Annotations: query (1) or response (0); the matched query's frame, time, reference and count. */
  private static final int A_QUERY = 0;
  private static final int A_REQUEST_FRAME = 1;
  private static final int A_DELTA = 2;
  private static final int A_REFERENCE = 3;
  private static final int A_COUNT = 4;

  /** A query seen on a stream: where and when, and what it asked for. */
  private record Query(long frame, long nanos, int func, int reference, int count) {}

  public ModbusDissector() {
    super("modbus", "Modbus", "Modbus");
  }

  @Override
  public void register(Protocols p) {
    // Reached from Modbus/TCP only.
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  static String functionName(int func) {
    String s = FUNCTIONS.get((long) func);
    return s != null ? s : "Unknown function (" + func + ")";
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int e = d.end(layer);
    d.payload(e, e);
    d.annotate(layer, 5);
    int mbtcp = layer - 1;
    int tr = Transport.find(d, layer);
    boolean query = Transport.dstPort(d, tr) == MbtcpDissector.PORT;
    d.setAnnotation(layer, A_QUERY, query ? 1 : 0);
    if (e <= s || mbtcp < 0 || d.length(mbtcp) < 2) {
      return null;
    }
    byte[] b = d.data();
    int trans = io.netsift.core.dissect.Bytes.u16(b, d.start(mbtcp));
    int func = b[s] & 0xff;
    Map<Integer, Query> queries = PerStream.ofTcp(d, this, tr, HashMap::new);
    if (query) {
      int ref = e - s >= 3 ? io.netsift.core.dissect.Bytes.u16(b, s + 1) : 0;
      int count = e - s >= 5 ? io.netsift.core.dissect.Bytes.u16(b, s + 3) : 0;
      queries.put(trans, new Query(d.number(), d.timestampNanos(), func, ref, count));
    } else {
      Query q = queries.get(trans);
      if (q != null && q.func == func && q.frame < d.number()) {
        d.setAnnotation(layer, A_REQUEST_FRAME, q.frame);
        d.setAnnotation(layer, A_DELTA, d.timestampNanos() - q.nanos);
        d.setAnnotation(layer, A_REFERENCE, q.reference);
        d.setAnnotation(layer, A_COUNT, q.count);
      }
    }
    return null;
  }

  @Override
  public void columns(Tree t, Columns c) {
    // Modbus/TCP's Protocol and Info stay.
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, 1)) {
      return;
    }
    int code = t.u8(0);
    int func = code & 0x7f;
    t.uint(FUNC_CODE, 0, 1);
    boolean query = t.annotation(A_QUERY) != 0;
    long requestFrame = t.annotation(A_REQUEST_FRAME);
    if (!query && requestFrame > 0) {
      t.generated(REQUEST_FRAME, requestFrame);
      t.generated(RESPONSE_TIME, t.annotation(A_DELTA));
    }
    if ((code & 0x80) != 0) {
      t.uint(EXCEPTION_CODE, 1, 1);
      return;
    }
    int n = t.length();
    switch (func) {
      case READ_COILS, READ_DISCRETE, READ_HOLDING, READ_INPUT -> {
        boolean bits = func == READ_COILS || func == READ_DISCRETE;
        if (query) {
          t.uint(REFERENCE_NUM, 1, 2);
          t.uint(bits ? BIT_CNT : WORD_CNT, 3, 2);
        } else {
          int bytes = t.u8(1);
          t.uint(BYTE_CNT, 1, 1);
          if (requestFrame > 0) {
            if (bits) {
              bits(t, 2, Math.min(bytes, n - 2), (int) t.annotation(A_COUNT));
            } else {
              registers(t, 2, Math.min(bytes, n - 2), (int) t.annotation(A_REFERENCE));
            }
          }
        }
      }
      case WRITE_COIL -> {
        t.uint(REFERENCE_NUM, 1, 2);
        t.bytes(DATA, 3, 2);
      }
      case WRITE_REGISTER -> {
        t.uint(REFERENCE_NUM, 1, 2);
        t.bytes(DATA, 3, 2);
      }
      case WRITE_COILS, WRITE_REGISTERS -> {
        t.uint(REFERENCE_NUM, 1, 2);
        t.uint(func == WRITE_COILS ? BIT_CNT : WORD_CNT, 3, 2);
        if (query) {
          int bytes = t.u8(5);
          t.uint(BYTE_CNT, 5, 1);
          if (func == WRITE_COILS) {
            t.bytes(DATA, 6, Math.max(0, Math.min(bytes, n - 6)));
          } else {
            registers(t, 6, Math.max(0, Math.min(bytes, n - 6)), t.u16(1));
          }
        }
      }
      default -> { }
    }
  }

  /** Coil or input bits, "Bit N : v", as many as the query asked for (within the bytes). */
  private static void bits(Tree t, int at, int bytes, int count) {
    for (int i = 0; i < count && i < bytes * 8; i++) {
      int byteAt = at + i / 8;
      int v = (t.u8(byteAt) >> (i % 8)) & 1;
      t.text(byteAt, 1, "Bit " + i + " : " + v);
      t.enter();
      t.generated(BITNUM, i);
      t.number(BITVAL, byteAt, 1, v);
      t.exit();
    }
  }

  /** 16-bit registers numbered from {@code reference}, "Register N (UINT16): v". */
  private static void registers(Tree t, int at, int bytes, int reference) {
    for (int i = 0; i + 2 <= bytes; i += 2) {
      int v = t.u16(at + i);
      t.text(at + i, 2, "Register " + (reference + i / 2) + " (UINT16): " + v);
      t.enter();
      t.generated(REGNUM16, reference + i / 2);
      t.number(REGVAL_UINT16, at + i, 2, v);
      t.exit();
    }
  }
}
