package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;

/**
 * tshark's "802.11 radio information" pseudo-layer ({@code wlan_radio}): what the radio header
 * in front of an 802.11 frame says, in PHY-neutral form (PHY type, rate, channel, signal and
 * noise), and the frame's airtime derived from them: its duration (preamble plus data symbols,
 * IEEE Std 802.11-2020 clauses 16, 17 and 19), start and end on the TSF timer, and the
 * inter-frame space since the previous frame ended. It owns no bytes; tshark lists it in
 * frame.protocols between {@code radiotap} and {@code wlan}, and so does netsift. The
 * inter-frame space needs the previous frame, so the first pass computes the timing and keeps
 * it in annotations.
 */
public final class WlanRadioDissector extends Dissector {
  public static final Field PHY = Field.u32("wlan_radio.phy", "PHY type").labels(ValueNames.parse(
      "0=Unknown|1=802.11 FHSS|2=802.11 IR|3=802.11 DSSS|4=802.11b (HR/DSSS)|5=802.11a (OFDM)|6=802.11g (ERP)|"
          + "7=802.11n (HT)|8=802.11ac (VHT)|9=802.11ad (DMG)|10=802.11ah (S1G)|11=802.11ax (HE)"));
  public static final Field MCS_INDEX = Field.u32("wlan_radio.11n.mcs_index", "MCS index")
      .blurb("Modulation and Coding Scheme index");
  public static final Field BANDWIDTH = Field.u32("wlan_radio.11n.bandwidth", "Bandwidth")
      .labels(ValueNames.parse("0=20 MHz|1=40 MHz|2=20 MHz + 20 MHz lower|3=20 MHz + 20 MHz upper"));
  public static final Field SHORT_GI = Field.bool("wlan_radio.11n.short_gi", "Short GI");
  public static final Field SHORT_PREAMBLE = Field.bool("wlan_radio.short_preamble", "Short preamble");
  public static final Field DATA_RATE = Field.of("wlan_radio.data_rate", "Data rate", FieldType.FLOAT)
      .unit(" Mb/s").blurb("Speed at which this frame was sent/received");
  public static final Field CHANNEL = Field.u32("wlan_radio.channel", "Channel");
  public static final Field FREQUENCY = Field.u16("wlan_radio.frequency", "Frequency").unit("MHz");
  public static final Field SIGNAL_DBM = Field.of("wlan_radio.signal_dbm", "Signal strength (dBm)", FieldType.INT8)
      .unit(" dBm");
  public static final Field NOISE_DBM = Field.of("wlan_radio.noise_dbm", "Noise level (dBm)", FieldType.INT8)
      .unit(" dBm");
  public static final Field SNR = Field.of("wlan_radio.snr", "Signal/noise ratio (dB)", FieldType.INT32).unit(" dB");
  public static final Field TIMESTAMP = Field.u64("wlan_radio.timestamp", "TSF timestamp")
      .blurb("Timing Synchronization Function timestamp");
  public static final Field DURATION = Field.u32("wlan_radio.duration", "Duration").unit("µs");
  static final Expert ASSUMED_SHORT_PREAMBLE = assumption("wlan_radio.assumed.short_preamble",
      "No preamble length information was available, assuming short preamble.");
  static final Expert ASSUMED_NON_GREENFIELD = assumption("wlan_radio.assumed.non_greenfield",
      "No plcp type information was available, assuming non greenfield.");
  static final Expert ASSUMED_NO_STBC = assumption("wlan_radio.assumed.no_stbc",
      "No stbc information was available, assuming no stbc.");
  static final Expert ASSUMED_NO_EXTENSION_STREAMS = assumption("wlan_radio.assumed.no_extension_streams",
      "No extension stream information was available, assuming no extension streams.");
  static final Expert ASSUMED_BCC_FEC = assumption("wlan_radio.assumed.bcc_fec",
      "No fec type information was available, assuming bcc fec.");
  public static final Field PREAMBLE = Field.u32("wlan_radio.preamble", "Preamble").unit("µs");
  public static final Field IFS = Field.of("wlan_radio.ifs", "IFS", FieldType.INT64).unit("µs");
  public static final Field START_TSF = Field.u64("wlan_radio.start_tsf", "Start").unit("µs");
  public static final Field END_TSF = Field.u64("wlan_radio.end_tsf", "End").unit("µs");

  private static Expert assumption(String name, String text) {
    return new Expert(name, Expert.Severity.WARNING, "Assumption", text);
  }

  private static final int PHY_11B = 4;
  private static final int PHY_11A = 5;
  private static final int PHY_11G = 6;
  private static final int PHY_11N = 7;

  // Annotations of this layer.
  private static final int ANN_PHY = 0;
  private static final int ANN_DURATION = 1; // duration | preamble << 20 | HAVE_DURATION
  private static final int ANN_IFS = 2;      // the IFS (valid with HAVE_IFS in ANN_PHY)
  private static final int ANN_END = 3;
  private static final int ANN_COUNT = 4;
  private static final long HAVE_DURATION = 1L << 40;
  private static final long HAVE_IFS = 1L << 41;
  private static final long ASSUMED_SHORT = 1L << 42;

  /** The TSF time the previous frame ended at, for the inter-frame space. */
  private static final class Timeline {
    boolean seen;
    long lastEnd;
  }

  public WlanRadioDissector() {
    super("wlan_radio", "802.11 radio information", "802.11 Radio");
  }

  private static int radiotap(Dissection d, int layer) {
    return layer > 0 && d.dissector(layer - 1) instanceof RadiotapDissector ? layer - 1 : -1;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.start(layer), d.end(layer));
    Dissector wlan = d.protocols().byName("wlan");
    int r = radiotap(d, layer);
    if (r < 0) {
      return wlan;
    }
    d.annotate(layer, ANN_COUNT);
    long flags = d.annotation(r, RadiotapDissector.ANN_FLAGS);
    long rate = d.annotation(r, RadiotapDissector.ANN_RATE);
    long channel = d.annotation(r, RadiotapDissector.ANN_CHANNEL);
    long mcs = d.annotation(r, RadiotapDissector.ANN_MCS);
    int phy = phy(rate, channel, mcs);
    long phyAnn = phy;
    // The frame's bytes on the air: what follows the radio header, FCS included.
    long length = d.originalLength() - (d.start(layer) - d.start(r));
    long preamble = -1;
    long duration = -1;
    if (phy == PHY_11B && (rate & RadiotapDissector.HAVE) != 0 && (rate & 0xff) != 0) {
      boolean shortPreamble;
      if ((flags & RadiotapDissector.HAVE) != 0) {
        shortPreamble = (flags & 0x02) != 0;
      } else {
        shortPreamble = true;
        phyAnn |= ASSUMED_SHORT;
      }
      preamble = shortPreamble ? 96 : 192;
      duration = preamble + (length * 16 + (rate & 0xff) - 1) / (rate & 0xff);
    } else if ((phy == PHY_11A || phy == PHY_11G) && (rate & RadiotapDissector.HAVE) != 0 && (rate & 0xff) != 0) {
      long bitsPerSymbol = (rate & 0xff) * 2; // Mb/s x 4 µs = (500 kb/s units) x 2
      preamble = 20;
      duration = preamble + 4 * ((16 + 8 * length + 6 + bitsPerSymbol - 1) / bitsPerSymbol);
    } else if (phy == PHY_11N && (mcs & 0x02) != 0) {
      int index = (int) (mcs >> 16) & 0xff;
      boolean forty = (mcs & 0x01) != 0 && ((mcs >> 8) & 0x03) == 1;
      boolean shortGi = (mcs & 0x04) != 0 && ((mcs >> 8) & 0x04) != 0;
      if (index < 32) {
        int streams = index / 8 + 1;
        int ltfs = streams == 3 ? 4 : streams;
        preamble = 32 + 4L * ltfs;
        long ndbps = RadiotapDissector.htDataBitsPerSymbol(index, forty);
        long symbols = (16 + 8 * length + 6 + ndbps - 1) / ndbps;
        duration = preamble + (shortGi ? (symbols * 36 + 9) / 10 : symbols * 4);
      }
    }
    Timeline tl = d.state(this, Timeline::new);
    long misc = d.annotation(r, RadiotapDissector.ANN_MISC);
    long end = 0;
    if (duration >= 0 && (misc & 1) != 0) {
      end = d.annotation(r, RadiotapDissector.ANN_TSFT);
      long start = end - duration;
      d.setAnnotation(layer, ANN_DURATION, HAVE_DURATION | duration | preamble << 20);
      d.setAnnotation(layer, ANN_END, end);
      if (tl.seen) {
        d.setAnnotation(layer, ANN_IFS, start - tl.lastEnd);
        phyAnn |= HAVE_IFS;
      }
    }
    // Every frame moves the timeline on; one without timing leaves tshark's "previous end" at 0.
    tl.seen = true;
    tl.lastEnd = end;
    d.setAnnotation(layer, ANN_PHY, phyAnn);
    return wlan;
  }

  /** The PHY from the MCS field, the channel's modulation flags or, lacking both, the rate. */
  private static int phy(long rate, long channel, long mcs) {
    if ((mcs & RadiotapDissector.HAVE) != 0) {
      return PHY_11N;
    }
    if ((channel & RadiotapDissector.HAVE) != 0) {
      int flags = (int) (channel >> 16) & 0xffff;
      if ((flags & 0x20) != 0) {
        return PHY_11B;
      }
      if ((flags & 0x40) != 0) {
        return (flags & 0x100) != 0 ? PHY_11A : PHY_11G;
      }
      if ((flags & 0x400) != 0) {
        return PHY_11G;
      }
    }
    if ((rate & RadiotapDissector.HAVE) != 0) {
      int r = (int) rate & 0xff;
      if (r == 2 || r == 4 || r == 11 || r == 22) {
        return PHY_11B;
      }
    }
    return 0;
  }

  /** The channel number of a frequency in MHz (2.4 and 5 GHz bands), or -1. */
  static int channelOf(int freq) {
    if (freq == 2484) {
      return 14;
    }
    if (freq >= 2412 && freq < 2484) {
      return (freq - 2407) / 5;
    }
    if (freq >= 5000 && freq < 5900) {
      return (freq - 5000) / 5;
    }
    return -1;
  }

  @Override
  public void fields(Tree t) {
    Dissection d = t.dissection();
    int r = radiotap(d, t.layer());
    if (r < 0) {
      return;
    }
    long phyAnn = t.annotation(ANN_PHY);
    int phy = (int) (phyAnn & 0xff);
    long flags = d.annotation(r, RadiotapDissector.ANN_FLAGS);
    long rate = d.annotation(r, RadiotapDissector.ANN_RATE);
    long channel = d.annotation(r, RadiotapDissector.ANN_CHANNEL);
    long signal = d.annotation(r, RadiotapDissector.ANN_SIGNAL);
    long noise = d.annotation(r, RadiotapDissector.ANN_NOISE);
    long mcs = d.annotation(r, RadiotapDissector.ANN_MCS);
    if (phy != 0) {
      t.generated(PHY, phy);
    }
    double dataRate = 0;
    if (phy == PHY_11N) {
      int index = (int) (mcs >> 16) & 0xff;
      int mflags = (int) (mcs >> 8) & 0xff;
      if ((mcs & 0x02) != 0) {
        t.generated(MCS_INDEX, index);
      }
      if ((mcs & 0x01) != 0) {
        t.generated(BANDWIDTH, mflags & 0x03);
      }
      if ((mcs & 0x04) != 0) {
        t.generated(SHORT_GI, (mflags & 0x04) != 0 ? 1 : 0);
      }
      if ((mcs & 0x07) == 0x07) {
        dataRate = RadiotapDissector.htRate(index, (mflags & 0x03) == 1, (mflags & 0x04) != 0);
      }
    } else {
      if ((flags & RadiotapDissector.HAVE) != 0 && phy == PHY_11B) {
        t.generated(SHORT_PREAMBLE, (flags & 0x02) != 0 ? 1 : 0);
      }
      if ((rate & RadiotapDissector.HAVE) != 0) {
        dataRate = (rate & 0xff) / 2.0;
      }
    }
    if (dataRate > 0) {
      t.generatedObject(DATA_RATE, dataRate);
    }
    if ((channel & RadiotapDissector.HAVE) != 0) {
      int freq = (int) channel & 0xffff;
      int number = channelOf(freq);
      if (number >= 0) {
        t.generated(CHANNEL, number);
      }
      t.generated(FREQUENCY, freq);
    }
    if ((signal & RadiotapDissector.HAVE) != 0) {
      t.generated(SIGNAL_DBM, (byte) signal);
    }
    if ((noise & RadiotapDissector.HAVE) != 0) {
      t.generated(NOISE_DBM, (byte) noise);
    }
    if ((signal & RadiotapDissector.HAVE) != 0 && (noise & RadiotapDissector.HAVE) != 0) {
      t.generated(SNR, (byte) signal - (byte) noise);
    }
    if ((d.annotation(r, RadiotapDissector.ANN_MISC) & 1) != 0) {
      t.generated(TIMESTAMP, d.annotation(r, RadiotapDissector.ANN_TSFT));
    }
    long dur = t.annotation(ANN_DURATION);
    if ((dur & HAVE_DURATION) != 0) {
      long duration = dur & 0xfffff;
      long preamble = (dur >> 20) & 0xfffff;
      long end = t.annotation(ANN_END);
      t.generated(DURATION, duration);
      t.enter();
      if ((phyAnn & ASSUMED_SHORT) != 0) {
        t.expert(ASSUMED_SHORT_PREAMBLE, 0, 0, null);
      }
      if (phy == PHY_11N) {
        if ((mcs & 0x08) == 0) {
          t.expert(ASSUMED_NON_GREENFIELD, 0, 0, null);
        }
        if ((mcs & 0x20) == 0) {
          t.expert(ASSUMED_NO_STBC, 0, 0, null);
        }
        if ((mcs & 0x40) == 0) {
          t.expert(ASSUMED_NO_EXTENSION_STREAMS, 0, 0, null);
        }
        if ((mcs & 0x10) == 0) {
          t.expert(ASSUMED_BCC_FEC, 0, 0, null);
        }
      }
      t.generated(PREAMBLE, preamble);
      if ((phyAnn & HAVE_IFS) != 0) {
        t.generated(IFS, t.annotation(ANN_IFS));
      }
      t.generated(START_TSF, end - duration);
      t.generated(END_TSF, end);
      t.exit();
    }
  }

  @Override
  public String label(Tree t) {
    return name(); // tshark's -T fields prints this item as its filter name
  }

  @Override
  public void columns(Tree t, Columns c) {}
}
