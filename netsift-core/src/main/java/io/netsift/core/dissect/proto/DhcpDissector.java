package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Bytes;
import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Expert;
import io.netsift.core.dissect.Expert.Severity;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;
import io.netsift.core.field.Addresses;
import io.netsift.core.field.Field;
import io.netsift.core.field.FieldType;
import io.netsift.core.field.Strings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BOOTP (<a href="https://www.rfc-editor.org/rfc/rfc951">RFC 951</a>) and DHCP
 * (<a href="https://www.rfc-editor.org/rfc/rfc2131">RFC 2131</a>, options in
 * <a href="https://www.rfc-editor.org/rfc/rfc2132">RFC 2132</a>) on UDP ports 67 and 68.
 *
 * <pre>
 *  0               1               2               3
 * +---------------+---------------+---------------+---------------+
 * |  op (1)       |  htype (1)    |  hlen (1)     |  hops (1)     |
 * +---------------+---------------+---------------+---------------+
 * |                            xid (4)                            |
 * +-------------------------------+-------------------------------+
 * |           secs (2)            |           flags (2)           |
 * +-------------------------------+-------------------------------+
 * | ciaddr (4) | yiaddr (4) | siaddr (4) | giaddr (4)             |
 * | chaddr (16) | sname (64) | file (128)                         |
 * | magic cookie 99.130.83.99 (4) | options (variable: code, len, value) ...
 * </pre>
 *
 * Without the magic cookie the message is plain BOOTP and its 64-byte vendor area is shown as
 * bytes. The Protocol column says DHCP when a message type option (53) is present.
 */
public final class DhcpDissector extends Dissector implements Protocols.Registrable {
  private static final Map<Long, String> MESSAGE_TYPES = ValueNames.parse(
      """
      1=Discover|2=Offer|3=Request|4=Decline|5=ACK|6=NAK|7=Release|8=Inform|9=Force Renew|
      10=Lease query|11=Lease Unassigned|12=Lease Unknown|13=Lease Active|14=Bulk Lease Query|
      15=Lease Query Done|16=Active LeaseQuery|17=Lease Query Status|18=TLS|
      """);
  /** Option names as tshark prints them in "Option: (n) Name" and request list items. */
  private static final Map<Long, String> OPTION_NAMES = ValueNames.parse(
      """
      1=Subnet Mask|2=Time Offset|3=Router|4=Time Server|5=Name Server|6=Domain Name Server|
      7=Log Server|8=Quotes Server|9=LPR Server|10=Impress Server|11=Resource Location Server|
      12=Host Name|13=Boot File Size|14=Merit Dump File|15=Domain Name|16=Swap Server|
      17=Root Path|18=Extensions Path|19=IP Forwarding|20=Non-Local Source Routing|
      21=Policy Filter|22=Maximum Datagram Reassembly Size|23=Default IP Time-to-Live|
      24=Path MTU Aging Timeout|25=Path MTU Plateau Table|26=Interface MTU|
      27=All Subnets are Local|28=Broadcast Address|29=Perform Mask Discovery|30=Mask Supplier|
      31=Perform Router Discover|32=Router Solicitation Address|33=Static Route|
      34=Trailer Encapsulation|35=ARP Cache Timeout|36=Ethernet Encapsulation|37=TCP Default TTL|
      38=TCP Keepalive Interval|39=TCP Keepalive Garbage|40=Network Information Service Domain|
      41=Network Information Service Servers|42=Network Time Protocol Servers|
      43=Vendor-Specific Information|44=NetBIOS over TCP/IP Name Server|
      45=NetBIOS over TCP/IP Datagram Distribution Name Server|46=NetBIOS over TCP/IP Node Type|
      47=NetBIOS over TCP/IP Scope|48=X Window System Font Server|
      49=X Window System Display Manager|50=Requested IP Address|51=IP Address Lease Time|
      52=Option Overload|53=DHCP Message Type|54=DHCP Server Identifier|55=Parameter Request List|
      56=Message|57=Maximum DHCP Message Size|58=Renewal Time Value|59=Rebinding Time Value|
      60=Vendor class identifier|61=Client identifier|62=Novell/Netware IP domain|
      63=Novell Options|64=Network Information Service+ Domain|
      65=Network Information Service+ Servers|66=TFTP Server Name|67=Bootfile name|
      68=Mobile IP Home Agent|69=SMTP Server|70=POP3 Server|71=NNTP Server|72=Default WWW Server|
      73=Default Finger Server|74=Default IRC Server|75=StreetTalk Server|
      76=StreetTalk Directory Assistance Server|77=User Class Information|
      78=Directory Agent Information|79=Service Location Agent Scope|80=Rapid commit|
      81=Client Fully Qualified Domain Name|82=Agent Information Option|83=iSNS|
      84=Removed/Unassigned|85=Novell Directory Services Servers|
      86=Novell Directory Services Tree Name|87=Novell Directory Services Context|
      88=BCMCS Controller Domain Name [TODO:RFC4280]|
      89=BCMCS Controller IPv4 address [TODO:RFC4280]|90=Authentication|
      91=Client last transaction time|92=Associated IP option|93=Client System Architecture|
      94=Client Network Device Interface|95=LDAP [TODO:RFC3679]|96=Removed/Unassigned|
      97=UUID/GUID-based Client Identifier|98=Open Group's User Authentication [TODO:RFC2485]|
      99=Civic Addresses Configuration|100=PCode|101=TCode|102=Removed/unassigned|
      103=Removed/unassigned|104=Removed/unassigned|105=Removed/unassigned|106=Removed/unassigned|
      107=Removed/unassigned|108=IPv6-Only Preferred|109=Unassigned|110=Removed/Unassigned|
      111=Unassigned|112=NetInfo Parent Server Address|113=NetInfo Parent Server Tag|
      114=DHCP Captive-Portal|115=Removed/Unassigned|116=DHCP Auto-Configuration|
      117=Name Service Search|118=Subnet Selection Option|119=Domain Search|120=SIP Servers|
      121=Classless Static Route|122=CableLabs Client Configuration [TODO:RFC3495]|
      123=Coordinate-based Location Configuration|124=V-I Vendor Class|
      125=V-I Vendor-specific Information|126=Removed/Unassigned|127=Removed/Unassigned|
      128=DOCSIS full security server IP [TODO]|129=PXE - undefined (vendor specific)|
      130=PXE - undefined (vendor specific)|131=PXE - undefined (vendor specific)|
      132=PXE - undefined (vendor specific)|133=PXE - undefined (vendor specific)|
      134=PXE - undefined (vendor specific)|135=PXE - undefined (vendor specific)|
      136=PANA Authentication Agent|137=LoST Server Domain Name|138=CAPWAP Access Controllers|
      139=IPv4 Address-MoS|140=IPv4 FQDN-MoS|141=SIP UA Configuration Domains|
      142=IPv4 Address ANDSF|143=Zerotouch Redirect [TODO: draft-ietf-netconf-zerotouch]|
      144=Geospatial Location [TODO:RFC6225]|145=Forcerenew Nonce Capable|146=RDNSS Selection|
      147=Unassigned|148=Unassigned|149=Unassigned|150=TFTP Server Address|
      151=Leasequery Status code|152=Leasequery Base Time|153=Leasequery Start Time of State|
      154=Leasequery Query Start Time|155=Leasequery Query End Time|156=Leasequery Dhcp State|
      157=Leasequery Data Source|158=PCP Server|159=Portparams|
      160=Unassigned (ex DHCP Captive-Portal)|161=Manufacturer Usage Description|162=Unassigned|
      163=Unassigned|164=Unassigned|165=Unassigned|166=Unassigned|167=Unassigned|168=Unassigned|
      169=Unassigned|170=Unassigned|171=Unassigned|172=Unassigned|173=Unassigned|174=Unassigned|
      175=Etherboot|176=IP Telephone|177=Etherboot|178=Unassigned|179=Unassigned|180=Unassigned|
      181=Unassigned|182=Unassigned|183=Unassigned|184=Unassigned|185=Unassigned|186=Unassigned|
      187=Unassigned|188=Unassigned|189=Unassigned|190=Unassigned|191=Unassigned|192=Unassigned|
      193=Unassigned|194=Unassigned|195=Unassigned|196=Unassigned|197=Unassigned|198=Unassigned|
      199=Unassigned|200=Unassigned|201=Unassigned|202=Unassigned|203=Unassigned|204=Unassigned|
      205=Unassigned|206=Unassigned|207=Unassigned|208=PXELINUX Magic|209=PXE Configuration file|
      210=PXE Path Prefix|211=Reboot Time|212=6RD|213=V4 Access Domain|214=Unassigned|
      215=Unassigned|216=Unassigned|217=Unassigned|218=Unassigned|219=Unassigned|
      220=Subnet Allocation|221=Virtual Subnet Selection|222=Unassigned|223=Unassigned|
      224=Private|225=Private|226=Private|227=Private|228=Private|229=Private|230=Private|
      231=Private|232=Private|233=Private|234=Private|235=Private|236=Private|237=Private|
      238=Private|239=Private|240=Private|241=Private|242=Private/Avaya IP Telephone|243=Private|
      244=Private|245=Private|246=Private|247=Private|248=Private|
      249=Private/Classless Static Route (Microsoft)|250=Private|251=Private|
      252=Private/Proxy autodiscovery|253=Private|254=Private|
      """);
  private static final Map<Long, String> HW_TYPES = ValueNames.parse(
      """
      0=NET/ROM pseudo|1=Ethernet|2=Experimental Ethernet|3=AX.25|4=ProNET|5=Chaos|6=IEEE 802|
      7=ARCNET|8=Hyperchannel|9=Lanstar|10=Autonet Short Address|11=LocalTalk|12=LocalNet|
      13=Ultra link|14=SMDS|15=Frame Relay|16=ATM|17=HDLC|18=Fibre Channel|19=ATM|20=Serial Line|
      21=ATM|22=MIL-STD-188-220|23=Metricom|24=IEEE 1394.1995|25=MAPOS|26=Twinaxial|27=EUI-64|
      28=HIPARP|29=IP and ARP over ISO 7816-3|30=ARPSec|31=IPsec tunnel|32=InfiniBand|
      33=TIA-102 Project 25 Common Air Interface|34=Wiegand Interface|35=Pure IP|36=HW_EXP1|
      37=HFI|256=HW_EXP2|257=AEthernet|
      """);

  public static final Field BOOTP = Field.bool("dhcp.bootp", "Frame is BOOTP");
  public static final Field TYPE = Field.u8("dhcp.type", "Message type")
      .labels(ValueNames.parse("1=Boot Request|2=Boot Reply"));
  public static final Field HW_TYPE = Field.u8("dhcp.hw.type", "Hardware type").hex().labels(HW_TYPES);
  public static final Field HW_LEN = Field.u8("dhcp.hw.len", "Hardware address length");
  public static final Field HOPS = Field.u8("dhcp.hops", "Hops");
  public static final Field ID = Field.u32("dhcp.id", "Transaction ID").hex();
  public static final Field SECS = Field.u16("dhcp.secs", "Seconds elapsed");
  public static final Field FLAGS = Field.u16("dhcp.flags", "Bootp flags").hex();
  public static final Field FLAGS_BC = Field.bool("dhcp.flags.bc", "Broadcast flag")
      .mask(0x8000, 16).states("Broadcast", "Unicast");
  public static final Field FLAGS_RESERVED = Field.u16("dhcp.flags.reserved", "Reserved flags")
      .hex().mask(0x7fff, 16);
  public static final Field IP_CLIENT = Field.ipv4("dhcp.ip.client", "Client IP address");
  public static final Field IP_YOUR = Field.ipv4("dhcp.ip.your", "Your (client) IP address");
  public static final Field IP_SERVER = Field.ipv4("dhcp.ip.server", "Next server IP address");
  public static final Field IP_RELAY = Field.ipv4("dhcp.ip.relay", "Relay agent IP address");
  public static final Field HW_ADDR = Field.bytes("dhcp.hw.addr", "Client hardware address");
  public static final Field HW_ADDR_PADDING = Field.bytes("dhcp.hw.addr_padding", "Client hardware address padding");
  public static final Field HW_MAC_ADDR = Field.ether("dhcp.hw.mac_addr", "Client MAC address");
  public static final Field SERVER = Field.of("dhcp.server", "Server host name", FieldType.STRING);
  public static final Field FILE = Field.of("dhcp.file", "Boot file name", FieldType.STRING);
  public static final Field COOKIE = Field.ipv4("dhcp.cookie", "Magic cookie");
  public static final Field VENDOR_SPECIFIC = Field.bytes("dhcp.vendor_specific_options", "Bootp vendor specific options");
  public static final Field CLIENT_ID = Field.bytes("dhcp.client_id", "Identifier");
  public static final Field CLIENT_ID_TYPE = Field.u8("dhcp.client_id.type", "Type");
  public static final Field OPTION_TYPE = Field.u8("dhcp.option.type", "Option").blurb("DHCP/BOOTP option type");
  public static final Field OPTION_LENGTH = Field.u8("dhcp.option.length", "Length").blurb("DHCP/BOOTP option length");
  public static final Field SUBOPTION_LENGTH = Field.u8("dhcp.option.suboption_length", "Length").blurb("Suboption length");
  public static final Field OPTION_VALUE = Field.bytes("dhcp.option.value", "Value").blurb("DHCP/BOOTP option value");
  public static final Field PADDING = Field.bytes("dhcp.option.padding", "Padding").blurb("Option 0: Padding");
  public static final Field OPTION_DHCP = Field.u8("dhcp.option.dhcp", "DHCP").labels(MESSAGE_TYPES)
      .blurb("Option 53: DHCP");
  public static final Field REQUEST_LIST_ITEM = Field.u8("dhcp.option.request_list_item", "Parameter Request List Item")
      .labels(OPTION_NAMES).blurb("Option 55: Parameter Request List Item");
  public static final Field OPTION_END = Field.u8("dhcp.option.end", "Option End").blurb("Option 255: End");
  public static final Field AGENT_SUBOPTION = Field.u8("dhcp.option.agent_information_option.suboption",
      "Option 82 Suboption").labels(ValueNames.parse(
      """
      0=Padding|1=Agent Circuit ID|2=Agent Remote ID|3=Reserved|4=DOCSIS Device Class|5=Link selection|
      6=Subscriber ID|7=RADIUS Attributes|8=Authentication|9=Vendor-Specific Information|10=Flags|
      11=Server ID Override|12=Relay Agent Identifier|13=Access Technology Type|14=Access Network Name|
      15=Access Point Name|16=Access Point BSSID|17=Access Network Operator ID|
      18=Access Network Operator Realm|19=Source Port|
      """)).blurb("Option 82: Suboption");
  public static final Field AGENT_VALUE = Field.bytes("dhcp.option.agent_information_option.value", "Value");
  public static final Field AGENT_CIRCUIT_ID = Field.bytes("dhcp.option.agent_information_option.agent_circuit_id", "Agent Circuit ID");
  public static final Field AGENT_REMOTE_ID = Field.bytes("dhcp.option.agent_information_option.agent_remote_id", "Agent Remote ID");
  public static final Field AGENT_LINK_SELECTION = Field.ipv4("dhcp.option.agent_information_option.link_selection", "Link selection");
  public static final Field AGENT_SERVER_ID_OVERRIDE = Field.ipv4("dhcp.option.agent_information_option.server_id_override", "Server ID Override");
  public static final Field ARUBA_CONTROLLER_IP = Field.of("dhcp.option.vendor.arubaap.controllerip",
      "Aruba Controller IP", FieldType.STRING);
  public static final Field VENDOR_VALUE = Field.bytes("dhcp.option.vendor.value", "Value");

  static final Expert END_MISSING = new Expert("dhcp.end_option_missing", Severity.ERROR, "Protocol", "End option missing");
  static final Expert SECS_LE = new Expert("dhcp.secs_le", Severity.NOTE, "Protocol",
      "Seconds elapsed appears to be encoded as little-endian");
  static final Expert BAD_LENGTH = new Expert("dhcp.bad_option_length", Severity.ERROR, "Malformed",
      "Bad option length");

  /** Options whose value is one field of a simple type (n|filter name|type|label), from tshark -G fields. */
  private static final String SIMPLE =
      """
      1|dhcp.option.subnet_mask|FT_IPv4|Subnet Mask
      2|dhcp.option.time_offset|FT_INT32|Time Offset
      3|dhcp.option.router|FT_IPv4|Router
      4|dhcp.option.time_server|FT_IPv4|Time Server
      5|dhcp.option.name_server|FT_IPv4|Name Server
      6|dhcp.option.domain_name_server|FT_IPv4|Domain Name Server
      7|dhcp.option.log_server|FT_IPv4|Log Server
      8|dhcp.option.quotes_server|FT_IPv4|Quotes Server
      9|dhcp.option.lpr_server|FT_IPv4|LPR Server
      10|dhcp.option.impress_server|FT_IPv4|Impress Server
      11|dhcp.option.resource_location_server|FT_IPv4|Resource Location Server
      12|dhcp.option.hostname|FT_STRINGZ|Host Name
      13|dhcp.option.boot_file_size|FT_UINT16|Boot File Size
      14|dhcp.option.merit_dump_file|FT_STRINGZ|Merit Dump File
      15|dhcp.option.domain_name|FT_STRINGZ|Domain Name
      16|dhcp.option.swap_server|FT_IPv4|Swap Server
      17|dhcp.option.root_path|FT_STRINGZ|Root Path
      18|dhcp.option.extension_path|FT_STRINGZ|Extensions Path
      19|dhcp.option.ip_forwarding|FT_BOOLEAN|IP Forwarding
      20|dhcp.option.non_local_source_routing|FT_BOOLEAN|Non-Local Source Routing
      22|dhcp.option.max_datagram_reassembly_size|FT_UINT16|Maximum Datagram Reassembly Size
      23|dhcp.option.default_ip_ttl|FT_UINT8|Default IP Time-to-Live
      24|dhcp.option.path_mtu_aging_timeout|FT_UINT32|Path MTU Aging Timeout
      25|dhcp.option.path_mtu_plateau_table_item|FT_UINT16|Path MTU Plateau Table Item
      26|dhcp.option.interface_mtu|FT_UINT16|Interface MTU
      27|dhcp.option.all_subnets_are_local|FT_BOOLEAN|All Subnets are Local
      28|dhcp.option.broadcast_address|FT_IPv4|Broadcast Address
      29|dhcp.option.perform_mask_discovery|FT_BOOLEAN|Perform Mask Discovery
      30|dhcp.option.mask_supplier|FT_BOOLEAN|Mask Supplier
      31|dhcp.option.perform_router_discover|FT_BOOLEAN|Perform Router Discover
      32|dhcp.option.router_solicitation_address|FT_IPv4|Router Solicitation Address
      34|dhcp.option.trailer_encapsulation|FT_BOOLEAN|Trailer Encapsulation
      35|dhcp.option.arp_cache_timeout|FT_UINT32|ARP Cache Timeout
      36|dhcp.option.ethernet_encapsulation|FT_BOOLEAN|Ethernet Encapsulation
      37|dhcp.option.tcp_default_ttl|FT_UINT8|TCP Default TTL
      38|dhcp.option.tcp_keepalive_interval|FT_UINT32|TCP Keepalive Interval
      39|dhcp.option.tcp_keepalive_garbage|FT_BOOLEAN|TCP Keepalive Garbage
      40|dhcp.option.nis_domain|FT_STRINGZ|Network Information Service Domain
      41|dhcp.option.nis_server|FT_IPv4|Network Information Service Server
      42|dhcp.option.ntp_server|FT_IPv4|Network Time Protocol Server
      44|dhcp.option.netbios_over_tcpip_name_server|FT_IPv4|NetBIOS over TCP/IP Name Server
      45|dhcp.option.netbios_over_tcpip_dd_name_server|FT_IPv4|NetBIOS over TCP/IP Datagram Distribution Name Server
      46|dhcp.option.netbios_over_tcpip_node_type|FT_UINT8|NetBIOS over TCP/IP Node Type
      47|dhcp.option.netbios_over_tcpip_scope|FT_STRINGZ|NetBIOS over TCP/IP Scope
      48|dhcp.option.xwindows_system_font_server|FT_IPv4|X Window System Font Server
      49|dhcp.option.xwindows_system_display_manager|FT_IPv4|X Window System Display Manager
      50|dhcp.option.requested_ip_address|FT_IPv4|Requested IP Address
      51|dhcp.option.ip_address_lease_time|FT_UINT32|IP Address Lease Time
      52|dhcp.option.option_overload|FT_UINT8|Option Overload
      54|dhcp.option.dhcp_server_id|FT_IPv4|DHCP Server Identifier
      56|dhcp.option.message|FT_STRINGZ|Message
      57|dhcp.option.dhcp_max_message_size|FT_UINT16|Maximum DHCP Message Size
      58|dhcp.option.renewal_time_value|FT_UINT32|Renewal Time Value
      59|dhcp.option.rebinding_time_value|FT_UINT32|Rebinding Time Value
      60|dhcp.option.vendor_class_id|FT_STRINGZ|Vendor class identifier
      62|dhcp.option.novell_netware_ip_domain|FT_STRINGZ|Novell/Netware IP domain
      64|dhcp.option.nis_plus_domain|FT_STRINGZ|Network Information Service+ Domain
      65|dhcp.option.nis_plus_server|FT_IPv4|Network Information Service+ Server
      66|dhcp.option.tftp_server_name|FT_STRINGZ|TFTP Server Name
      67|dhcp.option.bootfile_name|FT_STRINGZ|Bootfile name
      68|dhcp.option.mobile_ip_home_agent|FT_IPv4|Mobile IP Home Agent
      69|dhcp.option.smtp_server|FT_IPv4|SMTP Server
      70|dhcp.option.pop3_server|FT_IPv4|POP3 Server
      71|dhcp.option.nntp_server|FT_IPv4|NNTP Server
      72|dhcp.option.default_www_server|FT_IPv4|Default WWW Server
      73|dhcp.option.default_finger_server|FT_IPv4|Default Finger Server
      74|dhcp.option.default_irc_server|FT_IPv4|Default IRC Server
      75|dhcp.option.streettalk_server|FT_IPv4|StreetTalk Server
      76|dhcp.option.streettalk_da_server|FT_IPv4|StreetTalk Directory Assistance Server
      86|dhcp.option.novell_ds_tree_name|FT_STRINGZ|Novell Directory Services Tree Name
      87|dhcp.option.novell_ds_context|FT_STRINGZ|Novell Directory Services Context
      91|dhcp.option.client_last_transaction_time|FT_UINT32|Client last transaction time
      92|dhcp.option.associated_ip_option|FT_IPv4|Associated IP option
      93|dhcp.option.client_system_architecture|FT_UINT16|Client System Architecture
      100|dhcp.option.tz_pcode|FT_STRING|TZ PCode
      101|dhcp.option.tz_tcode|FT_STRING|TZ TCode
      112|dhcp.option.netinfo_parent_server_address|FT_IPv4|NetInfo Parent Server Address
      113|dhcp.option.netinfo_parent_server_tag|FT_STRINGZ|NetInfo Parent Server Tag
      116|dhcp.option.dhcp_auto_configuration|FT_UINT8|DHCP Auto-Configuration
      117|dhcp.option.dhcp_name_service_search_option|FT_STRINGZ|Name Service
      118|dhcp.option.subnet_selection_option|FT_IPv4|Subnet Selection Option
      137|dhcp.option.lost_server_domain_name|FT_STRINGZ|LoST Server Domain Name
      138|dhcp.option.capwap_access_controller|FT_IPv4|CAPWAP Access Controllers
      150|dhcp.option.tftp_server_address|FT_IPv4|TFTP Server Address
      161|dhcp.option.mudurl|FT_STRING|MUDURL
      209|dhcp.option.pxe_config_file|FT_STRING|PXELINUX configuration file
      210|dhcp.option.pxe_path_prefix|FT_STRING|PXELINUX path prefix
      252|dhcp.option.private_proxy_autodiscovery|FT_STRINGZ|Private/Proxy autodiscovery
      255|dhcp.option.end|FT_UINT8|Option End
      """;
  private static final Field[] SIMPLE_FIELDS = new Field[256];
  private static final List<Field> TABLE_FIELDS = new ArrayList<>();

  static {
    for (String line : SIMPLE.strip().split("\n")) {
      String[] p = line.strip().split("\\|");
      int code = Integer.parseInt(p[0]);
      FieldType type = FieldType.valueOf(p[2].substring(3));
      Field f = Field.of(p[1], p[3], type).blurb("Option " + code + ": " + p[3]);
      if (code == 46) {
        f.labels(ValueNames.parse("1=B-node|2=P-node|4=M-node|8=H-node"));
      } else if (code == 52) {
        f.labels(ValueNames.parse("1=Boot file name holds options|2=Server host name holds options|3=Boot file and server host names hold options"));
      }
      if (type == FieldType.BOOLEAN) {
        f.states("Enabled", "Disabled");
      }
      SIMPLE_FIELDS[code] = f;
      TABLE_FIELDS.add(f);
    }
  }

  private static final int HEADER = 236;
  private static final int VENDOR_AREA = 64;
  private static final int COOKIE_VALUE = 0x63825363;
  private static final int OPT_PAD = 0;
  private static final int OPT_END = 255;
  private static final int OPT_MESSAGE_TYPE = 53;
  private static final int OPT_VENDOR_CLASS = 60;

  // Annotations: the first message type (-1 when none), and flags.
  private static final int A_MESSAGE_TYPE = 0;
  private static final int A_FLAGS = 1;
  private static final int A_LAST_TYPE = 2;
  private static final int A_COUNT = 3;
  private static final int F_COOKIE = 1;
  private static final int F_ARUBA = 2;
  private static final int F_SECS_LE = 4;

  public DhcpDissector() {
    super("dhcp", "Dynamic Host Configuration Protocol", "DHCP/BOOTP");
  }

  @Override
  public void register(Protocols p) {
    p.map(Protocols.Table.UDP_PORT, 67, this);
    p.map(Protocols.Table.UDP_PORT, 68, this);
  }

  @Override
  public List<Field> declaredFields() {
    List<Field> out = super.declaredFields();
    out.addAll(TABLE_FIELDS);
    return out;
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    int s = d.start(layer);
    int end = d.end(layer);
    byte[] b = d.data();
    d.annotate(layer, A_COUNT);
    d.setAnnotation(layer, A_MESSAGE_TYPE, -1);
    if (end - s < HEADER) {
      Truncation.report(d, layer, s, HEADER);
      return null;
    }
    int flags = 0;
    int secs = Bytes.u16(b, s + 8);
    int secsLe = Integer.reverseBytes(secs) >>> 16;
    if (secs > 0xff && secsLe <= 0xff) {
      // Some clients send secs little-endian; tshark shows the smaller reading and says so.
      flags |= F_SECS_LE;
      d.expert(layer, SECS_LE, s + 8, 0, null);
    }
    if (end - s < HEADER + 4 || (int) Bytes.u32(b, s + HEADER) != COOKIE_VALUE) {
      d.setAnnotation(layer, A_FLAGS, flags);
      if (end - s < HEADER + VENDOR_AREA) {
        Truncation.report(d, layer, s, HEADER + VENDOR_AREA);
      }
      return null;
    }
    flags |= F_COOKIE;
    int off = s + HEADER + 4;
    boolean sawEnd = false;
    while (off < end) {
      int code = b[off] & 0xff;
      if (code == OPT_PAD) {
        off++;
        continue;
      }
      if (code == OPT_END) {
        sawEnd = true;
        break;
      }
      if (off + 2 > end || off + 2 + (b[off + 1] & 0xff) > end) {
        d.setAnnotation(layer, A_FLAGS, flags);
        Truncation.report(d, layer, off, off + 2 > end ? 2 : 2 + (b[off + 1] & 0xff));
        return null;
      }
      int len = b[off + 1] & 0xff;
      if (code == OPT_MESSAGE_TYPE && len >= 1) {
        if (d.annotation(layer, A_MESSAGE_TYPE) < 0) {
          d.setAnnotation(layer, A_MESSAGE_TYPE, b[off + 2] & 0xff);
        }
        d.setAnnotation(layer, A_LAST_TYPE, b[off + 2] & 0xff); // Info shows the last one
      } else if (code == OPT_VENDOR_CLASS && len >= 7 && startsWith(b, off + 2, "ArubaAP")) {
        flags |= F_ARUBA;
      }
      off += 2 + len;
    }
    d.setAnnotation(layer, A_FLAGS, flags);
    if (!sawEnd) {
      d.expert(layer, END_MISSING, off, 0, null);
    }
    return null;
  }

  private static boolean startsWith(byte[] b, int at, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (b[at + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void fields(Tree t) {
    int flags = (int) t.annotation(A_FLAGS);
    t.uint(TYPE, 0, 1);
    int htype = t.u8(1);
    int hlen = t.u8(2);
    t.uint(HW_TYPE, 1, 1);
    t.uint(HW_LEN, 2, 1);
    t.uint(HOPS, 3, 1);
    t.uint(ID, 4, 4);
    if ((flags & F_SECS_LE) != 0) {
      t.uintle(SECS, 8, 2);
    } else {
      t.uint(SECS, 8, 2);
    }
    t.uint(FLAGS, 10, 2);
    t.enter();
    t.uint(FLAGS_BC, 10, 2);
    t.uint(FLAGS_RESERVED, 10, 2);
    t.exit();
    t.bytes(IP_CLIENT, 12, 4);
    t.bytes(IP_YOUR, 16, 4);
    t.bytes(IP_SERVER, 20, 4);
    t.bytes(IP_RELAY, 24, 4);
    if (hlen > 0 && hlen <= 16) {
      boolean mac = htype == 1 && hlen == 6;
      t.bytes(mac ? HW_MAC_ADDR : HW_ADDR, 28, hlen);
      if (hlen < 16) {
        t.bytes(HW_ADDR_PADDING, 28 + hlen, 16 - hlen);
      }
    } else {
      t.bytes(HW_ADDR_PADDING, 28, 16);
    }
    stringz(t, SERVER, 44, 64);
    stringz(t, FILE, 108, 128);
    if ((flags & F_COOKIE) == 0) {
      if (t.has(HEADER, VENDOR_AREA)) {
        t.bytes(VENDOR_SPECIFIC, HEADER, VENDOR_AREA);
      }
      return;
    }
    t.bytes(COOKIE, HEADER, 4);
    int off = HEADER + 4;
    int n = t.length();
    while (off < n) {
      int code = t.u8(off);
      if (code == OPT_PAD) {
        t.number(OPTION_TYPE, off, 1, 0);
        t.enter();
        t.bytes(PADDING, off, 1);
        t.exit();
        off++;
        continue;
      }
      if (code == OPT_END) {
        t.number(OPTION_TYPE, off, 1, 0); // tshark gives End's item the value 0
        t.enter();
        t.uint(OPTION_END, off, 1);
        t.exit();
        off++;
        if (off < n) {
          t.bytes(PADDING, off, n - off);
        }
        return;
      }
      if (!t.has(off, 2)) {
        t.number(OPTION_TYPE, off, 1, code);
        return;
      }
      int len = t.u8(off + 1);
      int avail = Math.min(len, n - off - 2);
      t.number(OPTION_TYPE, off, 2 + avail, code);
      t.enter();
      t.uint(OPTION_LENGTH, off + 1, 1);
      if (avail == len) {
        option(t, flags, code, off + 2, len);
      }
      t.exit();
      if (avail < len) {
        return;
      }
      off += 2 + len;
    }
  }

  /** A STRINGZ field: the text up to the first NUL; empty when the first byte is NUL. */
  private static void stringz(Tree t, Field f, int rel, int len) {
    if (!t.has(rel, len)) {
      t.bytes(f, rel, len);
      return;
    }
    byte[] b = t.data();
    int p = t.start() + rel;
    int k = 0;
    while (k < len && b[p + k] != 0) {
      k++;
    }
    t.object(f, rel, len, Strings.printable(b, p, k));
  }

  private static void option(Tree t, int flags, int code, int at, int len) {
    if (len > 0) {
      t.bytes(OPTION_VALUE, at, len);
    }
    switch (code) {
      case OPT_MESSAGE_TYPE:
        if (len == 1) {
          t.uint(OPTION_DHCP, at, 1);
        }
        return;
      case 55:
        for (int k = 0; k < len; k++) {
          t.uint(REQUEST_LIST_ITEM, at + k, 1);
        }
        return;
      case 61:
        clientId(t, at, len);
        return;
      case 82:
        agentInformation(t, at, len);
        return;
      case 43:
        if ((flags & F_ARUBA) != 0) {
          stringz(t, ARUBA_CONTROLLER_IP, at, len);
        }
        return;
      default:
        break;
    }
    Field f = SIMPLE_FIELDS[code];
    if (f == null || len == 0) {
      return;
    }
    switch (f.type()) {
      case IPv4:
        for (int k = 0; k + 4 <= len; k += 4) {
          t.bytes(f, at + k, 4);
        }
        return;
      case STRING:
      case STRINGZ:
        stringz(t, f, at, len);
        return;
      case BOOLEAN:
        t.number(f, at, 1, t.u8(at) != 0 ? 1 : 0);
        return;
      case UINT8:
        t.uint(f, at, 1);
        return;
      case UINT16:
        if (f.name().endsWith("_item")) {
          for (int k = 0; k + 2 <= len; k += 2) {
            t.uint(f, at + k, 2);
          }
        } else if (len >= 2) {
          t.uint(f, at, 2);
        }
        return;
      case UINT32:
      case INT32:
        if (len >= 4) {
          long v = t.u32(at);
          t.number(f, at, 4, f.type() == FieldType.INT32 ? (int) v : v);
        }
        return;
      default:
        return;
    }
  }

  /** Option 61 (RFC 2132 section 9.14): a hardware type and address, or opaque bytes. */
  private static void clientId(Tree t, int at, int len) {
    int type = t.u8(at);
    if (len == 7 && type == 1) {
      t.uint(HW_TYPE, at, 1);
      t.bytes(HW_MAC_ADDR, at + 1, 6);
    } else if (len > 1) {
      t.uint(CLIENT_ID_TYPE, at, 1);
      t.bytes(CLIENT_ID, at + 1, len - 1);
    }
  }

  /** Option 82 (RFC 3046): sub-options of code, length, value. */
  private static void agentInformation(Tree t, int at, int len) {
    int off = at;
    int end = at + len;
    while (off + 2 <= end) {
      int sub = t.u8(off);
      int slen = t.u8(off + 1);
      if (off + 2 + slen > end) {
        t.expert(BAD_LENGTH, off, end - off, null);
        return;
      }
      t.number(AGENT_SUBOPTION, off, 2 + slen, sub);
      t.enter();
      t.uint(SUBOPTION_LENGTH, off + 1, 1);
      int v = off + 2;
      switch (sub) {
        case 1: t.bytes(AGENT_CIRCUIT_ID, v, slen); break;
        case 2: t.bytes(AGENT_REMOTE_ID, v, slen); break;
        case 5: if (slen == 4) { t.bytes(AGENT_LINK_SELECTION, v, 4); } break;
        case 11: if (slen == 4) { t.bytes(AGENT_SERVER_ID_OVERRIDE, v, 4); } break;
        default: if (slen > 0) { t.bytes(AGENT_VALUE, v, slen); }
      }
      t.exit();
      off += 2 + slen;
    }
  }

  /** Message type text: "Discover", or tshark's "Unknown Message Type (0x63)". */
  private static String typeName(long type) {
    String name = MESSAGE_TYPES.get(type);
    return name != null ? name : String.format("Unknown Message Type (0x%02x)", type);
  }

  @Override
  public String label(Tree t) {
    long type = t.annotation(A_MESSAGE_TYPE);
    return type < 0 ? longName() : longName() + " (" + typeName(type) + ")";
  }

  @Override
  public void columns(Tree t, Columns c) {
    long type = t.annotation(A_MESSAGE_TYPE);
    if (!t.has(0, 8)) {
      c.protocol = "BOOTP";
      return;
    }
    if (type >= 0) {
      c.protocol = "DHCP";
      c.setInfo(String.format("DHCP %-8s - Transaction ID 0x%x", typeName(t.annotation(A_LAST_TYPE)), t.u32(4)));
      return;
    }
    c.protocol = "BOOTP";
    if (t.u8(0) == 1) {
      String mac = t.has(28, 6) ? Addresses.mac(t.data(), t.start() + 28) : "";
      c.setInfo("Boot Request from " + mac + " (" + mac + ")");
    } else {
      c.setInfo("Boot Reply");
    }
  }
}
