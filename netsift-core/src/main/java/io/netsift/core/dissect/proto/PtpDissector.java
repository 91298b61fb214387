package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import java.util.Map;

/**
 * Precision Time Protocol version 2 (IEEE 1588-2008) over Ethernet, EtherType 0x88f7: the
 * 34-byte common header, then the body of Sync, Delay_Req, Follow_Up, Delay_Resp and Announce
 * messages. Timestamps are 48-bit seconds and 32-bit nanoseconds.
 *
 * <pre>
 * | sdoId/type | minor/version | length (2) | domain | minorSdoId | flags (2) | correction (8) |
 * | type specific (4) | clock identity (8) | port (2) | sequence (2) | control | log period |
 * </pre>
 */
public final class PtpDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> TYPES = ValueNames.parse(
      "0x0=Sync Message|0x1=Delay_Req Message|0x2=Path_Delay_Req Message|0x3=Path_Delay_Resp Message|"
          + "0x8=Follow_Up Message|0x9=Delay_Resp Message|0xa=Path_Delay_Resp_Follow_Up Message|"
          + "0xb=Announce Message|0xc=Signalling Message|0xd=Management Message");
  private static final Map<Long, String> CONTROLS = ValueNames.parse(
      "0=Sync Message|1=Delay_Req Message|2=Follow_Up Message|3=Delay_Resp Message|4=Management Message|"
          + "5=Other Message");

  public static final Field MAJORSDOID = Field.u8("ptp.v2.majorsdoid", "majorSdoId").hex().mask(0xf0, 8);
  public static final Field MESSAGETYPE = Field.u8("ptp.v2.messagetype", "messageType").hex().mask(0x0f, 8)
      .labels(TYPES);
  public static final Field MINORVERSION = Field.u8("ptp.v2.minorversionptp", "minorVersionPTP").mask(0xf0, 8);
  public static final Field VERSION = Field.u8("ptp.v2.versionptp", "versionPTP").mask(0x0f, 8);
  public static final Field MESSAGELENGTH = Field.u16("ptp.v2.messagelength", "messageLength");
  public static final Field DOMAINNUMBER = Field.u8("ptp.v2.domainnumber", "domainNumber");
  public static final Field MINORSDOID = Field.u8("ptp.v2.minorsdoid", "minorSdoId");
  public static final Field FLAGS = Field.u16("ptp.v2.flags", "flags").hex();
  public static final Field SECURITY = flag("ptp.v2.flags.security", "PTP_SECURITY", 0x8000);
  public static final Field SPECIFIC2 = flag("ptp.v2.flags.specific2", "PTP profile Specific 2", 0x4000);
  public static final Field SPECIFIC1 = flag("ptp.v2.flags.specific1", "PTP profile Specific 1", 0x2000);
  public static final Field UNICAST = flag("ptp.v2.flags.unicast", "PTP_UNICAST", 0x0400);
  public static final Field TWOSTEP = flag("ptp.v2.flags.twostep", "PTP_TWO_STEP", 0x0200);
  public static final Field ALTERNATEMASTER = flag("ptp.v2.flags.alternatemaster", "PTP_ALTERNATE_MASTER", 0x0100);
  public static final Field SYNC_UNCERTAIN = flag("ptp.v2.flags.synchronizationUncertain",
      "SYNCHRONIZATION_UNCERTAIN", 0x0040);
  public static final Field FREQ_TRACEABLE = flag("ptp.v2.flags.frequencytraceable", "FREQUENCY_TRACEABLE", 0x0020);
  public static final Field TIME_TRACEABLE = flag("ptp.v2.flags.timetraceable", "TIME_TRACEABLE", 0x0010);
  public static final Field TIMESCALE = flag("ptp.v2.flags.timescale", "PTP_TIMESCALE", 0x0008);
  public static final Field UTC_REASONABLE = flag("ptp.v2.flags.utcreasonable", "PTP_UTC_REASONABLE", 0x0004);
  public static final Field LI59 = flag("ptp.v2.flags.li59", "PTP_LI_59", 0x0002);
  public static final Field LI61 = flag("ptp.v2.flags.li61", "PTP_LI_61", 0x0001);
  public static final Field CORRECTION_NS = Field.u64("ptp.v2.correction.ns", "correction").shown(v -> "Ns: " + v
      + " nanoseconds");
  public static final Field CORRECTION_SUBNS = Field.of("ptp.v2.correction.subns", "correctionSubNs",
      io.netsift.core.field.FieldType.DOUBLE);
  public static final Field MESSAGETYPESPECIFIC = Field.u32("ptp.v2.messagetypespecific", "messageTypeSpecific");
  public static final Field CLOCKIDENTITY = Field.u64("ptp.v2.clockidentity", "ClockIdentity").hex();
  public static final Field SOURCEPORTID = Field.u16("ptp.v2.sourceportid", "SourcePortID");
  public static final Field SEQUENCEID = Field.u16("ptp.v2.sequenceid", "sequenceId");
  public static final Field CONTROLFIELD = Field.u8("ptp.v2.controlfield", "controlField").labels(CONTROLS);
  public static final Field LOGMESSAGEPERIOD = Field.of("ptp.v2.logmessageperiod", "logMessagePeriod",
      io.netsift.core.field.FieldType.INT8);
  public static final Field AN_SECONDS = Field.u64("ptp.v2.an.origintimestamp.seconds", "originTimestamp (seconds)");
  public static final Field AN_NANOS = Field.of("ptp.v2.an.origintimestamp.nanoseconds",
      "originTimestamp (nanoseconds)", io.netsift.core.field.FieldType.INT32);
  public static final Field AN_UTCOFFSET = Field.of("ptp.v2.an.origincurrentutcoffset", "originCurrentUTCOffset",
      io.netsift.core.field.FieldType.INT16);
  public static final Field AN_PRIORITY1 = Field.u8("ptp.v2.an.priority1", "priority1");
  public static final Field AN_CLOCKCLASS = Field.u8("ptp.v2.an.grandmasterclockclass", "grandmasterClockClass");
  public static final Field AN_CLOCKACCURACY = Field.u8("ptp.v2.an.grandmasterclockaccuracy",
      "grandmasterClockAccuracy").hex();
  public static final Field AN_CLOCKVARIANCE = Field.u16("ptp.v2.an.grandmasterclockvariance",
      "grandmasterClockVariance");
  public static final Field AN_PRIORITY2 = Field.u8("ptp.v2.an.priority2", "priority2");
  public static final Field AN_GMIDENTITY = Field.u64("ptp.v2.an.grandmasterclockidentity",
      "grandmasterClockIdentity").hex();
  public static final Field AN_STEPSREMOVED = Field.u16("ptp.v2.an.localstepsremoved", "localStepsRemoved");
  public static final Field TIMESOURCE = Field.u8("ptp.v2.timesource", "TimeSource").hex();
  public static final Field SDR_SECONDS = Field.u64("ptp.v2.sdr.origintimestamp.seconds", "originTimestamp (seconds)");
  public static final Field SDR_NANOS = Field.of("ptp.v2.sdr.origintimestamp.nanoseconds",
      "originTimestamp (nanoseconds)", io.netsift.core.field.FieldType.INT32);
  public static final Field FU_SECONDS = Field.u64("ptp.v2.fu.preciseorigintimestamp.seconds",
      "preciseOriginTimestamp (seconds)");
  public static final Field FU_NANOS = Field.u32("ptp.v2.fu.preciseorigintimestamp.nanoseconds",
      "preciseOriginTimestamp (nanoseconds)");
  public static final Field FU_32BIT = Field.u32("ptp.v2.fu.preciseorigintimestamp.32bit",
      "preciseOriginTimestamp (32bit)").hidden();
  public static final Field DR_SECONDS = Field.u64("ptp.v2.dr.receivetimestamp.seconds", "receiveTimestamp (seconds)");
  public static final Field DR_NANOS = Field.of("ptp.v2.dr.receivetimestamp.nanoseconds",
      "receiveTimestamp (nanoseconds)", io.netsift.core.field.FieldType.INT32);
  public static final Field DR_PORTIDENTITY = Field.u64("ptp.v2.dr.requestingsourceportidentity",
      "requestingSourcePortIdentity").hex();
  public static final Field DR_PORTID = Field.u16("ptp.v2.dr.requestingsourceportid", "requestingSourcePortId");

  private static final int ETHERTYPE_PTP = 0x88f7;
  private static final int HEADER = 34;
  private static final int SYNC = 0x0;
  private static final int DELAY_REQ = 0x1;
  private static final int FOLLOW_UP = 0x8;
  private static final int DELAY_RESP = 0x9;
  private static final int ANNOUNCE = 0xb;

  public PtpDissector() {
    super("ptp", "Precision Time Protocol (IEEE1588)", "PTP");
  }

  private static Field flag(String name, String label, int mask) {
    return Field.bool(name, label).mask(mask, 16).states("True", "False");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.ETHERTYPE, ETHERTYPE_PTP, this);
  }

  private static int bodyLength(int type) {
    return switch (type) {
      case SYNC, DELAY_REQ, FOLLOW_UP -> 10;
      case DELAY_RESP -> 20;
      case ANNOUNCE -> 30;
      default -> 0;
    };
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    byte[] b = d.data();
    int s = d.start(layer);
    int end = d.end(layer);
    if (end - s < 1) {
      Truncation.report(d, layer, s, 1);
      return null;
    }
    int need = HEADER + bodyLength(Bytes.u8(b, s) & 0x0f);
    if (end - s < need) {
      Truncation.report(d, layer, s, need);
      return null;
    }
    int length = Bytes.u16(b, s + 2);
    if (length >= need && s + length < end) {
      d.setEnd(layer, s + length); // the rest is Ethernet padding, as tshark shows it
      end = s + length;
    }
    d.payload(end, end);
    return null;
  }

  @Override
  public void fields(Tree t) {
    t.uint(MAJORSDOID, 0, 1);
    int type = (int) t.uint(MESSAGETYPE, 0, 1);
    t.uint(MINORVERSION, 1, 1);
    t.uint(VERSION, 1, 1);
    t.uint(MESSAGELENGTH, 2, 2);
    t.uint(DOMAINNUMBER, 4, 1);
    t.uint(MINORSDOID, 5, 1);
    t.uint(FLAGS, 6, 2);
    t.enter();
    for (Field f : new Field[] {SECURITY, SPECIFIC2, SPECIFIC1, UNICAST, TWOSTEP, ALTERNATEMASTER, SYNC_UNCERTAIN,
        FREQ_TRACEABLE, TIME_TRACEABLE, TIMESCALE, UTC_REASONABLE, LI59, LI61}) {
      t.uint(f, 6, 2);
    }
    t.exit();
    if (t.has(8, 8)) {
      long correction = t.u64(8);
      t.text(8, 8, String.format("correctionField: %.6f nanoseconds", correction / 65536.0));
      t.enter();
      t.number(CORRECTION_NS, 8, 6, correction >> 16);
      t.object(CORRECTION_SUBNS, 14, 2, (double) (correction & 0xffff) / 65536.0);
      t.exit();
    }
    t.uint(MESSAGETYPESPECIFIC, 16, 4);
    t.uint(CLOCKIDENTITY, 20, 8);
    t.uint(SOURCEPORTID, 28, 2);
    t.uint(SEQUENCEID, 30, 2);
    t.uint(CONTROLFIELD, 32, 1);
    t.number(LOGMESSAGEPERIOD, 33, 1, (byte) t.u8(33));
    int at = HEADER;
    switch (type) {
      case SYNC, DELAY_REQ -> {
        t.uint(SDR_SECONDS, at, 6);
        t.number(SDR_NANOS, at + 6, 4, (int) t.u32(at + 6));
      }
      case FOLLOW_UP -> {
        long seconds = t.uint(FU_SECONDS, at, 6);
        long nanos = t.uint(FU_NANOS, at + 6, 4);
        t.number(FU_32BIT, at, 10, (seconds * 1_000_000_000L + nanos) & 0xffffffffL);
      }
      case DELAY_RESP -> {
        t.uint(DR_SECONDS, at, 6);
        t.number(DR_NANOS, at + 6, 4, (int) t.u32(at + 6));
        t.uint(DR_PORTIDENTITY, at + 10, 8);
        t.uint(DR_PORTID, at + 18, 2);
      }
      case ANNOUNCE -> {
        t.uint(AN_SECONDS, at, 6);
        t.number(AN_NANOS, at + 6, 4, (int) t.u32(at + 6));
        t.number(AN_UTCOFFSET, at + 10, 2, (short) t.u16(at + 10));
        t.uint(AN_PRIORITY1, at + 13, 1);
        t.uint(AN_CLOCKCLASS, at + 14, 1);
        t.uint(AN_CLOCKACCURACY, at + 15, 1);
        t.uint(AN_CLOCKVARIANCE, at + 16, 2);
        t.uint(AN_PRIORITY2, at + 18, 1);
        t.uint(AN_GMIDENTITY, at + 19, 8);
        t.uint(AN_STEPSREMOVED, at + 27, 2);
        t.uint(TIMESOURCE, at + 29, 1);
      }
      default -> { }
    }
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = "PTPv2";
    int type = t.u8(0) & 0x0f;
    c.setInfo(TYPES.getOrDefault((long) type, "Unknown"));
  }
}
