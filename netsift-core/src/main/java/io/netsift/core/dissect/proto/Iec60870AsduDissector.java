package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.Map;

/**
 * The ASDU of IEC 60870-5-101/104 (telecontrol application data), after an I-format APCI of
 * {@link Iec104Dissector}:
 *
 * <pre>
 * type id (1) | SQ (1 bit) number of objects (7 bits) | T N cause (6 bits) | originator (1)
 * | common address (2, little endian) | objects: { IOA (3, little endian) element }*
 * </pre>
 *
 * With SQ set only the first object carries an IOA. The elements decoded are those of
 * M_ME_TF_1 (36: short float, QDS, CP56Time2a); other types give the header and the Info text.
 */
public final class Iec60870AsduDissector extends Dissector {
  static final int HEADER = 6;
  private static final int M_ME_TF_1 = 36;

  private static final Map<Long, String> TYPES = ValueNames.parse(
      "1=M_SP_NA_1|2=M_SP_TA_1|3=M_DP_NA_1|4=M_DP_TA_1|5=M_ST_NA_1|6=M_ST_TA_1|7=M_BO_NA_1|"
      + "8=M_BO_TA_1|9=M_ME_NA_1|10=M_ME_TA_1|11=M_ME_NB_1|12=M_ME_TB_1|13=M_ME_NC_1|14=M_ME_TC_1|"
      + "15=M_IT_NA_1|16=M_IT_TA_1|20=M_PS_NA_1|21=M_ME_ND_1|30=M_SP_TB_1|31=M_DP_TB_1|"
      + "32=M_ST_TB_1|33=M_BO_TB_1|34=M_ME_TD_1|35=M_ME_TE_1|36=M_ME_TF_1|37=M_IT_TB_1|"
      + "38=M_EP_TD_1|39=M_EP_TE_1|40=M_EP_TF_1|41=S_IT_TC_1|45=C_SC_NA_1|46=C_DC_NA_1|"
      + "47=C_RC_NA_1|48=C_SE_NA_1|49=C_SE_NB_1|50=C_SE_NC_1|51=C_BO_NA_1|58=C_SC_TA_1|"
      + "59=C_DC_TA_1|60=C_RC_TA_1|61=C_SE_TA_1|62=C_SE_TB_1|63=C_SE_TC_1|64=C_BO_TA_1|"
      + "70=M_EI_NA_1|81=S_CH_NA_1|82=S_RP_NA_1|83=S_AR_NA_1|84=S_KR_NA_1|85=S_KS_NA_1|"
      + "86=S_KC_NA_1|87=S_ER_NA_1|90=S_US_NA_1|91=S_UQ_NA_1|92=S_UR_NA_1|93=S_UK_NA_1|"
      + "94=S_UA_NA_1|95=S_UC_NA_1|100=C_IC_NA_1|101=C_CI_NA_1|102=C_RD_NA_1|103=C_CS_NA_1|"
      + "105=C_RP_NA_1|107=C_TS_TA_1|110=P_ME_NA_1|111=P_ME_NB_1|112=P_ME_NC_1|113=P_AC_NA_1|"
      + "120=F_FR_NA_1|121=F_SR_NA_1|122=F_SC_NA_1|123=F_LS_NA_1|124=F_AF_NA_1|125=F_SG_NA_1|"
      + "126=F_DR_TA_1|127=F_SC_NB_1|");
  private static final Map<Long, String> CAUSES = ValueNames.parse(
      "1=Per/Cyc|2=Back|3=Spont|4=Init|5=Req|6=Act|7=ActCon|8=Deact|9=DeactCon|10=ActTerm|"
      + "11=Retrem|12=Retloc|13=File|14=Auth|15=Seskey|16=Usrkey|20=Inrogen|21=Inro1|22=Inro2|"
      + "23=Inro3|24=Inro4|25=Inro5|26=Inro6|27=Inro7|28=Inro8|29=Inro9|30=Inro10|31=Inro11|"
      + "32=Inro12|33=Inro13|34=Inro14|35=Inro15|36=Inro16|37=Reqcogen|38=Reqco1|39=Reqco2|"
      + "40=Reqco3|41=Reqco4|44=UkTypeId|45=UkCauseTx|46=UkComAdrASDU|47=UkIOA|");

  public static final Field START = Field.u8("iec60870_asdu.start", "START").hex()
      .line((b, o, n) -> "START");
  public static final Field TYPE_ID = Field.u8("iec60870_asdu.typeid", "TypeId").labels(TYPES);
  public static final Field SQ = Field.bool("iec60870_asdu.sq", "SQ").mask(0x80, 8);
  public static final Field NUM_IX = Field.u8("iec60870_asdu.numix", "NumIx").mask(0x7f, 8);
  public static final Field CAUSE_TX = Field.u8("iec60870_asdu.causetx", "CauseTx").mask(0x3f, 8).labels(CAUSES);
  public static final Field NEGATIVE = Field.bool("iec60870_asdu.nega", "Negative").mask(0x40, 8);
  public static final Field TEST = Field.bool("iec60870_asdu.test", "Test").mask(0x80, 8);
  public static final Field OA = Field.u8("iec60870_asdu.oa", "OA");
  public static final Field ADDR = Field.u16("iec60870_asdu.addr", "Addr");
  public static final Field IOA = Field.u24("iec60870_asdu.ioa", "IOA");
  public static final Field FLOAT = Field.of("iec60870_asdu.float", "Value", FieldType.FLOAT);
  public static final Field QDS = Field.u8("iec60870_asdu.qds", "QDS").hex();
  public static final Field QDS_OV = Field.bool("iec60870_asdu.qds.ov", "OV").mask(0x01, 8)
      .states("Overflow", "No overflow");
  public static final Field QDS_BL = Field.bool("iec60870_asdu.qds.bl", "BL").mask(0x10, 8)
      .states("Blocked", "Not blocked");
  public static final Field QDS_SB = Field.bool("iec60870_asdu.qds.sb", "SB").mask(0x20, 8)
      .states("Substituted", "Not Substituted");
  public static final Field QDS_NT = Field.bool("iec60870_asdu.qds.nt", "NT").mask(0x40, 8)
      .states("Not Topical", "Topical");
  public static final Field QDS_IV = Field.bool("iec60870_asdu.qds.iv", "IV").mask(0x80, 8)
      .states("Invalid", "Valid");
  public static final Field CP56 = Field.of("iec60870_asdu.cp56time", "CP56Time", FieldType.ABSOLUTE_TIME);
  public static final Field CP56_MS = Field.u16("iec60870_asdu.cp56time.ms", "MS");
  public static final Field CP56_MIN = Field.u8("iec60870_asdu.cp56time.min", "Min").mask(0x3f, 8);
  public static final Field CP56_GEN = Field.bool("iec60870_asdu.cp56time.gen", "GEN").mask(0x40, 8)
      .states("Substituted", "Not Substituted");
  public static final Field CP56_IV = Field.bool("iec60870_asdu.cp56time.iv", "IV").mask(0x80, 8)
      .states("Invalid", "Valid");
  public static final Field CP56_HOUR = Field.u8("iec60870_asdu.cp56time.hour", "Hour").mask(0x1f, 8);
  public static final Field CP56_SU = Field.bool("iec60870_asdu.cp56time.su", "SU").mask(0x80, 8)
      .states("DST", "Local");
  public static final Field CP56_DAY = Field.u8("iec60870_asdu.cp56time.day", "Day").mask(0x1f, 8);
  public static final Field CP56_DOW = Field.u8("iec60870_asdu.cp56time.dow", "DOW").mask(0xe0, 8);
  public static final Field CP56_MONTH = Field.u8("iec60870_asdu.cp56time.month", "Month").mask(0x0f, 8);
  public static final Field CP56_YEAR = Field.u8("iec60870_asdu.cp56time.year", "Year").mask(0x7f, 8);

  public Iec60870AsduDissector() {
    super("iec60870_asdu", "IEC 60870-5-101/104 ASDU", "IEC 60870-5 ASDU");
  }

  @Override
  public boolean payloadBecomesData() {
    return false;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.end(layer), d.end(layer));
    return null;
  }

  /** tshark's Info text of the ASDU at {@code b[s, e)}: "ASDU=addr type cause   IOA=n". */
  static String summary(byte[] b, int s, int e) {
    if (e - s < HEADER) {
      return "";
    }
    int type = b[s] & 0xff;
    int n = b[s + 1] & 0x7f;
    StringBuilder sb = new StringBuilder("ASDU=").append((b[s + 4] & 0xff) | (b[s + 5] & 0xff) << 8).append(' ');
    String tn = TYPES.get((long) type);
    sb.append(tn != null ? tn : "<TypeId=" + type + ">").append(' ');
    String cn = CAUSES.get((long) (b[s + 2] & 0x3f));
    sb.append(cn != null ? cn : "<CauseTx=" + (b[s + 2] & 0x3f) + ">").append("   ");
    if (n > 0 && e - s >= HEADER + 3) {
      int ioa = u24le(b, s + HEADER);
      sb.append(n == 1 ? "IOA=" + ioa : "IOA[" + n + "]=" + ioa + ",...");
    }
    return sb.toString();
  }

  private static int u24le(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16;
  }

  @Override
  public String label(Tree t) {
    String s = longName() + ": " + summary(t.data(), t.start(), t.start() + t.length());
    return t.has(0, 1) && t.u8(0) == M_ME_TF_1
        ? s + " 'measured value, short floating point number with time tag CP56Time2a'" : s;
  }

  @Override
  public void fields(Tree t) {
    if (!t.has(0, HEADER)) {
      return;
    }
    int type = (int) t.uint(TYPE_ID, 0, 1);
    boolean sq = t.uint(SQ, 1, 1) != 0;
    int n = (int) t.uint(NUM_IX, 1, 1);
    t.uint(CAUSE_TX, 2, 1);
    t.uint(NEGATIVE, 2, 1);
    t.uint(TEST, 2, 1);
    t.uint(OA, 3, 1);
    t.uintle(ADDR, 4, 2);
    if (type != M_ME_TF_1) {
      return;
    }
    int p = HEADER;
    int ioa = 0;
    for (int i = 0; i < n; i++) {
      boolean withIoa = i == 0 || !sq;
      int size = (withIoa ? 3 : 0) + 12;
      if (!t.has(p, size)) {
        return;
      }
      ioa = withIoa ? t.u16le(p) | t.u8(p + 2) << 16 : ioa + 1;
      // The object's line is text; its IOA field is inside.
      t.text(p, size, "IOA: " + ioa);
      t.enter();
      if (withIoa) {
        t.number(IOA, p, 3, ioa);
        p += 3;
      }
      t.object(FLOAT, p, 4, Float.intBitsToFloat((int) t.u32le(p)));
      t.uint(QDS, p + 4, 1);
      t.enter();
      t.uint(QDS_OV, p + 4, 1);
      t.uint(QDS_BL, p + 4, 1);
      t.uint(QDS_SB, p + 4, 1);
      t.uint(QDS_NT, p + 4, 1);
      t.uint(QDS_IV, p + 4, 1);
      t.exit();
      cp56(t, p + 5);
      t.exit();
      p += 12;
    }
  }

  /** A CP56Time2a at {@code p}: tshark reads it as local time in UTC, an hour earlier under SU. */
  private static void cp56(Tree t, int p) {
    int ms = t.u16le(p);
    int min = t.u8(p + 2) & 0x3f;
    int hour = t.u8(p + 3) & 0x1f;
    boolean su = (t.u8(p + 3) & 0x80) != 0;
    int day = t.u8(p + 4) & 0x1f;
    int month = t.u8(p + 5) & 0x0f;
    int year = t.u8(p + 6) & 0x7f;
    long nanos = 0;
    try {
      long seconds = java.time.LocalDateTime.of(2000 + year, Math.max(month, 1), Math.max(day, 1), hour, min)
          .toEpochSecond(java.time.ZoneOffset.UTC) - (su ? 3600 : 0);
      nanos = (seconds * 1000 + ms) * 1_000_000L;
    } catch (java.time.DateTimeException e) {
      nanos = 0;
    }
    t.number(CP56, p, 7, nanos);
    t.enter();
    t.number(CP56_MS, p, 2, ms);
    t.uint(CP56_MIN, p + 2, 1);
    t.uint(CP56_GEN, p + 2, 1);
    t.uint(CP56_IV, p + 2, 1);
    t.uint(CP56_HOUR, p + 3, 1);
    t.uint(CP56_SU, p + 3, 1);
    t.uint(CP56_DAY, p + 4, 1);
    t.uint(CP56_DOW, p + 4, 1);
    t.uint(CP56_MONTH, p + 5, 1);
    t.uint(CP56_YEAR, p + 6, 1);
    t.exit();
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    c.info.append(summary(t.data(), t.start(), t.start() + t.length()));
  }
}
