package io.netsift.core.dissect.proto;

import java.util.Map;

/**
 * Differentiated Services labels shared by the IPv4 DS field and the IPv6 Traffic Class
 * (RFC 2474 codepoints, RFC 3168 ECN), as Wireshark's {@code dscp_vals}/{@code ecn_vals}.
 */
final class DiffServ {
  static final Map<Long, String> DSCP = ValueNames.parse(
      """
      0=Default|1=Lower Effort|8=Class Selector 1|10=Assured Forwarding 11|
      12=Assured Forwarding 12|14=Assured Forwarding 13|16=Class Selector 2|
      18=Assured Forwarding 21|20=Assured Forwarding 22|22=Assured Forwarding 23|
      24=Class Selector 3|26=Assured Forwarding 31|28=Assured Forwarding 32|
      30=Assured Forwarding 33|32=Class Selector 4|34=Assured Forwarding 41|
      36=Assured Forwarding 42|38=Assured Forwarding 43|40=Class Selector 5|44=Voice Admit|
      46=Expedited Forwarding|48=Class Selector 6|56=Class Selector 7|
      """);
  static final Map<Long, String> ECN = ValueNames.parse(
      "0=Not ECN-Capable Transport|1=ECN-Capable Transport codepoint '01'|"
          + "2=ECN-Capable Transport codepoint '10'|3=Congestion Experienced");

  /** Short codepoint names, as the DS field's line sums them up ("DSCP: CS0, ECN: Not-ECT"). */
  static final Map<Long, String> DSCP_SHORT = ValueNames.parse(
      "0=CS0|1=LE|8=CS1|10=AF11|12=AF12|14=AF13|16=CS2|18=AF21|20=AF22|22=AF23|24=CS3|26=AF31|"
          + "28=AF32|30=AF33|32=CS4|34=AF41|36=AF42|38=AF43|40=CS5|44=VA|46=EF PHB|48=CS6|56=CS7");
  static final Map<Long, String> ECN_SHORT = ValueNames.parse("0=Not-ECT|1=ECT(1)|2=ECT(0)|3=CE");

  /** The DS byte's tree text: "0x00 (DSCP: CS0, ECN: Not-ECT)". */
  static String summary(long ds) {
    return String.format("0x%02x (DSCP: %s, ECN: %s)", ds, DSCP_SHORT.getOrDefault(ds >> 2, "Unknown"),
        ECN_SHORT.get(ds & 3));
  }

  private DiffServ() {}
}
