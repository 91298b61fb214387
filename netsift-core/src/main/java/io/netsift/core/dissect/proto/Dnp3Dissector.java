package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.StreamPdus;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * DNP3 (IEEE 1815), tshark's {@code dnp3}, on TCP and UDP port 20000.
 *
 * <pre>
 * link header (10): start 0x0564 | length 1 | control 1 | destination 2 LE | source 2 LE | CRC 2
 * user data: (length - 5) bytes in blocks of 16, each followed by its CRC 2
 *   transport control 1 (FIN, FIR, sequence) | application fragment ...
 * application: control 1 | function 1 | IIN 2 (responses) | objects: group 1, variation 1,
 *   qualifier 1 (prefix code, range code), range 0..8, then the items
 * </pre>
 *
 * The CRCs are DNP3's CRC-16 (polynomial 0x3D65, reflected, inverted), stored little-endian.
 * The application layer is read from transport segments that are both first and final
 * (tshark reassembles longer fragments; netsift does not yet); its fields are located at
 * their bytes in the frame, between the block CRCs. Objects are walked as far as their item
 * sizes are known ({@link #ITEM_SIZES}); the points inside them are not shown yet.
 * tshark's warnings: "IIN Abnormality" (device trouble, configuration corrupt, operation already
 * executing, event buffer overflow, parameter error, unknown object or function code) and
 * "Unknown Object\Variation" for a code tshark does not list.
 */
public final class Dnp3Dissector extends Dissector implements Protocols.Registrable, StreamPdus {
  private static final int PORT = 20000;
  private static final int LINK_HEADER = 10;
  private static final int BLOCK = 16;
  private static final Map<Long, String> OBJECTS = loadObjects();

  private static final Map<Long, String> PRI_FUNCS = ValueNames.parse(
      "0=Reset of Remote Link|1=Reset of User Process|2=Test Function For Link|3=User Data"
      + "|4=Unconfirmed User Data|9=Request Link Status");
  private static final Map<Long, String> SEC_FUNCS = ValueNames.parse(
      "0=ACK|1=NACK|11=Status of Link|14=Link Service Not Functioning|15=Link Service Not Used or Implemented");
  private static final Map<Long, String> FUNCS = ValueNames.parse(
      "0=Confirm|1=Read|2=Write|3=Select|4=Operate|5=Direct Operate|6=Direct Operate No Ack"
      + "|7=Immediate Freeze|8=Immediate Freeze No Ack|9=Freeze and Clear|10=Freeze and Clear No ACK"
      + "|11=Freeze With Time|12=Freeze With Time No ACK|13=Cold Restart|14=Warm Restart|15=Initialize Data"
      + "|16=Initialize Application|17=Start Application|18=Stop Application|19=Save Configuration"
      + "|20=Enable Spontaneous Messages|21=Disable Spontaneous Messages|22=Assign Classes"
      + "|23=Delay Measurement|24=Record Current Time|25=Open File|26=Close File|27=Delete File"
      + "|28=Get File Info|29=Authenticate File|30=Abort File|31=Activate Config"
      + "|32=Authentication Request|33=Authentication Error|129=Response|130=Unsolicited Response"
      + "|131=Authentication Response");
  private static final Map<Long, String> PREFIXES = ValueNames.parse(
      "0=None|1=1-Octet Index Prefix|2=2-Octet Index Prefix|3=4-Octet Index Prefix"
      + "|4=1-Octet Object Size Prefix|5=2-Octet Object Size Prefix|6=4-Octet Object Size Prefix");
  private static final Map<Long, String> RANGES = ValueNames.parse(
      "0=8-bit Start and Stop Indices|1=16-bit Start and Stop Indices|2=32-bit Start and Stop Indices"
      + "|3=8-bit Absolute Address in Range Field|4=16-bit Absolute Address in Range Field"
      + "|5=32-bit Absolute Address in Range Field|6=No Range Field|7=8-bit Single Field Quantity"
      + "|8=16-bit Single Field Quantity|9=32-bit Single Field Quantity|10=Reserved|11=Free-format Qualifier");
  /**
   * Bytes per item of the objects whose items are walked (-1: one bit per point, packed; -2:
   * two bits per point, packed). From IEEE 1815's object definitions.
   */
  private static final Map<Integer, Integer> ITEM_SIZES = new HashMap<>();

  static {
    int[][] sizes = {
      {0x0101, -1}, {0x0102, 1}, {0x0201, 1}, {0x0202, 7}, {0x0203, 3}, {0x0301, -2}, {0x0302, 1},
      {0x0401, 1}, {0x0402, 7}, {0x0403, 3}, {0x0a01, -1}, {0x0a02, 1}, {0x0b01, 1}, {0x0b02, 7},
      {0x0c01, 11}, {0x1401, 5}, {0x1402, 3}, {0x1405, 4}, {0x1406, 2}, {0x1501, 5}, {0x1502, 3},
      {0x1509, 4}, {0x150a, 2}, {0x1601, 5}, {0x1602, 3}, {0x1605, 11}, {0x1606, 9}, {0x1e01, 5},
      {0x1e02, 3}, {0x1e03, 4}, {0x1e04, 2}, {0x1e05, 5}, {0x1e06, 9}, {0x2001, 5}, {0x2002, 3},
      {0x2003, 11}, {0x2004, 9}, {0x2005, 5}, {0x2006, 9}, {0x2801, 5}, {0x2802, 3}, {0x2901, 5},
      {0x2902, 3}, {0x2903, 5}, {0x3201, 6}, {0x3202, 10}, {0x3203, 6}, {0x3301, 6}, {0x3302, 6},
      {0x3401, 2}, {0x3402, 2}, {0x5001, -1},
    };
    for (int[] s : sizes) {
      ITEM_SIZES.put(s[0], s[1]);
    }
  }

  public static final Field START = Field.u16("dnp3.start", "Start Bytes").hex();
  public static final Field LEN = Field.u8("dnp3.len", "Length");
  public static final Field CTL = Field.u8("dnp3.ctl", "Control").hex();
  public static final Field CTL_DIR = Field.bool("dnp3.ctl.dir", "Direction").mask(0x80, 8);
  public static final Field CTL_PRM = Field.bool("dnp3.ctl.prm", "Primary").mask(0x40, 8);
  public static final Field CTL_FCB = Field.bool("dnp3.ctl.fcb", "Frame Count Bit").mask(0x20, 8);
  public static final Field CTL_FCV = Field.bool("dnp3.ctl.fcv", "Frame Count Valid").mask(0x10, 8);
  public static final Field CTL_DFC = Field.bool("dnp3.ctl.dfc", "Data Flow Control").mask(0x10, 8);
  public static final Field CTL_PRIFUNC = Field.u8("dnp3.ctl.prifunc", "Control Function Code").mask(0x0f, 8)
      .labels(PRI_FUNCS);
  public static final Field CTL_SECFUNC = Field.u8("dnp3.ctl.secfunc", "Control Function Code").mask(0x0f, 8)
      .labels(SEC_FUNCS);
  public static final Field DST = Field.u16("dnp3.dst", "Destination");
  public static final Field SRC = Field.u16("dnp3.src", "Source");
  public static final Field HDR_CRC = Field.u16("dnp3.hdr.CRC", "Data Link Header checksum").hex();
  public static final Field HDR_CRC_STATUS = Field.u8("dnp.hdr.CRC.status", "Data Link Header Checksum Status")
      .labels(ValueNames.parse("0=Bad|1=Good|2=Unverified|3=Not present|4=Illegal")).generated();
  public static final Field TR_CTL = Field.u8("dnp3.tr.ctl", "Transport Control").hex();
  public static final Field TR_FIN = Field.bool("dnp3.tr.fin", "Final").mask(0x80, 8);
  public static final Field TR_FIR = Field.bool("dnp3.tr.fir", "First").mask(0x40, 8);
  public static final Field TR_SEQ = Field.u8("dnp3.tr.seq", "Sequence").mask(0x3f, 8);
  public static final Field DATA_CHUNK = Field.bytes("dnp.data_chunk", "Data Chunk");
  public static final Field DATA_CHUNK_LEN = Field.u16("dnp.data_chunk_len", "Data Chunk length").generated();
  public static final Field DATA_CHUNK_CRC = Field.u16("dnp.data_chunk.CRC", "Data Chunk checksum").hex();
  public static final Field DATA_CHUNK_CRC_STATUS = Field.u8("dnp.data_chunk.CRC.status",
      "Data Chunk Checksum Status").labels(ValueNames.parse("0=Bad|1=Good|2=Unverified|3=Not present|4=Illegal"))
      .generated();
  public static final Field AL_CTL = Field.u8("dnp3.al.ctl", "Application Control").hex();
  public static final Field AL_FIR = Field.bool("dnp3.al.fir", "First").mask(0x80, 8);
  public static final Field AL_FIN = Field.bool("dnp3.al.fin", "Final").mask(0x40, 8);
  public static final Field AL_CON = Field.bool("dnp3.al.con", "Confirm").mask(0x20, 8);
  public static final Field AL_UNS = Field.bool("dnp3.al.uns", "Unsolicited").mask(0x10, 8);
  public static final Field AL_SEQ = Field.u8("dnp3.al.seq", "Sequence").mask(0x0f, 8);
  public static final Field AL_FUNC = Field.u8("dnp3.al.func", "Application Layer Function Code").labels(FUNCS);
  public static final Field AL_IIN = Field.u16("dnp3.al.iin", "Internal Indications").hex();
  public static final Field IIN_RST = Field.bool("dnp3.al.iin.rst", "Device Restart").mask(0x8000, 16);
  public static final Field IIN_DT = Field.bool("dnp3.al.iin.dt", "Device Trouble").mask(0x4000, 16);
  public static final Field IIN_DOL = Field.bool("dnp3.al.iin.dol", "Digital Outputs in Local").mask(0x2000, 16);
  public static final Field IIN_TSR = Field.bool("dnp3.al.iin.tsr", "Time Sync Required").mask(0x1000, 16);
  public static final Field IIN_CLS3D = Field.bool("dnp3.al.iin.cls3d", "Class 3 Data Available").mask(0x0800, 16);
  public static final Field IIN_CLS2D = Field.bool("dnp3.al.iin.cls2d", "Class 2 Data Available").mask(0x0400, 16);
  public static final Field IIN_CLS1D = Field.bool("dnp3.al.iin.cls1d", "Class 1 Data Available").mask(0x0200, 16);
  public static final Field IIN_BMSG = Field.bool("dnp3.al.iin.bmsg", "Broadcast Msg Rx").mask(0x0100, 16);
  public static final Field IIN_CC = Field.bool("dnp3.al.iin.cc", "Configuration Corrupt").mask(0x0020, 16);
  public static final Field IIN_OAE = Field.bool("dnp3.al.iin.oae", "Operation Already Executing").mask(0x0010, 16);
  public static final Field IIN_EBO = Field.bool("dnp3.al.iin.ebo", "Event Buffer Overflow").mask(0x0008, 16);
  public static final Field IIN_PIOOR = Field.bool("dnp3.al.iin.pioor", "Parameters Invalid or Out of Range").mask(0x0004, 16);
  public static final Field IIN_OBJU = Field.bool("dnp3.al.iin.obju", "Requested Objects Unknown").mask(0x0002, 16);
  public static final Field IIN_FCNI = Field.bool("dnp3.al.iin.fcni", "Function Code not implemented").mask(0x0001, 16);
  /** The IIN bits in tshark's order (first octet from its top bit, then the second). */
  private static final Field[] IIN_BITS = {IIN_RST, IIN_DT, IIN_DOL, IIN_TSR, IIN_CLS3D, IIN_CLS2D, IIN_CLS1D, IIN_BMSG, IIN_CC, IIN_OAE, IIN_EBO, IIN_PIOOR, IIN_OBJU, IIN_FCNI};
  public static final Field AL_OBJ = Field.u16("dnp3.al.obj", "Object").hex()
      .labels(v -> OBJECTS.getOrDefault(v, "Unknown Object\\Variation"));
  public static final Field AL_OBJQ_PREFIX = Field.u8("dnp3.al.objq.prefix", "Prefix Code").mask(0x70, 8)
      .labels(PREFIXES);
  public static final Field AL_OBJQ_RANGE = Field.u8("dnp3.al.objq.range", "Range Code").mask(0x0f, 8)
      .labels(RANGES);
  public static final Field AL_RANGE_START = Field.u8("dnp3.al.range.start", "Start (8 bit)");
  public static final Field AL_RANGE_STOP = Field.u8("dnp3.al.range.stop", "Stop (8 bit)");
  public static final Field AL_RANGE_ABS = Field.u8("dnp3.al.range.abs", "Address (8 bit)");
  public static final Field AL_RANGE_QUANTITY = Field.u8("dnp3.al.range.quantity", "Quantity (8 bit)");

  public static final Expert HDR_CRC_INCORRECT = new Expert("dnp3.hdr.CRC.incorrect", Expert.Severity.WARNING,
      "Checksum", "Data Link Header Checksum incorrect");
  public static final Expert CHUNK_CRC_INCORRECT = new Expert("dnp3.data_chunk.CRC.incorrect",
      Expert.Severity.WARNING, "Checksum", "Data Chunk Checksum incorrect");
  public static final Expert IIN_ABNORMAL = new Expert("dnp3.iin_abnormal", Expert.Severity.WARNING, "Protocol",
      "IIN Abnormality");
  public static final Expert UNKNOWN_OBJECT = new Expert("dnp3.unknown_object", Expert.Severity.WARNING, "Protocol",
      "Unknown Object\\Variation");

  /** IIN bits tshark calls abnormal: device trouble and the second octet's six error bits. */
  private static final int IIN_ABNORMAL_BITS = 0x4000 | 0x003f;

  public Dnp3Dissector() {
    super("dnp3", "Distributed Network Protocol 3.0", "DNP 3.0");
  }

  private static Map<Long, String> loadObjects() {
    Map<Long, String> m = new HashMap<>();
    try (InputStream in = Dnp3Dissector.class.getResourceAsStream("dnp3-objects.tsv")) {
      if (in == null) {
        return m;
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split("\t", 2);
        if (f.length == 2) {
          m.put(Long.parseLong(f[0]), f[1]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("dnp3-objects.tsv: " + e.getMessage(), e);
    }
    return m;
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.TCP_PORT, PORT, this);
    p.map(Protocols.Table.UDP_PORT, PORT, this);
  }

  /** Bytes of a link frame whose length field says {@code len}: header, user data and block CRCs. */
  static int frameLength(int len) {
    int user = len - 5;
    return LINK_HEADER + user + 2 * ((user + BLOCK - 1) / BLOCK);
  }

  @Override
  public int pduLength(Dissection d, int tcpLayer, byte[] b, int off, int avail) {
    if (avail < 2) {
      return MORE;
    }
    if ((b[off] & 0xff) != 0x05 || (b[off + 1] & 0xff) != 0x64) {
      return AS_DATA; // tshark's DNP3 over TCP refuses the segment: it becomes data
    }
    if (avail < 3) {
      return MORE;
    }
    int len = b[off + 2] & 0xff;
    return len < 5 ? NOT_MINE : frameLength(len);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    if (end - s >= 3 && Bytes.u16(b, s) == 0x0564 && (b[s + 2] & 0xff) >= 5) {
      d.setEnd(layer, Math.min(end, s + frameLength(b[s + 2] & 0xff)));
    }
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  /** DNP3's CRC-16 of {@code len} bytes at {@code off}. */
  static int crc(byte[] b, int off, int len) {
    int crc = 0;
    for (int i = 0; i < len; i++) {
      crc ^= b[off + i] & 0xff;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA6BC : crc >>> 1;
      }
    }
    return ~crc & 0xffff;
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, LINK_HEADER)) {
      t.uint(START, 0, 2);
      t.uint(LEN, 2, 1);
      return;
    }
    byte[] b = t.data();
    int base = t.start();
    t.uint(START, 0, 2);
    int len = (int) t.uint(LEN, 2, 1);
    int ctl = (int) t.uint(CTL, 3, 1);
    t.enter();
    t.uint(CTL_DIR, 3, 1);
    t.uint(CTL_PRM, 3, 1);
    if ((ctl & 0x40) != 0) {
      t.uint(CTL_FCB, 3, 1);
      t.uint(CTL_FCV, 3, 1);
      t.uint(CTL_PRIFUNC, 3, 1);
    } else {
      t.uint(CTL_DFC, 3, 1);
      t.uint(CTL_SECFUNC, 3, 1);
    }
    t.exit();
    t.uintle(DST, 4, 2);
    t.uintle(SRC, 6, 2);
    int stored = t.u16le(8);
    t.uintle(HDR_CRC, 8, 2);
    boolean good = crc(b, base, 8) == stored;
    t.enter();
    t.number(HDR_CRC_STATUS, 8, 0, good ? 1 : 0);
    t.exit();
    if (!good) {
      t.expert(HDR_CRC_INCORRECT, 8, 2, null);
    }
    int user = Math.max(0, len - 5);
    if (user == 0) {
      return;
    }
    // The user data without the block CRCs.
    byte[] data = new byte[user];
    int got = 0;
    for (int rel = LINK_HEADER; got < user && t.has(rel, 1); ) {
      int n = Math.min(BLOCK, user - got);
      if (!t.has(rel, n)) {
        break;
      }
      System.arraycopy(b, base + rel, data, got, n);
      got += n;
      rel += n + 2;
    }
    int trCtl = t.u8(LINK_HEADER);
    t.uint(TR_CTL, LINK_HEADER, 1);
    t.enter();
    t.uint(TR_FIN, LINK_HEADER, 1);
    t.uint(TR_FIR, LINK_HEADER, 1);
    t.uint(TR_SEQ, LINK_HEADER, 1);
    t.exit();
    for (int done = 0, rel = LINK_HEADER; done < user && t.has(rel, 1); rel += BLOCK + 2) {
      int n = Math.min(BLOCK, user - done);
      t.bytes(DATA_CHUNK, rel, n);
      t.enter();
      t.number(DATA_CHUNK_LEN, rel, 0, n);
      t.uintle(DATA_CHUNK_CRC, rel + n, 2);
      boolean chunkGood = t.has(rel + n, 2) && crc(b, base + rel, n) == t.u16le(rel + n);
      t.number(DATA_CHUNK_CRC_STATUS, rel + n, 0, chunkGood ? 1 : 0);
      t.exit();
      if (t.has(rel + n, 2) && !chunkGood) {
        t.expert(CHUNK_CRC_INCORRECT, rel + n, 2, null);
      }
      done += n;
    }
    if (got == user && (trCtl & 0xc0) == 0xc0) {
      application(t, data);
    }
  }

  /** Where byte {@code k} of the application fragment lies in the frame (after the transport byte). */
  private static int at(int k) {
    int u = k + 1;
    return LINK_HEADER + (u / BLOCK) * (BLOCK + 2) + u % BLOCK;
  }

  /** The application layer of a fragment that one transport segment carried ({@code data[0]} is its control). */
  private static void application(Tree t, byte[] data) {
    int n = data.length - 1;
    if (n < 2) {
      return;
    }
    int ctl = data[1] & 0xff;
    masked(t, AL_CTL, at(0), 1, ctl);
    t.enter();
    masked(t, AL_FIR, at(0), 1, ctl);
    masked(t, AL_FIN, at(0), 1, ctl);
    masked(t, AL_CON, at(0), 1, ctl);
    masked(t, AL_UNS, at(0), 1, ctl);
    masked(t, AL_SEQ, at(0), 1, ctl);
    t.exit();
    int func = data[2] & 0xff;
    masked(t, AL_FUNC, at(1), 1, func);
    int k = 2;
    if (func >= 129 && func <= 131) {
      if (n < 4) {
        return;
      }
      int iin = ((data[3] & 0xff) << 8) | (data[4] & 0xff);
      masked(t, AL_IIN, at(2), 2, iin);
      t.enter();
      for (Field f : IIN_BITS) {
        masked(t, f, at(2), 2, iin);
      }
      t.exit();
      if ((iin & IIN_ABNORMAL_BITS) != 0) {
        t.expert(IIN_ABNORMAL, at(2), 2, null);
      }
      k = 4;
    }
    // tshark reads objects after the requests that carry them and after responses; not after
    // restarts, application start/stop and the like (measured: Stop Application's are left).
    boolean objects = func <= 12 || (func >= 20 && func <= 22) || func == 129 || func == 130;
    if (!objects) {
      return;
    }
    boolean headersOnly = func == 1 || (func >= 7 && func <= 10) || (func >= 20 && func <= 22);
    while (k + 3 <= n) {
      k = object(t, data, k, n, headersOnly);
      if (k < 0) {
        return;
      }
    }
  }

  /** One object header (and its items) at fragment byte {@code k}; the next header's byte, or -1 to stop. */
  private static int object(Tree t, byte[] data, int k, int n, boolean headersOnly) {
    int obj = ((data[k + 1] & 0xff) << 8) | (data[k + 2] & 0xff);
    int q = data[k + 3] & 0xff;
    masked(t, AL_OBJ, at(k), 2, obj);
    t.enter();
    boolean known = OBJECTS.containsKey((long) obj);
    if (!known) {
      t.expert(UNKNOWN_OBJECT, at(k), 2, null);
    }
    masked(t, AL_OBJQ_PREFIX, at(k + 2), 1, q);
    masked(t, AL_OBJQ_RANGE, at(k + 2), 1, q);
    int range = q & 0x0f;
    int prefix = (q >> 4) & 7;
    int p = k + 3;
    long items;
    switch (range) {
      case 0:
      case 1:
      case 2: {
        int w = range == 0 ? 1 : range == 1 ? 2 : 4;
        if (p + 2 * w > n) {
          t.exit();
          return -1;
        }
        long start = le(data, p + 1, w);
        long stop = le(data, p + 1 + w, w);
        t.number(AL_RANGE_START, at(p), w, start);
        t.number(AL_RANGE_STOP, at(p + w), w, stop);
        items = stop - start + 1;
        p += 2 * w;
        break;
      }
      case 3:
      case 4:
      case 5: {
        int w = range == 3 ? 1 : range == 4 ? 2 : 4;
        if (p + w > n) {
          t.exit();
          return -1;
        }
        t.number(AL_RANGE_ABS, at(p), w, le(data, p + 1, w));
        items = 1;
        p += w;
        break;
      }
      case 6:
        items = 0;
        break;
      case 7:
      case 8:
      case 9: {
        int w = range == 7 ? 1 : range == 8 ? 2 : 4;
        if (p + w > n) {
          t.exit();
          return -1;
        }
        items = le(data, p + 1, w);
        t.number(AL_RANGE_QUANTITY, at(p), w, items);
        p += w;
        break;
      }
      default:
        t.exit();
        return -1;
    }
    t.exit();
    // Class data and "any variation" requests carry no items, nor does any header-only request.
    if (headersOnly || (obj >> 8) == 0x3c || (obj & 0xff) == 0 || items <= 0) {
      return p;
    }
    Integer size = ITEM_SIZES.get(obj);
    if (!known || size == null) {
      return -1;
    }
    if (size < 0) {
      return prefix == 0 ? p + (int) ((items * -size + 7) / 8) : -1;
    }
    int indexBytes = prefix == 1 ? 1 : prefix == 2 ? 2 : prefix == 3 ? 4 : 0;
    int sizeBytes = prefix == 4 ? 1 : prefix == 5 ? 2 : prefix == 6 ? 4 : 0;
    for (long i = 0; i < items; i++) {
      if (sizeBytes > 0) {
        if (p + sizeBytes > n) {
          return -1;
        }
        p += sizeBytes + (int) le(data, p + 1, sizeBytes);
      } else {
        p += indexBytes + size;
      }
      if (p > n) {
        return -1;
      }
    }
    return p;
  }

  /** Emits a value read from the fragment, with its field's bits taken out as a read would. */
  private static void masked(Tree t, Field f, int rel, int len, long raw) {
    t.number(f, rel, len, f.extract(raw));
  }

  /** Little-endian unsigned of {@code w} bytes at {@code data[i]}. */
  private static long le(byte[] data, int i, int w) {
    long v = 0;
    for (int j = w - 1; j >= 0; j--) {
      v = (v << 8) | (data[i + j] & 0xff);
    }
    return v;
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, LINK_HEADER)) {
      return;
    }
    int len = t.u8(2);
    int ctl = t.u8(3);
    if (len <= 5 || !t.has(LINK_HEADER, Math.min(BLOCK, len - 5))) {
      String name = ((ctl & 0x40) != 0 ? PRI_FUNCS : SEC_FUNCS).get((long) (ctl & 0x0f));
      c.setInfo(name != null ? name : "");
      return;
    }
    int tr = t.u8(LINK_HEADER);
    if ((tr & 0xc0) != 0xc0 || len - 5 < 3) {
      return;
    }
    int func = t.u8(LINK_HEADER + 2);
    String name = FUNCS.get((long) func);
    StringBuilder info = new StringBuilder(name != null ? name : "Unknown function (0x" + Integer.toHexString(func) + ")");
    if ((func == 1 || func == 2) && len - 5 >= 6) {
      int obj = (t.u8(LINK_HEADER + 3) << 8) | t.u8(LINK_HEADER + 4);
      info.append(", ").append(requestSummary(t, obj, len - 5));
    }
    c.setInfo(info.toString());
  }

  /** tshark's words after a read or write: "Class 0123" for class reads, else the object's group. */
  private static String requestSummary(Tree t, int first, int user) {
    if ((first >> 8) == 0x3c) {
      boolean[] classes = new boolean[4];
      // Class objects are 3-byte headers with no range: 60/1..60/4 mean classes 0..3.
      for (int k = 3; k + 3 <= user && k + 2 < BLOCK; k += 3) {
        int obj = (t.u8(LINK_HEADER + k) << 8) | t.u8(LINK_HEADER + k + 1);
        if ((obj >> 8) != 0x3c || (obj & 0xff) < 1 || (obj & 0xff) > 4) {
          break;
        }
        classes[(obj & 0xff) - 1] = true;
      }
      StringBuilder s = new StringBuilder("Class ");
      for (int i = 0; i < 4; i++) {
        if (classes[i]) {
          s.append(i);
        }
      }
      return s.toString();
    }
    String name = OBJECTS.get((long) first);
    if (name == null) {
      return "Unknown Object Type";
    }
    // The object's name without its "(Obj:.., Var:..)" tail and "Default Variation" suffix.
    int paren = name.indexOf(" (Obj:");
    String group = paren > 0 ? name.substring(0, paren) : name;
    return group.endsWith(" Default Variation") ? group.substring(0, group.length() - 18) : group;
  }
}
