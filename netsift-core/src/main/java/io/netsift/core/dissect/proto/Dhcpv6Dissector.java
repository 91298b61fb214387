package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Base;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import java.util.Map;

/**
 * DHCP for IPv6, <a href="https://www.rfc-editor.org/rfc/rfc8415">RFC 8415</a>, UDP ports 546
 * (client) and 547 (server/relay).
 *
 * <pre>
 * client/server message                 relay message (Relay-forw 12, Relay-reply 13)
 * +--------+--------------------------+  +--------+---------+-------------------+-------------------+
 * | type   | transaction id (3)       |  | type   | hops    | link address (16) | peer address (16) |
 * +--------+--------------------------+  +--------+---------+-------------------+-------------------+
 * | options: code (2), length (2), value ...                                      ...
 * </pre>
 *
 * Options are walked in the tree as tshark 4.0 does: an item per option (its name as
 * {@code dhcpv6.option.type_str}) with code and length, then the value's fields; options
 * nest inside IA_NA/IA_TA/IA_PD, IA Address, IA Prefix and Relay Message. An option whose value
 * runs past its container ends the walk there, without a note, as in tshark. The Info column
 * is the message type, "XID: 0x..." and, from the options, "CID: hex " and "IAA: address ".
 */
public final class Dhcpv6Dissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> MESSAGE_TYPES = ValueNames.parse(
      """
      1=Solicit|2=Advertise|3=Request|4=Confirm|5=Renew|6=Rebind|7=Reply|8=Release|9=Decline|
      10=Reconfigure|11=Information-request|12=Relay-forw|13=Relay-reply|14=Leasequery|
      15=Leasequery-reply|16=Leasequery-done|17=Leasequery-data|18=Reconfigure-request|19=Reconfigure-reply|
      """);
  /** Option names (tshark 4.0's value_string, {@code tshark -G values}). */
  private static final Map<Long, String> OPTIONS = ValueNames.parse(
      """
      1=Client Identifier|2=Server Identifier|3=Identity Association for Non-temporary Address|
      4=Identity Association for Temporary Address|5=IA Address|6=Option Request|7=Preference|
      8=Elapsed time|9=Relay Message|11=Authentication|12=Server unicast|13=Status code|14=Rapid Commit|
      15=User Class|16=Vendor Class|17=Vendor-specific Information|18=Interface-Id|19=Reconfigure Message|
      20=Reconfigure Accept|21=SIP Server Domain Name List|22=SIP Servers IPv6 Address List|
      23=DNS recursive name server|24=Domain Search List|25=Identity Association for Prefix Delegation|
      26=IA Prefix|27=Network Information Server|28=Network Information Server V2|
      29=Network Information Server Domain Name|30=Network Information Server V2 Domain Name|
      31=Simple Network Time Protocol Server|32=Lifetime|33=BCMCS Server Domain|
      34=BCMCS Servers IPv6 Address List|36=Geoconf Civic Address|37=Remote Identifier|
      38=Subscriber Identifier|39=Client Fully Qualified Domain Name|40=PANA Agents IPv6 Address List|
      41=Time Zone|42=Time Zone Database|43=Echo Request Option|44=Leasequery Query|
      45=Leasequery Client Data|46=Client Last Transaction Time|47=Leasequery Relay Data|
      48=Leasequery Client Link Address List|49=Home Network Identifier FQDN|
      50=Visited Home Network Information|51=LoST Server|52=CAPWAP Access Controllers|53=Relay-ID|
      54=MoS IPv6 Address|55=MoS Domain Name List|56=NTP Server|57=Access Network Domain Name|
      58=SIP User Agent Configuration Service Domains|59=Boot File URL|60=Boot File Parameters|
      61=Client System Architecture Type|62=Client Network Interface Identifier|63=Geolocation|
      64=Dual-Stack Lite AFTR Name|65=ERP Local Domain Name|66=Relay-Supplied Options|67=Prefix Exclude|
      68=Virtual Subnet Selection|69=Identified Home Network Information|
      70=Unrestricted Home Network Information|71=Home Network Prefix|72=Home Agent Address|
      73=Home Agent FQDN|74=RDNSS Selection|75=Kerberos Principal Name|76=Kerberos Realm Name|
      77=Kerberos Default Realm Name|78=Kerberos KDC|79=Client Link-Layer Address|80=Link Address|
      81=RADIUS|82=SOL_MAX_RT|83=INF_MAX_RT|84=Address Selection|85=Address Selection table|
      86=PCP Server|87=DHCPv4 Message|88=DHCP 4o6 Servers Address|89=S46 Rule|90=S46 BR|91=S46 DMR|
      92=S46 IPv4/IPv6 Address Binding|93=S46 Port Parameters|94=S46 MAP-E Container|
      95=S46 MAP-T Container|96=S46 Lightweight 4over6 Container|97=4rd Options|98=4rd Mapping Rule|
      99=4rd Non-Mapping Rule|100=LQ Server Base Time|101=LQ Server Query Start Time|
      102=LQ Server Query End Time|103=Captive Portal|104=MPL Parameter Configuration|
      105=Access Technology Type|106=Access Network Name|107=Access Point Name|108=Access Point BSSID|
      109=Access Network Operator ID|110=Access Network Operator Realm|111=S46 Priority|
      112=Manufacturer Usage Description|113=IPv4/IPv6 Multicast Prefixes|114=Failover Binding Status|
      115=Failover Connect Flags|116=Failover DNS Removal Info|117=Failover DNS Hostname|
      118=Failover DNS Zone Name|119=Failover DNS Flags|120=Failover Expiration Time|
      121=Failover Maximum Number Unacked BNDUPD Messages|122=Failover Maximum Client Lead Time (MCLT)|
      123=Failover Partner Lifetime|124=Failover Partner Lifetime Sent|125=Failover Partner Down Time|
      126=Failover Partner Raw Client Time|127=Failover Protocol Version|128=Failover Keepalive Time|
      129=Failover Reconfigure Data|130=Failover Relationship Name|131=Failover Server Flags|
      132=Failover Server State|133=Failover Start Time of State|134=Failover State Expiration Time|
      135=Relay Source Port|136=SZTP Redirect|137=Softwire Source Binding Prefix Hint|
      143=ANDSF IPv6 Address|165=Mobile IPv6 Home Agent|166=Mobile IPv6 Home Address|
      167=Network Access Identifier|
      """);
  private static final Map<Long, String> ENTERPRISES = ValueNames.parse(
      "9=ciscoSystems|311=Microsoft|4491=Cable Television Laboratories, Inc.|");

  public static final Field MSGTYPE = Field.u8("dhcpv6.msgtype", "Message type").labels(MESSAGE_TYPES);
  public static final Field HOPCOUNT = Field.u8("dhcpv6.hopcount", "Hopcount");
  public static final Field LINKADDR = Field.ipv6("dhcpv6.linkaddr", "Link address");
  public static final Field PEERADDR = Field.ipv6("dhcpv6.peeraddr", "Peer address");
  public static final Field XID = Field.u24("dhcpv6.xid", "Transaction ID").hex();
  public static final Field OPTION = Field.string("dhcpv6.option.type_str", "Option");
  public static final Field OPTION_TYPE = Field.u16("dhcpv6.option.type", "Option").labels(OPTIONS);
  public static final Field OPTION_LENGTH = Field.u16("dhcpv6.option.length", "Length");
  public static final Field DUID = Field.bytes("dhcpv6.duid.bytes", "DUID");
  public static final Field DUID_TYPE = Field.u16("dhcpv6.duid.type", "DUID Type").labels(ValueNames.parse(
      "1=link-layer address plus time|2=assigned by vendor based on Enterprise number|3=link-layer address|"
      + "4=Universally Unique IDentifier (UUID)|"));
  public static final Field DUIDLLT_HWTYPE = Field.u16("dhcpv6.duidllt.hwtype", "Hardware type")
      .labels(ArpHardwareTypes::name).blurb("DUID LLT Hardware Type");
  public static final Field DUIDLLT_TIME = Field.of("dhcpv6.duidllt.time", "DUID Time", FieldType.ABSOLUTE_TIME)
      .base(Base.TIME_UTC);
  public static final Field DUIDLLT_ADDR = Field.string("dhcpv6.duidllt.link_layer_addr", "Link-layer address");
  public static final Field DUIDEN_ENTERPRISE = Field.u32("dhcpv6.duiden.enterprise", "Enterprise ID")
      .labels(ENTERPRISES).blurb("DUID EN Enterprise Number");
  public static final Field DUIDEN_IDENTIFIER = Field.bytes("dhcpv6.duiden.identifier", "Identifier");
  public static final Field DUIDLL_HWTYPE = Field.u16("dhcpv6.duidll.hwtype", "Hardware type")
      .labels(ArpHardwareTypes::name).blurb("DUID LL Hardware Type");
  public static final Field DUIDLL_ADDR = Field.string("dhcpv6.duidll.link_layer_addr", "Link-layer address");
  public static final Field DUIDUUID = Field.bytes("dhcpv6.duiduuid.bytes", "UUID");
  public static final Field IAID = Field.string("dhcpv6.iaid", "IAID");
  public static final Field IAID_T1 = Field.u32("dhcpv6.iaid.t1", "T1");
  public static final Field IAID_T2 = Field.u32("dhcpv6.iaid.t2", "T2");
  public static final Field IATA = Field.string("dhcpv6.iata", "IATA");
  public static final Field IAADDR_IP = Field.ipv6("dhcpv6.iaaddr.ip", "IPv6 address");
  public static final Field IAADDR_PREF = Field.u32("dhcpv6.iaaddr.pref_lifetime", "Preferred lifetime");
  public static final Field IAADDR_VALID = Field.u32("dhcpv6.iaaddr.valid_lifetime", "Valid lifetime");
  public static final Field REQUESTED = Field.u16("dhcpv6.requested_option_code", "Requested Option code")
      .labels(OPTIONS);
  public static final Field PREFERENCE = Field.u8("dhcpv6.option_preference", "Pref-value");
  public static final Field ELAPSED = Field.u16("dhcpv6.elapsed_time", "Elapsed time").unit("ms");
  public static final Field UNICAST = Field.ipv6("dhcpv6.unicast", "IPv6 address");
  public static final Field STATUS_CODE = Field.u16("dhcpv6.status_code", "Status Code").labels(ValueNames.parse(
      "0=Success|1=UnspecFail|2=NoAddrAvail|3=NoBinding|4=NotOnLink|5=UseMulticast|6=NoPrefixAvail|"
      + "7=UnknownQueryType|8=MalformedQuery|9=NotConfigured|10=NotAllowed|11=QueryTerminated|"));
  public static final Field STATUS_MSG = Field.string("dhcpv6.status_msg", "Status Message");
  public static final Field VENDORCLASS_ENTERPRISE = Field.u32("dhcpv6.vendorclass.enterprise", "Enterprise ID")
      .labels(ENTERPRISES).blurb("Vendor Class Enterprise Number");
  public static final Field VENDORCLASS_DATA = Field.of("dhcpv6.vendorclass.data", "vendor-class-data", FieldType.STRINGZ);
  public static final Field VENDOROPTS_ENTERPRISE = Field.u32("dhcpv6.vendoropts.enterprise", "Enterprise ID")
      .labels(ENTERPRISES);
  public static final Field VENDOROPTS_CODE = Field.u16("dhcpv6.vendoropts.enterprise.option_code", "Option code");
  public static final Field VENDOROPTS_LENGTH = Field.u16("dhcpv6.vendoropts.enterprise.option_length", "Option length");
  public static final Field VENDOROPTS_DATA = Field.bytes("dhcpv6.vendoropts.enterprise.option_data", "Option data");
  public static final Field INTERFACE_ID = Field.bytes("dhcpv6.interface_id", "Interface-ID");
  public static final Field RECONF_MSG = Field.u8("dhcpv6.reconf_msg", "Reconfigure message type").labels(MESSAGE_TYPES);
  public static final Field SIP_SERVER_D = Field.string("dhcpv6.sip_server_domain_search_fqdn", "SIP Server Domain Search FQDN");
  public static final Field SIP_SERVER_A = Field.ipv6("dhcpv6.sip_server_a", "SIP server address");
  public static final Field DNS_SERVER = Field.ipv6("dhcpv6.dns_server", "DNS server address");
  public static final Field SEARCH_LIST_ENTRY = Field.string("dhcpv6.search_list_entry", "List entry");
  public static final Field NIS_SERVER = Field.ipv6("dhcpv6.nis_server", "NIS server address");
  public static final Field NISP_SERVER = Field.ipv6("dhcpv6.nisp_server", "NISP server address");
  public static final Field NIS_FQDN = Field.string("dhcpv6.nis_fqdn", "NIS FQDN");
  public static final Field NISP_FQDN = Field.string("dhcpv6.nisp_fqdn", "NISP FQDN");
  public static final Field SNTP_SERVER = Field.ipv6("dhcpv6.sntp_server", "SNTP server address");
  public static final Field LIFETIME = Field.u32("dhcpv6.lifetime", "Lifetime");
  public static final Field REMOTEID_ENTERPRISE = Field.u32("dhcpv6.remoteid.enterprise", "Enterprise ID")
      .labels(ENTERPRISES);
  public static final Field REMOTEID = Field.bytes("dhcpv6.remoteid_enterprise_id", "Remote-ID");
  public static final Field SUBSCRIBER_ID = Field.string("dhcpv6.subscriber_id", "Subscriber-ID");
  public static final Field CLIENT_FQDN_FLAGS = Field.u8("dhcpv6.client_fqdn_flags", "Flags").hex();
  public static final Field CLIENT_N = Field.bool("dhcpv6.clientfqdn.client.n", "N bit").mask(0x4, 8)
      .states("Server SHOULD NOT perform PTR RR updates", "Server SHOULD perform PTR RR updates")
      .blurb("Whether or not the client prefers to perform PTR RR (address-to-FQDN) updates");
  public static final Field CLIENT_S = Field.bool("dhcpv6.clientfqdn.client.s", "S bit").mask(0x1, 8)
      .states("Server SHOULD perform AAAA RR updates", "Server SHOULD NOT perform AAAA RR updates")
      .blurb("Whether or not the client prefers to perform AAAA RR (FQDN-to-address) updates");
  public static final Field SERVER_N = Field.bool("dhcpv6.clientfqdn.server.n", "N bit").mask(0x4, 8)
      .states("Server SHALL NOT perform DNS updates", "Server SHALL perform DNS updates")
      .blurb("Whether or not the server SHALL perform PTR RR (address-to-FQDN) updates");
  public static final Field SERVER_O = Field.bool("dhcpv6.clientfqdn.server.o", "O bit").mask(0x2, 8)
      .states("Server has overridden client's S bit preference", "Server has not overridden client's S bit preference")
      .blurb("Whether or not the server has overridden the client's S-bit preference");
  public static final Field SERVER_S = Field.bool("dhcpv6.clientfqdn.server.s", "S bit").mask(0x1, 8)
      .states("Server SHALL perform AAAA RR updates", "Server SHALL NOT perform AAAA RR updates")
      .blurb("Whether or not the server SHALL perform AAAA RR (FQDN-to-address) updates");
  public static final Field CLIENT_DOMAIN = Field.string("dhcpv6.client_domain", "Client Domain Name");
  public static final Field IAPREFIX_PREF = Field.u32("dhcpv6.iaprefix.pref_lifetime", "Preferred lifetime");
  public static final Field IAPREFIX_VALID = Field.u32("dhcpv6.iaprefix.valid_lifetime", "Valid lifetime");
  public static final Field IAPREFIX_LEN = Field.u8("dhcpv6.iaprefix.pref_len", "Prefix length");
  public static final Field IAPREFIX_ADDR = Field.ipv6("dhcpv6.iaprefix.pref_addr", "Prefix address");

  static final Expert MALFORMED_OPTION = new Expert("dhcpv6.malformed_option", Severity.ERROR, "Malformed",
      "Malformed option");

  private static final int RELAY_FORW = 12;
  private static final int RELAY_REPLY = 13;
  private static final int RELAY_HEADER = 34;
  private static final long INFINITY = 0xffffffffL;
  /** Nested messages (Relay Message options) walked at most this deep, as tshark's hop-count limit. */
  private static final int MAX_DEPTH = 32;

  public Dhcpv6Dissector() {
    super("dhcpv6", "DHCPv6", "DHCPv6");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, 546, this);
    p.map(Protocols.Table.UDP_PORT, 547, this);
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int end = d.end(layer);
    d.payload(end, end);
    return null;
  }

  @Override
  public void fields(Tree t) {
    message(t, 0, t.length(), 0, null);
  }

  /** One message at {@code off..end}: its header, then its options; Info text into {@code info}. */
  private static void message(Tree t, int off, int end, int depth, StringBuilder info) {
    int type = t.u8(off);
    t.uint(MSGTYPE, off, 1);
    if (type == RELAY_FORW || type == RELAY_REPLY) {
      t.uint(HOPCOUNT, off + 1, 1);
      t.bytes(LINKADDR, off + 2, 16);
      t.bytes(PEERADDR, off + 18, 16);
      if (info != null && t.has(off, RELAY_HEADER)) {
        info.append("L: ").append(Addresses.ipv6(t.data(), t.start() + off + 2)).append(' ');
      }
      options(t, off + RELAY_HEADER, end, type, depth, info);
    } else {
      t.uint(XID, off + 1, 3);
      if (info != null && t.has(off, 4)) {
        info.append(String.format("XID: 0x%06x ", t.u24(off + 1)));
      }
      options(t, off + 4, end, type, depth, info);
    }
  }

  private static void options(Tree t, int off, int end, int msgtype, int depth, StringBuilder info) {
    while (off < end && !t.truncated()) {
      int n = option(t, off, end, msgtype, depth, info);
      if (n <= 0) {
        return;
      }
      off += n;
    }
  }

  /** One option at {@code off}; its size, or 0 when it does not fit before {@code end}. */
  private static int option(Tree t, int off, int end, int msgtype, int depth, StringBuilder info) {
    if (end - off < 4 || !t.has(off, 4)) {
      return 0;
    }
    int code = t.u16(off);
    int len = t.u16(off + 2);
    if (end - off < 4 + len) {
      return 0;
    }
    String name = OPTIONS.getOrDefault((long) code, "DHCP option " + code);
    t.object(OPTION, off, 4 + len, name);
    t.enter();
    t.uint(OPTION_TYPE, off, 2);
    t.uint(OPTION_LENGTH, off + 2, 2);
    value(t, code, off + 4, len, msgtype, depth, info);
    t.exit();
    return 4 + len;
  }

  private static void value(Tree t, int code, int v, int len, int msgtype, int depth, StringBuilder info) {
    switch (code) {
      case 1:
        if (info != null) {
          info.append("CID: ").append(bytesText(t, v, len)).append(' ');
        }
        duid(t, v, len);
        break;
      case 2:
      case 53:
        duid(t, v, len);
        break;
      case 3:
      case 25:
        if (len < 12) {
          malformed(t, v, code == 3 ? "IA_NA: malformed option" : "IA_PD: malformed option");
          break;
        }
        t.object(IAID, v, 4, hex(t, v, 4));
        lifetime(t, IAID_T1, v + 4);
        lifetime(t, IAID_T2, v + 8);
        nested(t, v + 12, v + len, msgtype, depth, info);
        break;
      case 4:
        if (len < 4) {
          malformed(t, v, "IA_TA: malformed option");
          break;
        }
        t.object(IATA, v, 4, hex(t, v, 4));
        nested(t, v + 4, v + len, msgtype, depth, info);
        break;
      case 5:
        if (len < 24) {
          malformed(t, v, "IA_TA: malformed option");
          break;
        }
        t.bytes(IAADDR_IP, v, 16);
        if (info != null && t.has(v, 16)) {
          info.append("IAA: ").append(Addresses.ipv6(t.data(), t.start() + v)).append(' ');
        }
        lifetime(t, IAADDR_PREF, v + 16);
        lifetime(t, IAADDR_VALID, v + 20);
        nested(t, v + 24, v + len, msgtype, depth, info);
        break;
      case 6:
      case 43:
        for (int i = 0; i + 2 <= len; i += 2) {
          t.uint(REQUESTED, v + i, 2);
        }
        break;
      case 7:
        if (len != 1) {
          malformed(t, v, "PREFERENCE: malformed option");
          break;
        }
        t.uint(PREFERENCE, v, 1);
        break;
      case 8:
        if (len != 2) {
          malformed(t, v, "ELAPSED-TIME: malformed option");
          break;
        }
        t.number(ELAPSED, v, 2, t.u16(v) * 10L); // hundredths of a second, shown in ms
        break;
      case 9:
        if (len == 0) {
          malformed(t, v, "RELAY-MSG: malformed option");
        } else if (depth < MAX_DEPTH) {
          message(t, v, v + len, depth + 1, info);
        }
        break;
      case 12:
        if (len != 16) {
          malformed(t, v, "UNICAST: malformed option");
          break;
        }
        t.bytes(UNICAST, v, 16);
        break;
      case 13:
        t.uint(STATUS_CODE, v, 2);
        if (len > 2) {
          t.object(STATUS_MSG, v + 2, len - 2, t.asciiz(v + 2, len - 2));
        }
        break;
      case 16:
        if (len < 4) {
          malformed(t, v, "VENDOR_CLASS: malformed option");
          break;
        }
        t.uint(VENDORCLASS_ENTERPRISE, v, 4);
        if (len > 6) {
          // tshark skips the first data item's two length bytes and reads the rest as one string
          t.object(VENDORCLASS_DATA, v + 6, len - 6, t.asciiz(v + 6, len - 6));
        }
        break;
      case 17:
        if (len < 4) {
          malformed(t, v, "VENDOR_OPTS: malformed option");
          break;
        }
        t.uint(VENDOROPTS_ENTERPRISE, v, 4);
        if (t.u32(v) != 4491) {
          for (int o = v + 4; o + 4 <= v + len; ) {
            int olen = t.u16(o + 2);
            t.uint(VENDOROPTS_CODE, o, 2);
            t.uint(VENDOROPTS_LENGTH, o + 2, 2);
            t.bytes(VENDOROPTS_DATA, o + 4, olen);
            o += 4 + olen;
          }
        }
        break;
      case 18:
        if (len == 0) {
          malformed(t, v, "INTERFACE_ID: malformed option");
          break;
        }
        t.bytes(INTERFACE_ID, v, len);
        break;
      case 19:
        if (len != 1) {
          malformed(t, v, "RECONF_MSG: malformed option");
          break;
        }
        t.uint(RECONF_MSG, v, 1);
        break;
      case 21:
        domains(t, SIP_SERVER_D, v, len);
        break;
      case 22:
        addresses(t, SIP_SERVER_A, v, len, "SIP servers address: malformed option");
        break;
      case 23:
        addresses(t, DNS_SERVER, v, len, "DNS servers address: malformed option");
        break;
      case 24:
        domains(t, SEARCH_LIST_ENTRY, v, len);
        break;
      case 26:
        if (len < 25) {
          malformed(t, v, "IAPREFIX: malformed option");
          break;
        }
        lifetime(t, IAPREFIX_PREF, v);
        lifetime(t, IAPREFIX_VALID, v + 4);
        t.uint(IAPREFIX_LEN, v + 8, 1);
        t.bytes(IAPREFIX_ADDR, v + 9, 16);
        nested(t, v + 25, v + len, msgtype, depth, info);
        break;
      case 27:
        addresses(t, NIS_SERVER, v, len, "NIS servers address: malformed option");
        break;
      case 28:
        addresses(t, NISP_SERVER, v, len, "NISP servers address: malformed option");
        break;
      case 29:
        domains(t, NIS_FQDN, v, len);
        break;
      case 30:
        domains(t, NISP_FQDN, v, len);
        break;
      case 31:
        addresses(t, SNTP_SERVER, v, len, "SNTP servers address: malformed option");
        break;
      case 32:
        if (len != 4) {
          malformed(t, v, "LIFETIME: malformed option");
          break;
        }
        t.uint(LIFETIME, v, 4);
        break;
      case 37:
        if (len < 4) {
          malformed(t, v, "REMOTE_ID: malformed option");
          break;
        }
        t.uint(REMOTEID_ENTERPRISE, v, 4);
        t.bytes(REMOTEID, v + 4, len - 4);
        break;
      case 38:
        if (len == 0) {
          malformed(t, v, "SUBSCRIBER_ID: malformed option");
          break;
        }
        t.object(SUBSCRIBER_ID, v, len, t.asciiz(v, len));
        break;
      case 39:
        clientFqdn(t, v, len, msgtype);
        break;
      default:
        break;
    }
  }

  private static void nested(Tree t, int off, int end, int msgtype, int depth, StringBuilder info) {
    options(t, off, end, msgtype, depth, info);
  }

  /** A DUID (RFC 8415 section 11): its bytes and type, then the type's parts. */
  private static void duid(Tree t, int v, int len) {
    if (len < 2) {
      malformed(t, v, "DUID: malformed option");
      return;
    }
    t.bytes(DUID, v, len);
    int type = t.u16(v);
    t.uint(DUID_TYPE, v, 2);
    switch (type) {
      case 1:
        if (len < 8) {
          malformed(t, v, "DUID: malformed option");
          return;
        }
        t.uint(DUIDLLT_HWTYPE, v + 2, 2);
        // seconds since 2000-01-01 UTC
        t.number(DUIDLLT_TIME, v + 4, 4, (t.u32(v + 4) + 946684800L) * 1_000_000_000L);
        if (len > 8) {
          t.object(DUIDLLT_ADDR, v + 8, len - 8, hwAddress(t, v + 8, len - 8, t.u16(v + 2)));
        }
        return;
      case 2:
        if (len < 6) {
          malformed(t, v, "DUID: malformed option");
          return;
        }
        t.uint(DUIDEN_ENTERPRISE, v + 2, 4);
        if (len > 6) {
          t.bytes(DUIDEN_IDENTIFIER, v + 6, len - 6);
        }
        return;
      case 3:
        if (len < 4) {
          malformed(t, v, "DUID: malformed option");
          return;
        }
        t.uint(DUIDLL_HWTYPE, v + 2, 2);
        if (len > 4) {
          t.object(DUIDLL_ADDR, v + 4, len - 4, hwAddress(t, v + 4, len - 4, t.u16(v + 2)));
        }
        return;
      case 4:
        if (len != 18) {
          malformed(t, v, "DUID: malformed option");
          return;
        }
        t.bytes(DUIDUUID, v + 2, 16);
        return;
      default:
        return;
    }
  }

  /** Client FQDN (RFC 4704): flags read as the client's or the server's by message type. */
  private static void clientFqdn(Tree t, int v, int len, int msgtype) {
    if (len < 1) {
      malformed(t, v, "FQDN: malformed option");
      return;
    }
    boolean client = msgtype == 1 || msgtype == 3 || msgtype == 5 || msgtype == 6;
    boolean server = msgtype == 2 || msgtype == 7;
    if (!client && !server) {
      return; // tshark adds its "not permitted" items here, which netsift leaves out
    }
    t.uint(CLIENT_FQDN_FLAGS, v, 1);
    t.enter();
    if (client) {
      t.uint(CLIENT_N, v, 1);
      t.uint(CLIENT_S, v, 1);
    } else {
      t.uint(SERVER_N, v, 1);
      t.uint(SERVER_O, v, 1);
      t.uint(SERVER_S, v, 1);
    }
    t.exit();
    domains(t, CLIENT_DOMAIN, v + 1, len - 1);
  }

  /**
   * A list of DNS-encoded names (RFC 8415 section 10): each root-terminated name with a trailing
   * dot; labels that run to the end without a root label are one partial name, without the dot.
   */
  static void domains(Tree t, Field f, int v, int len) {
    int end = v + len;
    int first = v;
    int off = v;
    StringBuilder name = new StringBuilder();
    while (off < end && t.has(off, 1)) {
      int l = t.u8(off);
      if (l == 0) {
        name.append('.');
        t.object(f, first, off + 1 - first, name.toString());
        name.setLength(0);
        off++;
        first = off;
        continue;
      }
      if (off + 1 + l > end) {
        return; // tshark reports a bad label length here; netsift leaves the rest out
      }
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(t.asciiz(off + 1, l));
      off += 1 + l;
      if (off == end) {
        t.object(f, first, off - first, name.toString());
        return;
      }
    }
  }

  private static void addresses(Tree t, Field f, int v, int len, String malformed) {
    if (len % 16 != 0) {
      malformed(t, v, malformed);
      return;
    }
    for (int i = 0; i < len; i += 16) {
      t.bytes(f, v + i, 16);
    }
  }

  private static void lifetime(Tree t, Field f, int at) {
    t.uint(f, at, 4);
  }

  private static void malformed(Tree t, int v, String text) {
    t.expert(MALFORMED_OPTION, v - 4, 4, text);
  }

  /** An address by its ARP hardware type: colon-separated for Ethernet/IEEE 802 and six bytes, else hex. */
  private static String hwAddress(Tree t, int at, int len, int hwtype) {
    if ((hwtype == 1 || hwtype == 6) && len == 6 && t.has(at, 6)) {
      return Addresses.mac(t.data(), t.start() + at);
    }
    return bytesText(t, at, len);
  }

  private static String hex(Tree t, int at, int len) {
    return t.has(at, len) ? Addresses.hex(t.data(), t.start() + at, len) : "";
  }

  /** tshark's bytes text: hex without separators, cut to 36 bytes and an ellipsis. */
  private static String bytesText(Tree t, int at, int len) {
    int n = Math.min(len, 36);
    if (!t.has(at, n)) {
      return "";
    }
    String s = Addresses.hex(t.data(), t.start() + at, n);
    return len > 36 ? s + "\u2026" : s;
  }

  @Override
  public void columns(Tree t, Columns c) {
    c.protocol = columnName();
    if (!t.has(0, 1)) {
      c.setInfo("");
      return;
    }
    StringBuilder info = new StringBuilder();
    info.append(MESSAGE_TYPES.getOrDefault((long) t.u8(0), "Unknown")).append(' ');
    infoOf(t, info);
    c.setInfo(info.toString());
  }

  /** Fills the Info text by walking the message without a visitor. */
  private static void infoOf(Tree t, StringBuilder info) {
    message(t, 0, t.length(), 0, info);
  }
}
