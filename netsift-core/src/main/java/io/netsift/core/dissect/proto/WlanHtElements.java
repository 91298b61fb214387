package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * The HT Capabilities element (IEEE Std 802.11-2020 9.4.2.55), 26 bytes, all little-endian, and
 * the HT Operation element (9.4.2.56), which ends with the same 16-byte MCS set:
 *
 * <pre>
 * +-----------+-------+---------------------+-------------+------------+------+
 * | HT cap    | A-MPDU| supported MCS set   | HT extended | TxBF       | ASEL |
 * | info (2)  | (1)   | (16)                | caps (2)    | caps (4)   | (1)  |
 * +-----------+-------+---------------------+-------------+------------+------+
 * </pre>
 */
final class WlanHtElements {
  private WlanHtElements() {}

  /** Every field, in tree order, for registration with {@link WlanDissector}. */
  static final List<Field> FIELDS = new ArrayList<>();

  private static Field f(Field field) {
    FIELDS.add(field);
    return field;
  }

  private static Field bool(String name, String label, long mask, int bits) {
    return f(Field.bool(name, label).mask(mask, bits).states("Supported", "Not supported"));
  }

  private static Field hex(Field field, long mask, int bits) {
    return f(field.hex().mask(mask, bits));
  }

  static final Field CAP = f(Field.u16("wlan.ht.capabilities", "HT Capabilities Info").hex());
  static final Field[] CAP_BITS = {
      bool("wlan.ht.capabilities.ldpccoding", "HT LDPC coding capability", 0x1, 16),
      bool("wlan.ht.capabilities.width", "HT Support channel width", 0x2, 16),
      hex(Field.u16("wlan.ht.capabilities.sm", "HT SM Power Save"), 0xc, 16),
      bool("wlan.ht.capabilities.green", "HT Green Field", 0x10, 16),
      bool("wlan.ht.capabilities.short20", "HT Short GI for 20MHz", 0x20, 16),
      bool("wlan.ht.capabilities.short40", "HT Short GI for 40MHz", 0x40, 16),
      bool("wlan.ht.capabilities.txstbc", "HT Tx STBC", 0x80, 16),
      hex(Field.u16("wlan.ht.capabilities.rxstbc", "HT Rx STBC"), 0x300, 16),
      bool("wlan.ht.capabilities.delayedblockack", "HT Delayed Block ACK", 0x400, 16),
      bool("wlan.ht.capabilities.amsdu", "HT Max A-MSDU length", 0x800, 16),
      bool("wlan.ht.capabilities.dsscck", "HT DSSS/CCK mode in 40MHz", 0x1000, 16),
      bool("wlan.ht.capabilities.psmp", "HT PSMP Support", 0x2000, 16),
      bool("wlan.ht.capabilities.40mhzintolerant", "HT Forty MHz Intolerant", 0x4000, 16),
      bool("wlan.ht.capabilities.lsig", "HT L-SIG TXOP Protection support", 0x8000, 16),
  };
  static final Field AMPDU = f(Field.u8("wlan.ht.ampduparam", "A-MPDU Parameters").hex());
  static final Field[] AMPDU_BITS = {
      hex(Field.u8("wlan.ht.ampduparam.maxlength", "Maximum Rx A-MPDU Length"), 0x3, 8),
      hex(Field.u8("wlan.ht.ampduparam.mpdudensity", "MPDU Density"), 0x1c, 8),
      hex(Field.u8("wlan.ht.ampduparam.reserved", "Reserved"), 0xe0, 8),
  };
  static final Field MCSSET = f(Field.none("wlan.ht.mcsset", "Rx Supported Modulation and Coding Scheme Set"));
  static final Field RXBITMASK = f(Field.none("wlan.ht.mcsset.rxbitmask",
      "Rx Modulation and Coding Scheme (One bit per modulation)"));
  static final Field[] RX_LOW = {
      hex(Field.u32("wlan.ht.mcsset.rxbitmask.0to7", "Rx Bitmask Bits 0-7"), 0xff, 32),
      hex(Field.u32("wlan.ht.mcsset.rxbitmask.8to15", "Rx Bitmask Bits 8-15"), 0xff00, 32),
      hex(Field.u32("wlan.ht.mcsset.rxbitmask.16to23", "Rx Bitmask Bits 16-23"), 0xff0000, 32),
      hex(Field.u32("wlan.ht.mcsset.rxbitmask.24to31", "Rx Bitmask Bits 24-31"), 0xff000000L, 32),
  };
  static final Field[] RX_HIGH = {
      hex(Field.u32("wlan.ht.mcsset.rxbitmask.32", "Rx Bitmask Bit 32"), 0x1, 32),
      hex(Field.u32("wlan.ht.mcsset.rxbitmask.33to38", "Rx Bitmask Bits 33-38"), 0x7e, 32),
      hex(Field.u32("wlan.ht.mcsset.rxbitmask.39to52", "Rx Bitmask Bits 39-52"), 0x1fff80, 32),
  };
  static final Field RX_53 = hex(Field.u32("wlan.ht.mcsset.rxbitmask.53to76", "Rx Bitmask Bits 53-76"),
      0x1fffffe0, 32);
  static final Field HIGHEST_RATE = hex(Field.u16("wlan.ht.mcsset.highestdatarate", "Highest Supported Data Rate"),
      0x3ff, 16);
  static final Field[] TX_BITS = {
      f(Field.bool("wlan.ht.mcsset.txsetdefined", "Tx Supported MCS Set").mask(0x1, 16)
          .states("Defined", "Not Defined")),
      f(Field.bool("wlan.ht.mcsset.txrxmcsnotequal", "Tx and Rx MCS Set").mask(0x2, 16)
          .states("Not Equal", "Equal")),
      hex(Field.u16("wlan.ht.mcsset.txmaxss", "Maximum Number of Tx Spatial Streams Supported"), 0xc, 16),
      bool("wlan.ht.mcsset.txunequalmod", "Unequal Modulation", 0x10, 16),
  };
  static final Field HTEX = f(Field.u16("wlan.htex.capabilities", "HT Extended Capabilities").hex());
  static final Field[] HTEX_BITS = {
      bool("wlan.htex.capabilities.pco", "Transmitter supports PCO", 0x1, 16),
      hex(Field.u16("wlan.htex.capabilities.transtime", "Time needed to transition between 20MHz and 40MHz"), 0x6, 16),
      hex(Field.u16("wlan.htex.capabilities.mcs", "MCS Feedback capability"), 0x300, 16),
      bool("wlan.htex.capabilities.htc", "High Throughput", 0x400, 16),
      bool("wlan.htex.capabilities.rdresponder", "Reverse Direction Responder", 0x800, 16),
  };
  static final Field TXBF = f(Field.u32("wlan.txbf", "Transmit Beam Forming (TxBF) Capabilities").hex());
  static final Field[] TXBF_BITS = {
      bool("wlan.txbf.txbf", "Transmit Beamforming", 0x1, 32),
      bool("wlan.txbf.rxss", "Receive Staggered Sounding", 0x2, 32),
      bool("wlan.txbf.txss", "Transmit Staggered Sounding", 0x4, 32),
      bool("wlan.txbf.rxndp", "Receive Null Data packet (NDP)", 0x8, 32),
      bool("wlan.txbf.txndp", "Transmit Null Data packet (NDP)", 0x10, 32),
      bool("wlan.txbf.impltxbf", "Implicit TxBF capable", 0x20, 32),
      hex(Field.u32("wlan.txbf.calibration", "Calibration"), 0xc0, 32),
      bool("wlan.txbf.csi", "STA can apply TxBF using CSI explicit feedback", 0x100, 32),
      bool("wlan.txbf.fm.uncompressed.tbf", "STA can apply TxBF using uncompressed beamforming feedback matrix",
          0x200, 32),
      bool("wlan.txbf.fm.compressed.tbf", "STA can apply TxBF using compressed beamforming feedback matrix",
          0x400, 32),
      hex(Field.u32("wlan.txbf.rcsi", "Receiver can return explicit CSI feedback"), 0x1800, 32),
      hex(Field.u32("wlan.txbf.fm.uncompressed.rbf",
          "Receiver can return explicit uncompressed Beamforming Feedback Matrix"), 0x6000, 32),
      hex(Field.u32("wlan.txbf.fm.compressed.bf", "STA can compress and use compressed Beamforming Feedback Matrix"),
          0x18000, 32),
      hex(Field.u32("wlan.txbf.mingroup", "Minimal grouping used for explicit feedback reports"), 0x60000, 32),
      hex(Field.u32("wlan.txbf.csinumant", "Max antennae STA can support when CSI feedback required"), 0x180000, 32),
      hex(Field.u32("wlan.txbf.fm.uncompressed.maxant",
          "Max antennae STA can support when uncompressed Beamforming feedback required"), 0x600000, 32),
      hex(Field.u32("wlan.txbf.fm.compressed.maxant",
          "Max antennae STA can support when compressed Beamforming feedback required"), 0x1800000, 32),
      hex(Field.u32("wlan.txbf.csi.maxrows", "Maximum number of rows of CSI explicit feedback"), 0x6000000, 32),
      hex(Field.u32("wlan.txbf.channelest",
          "Maximum number of space time streams for which channel dimensions can be simultaneously estimated"),
          0x18000000, 32),
      hex(Field.u32("wlan.txbf.reserved", "Reserved"), 0xe0000000L, 32),
  };
  static final Field ASEL = f(Field.u8("wlan.asel", "Antenna Selection (ASEL) Capabilities").hex());
  static final Field[] ASEL_BITS = {
      bool("wlan.asel.capable", "Antenna Selection Capable", 0x1, 8),
      bool("wlan.asel.txcsi", "Explicit CSI Feedback Based Tx ASEL", 0x2, 8),
      bool("wlan.asel.txif", "Antenna Indices Feedback Based Tx ASEL", 0x4, 8),
      bool("wlan.asel.csi", "Explicit CSI Feedback", 0x8, 8),
      bool("wlan.asel.if", "Antenna Indices Feedback", 0x10, 8),
      bool("wlan.asel.rx", "Rx ASEL", 0x20, 8),
      bool("wlan.asel.sppdu", "Tx Sounding PPDUs", 0x40, 8),
      hex(Field.u8("wlan.asel.reserved", "Reserved"), 0x80, 8),
  };

  static final Field INFO_PRIMARY = f(Field.u8("wlan.ht.info.primarychannel", "Primary Channel"));
  static final Field INFO_DELIM1 = f(Field.u8("wlan.ht.info.delim1", "HT Information Subset (1 of 3)").hex());
  static final Field[] INFO1_BITS = {
      hex(Field.u8("wlan.ht.info.secchanoffset", "Secondary channel offset"), 0x3, 8),
      f(Field.bool("wlan.ht.info.chanwidth", "Supported channel width").mask(0x4, 8)
          .states("Channel of any width supported", "20 MHz channel width only")),
      f(Field.bool("wlan.ht.info.rifs", "Reduced Interframe Spacing (RIFS)").mask(0x8, 8)
          .states("Permitted", "Prohibited")),
      hex(Field.u8("wlan.ht.info.reserved_b4_b7", "Reserved"), 0xf0, 8),
  };
  static final Field INFO_DELIM2 = f(Field.u16("wlan.ht.info.delim2", "HT Information Subset (2 of 3)").hex());
  static final Field[] INFO2_BITS = {
      hex(Field.u16("wlan.ht.info.ht_protection", "HT Protection"), 0x3, 16),
      f(Field.bool("wlan.ht.info.greenfield", "Non-greenfield STAs present").mask(0x4, 16)),
      hex(Field.u16("wlan.ht.info.reserved_b11", "Reserved"), 0x8, 16),
      f(Field.bool("wlan.ht.info.obssnonht", "OBSS non-HT STAs present").mask(0x10, 16)),
      f(Field.u16("wlan.ht.info.chan_center_freq_seg_2", "Channel Center Frequency Segment 2").mask(0x1fe0, 16)),
      hex(Field.u16("wlan.ht.info.reserved_b21_b23", "Reserved"), 0xe000, 16),
  };
  static final Field INFO_DELIM3 = f(Field.u16("wlan.ht.info.delim3", "HT Information Subset (3 of 3)").hex());
  static final Field[] INFO3_BITS = {
      hex(Field.u16("wlan.ht.info.reserved_b24_b29", "Reserved"), 0x3f, 16),
      f(Field.bool("wlan.ht.info.dualbeacon", "Dual beacon").mask(0x40, 16)),
      f(Field.bool("wlan.ht.info.dualcts", "Dual Clear To Send (CTS) protection").mask(0x80, 16)),
      f(Field.bool("wlan.ht.info.secondarybeacon", "Beacon ID").mask(0x100, 16)),
      f(Field.bool("wlan.ht.info.lsigprotsupport", "L-SIG TXOP Protection Full Support").mask(0x200, 16)),
      f(Field.bool("wlan.ht.info.pco.active", "Phased Coexistence Operation (PCO)").mask(0x400, 16)),
      f(Field.bool("wlan.ht.info.pco.phase", "Phased Coexistence Operation (PCO) Phase").mask(0x800, 16)),
      hex(Field.u16("wlan.ht.info.reserved_b36_b39", "Reserved"), 0xf000, 16),
  };

  private static final int LENGTH = 26;
  private static final int INFO_LENGTH = 22;

  /** Walks an HT Operation ("HT Information") element body at {@code [p, end)} (9.4.2.56). */
  static void information(Tree t, int p, int end) {
    if (end - p < INFO_LENGTH) {
      return;
    }
    t.uint(INFO_PRIMARY, p, 1);
    group(t, INFO_DELIM1, INFO1_BITS, p + 1, 1);
    group(t, INFO_DELIM2, INFO2_BITS, p + 2, 2);
    group(t, INFO_DELIM3, INFO3_BITS, p + 4, 2);
    mcsSet(t, p + 6);
  }

  /** Walks an HT Capabilities element body at {@code [p, end)}. */
  static void capabilities(Tree t, int p, int end) {
    if (end - p < LENGTH) {
      return; // tshark reports a bad length and shows nothing of it
    }
    group(t, CAP, CAP_BITS, p, 2);
    group(t, AMPDU, AMPDU_BITS, p + 2, 1);
    mcsSet(t, p + 3);
    group(t, HTEX, HTEX_BITS, p + 19, 2);
    group(t, TXBF, TXBF_BITS, p + 21, 4);
    group(t, ASEL, ASEL_BITS, p + 25, 1);
  }

  /** The 16-byte supported MCS set shared by the HT capabilities and operation elements. */
  private static void mcsSet(Tree t, int m) {
    t.object(MCSSET, m, 16, null);
    t.enter();
    t.object(RXBITMASK, m, 10, null);
    t.enter();
    for (Field f : RX_LOW) {
      t.uintle(f, m, 4);
    }
    for (Field f : RX_HIGH) {
      t.uintle(f, m + 4, 4);
    }
    t.uintle(RX_53, m + 6, 4);
    t.exit();
    t.uintle(HIGHEST_RATE, m + 10, 2);
    for (Field f : TX_BITS) {
      t.uintle(f, m + 12, 2);
    }
    t.exit();
  }

  private static void group(Tree t, Field whole, Field[] bits, int at, int len) {
    t.uintle(whole, at, len);
    t.enter();
    for (Field f : bits) {
      t.uintle(f, at, len);
    }
    t.exit();
  }
}
