package io.netsift.core.dissect.proto;

import io.netsift.core.capture.LinkType;
import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * Radiotap capture headers, LINKTYPE_IEEE802_11_RADIOTAP (127) (https://www.radiotap.org/).
 *
 * <pre>
 * +---------+-----+------------+-------------------------+-------------------------------+
 * | version | pad | length(le) | present word(s) (le 32) | fields, each aligned to its   |
 * |    1    |  1  |     2      | bit 31 = another word   | natural size from the start   |
 * +---------+-----+------------+-------------------------+-------------------------------+
 * </pre>
 *
 * Fields appear in the order of their present bits; each is aligned to its own size (table
 * below). A bit netsift does not know the size of ends the walk, as in Wireshark's iterator. The
 * first pass reads the values the 802.11 layers need (flags: FCS at end; rate, channel, signal,
 * noise, TSF, MCS for {@link WlanRadioDissector}) into annotations; the 802.11 frame follows.
 */
public final class RadiotapDissector extends Dissector implements Protocols.Registrable {
  public static final Field VERSION = Field.u8("radiotap.version", "Header revision")
      .blurb("Version of radiotap header format");
  public static final Field PAD = Field.u8("radiotap.pad", "Header pad").blurb("Padding");
  public static final Field LENGTH = Field.u16("radiotap.length", "Header length")
      .blurb("Length of header including version, pad, length and data fields");
  public static final Field PRESENT = Field.none("radiotap.present", "Present flags")
      .blurb("Bitmask indicating which fields are present");
  public static final Field PRESENT_WORD = Field.u32("radiotap.present.word", "Present flags word").hex()
      .blurb("Word from present flags bitmask");
  private static final String[][] PRESENT_BITS = {
      {"tsft", "TSFT"}, {"flags", "Flags"}, {"rate", "Rate"}, {"channel", "Channel"}, {"fhss", "FHSS"},
      {"dbm_antsignal", "dBm Antenna Signal"}, {"dbm_antnoise", "dBm Antenna Noise"},
      {"lock_quality", "Lock Quality"}, {"tx_attenuation", "TX Attenuation"},
      {"db_tx_attenuation", "dB TX Attenuation"}, {"dbm_tx_power", "dBm TX Power"}, {"antenna", "Antenna"},
      {"db_antsignal", "dB Antenna Signal"}, {"db_antnoise", "dB Antenna Noise"}, {"rxflags", "RX flags"},
      {"txflags", "TX flags"}, null, {"data_retries", "data retries"}, {"xchannel", "Channel+"},
      {"mcs", "MCS information"}, {"ampdu", "A-MPDU Status"}, {"vht", "VHT information"},
      {"timestamp", "frame timestamp"}, {"he", "HE information"}, {"he_mu", "HE-MU information"}, null,
      {"0_length.psdu", "0 Length PSDU"}, {"l_sig", "L-SIG"}, {"tlv", "TLVs"},
  };
  private static final Field[] PRESENT_FIELDS = new Field[29];
  static {
    for (int i = 0; i < PRESENT_BITS.length; i++) {
      if (PRESENT_BITS[i] != null) {
        PRESENT_FIELDS[i] = Field.bool("radiotap.present." + PRESENT_BITS[i][0], PRESENT_BITS[i][1])
            .mask(1L << i, 32).states("Present", "Absent");
      }
    }
  }
  public static final Field PRESENT_TSFT = PRESENT_FIELDS[0];
  public static final Field PRESENT_FLAGS = PRESENT_FIELDS[1];
  public static final Field PRESENT_RATE = PRESENT_FIELDS[2];
  public static final Field PRESENT_CHANNEL = PRESENT_FIELDS[3];
  public static final Field PRESENT_FHSS = PRESENT_FIELDS[4];
  public static final Field PRESENT_DBM_ANTSIGNAL = PRESENT_FIELDS[5];
  public static final Field PRESENT_DBM_ANTNOISE = PRESENT_FIELDS[6];
  public static final Field PRESENT_LOCK_QUALITY = PRESENT_FIELDS[7];
  public static final Field PRESENT_TX_ATTENUATION = PRESENT_FIELDS[8];
  public static final Field PRESENT_DB_TX_ATTENUATION = PRESENT_FIELDS[9];
  public static final Field PRESENT_DBM_TX_POWER = PRESENT_FIELDS[10];
  public static final Field PRESENT_ANTENNA = PRESENT_FIELDS[11];
  public static final Field PRESENT_DB_ANTSIGNAL = PRESENT_FIELDS[12];
  public static final Field PRESENT_DB_ANTNOISE = PRESENT_FIELDS[13];
  public static final Field PRESENT_RXFLAGS = PRESENT_FIELDS[14];
  public static final Field PRESENT_TXFLAGS = PRESENT_FIELDS[15];
  public static final Field PRESENT_DATA_RETRIES = PRESENT_FIELDS[17];
  public static final Field PRESENT_XCHANNEL = PRESENT_FIELDS[18];
  public static final Field PRESENT_MCS = PRESENT_FIELDS[19];
  public static final Field PRESENT_AMPDU = PRESENT_FIELDS[20];
  public static final Field PRESENT_VHT = PRESENT_FIELDS[21];
  public static final Field PRESENT_TIMESTAMP = PRESENT_FIELDS[22];
  public static final Field PRESENT_HE = PRESENT_FIELDS[23];
  public static final Field PRESENT_HE_MU = PRESENT_FIELDS[24];
  public static final Field PRESENT_0_LENGTH_PSDU = PRESENT_FIELDS[26];
  public static final Field PRESENT_L_SIG = PRESENT_FIELDS[27];
  public static final Field PRESENT_TLV = PRESENT_FIELDS[28];
  public static final Field PRESENT_RTAP_NS = Field.bool("radiotap.present.rtap_ns", "Radiotap NS next")
      .mask(0x20000000, 32);
  public static final Field PRESENT_VENDOR_NS = Field.bool("radiotap.present.vendor_ns", "Vendor NS next")
      .mask(0x40000000, 32);
  public static final Field PRESENT_EXT = Field.bool("radiotap.present.ext", "Ext").mask(0x80000000L, 32)
      .states("Present", "Absent");
  public static final Field MACTIME = Field.u64("radiotap.mactime", "MAC timestamp");
  public static final Field FLAGS = Field.u8("radiotap.flags", "Flags").hex();
  public static final Field FLAGS_CFP = Field.bool("radiotap.flags.cfp", "CFP").mask(0x01, 8);
  public static final Field FLAGS_PREAMBLE = Field.bool("radiotap.flags.preamble", "Preamble").mask(0x02, 8)
      .states("Short", "Long");
  public static final Field FLAGS_WEP = Field.bool("radiotap.flags.wep", "WEP").mask(0x04, 8);
  public static final Field FLAGS_FRAG = Field.bool("radiotap.flags.frag", "Fragmentation").mask(0x08, 8);
  public static final Field FLAGS_FCS = Field.bool("radiotap.flags.fcs", "FCS at end").mask(0x10, 8);
  public static final Field FLAGS_DATAPAD = Field.bool("radiotap.flags.datapad", "Data Pad").mask(0x20, 8);
  public static final Field FLAGS_BADFCS = Field.bool("radiotap.flags.badfcs", "Bad FCS").mask(0x40, 8);
  public static final Field FLAGS_SHORTGI = Field.bool("radiotap.flags.shortgi", "Short GI").mask(0x80, 8);
  public static final Field DATARATE = Field.of("radiotap.datarate", "Data rate (Mb/s)", FieldType.FLOAT);
  public static final Field CHANNEL_FREQ = Field.u32("radiotap.channel.freq", "Channel frequency");
  public static final Field CHANNEL_FLAGS = Field.u16("radiotap.channel.flags", "Channel flags").hex();
  public static final Field CHANNEL_700MHZ = Field.bool("radiotap.channel.flags.700mhz", "700 MHz spectrum").mask(0x1, 16);
  public static final Field CHANNEL_800MHZ = Field.bool("radiotap.channel.flags.800mhz", "800 MHz spectrum").mask(0x2, 16);
  public static final Field CHANNEL_900MHZ = Field.bool("radiotap.channel.flags.900mhz", "900 MHz spectrum").mask(0x4, 16);
  public static final Field CHANNEL_TURBO = Field.bool("radiotap.channel.flags.turbo", "Turbo").mask(0x10, 16);
  public static final Field CHANNEL_CCK = Field.bool("radiotap.channel.flags.cck", "Complementary Code Keying (CCK)")
      .mask(0x20, 16);
  public static final Field CHANNEL_OFDM = Field.bool("radiotap.channel.flags.ofdm",
      "Orthogonal Frequency-Division Multiplexing (OFDM)").mask(0x40, 16);
  public static final Field CHANNEL_2GHZ = Field.bool("radiotap.channel.flags.2ghz", "2 GHz spectrum").mask(0x80, 16);
  public static final Field CHANNEL_5GHZ = Field.bool("radiotap.channel.flags.5ghz", "5 GHz spectrum").mask(0x100, 16);
  public static final Field CHANNEL_PASSIVE = Field.bool("radiotap.channel.flags.passive", "Passive").mask(0x200, 16);
  public static final Field CHANNEL_DYNAMIC = Field.bool("radiotap.channel.flags.dynamic", "Dynamic CCK-OFDM")
      .mask(0x400, 16);
  public static final Field CHANNEL_GFSK = Field.bool("radiotap.channel.flags.gfsk",
      "Gaussian Frequency Shift Keying (GFSK)").mask(0x800, 16);
  public static final Field CHANNEL_GSM = Field.bool("radiotap.channel.flags.gsm", "GSM (900MHz)").mask(0x1000, 16);
  public static final Field CHANNEL_STURBO = Field.bool("radiotap.channel.flags.sturbo", "Static Turbo")
      .mask(0x2000, 16);
  public static final Field CHANNEL_HALF = Field.bool("radiotap.channel.flags.half",
      "Half Rate Channel (10MHz Channel Width)").mask(0x4000, 16);
  public static final Field CHANNEL_QUARTER = Field.bool("radiotap.channel.flags.quarter",
      "Quarter Rate Channel (5MHz Channel Width)").mask(0x8000, 16);
  private static final Field[] CHANNEL_BITS = {CHANNEL_700MHZ, CHANNEL_800MHZ, CHANNEL_900MHZ, CHANNEL_TURBO,
      CHANNEL_CCK, CHANNEL_OFDM, CHANNEL_2GHZ, CHANNEL_5GHZ, CHANNEL_PASSIVE, CHANNEL_DYNAMIC, CHANNEL_GFSK,
      CHANNEL_GSM, CHANNEL_STURBO, CHANNEL_HALF, CHANNEL_QUARTER};
  public static final Field DBM_ANTSIGNAL = Field.of("radiotap.dbm_antsignal", "Antenna signal", FieldType.INT8)
      .unit(" dBm");
  public static final Field DBM_ANTNOISE = Field.of("radiotap.dbm_antnoise", "Antenna noise", FieldType.INT8)
      .unit(" dBm");
  public static final Field TXPOWER = Field.of("radiotap.txpower", "Transmit power", FieldType.INT8).unit(" dBm");
  public static final Field ANTENNA = Field.u32("radiotap.antenna", "Antenna");
  public static final Field DB_ANTSIGNAL = Field.u8("radiotap.db_antsignal", "dB antenna signal").unit(" dB");
  public static final Field DB_ANTNOISE = Field.u8("radiotap.db_antnoise", "dB antenna noise").unit(" dB");
  public static final Field RXFLAGS = Field.u16("radiotap.rxflags", "RX flags").hex();
  public static final Field RXFLAGS_BADPLCP = Field.bool("radiotap.rxflags.badplcp", "Bad PLCP").mask(0x2, 16);
  public static final Field TXFLAGS = Field.u16("radiotap.txflags", "TX flags").hex();
  // tshark 4.0 names the TX flag bits radiotap.rxflags.*.
  private static final Field[] TXFLAG_BITS = {
      Field.bool("radiotap.rxflags.fail", "Fail").mask(0x1, 16),
      Field.bool("radiotap.rxflags.cts", "CTS").mask(0x2, 16),
      Field.bool("radiotap.rxflags.rts", "RTS/CTS").mask(0x4, 16),
      Field.bool("radiotap.rxflags.noack", "No ACK").mask(0x8, 16),
      Field.bool("radiotap.rxflags.noseqno", "Has Seqnum").mask(0x10, 16),
      Field.bool("radiotap.rxflags.order", "Order").mask(0x20, 16),
  };
  public static final Field TXFLAGS_FAIL = TXFLAG_BITS[0];
  public static final Field TXFLAGS_CTS = TXFLAG_BITS[1];
  public static final Field TXFLAGS_RTS = TXFLAG_BITS[2];
  public static final Field TXFLAGS_NOACK = TXFLAG_BITS[3];
  public static final Field TXFLAGS_NOSEQNO = TXFLAG_BITS[4];
  public static final Field TXFLAGS_ORDER = TXFLAG_BITS[5];
  public static final Field DATA_RETRIES = Field.u8("radiotap.data_retries", "data retries");
  public static final Field MCS = Field.none("radiotap.mcs", "MCS information");
  public static final Field MCS_KNOWN = Field.u8("radiotap.mcs.known", "Known MCS information").hex();
  public static final Field MCS_HAVE_BW = Field.bool("radiotap.mcs.have_bw", "Bandwidth").mask(0x01, 8);
  public static final Field MCS_HAVE_INDEX = Field.bool("radiotap.mcs.have_index", "MCS index").mask(0x02, 8);
  public static final Field MCS_HAVE_GI = Field.bool("radiotap.mcs.have_gi", "Guard interval").mask(0x04, 8);
  public static final Field MCS_HAVE_FORMAT = Field.bool("radiotap.mcs.have_format", "Format").mask(0x08, 8);
  public static final Field MCS_HAVE_FEC = Field.bool("radiotap.mcs.have_fec", "FEC type").mask(0x10, 8);
  public static final Field MCS_HAVE_STBC = Field.bool("radiotap.mcs.have_stbc", "STBC streams").mask(0x20, 8);
  public static final Field MCS_HAVE_NESS = Field.bool("radiotap.mcs.have_ness",
      "Number of extension spatial streams").mask(0x40, 8);
  public static final Field MCS_BW = Field.u8("radiotap.mcs.bw", "Bandwidth").mask(0x03, 8)
      .labels(ValueNames.parse("0=20 MHz|1=40 MHz|2=20 MHz lower|3=20 MHz upper"));
  public static final Field MCS_GI = Field.u8("radiotap.mcs.gi", "Guard interval").mask(0x04, 8)
      .labels(ValueNames.parse("0=long|1=short"));
  public static final Field MCS_FORMAT = Field.u8("radiotap.mcs.format", "Format").mask(0x08, 8)
      .labels(ValueNames.parse("0=mixed|1=greenfield"));
  public static final Field MCS_FEC = Field.u8("radiotap.mcs.fec", "FEC type").mask(0x10, 8)
      .labels(ValueNames.parse("0=BCC|1=LDPC"));
  public static final Field MCS_STBC = Field.u8("radiotap.mcs.stbc", "STBC streams").mask(0x60, 8);
  public static final Field MCS_INDEX = Field.u8("radiotap.mcs.index", "MCS index");

  // First-pass annotations, read by WlanDissector and WlanRadioDissector.
  static final int ANN_FLAGS = 0;    // flags byte | HAVE when present
  static final int ANN_RATE = 1;     // rate in 500 kb/s units | HAVE
  static final int ANN_CHANNEL = 2;  // frequency | channel flags << 16 | HAVE
  static final int ANN_SIGNAL = 3;   // (signal & 0xff) | HAVE
  static final int ANN_NOISE = 4;    // (noise & 0xff) | HAVE
  static final int ANN_TSFT = 5;     // the TSF timer (HAVE_TSFT in ANN_MISC)
  static final int ANN_MCS = 6;      // known | flags << 8 | index << 16 | HAVE
  static final int ANN_MISC = 7;     // HAVE_TSFT
  static final int ANN_COUNT = 8;
  static final long HAVE = 1L << 40;

  private static final int BIT_TSFT = 0;
  private static final int BIT_FLAGS = 1;
  private static final int BIT_RATE = 2;
  private static final int BIT_CHANNEL = 3;
  private static final int BIT_DBM_ANTSIGNAL = 5;
  private static final int BIT_DBM_ANTNOISE = 6;
  private static final int BIT_DBM_TX_POWER = 10;
  private static final int BIT_ANTENNA = 11;
  private static final int BIT_DB_ANTSIGNAL = 12;
  private static final int BIT_DB_ANTNOISE = 13;
  private static final int BIT_RXFLAGS = 14;
  private static final int BIT_TXFLAGS = 15;
  private static final int BIT_DATA_RETRIES = 17;
  private static final int BIT_MCS = 19;
  static final int FLAG_FCS = 0x10;
  static final int FLAG_DATAPAD = 0x20;

  /** Alignment and size of the fields of the radiotap namespace, by present bit; 0 = unknown. */
  private static final int[] ALIGN = {8, 1, 1, 2, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 2, 2, 1, 1, 4, 1, 4, 2, 8, 2, 2, 2, 1, 2};
  private static final int[] SIZE = {8, 1, 1, 4, 2, 1, 1, 2, 2, 2, 1, 1, 1, 1, 2, 2, 1, 1, 8, 3, 8, 12, 12, 12, 12, 6, 1, 4};

  public RadiotapDissector() {
    super("radiotap", "IEEE 802.11 Radiotap Capture header", "802.11 Radiotap");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.LINK_TYPE, LinkType.IEEE802_11_RADIOTAP, this);
  }

  /** The flags byte of the radiotap layer {@code layer} (FCS at end, data pad), 0 when absent. */
  static int flags(Dissection d, int layer) {
    return (int) d.annotation(layer, ANN_FLAGS) & 0xff;
  }

  /** A visitor of the fields the present words announce: bit, offset from the header start. */
  private interface FieldSink {
    void field(int bit, int at);
  }

  /**
   * Walks the present words and the announced fields of the header at {@code s} (captured bytes
   * up to {@code limit}, header length {@code len}); returns the offset after the last word.
   */
  private static int walk(byte[] b, int s, int len, int limit, FieldSink sink, Dissection d, int layer) {
    int words = 0;
    int w = s + 4;
    while (w + 4 <= limit && w + 4 <= s + len) {
      words++;
      if ((Bytes.u32le(b, w) & 0x80000000L) == 0) {
        break;
      }
      w += 4;
    }
    int at = 4 + 4 * words;
    int base = 0; // bit number of the current word's bit 0 within the radiotap namespace
    boolean radiotapNs = true;
    for (int k = 0; k < words; k++) {
      long word = Bytes.u32le(b, s + 4 + 4 * k);
      if (radiotapNs) {
        for (int bit = 0; bit < 29; bit++) {
          if ((word & (1L << bit)) == 0) {
            continue;
          }
          int n = base + bit;
          if (n >= ALIGN.length || SIZE[n] == 0) {
            return at; // a field of unknown size: nothing after it can be found
          }
          int a = ALIGN[n];
          at = (at + a - 1) / a * a;
          if (at + SIZE[n] > len || s + at + SIZE[n] > limit) {
            return at;
          }
          if (sink != null) {
            sink.field(n, at);
          } else {
            record(d, layer, b, s + at, n);
          }
          at += SIZE[n];
        }
      }
      if ((word & 0x20000000L) != 0) {
        radiotapNs = true;
        base = 0;
      } else if ((word & 0x40000000L) != 0) {
        return at; // vendor namespaces: not decoded
      } else {
        base += 32;
      }
    }
    return at;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    byte[] b = d.data();
    if (d.length(layer) < 8) {
      Truncation.report(d, layer, s, 8);
      return null;
    }
    int len = Bytes.u16le(b, s + 2);
    if (len < 8 || len > d.length(layer)) {
      d.malformed(layer);
      return null;
    }
    d.annotate(layer, ANN_COUNT);
    walk(b, s, len, s + len, null, d, layer); // no sink: no allocation in the first pass
    d.payload(s + len, d.end(layer));
    return d.protocols().byName("wlan_radio");
  }

  private static void record(Dissection d, int layer, byte[] b, int p, int bit) {
    switch (bit) {
      case BIT_TSFT:
        d.setAnnotation(layer, ANN_TSFT, Bytes.u32le(b, p) | Bytes.u32le(b, p + 4) << 32);
        d.setAnnotation(layer, ANN_MISC, d.annotation(layer, ANN_MISC) | 1);
        break;
      case BIT_FLAGS:
        d.setAnnotation(layer, ANN_FLAGS, HAVE | Bytes.u8(b, p));
        break;
      case BIT_RATE:
        d.setAnnotation(layer, ANN_RATE, HAVE | Bytes.u8(b, p));
        break;
      case BIT_CHANNEL:
        d.setAnnotation(layer, ANN_CHANNEL, HAVE | Bytes.u16le(b, p) | (long) Bytes.u16le(b, p + 2) << 16);
        break;
      case BIT_DBM_ANTSIGNAL:
        d.setAnnotation(layer, ANN_SIGNAL, HAVE | Bytes.u8(b, p));
        break;
      case BIT_DBM_ANTNOISE:
        d.setAnnotation(layer, ANN_NOISE, HAVE | Bytes.u8(b, p));
        break;
      case BIT_MCS:
        d.setAnnotation(layer, ANN_MCS, HAVE | Bytes.u8(b, p) | Bytes.u8(b, p + 1) << 8 | Bytes.u8(b, p + 2) << 16);
        break;
      default:
        break;
    }
  }

  /** The HT data rate in Mb/s of MCS {@code index} (0-31) at 20/40 MHz and long/short GI, or 0. */
  static double htRate(int index, boolean forty, boolean shortGi) {
    if (index < 0 || index > 31) {
      return 0;
    }
    return htDataBitsPerSymbol(index, forty) / (shortGi ? 3.6 : 4.0);
  }

  /** Data bits per OFDM symbol of HT MCS {@code index} (equal-modulation MCS 0-31). */
  static int htDataBitsPerSymbol(int index, boolean forty) {
    int[] twenty = {26, 52, 78, 104, 156, 208, 234, 260};
    int[] fortyMhz = {54, 108, 162, 216, 324, 432, 486, 540};
    return (forty ? fortyMhz : twenty)[index % 8] * (index / 8 + 1);
  }

  @Override
  public void fields(Tree t) {
    t.uint(VERSION, 0, 1);
    t.uint(PAD, 1, 1);
    t.uintle(LENGTH, 2, 2);
    int len = t.u16le(2);
    if (!t.has(0, 8)) {
      return;
    }
    int limit = Math.min(t.length(), len);
    // The present words.
    int words = 0;
    for (int w = 4; w + 4 <= limit; w += 4) {
      words++;
      if ((t.u32le(w) & 0x80000000L) == 0) {
        break;
      }
    }
    t.object(PRESENT, 4, 4 * words, null);
    t.enter();
    for (int k = 0; k < words; k++) {
      int w = 4 + 4 * k;
      long word = t.uintle(PRESENT_WORD, w, 4);
      t.enter();
      if (k == 0) {
        for (Field f : PRESENT_FIELDS) {
          if (f != null) {
            t.uintle(f, w, 4);
          }
        }
      }
      t.uintle(PRESENT_RTAP_NS, w, 4);
      t.uintle(PRESENT_VENDOR_NS, w, 4);
      t.uintle(PRESENT_EXT, w, 4);
      t.exit();
      if ((word & 0x80000000L) == 0) {
        break;
      }
    }
    t.exit();
    int s = t.start();
    walk(t.data(), s, len, s + t.length(), (bit, at) -> field(t, bit, at), null, 0);
  }

  private static void field(Tree t, int bit, int p) {
    switch (bit) {
      case BIT_TSFT:
        t.uintle(MACTIME, p, 8);
        break;
      case BIT_FLAGS:
        t.uint(FLAGS, p, 1);
        t.enter();
        for (Field f : new Field[] {FLAGS_CFP, FLAGS_PREAMBLE, FLAGS_WEP, FLAGS_FRAG, FLAGS_FCS, FLAGS_DATAPAD,
            FLAGS_BADFCS, FLAGS_SHORTGI}) {
          t.uint(f, p, 1);
        }
        t.exit();
        break;
      case BIT_RATE:
        t.object(DATARATE, p, 1, t.u8(p) / 2.0);
        break;
      case BIT_CHANNEL:
        t.uintle(CHANNEL_FREQ, p, 2);
        t.uintle(CHANNEL_FLAGS, p + 2, 2);
        t.enter();
        for (Field f : CHANNEL_BITS) {
          t.uintle(f, p + 2, 2);
        }
        t.exit();
        break;
      case BIT_DBM_ANTSIGNAL:
        t.number(DBM_ANTSIGNAL, p, 1, (byte) t.u8(p));
        break;
      case BIT_DBM_ANTNOISE:
        t.number(DBM_ANTNOISE, p, 1, (byte) t.u8(p));
        break;
      case BIT_DBM_TX_POWER:
        t.number(TXPOWER, p, 1, (byte) t.u8(p));
        break;
      case BIT_ANTENNA:
        t.uint(ANTENNA, p, 1);
        break;
      case BIT_DB_ANTSIGNAL:
        t.uint(DB_ANTSIGNAL, p, 1);
        break;
      case BIT_DB_ANTNOISE:
        t.uint(DB_ANTNOISE, p, 1);
        break;
      case BIT_RXFLAGS:
        t.uintle(RXFLAGS, p, 2);
        t.enter();
        t.uintle(RXFLAGS_BADPLCP, p, 2);
        t.exit();
        break;
      case BIT_TXFLAGS:
        t.uintle(TXFLAGS, p, 2);
        t.enter();
        for (Field f : TXFLAG_BITS) {
          t.uintle(f, p, 2);
        }
        t.exit();
        break;
      case BIT_DATA_RETRIES:
        t.uint(DATA_RETRIES, p, 1);
        break;
      case BIT_MCS:
        mcs(t, p);
        break;
      default:
        break;
    }
  }

  private static void mcs(Tree t, int p) {
    int known = t.u8(p);
    int flags = t.u8(p + 1);
    double rate = 0;
    t.object(MCS, p, 3, null);
    t.enter();
    t.uint(MCS_KNOWN, p, 1);
    t.enter();
    for (Field f : new Field[] {MCS_HAVE_BW, MCS_HAVE_INDEX, MCS_HAVE_GI, MCS_HAVE_FORMAT, MCS_HAVE_FEC,
        MCS_HAVE_STBC, MCS_HAVE_NESS}) {
      t.uint(f, p, 1);
    }
    t.exit();
    if ((known & 0x01) != 0) {
      t.uint(MCS_BW, p + 1, 1);
    }
    if ((known & 0x04) != 0) {
      t.uint(MCS_GI, p + 1, 1);
    }
    if ((known & 0x08) != 0) {
      t.uint(MCS_FORMAT, p + 1, 1);
    }
    if ((known & 0x10) != 0) {
      t.uint(MCS_FEC, p + 1, 1);
    }
    if ((known & 0x20) != 0) {
      t.uint(MCS_STBC, p + 1, 1);
    }
    if ((known & 0x02) != 0) {
      int index = t.u8(p + 2);
      t.uint(MCS_INDEX, p + 2, 1);
      if ((known & 0x01) != 0 && (known & 0x04) != 0) {
        rate = htRate(index, (flags & 0x03) == 1, (flags & 0x04) != 0);
      }
    }
    t.exit();
    if (rate > 0) {
      t.generatedObject(DATARATE, rate);
    }
  }

  @Override
  public String label(Tree t) {
    if (!t.has(0, 4)) {
      return longName();
    }
    return "Radiotap Header v" + t.u8(0) + ", Length " + t.u16le(2);
  }
}
