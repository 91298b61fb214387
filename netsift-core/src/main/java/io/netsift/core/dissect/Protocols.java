package io.netsift.core.dissect;

import io.netsift.core.dissect.proto.*;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dissector registry and its dispatch tables (link type, EtherType, IP protocol, TCP and
 * UDP ports). Adding a protocol is one line in {@link #standard()}; the dissector says in
 * {@link Registrable#register} which table entries lead to it. Instances are immutable once
 * built; {@link #withDecodeAs} derives a copy with extra port mappings.
 */
public final class Protocols {
  /** A dispatch table key space. */
  public enum Table { LINK_TYPE, ETHERTYPE, IP_PROTO, TCP_PORT, UDP_PORT, PPP_PROTO, LLC_SAP }

  /** Implemented by dissectors that are reached through a dispatch table. */
  public interface Registrable {
    void register(Protocols p);
  }

  private static volatile Protocols standard;

  private final List<Dissector> all = new ArrayList<>();
  private final Map<String, Dissector> byName = new LinkedHashMap<>();
  private final Map<Table, Map<Integer, Dissector>> tables = new HashMap<>();
  private final Dissector[] etherTypes = new Dissector[65536];
  private final Dissector[] ipProtocols = new Dissector[256];
  // The per-packet look-ups are arrays, not maps of boxed keys.
  private final Dissector[] tcpPorts = new Dissector[65536];
  private final Dissector[] udpPorts = new Dissector[65536];
  private final Dissector[] linkTypes = new Dissector[65536];
  private final Map<String, String> preferences = new HashMap<>();
  private PortNames portNames;
  private final Map<Table, List<Heuristic>> heuristics = new java.util.EnumMap<>(Table.class);

  /** A heuristic test: whether bytes no port claims look like this protocol. */
  public interface HeuristicTest {
    boolean accepts(Dissection d, byte[] b, int off, int len);
  }

  private static final class Heuristic {
    final Dissector dissector;
    final HeuristicTest test;

    Heuristic(Dissector dissector, HeuristicTest test) {
      this.dissector = dissector;
      this.test = test;
    }
  }

  /**
   * Registers a heuristic for payloads of {@code table}'s transport that no port leads anywhere
   * (tshark's heuristic sub-dissectors, tried after the ports, in registration order).
   */
  public void heuristic(Table table, Dissector d, HeuristicTest test) {
    heuristics.computeIfAbsent(table, k -> new ArrayList<>()).add(new Heuristic(d, test));
  }

  /** The first heuristic dissector of {@code table} that accepts the bytes, or null. */
  public Dissector tryHeuristics(Table table, Dissection d, byte[] b, int off, int len) {
    List<Heuristic> list = heuristics.get(table);
    if (list == null || len <= 0) {
      return null;
    }
    // Indexed: an iterator per TCP segment showed in profiles of lower-layer reads, whose
    // pruned registry usually leaves the list empty.
    for (int i = 0; i < list.size(); i++) {
      Heuristic h = list.get(i);
      if (h.test.accepts(d, b, off, len)) {
        return h.dissector;
      }
    }
    return null;
  }

  /** Names of transport ports, for tshark's {@code -N t} ("http(80)" in the Info column). */
  public interface PortNames {
    /** The service name of {@code port} over TCP ({@code tcp} true) or UDP, or null. */
    String name(int port, boolean tcp);
  }

  private Protocols() {
    for (Table t : Table.values()) {
      tables.put(t, new HashMap<>());
    }
  }

  /** The registry of every protocol netsift dissects, in registration order. */
  public static Protocols standard() {
    Protocols p = standard;
    if (p == null) {
      synchronized (Protocols.class) {
        p = standard;
        if (p == null) {
          p = build();
          standard = p;
        }
      }
    }
    return p;
  }

  private static Protocols build() {
    Protocols p = new Protocols();
    // One line per protocol; the order is the order of `netsift fields`.
    p.add(new FrameDissector());
    p.add(new EthernetDissector());
    p.add(new EtherTypeDissector());
    // -- link and network layers (helper A adds its lines here) --
    p.add(new LlcDissector());
    p.add(new VlanDissector());
    p.add(new Ieee8021adDissector());
    p.add(new ArpDissector());
    p.add(new IPv4Dissector());
    p.add(new IPv6Dissector());
    p.add(new IPv6ExtensionDissector(IPv6ExtensionDissector.Kind.HOP_BY_HOP));
    p.add(new IPv6ExtensionDissector(IPv6ExtensionDissector.Kind.ROUTING));
    p.add(new IPv6ExtensionDissector(IPv6ExtensionDissector.Kind.FRAGMENT));
    p.add(new IPv6ExtensionDissector(IPv6ExtensionDissector.Kind.DESTINATION));
    p.add(new SllDissector());
    p.add(new NullDissector());
    p.add(new RawIpDissector());
    // -- end link and network layers --
    // -- transport and ICMP (helper B adds its lines here) --
    p.add(new IcmpDissector());
    p.add(new Icmpv6Dissector());
    p.add(new TcpDissector());
    p.add(new MptcpDissector());
    p.add(new UdpDissector());
    // -- end transport and ICMP --
    // -- DNS, mDNS, LLMNR (helper dns) --
    p.add(new io.netsift.core.dissect.proto.dns.DnsDissector());
    p.add(new io.netsift.core.dissect.proto.dns.MdnsDissector());
    p.add(new io.netsift.core.dissect.proto.dns.LlmnrDissector());
    // -- end DNS --
    // -- DHCP, NTP, SNMP (helper udp-apps) --
    p.add(new DhcpDissector());
    p.add(new Dhcpv6Dissector());
    p.add(new NtpDissector());
    p.add(new SnmpDissector());
    p.add(new KerberosDissector());
    p.add(new SpnegoDissector());
    p.add(new LdapDissector());
    p.add(new TftpDissector());
    p.add(new WireGuardDissector());
    p.add(new OpenvpnDissector());
    p.add(new XmppDissector());
    p.add(new YmsgDissector());
    p.add(new GquicDissector());
    p.add(new QuicDissector());
    p.add(new NetflowDissector());
    p.add(new Dnp3Dissector());
    p.add(new C1222Dissector());
    p.add(new SapDissector());
    p.add(new SdpDissector());
    p.add(new SipDissector());
    p.add(new MegacoDissector());
    p.add(new T38Dissector());
    // -- end DHCP, NTP, SNMP --
    // -- FTP, SMTP, POP, IMAP, Telnet (helper text-apps) --
    p.add(new FtpDissector());
    p.add(new FtpDataDissector());
    p.add(new SmtpDissector());
    p.add(new ImfDissector());
    p.add(new MimeMultipartDissector());
    p.add(new PopDissector());
    p.add(new ImapDissector());
    p.add(new TelnetDissector());
    p.add(new RloginDissector());
    p.add(new IrcDissector());
    p.add(new SshDissector());
    p.add(new BgpDissector());
    p.add(new VncDissector());
    p.add(new X11Dissector());
    p.add(new DecDnaDissector());
    p.add(new PfcpDissector());
    p.add(new MysqlDissector());
    DcerpcDissector dcerpc = new DcerpcDissector();
    p.add(dcerpc);
    p.add(dcerpc.epm());
    p.add(dcerpc.mapi());
    p.add(new NbssDissector());
    p.add(new SmbDissector());
    p.add(new Smb2Dissector());
    p.add(new RpcDissector());
    p.add(new PortmapDissector());
    p.add(new MountDissector());
    p.add(new NfsDissector());
    p.add(new NfsaclDissector());
    p.add(new NbnsDissector());
    p.add(new NbdgmDissector());
    p.add(new MailslotDissector());
    p.add(new BrowserDissector());
    // -- end FTP, SMTP, POP, IMAP, Telnet --
    // -- TLS and X.509 (helper tls) --
    p.add(new TlsDissector());
    p.add(new DtlsDissector());
    p.add(new TpktDissector());
    p.add(new CotpDissector());
    p.add(new RdpDissector());
    p.add(new X509SatDissector());
    p.add(new X509CeDissector());
    p.add(new Pkix1ImplicitDissector());
    p.add(new Pkix1ExplicitDissector());
    p.add(new Pkcs1Dissector());
    p.add(new NsCertExtsDissector());
    p.add(new LogotypeCertExtnDissector());
    // -- end TLS --
    // -- HTTP and media types (helper http) --
    p.add(new io.netsift.core.dissect.proto.http.HttpDissector());
    p.add(new io.netsift.core.dissect.proto.http.RtspDissector());
    p.add(new io.netsift.core.dissect.proto.http.SsdpDissector());
    p.add(new io.netsift.core.dissect.proto.http.TextLinesDissector());
    p.add(new io.netsift.core.dissect.proto.http.JsonDissector());
    p.add(new io.netsift.core.dissect.proto.http.PngDissector());
    p.add(new io.netsift.core.dissect.proto.http.JfifDissector());
    p.add(new io.netsift.core.dissect.proto.http.GifDissector());
    p.add(new io.netsift.core.dissect.proto.http.UrlEncodedFormDissector());
    p.add(new io.netsift.core.dissect.proto.http.XmlDissector());
    p.add(new io.netsift.core.dissect.proto.http.MediaDissector());
    // -- end HTTP --
    // -- MPLS, PPP, PPPoE, HDLC, NFLOG, netlink, IPoIB, LLDP, CDP, STP (helper l2) --
    p.add(new MplsDissector());
    p.add(new PwEthHeuristicDissector());
    p.add(new PwEthCwDissector());
    p.add(new PwEthNoCwDissector());
    p.add(new PppoeDiscoveryDissector());
    p.add(new PppoeSessionDissector());
    p.add(new PppDissector());
    p.add(new LcpDissector());
    p.add(new IpcpDissector());
    p.add(new Ipv6cpDissector());
    p.add(new PapDissector());
    p.add(new CcpDissector());
    p.add(new ChdlcDissector());
    p.add(new SlarpDissector());
    p.add(new StpDissector());
    p.add(new NflogDissector());
    p.add(new NetlinkDissector());
    p.add(new NetlinkRouteDissector());
    p.add(new IpoibDissector());
    p.add(new LldpDissector());
    p.add(new CdpDissector());
    p.add(new CfpDissector());
    p.add(new VntagDissector());
    p.add(new EtagDissector());
    p.add(new Ieee8021ahDissector());
    p.add(new BoflDissector());
    p.add(new NshDissector());
    p.add(new FddiDissector());
    p.add(new ArcnetDissector());
    p.add(new WpanDissector());
    p.add(new ZbeeNwkDissector());
    p.add(new ZbeeBeaconDissector());
    p.add(new ZbeeApsDissector());
    // -- end l2 --
    // -- IEEE 802.11, radiotap, PPI (helper wlan) --
    p.add(new RadiotapDissector());
    p.add(new WlanRadioDissector());
    p.add(new WlanDissector());
    p.add(new PpiDissector());
    p.add(new PcapPktdataDissector());
    // -- end wlan --
    // -- GRE, ERSPAN, VXLAN, GENEVE, GTP, Teredo, L2TP, ESP, AH (helper tunnels) --
    p.add(new GreDissector());
    p.add(new ErspanDissector());
    p.add(new CmdDissector());
    p.add(new VxlanDissector());
    p.add(new GeneveDissector());
    p.add(new GtpDissector());
    p.add(new TeredoDissector());
    p.add(new L2tpDissector());
    p.add(new EspDissector());
    p.add(new UdpEncapDissector());
    p.add(new IsakmpDissector());
    p.add(new AhDissector());
    p.add(new AyiyaDissector());
    // -- end tunnels --
    // -- IGMP, VRRP, OSPF, PIM, SCTP (helper l3) --
    p.add(new IgmpDissector());
    p.add(new VrrpDissector());
    p.add(new SctpDissector());
    p.add(new M3uaDissector()); // SIGTRAN over SCTP (helper sccp)
    p.add(new SccpDissector());
    p.add(new BssapDissector());
    p.add(new OspfDissector());
    p.add(new PimDissector());
    // -- end l3 --
    // -- Syslog, MQTT, RESP, Modbus/TCP, PostgreSQL, LDAP (helper apps) --
    p.add(new SyslogDissector());
    p.add(new DbLspDiscDissector());
    p.add(new BjnpDissector());
    p.add(new MndpDissector());
    p.add(new MqttDissector());
    p.add(new RespDissector());
    p.add(new MbtcpDissector());
    p.add(new Iec104Dissector());
    p.add(new Iec60870AsduDissector());
    p.add(new ModbusDissector());
    p.add(new PgsqlDissector());
    // -- end apps --
    // -- legacy LAN and routing protocols: LOOP, IPX, RIP, EIGRP, PTP (helper legacy) --
    p.add(new LoopDissector());
    p.add(new BasicXidDissector());
    p.add(new DtpDissector());
    p.add(new RipDissector());
    p.add(new EigrpDissector());
    p.add(new IpxDissector());
    p.add(new IpxRipDissector());
    p.add(new IpxSapDissector());
    p.add(new NbipxDissector());
    p.add(new NmpiDissector());
    p.add(new PtpDissector());
    // -- end legacy --
    OpenFlowDissector.family().forEach(p::add); // openflow and openflow_v1, _v4, _v5, _v6
    p.add(new DataDissector());
    p.add(new MalformedDissector());
    p.finish();
    return p;
  }

  /** Registers a dissector (and its table entries). */
  public void add(Dissector d) {
    if (byName.containsKey(d.name())) {
      throw new IllegalStateException("protocol registered twice: " + d.name());
    }
    d.id = all.size();
    all.add(d);
    byName.put(d.name(), d);
  }

  private void finish() {
    for (Dissector d : all) {
      if (d instanceof Registrable) {
        ((Registrable) d).register(this);
      }
    }
  }

  /** Maps {@code key} in {@code table} to {@code d} (a later mapping replaces an earlier one). */
  public void map(Table table, int key, Dissector d) {
    tables.get(table).put(key, d);
    if (table == Table.ETHERTYPE && key >= 0 && key < 65536) {
      etherTypes[key] = d;
    } else if (table == Table.IP_PROTO && key >= 0 && key < 256) {
      ipProtocols[key] = d;
    } else if (key >= 0 && key < 65536) {
      Dissector[] a = array(table);
      if (a != null) {
        a[key] = d;
      }
    }
  }

  /** Maps each of {@code keys} (a protocol's well-known ports, say) in {@code table} to {@code d}. */
  public void map(Table table, int[] keys, Dissector d) {
    for (int key : keys) {
      map(table, key, d);
    }
  }

  /** The dissector for {@code key} in {@code table}, or null. */
  public Dissector lookup(Table table, int key) {
    if (table == Table.ETHERTYPE) {
      return key >= 0 && key < 65536 ? etherTypes[key] : null;
    }
    if (table == Table.IP_PROTO) {
      return key >= 0 && key < 256 ? ipProtocols[key] : null;
    }
    Dissector[] a = array(table);
    if (a != null && key >= 0 && key < 65536) {
      return a[key];
    }
    return tables.get(table).get(key);
  }

  private Dissector[] array(Table table) {
    switch (table) {
      case TCP_PORT: return tcpPorts;
      case UDP_PORT: return udpPorts;
      case LINK_TYPE: return linkTypes;
      default: return null;
    }
  }

  public Dissector etherType(int type) {
    return type >= 0 && type < 65536 ? etherTypes[type] : null;
  }

  public Dissector ipProtocol(int proto) {
    return proto >= 0 && proto < 256 ? ipProtocols[proto] : null;
  }

  /** A protocol by filter name ({@code ip}), or null. */
  public Dissector byName(String name) {
    return byName.get(name);
  }

  /** Every dissector in registration order. */
  public List<Dissector> all() {
    return Collections.unmodifiableList(all);
  }

  /** The "data" dissector for payload no protocol claims. */
  public Dissector data() {
    Dissector d = data;
    if (d == null) {
      d = byName.get("data");
      data = d;
    }
    return d;
  }

  /** The "data" dissector, looked up once: every chain asks for it. */
  private Dissector data;

  public Dissector malformed() {
    return byName.get("_ws.malformed");
  }

  /** A copy of this registry where {@code key} in {@code table} leads to {@code protocolName}. */
  public Protocols withDecodeAs(Table table, int key, String protocolName) {
    Dissector d = byName(protocolName);
    if (d == null) {
      throw new IllegalArgumentException("unknown protocol: " + protocolName);
    }
    Protocols c = copy();
    c.map(table, key, d);
    return c;
  }

  /**
   * A copy of this registry with one more dissector, reached through {@code keys} of
   * {@code table} (a protocol of your own, or a replacement for a port). The dissector must be
   * new to the registry: its name may not be taken.
   */
  public Protocols withDissector(Dissector d, Table table, int... keys) {
    Protocols c = copy();
    c.add(d);
    for (int key : keys) {
      c.map(table, key, d);
    }
    return c;
  }

  /**
   * A copy of this registry with preference {@code name} set to {@code value}, as tshark's
   * {@code -o name:value}. Known preferences: {@code tcp.desegment_tcp_streams} (TRUE/FALSE,
   * default TRUE), {@code tcp.reassembly_max_pdu} (bytes one reassembled PDU may reach, default
   * 16 MiB), {@code tcp.reassembly_max_total} (bytes all pending PDUs together may hold,
   * default 64 MiB), {@code tcp.state_max_total} (bytes of TCP stream state, default 64 MiB,
   * past which the longest-idle streams are forgotten), {@code udp.state_max_total} (bytes of UDP
   * conversations, default 32 MiB, the same rule), {@code ip.defragment} and
   * {@code ipv6.defragment} (TRUE/FALSE).
   */
  public Protocols withPreference(String name, String value) {
    Protocols c = copy();
    c.preferences.put(name, value);
    return c;
  }

  /** A preference's value, or {@code fallback} when it was not set. */
  public String preference(String name, String fallback) {
    return preferences.getOrDefault(name, fallback);
  }

  /** A boolean preference (TRUE/FALSE in any case, as tshark accepts). */
  public boolean booleanPreference(String name, boolean fallback) {
    String v = preferences.get(name);
    return v == null ? fallback : v.equalsIgnoreCase("true") || v.equals("1");
  }

  /** A numeric preference. */
  public long longPreference(String name, long fallback) {
    String v = preferences.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("preference " + name + " wants a number, not \"" + v + "\"");
    }
  }

  /** A copy of this registry that resolves port names in the summary columns (tshark's -N t). */
  public Protocols withPortNames(PortNames names) {
    Protocols c = copy();
    c.portNames = names;
    return c;
  }

  /**
   * Appends {@code port} as the Info column shows it: the number, or with port-name resolution
   * on, {@code name(port)} (a port without a name stays a bare number, as in tshark).
   */
  public void appendPort(StringBuilder sb, int port, boolean tcp) {
    String name = portNames == null ? null : portNames.name(port, tcp);
    if (name == null) {
      sb.append(port);
    } else {
      sb.append(name).append('(').append(port).append(')');
    }
  }

  /**
   * Whether {@code d} is a lower layer: reached through a link-type, EtherType, IP-protocol,
   * PPP or LLC table (or a tunnel over a transport port), so that no application protocol is
   * needed to find it or fill its fields.
   */
  public boolean isLowerLayer(Dissector d) {
    if (d == byName.get("frame") || d.carriesLowerLayers()) {
      return true;
    }
    for (Table t : Table.values()) {
      if (t != Table.TCP_PORT && t != Table.UDP_PORT && tables.get(t).containsValue(d)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A copy of this registry that stops at the transport layer: TCP and UDP ports and
   * heuristics lead only to lower layers (tunnels), so application payloads become data
   * without being parsed. Fields of lower layers keep their values (except the few that
   * report application PDUs, see {@link #forFields}), which is what makes {@code -T fields -e
   * ip.src} or {@code -Y 'tcp.port == 80' -w} cheap.
   */
  public Protocols lowerLayersOnly() {
    Protocols c = copy();
    for (Table t : new Table[] {Table.TCP_PORT, Table.UDP_PORT}) {
      Dissector[] a = c.array(t);
      for (int i = 0; i < a.length; i++) {
        if (a[i] != null && !isLowerLayer(a[i])) {
          a[i] = null;
        }
      }
      c.tables.get(t).values().removeIf(d -> !isLowerLayer(d));
      List<Heuristic> h = c.heuristics.get(t);
      if (h != null) {
        h.removeIf(x -> !isLowerLayer(x.dissector));
      }
    }
    return c;
  }

  /**
   * This registry, or {@link #lowerLayersOnly()} when every one of {@code names} (fields and
   * protocols, as a filter or {@code -e} names them) belongs to a lower layer and does not
   * depend on application dissection ({@code frame.protocols}, TCP reassembly reports and
   * {@code _ws.*} items do).
   */
  public Protocols forFields(java.util.Collection<String> names, io.netsift.core.field.FieldRegistry registry) {
    for (String name : names) {
      if (name.equals("frame.protocols") || name.startsWith("_ws.") || name.startsWith("tcp.segment")
          || name.startsWith("tcp.reassembled") || name.startsWith("tcp.pdu") || name.startsWith("frame.coloring")) {
        return this;
      }
      Dissector p = byName(name);
      if (p != null) {
        if (!isLowerLayer(p)) {
          return this;
        }
        continue;
      }
      io.netsift.core.field.Field f = registry.get(name);
      if (f == null) {
        return this;
      }
      List<Dissector> owners = registry.dissectorsOf(f);
      if (owners.isEmpty()) {
        return this;
      }
      for (Dissector o : owners) {
        if (!isLowerLayer(o)) {
          return this;
        }
      }
    }
    Protocols c = lowerLayersOnly();
    c.walked = new boolean[all.size()];
    for (String name : names) {
      Dissector named = byName(name);
      if (named != null && named.id() >= 0 && named.id() < c.walked.length) {
        // "-e tcp" prints the protocol item's label (Seq, Ack, Len): the whole layer.
        c.walked[named.id()] = true;
        continue;
      }
      io.netsift.core.field.Field f = registry.get(name);
      if (f != null) {
        for (Dissector o : registry.dissectorsOf(f)) {
          if (!o.leadingFields().contains(f) && o.id() >= 0 && o.id() < c.walked.length) {
            c.walked[o.id()] = true;
          }
        }
      }
    }
    return c;
  }

  /**
   * Per dissector id, whether a field it reports beyond its {@link Dissector#leadingFields} is
   * asked for; null when the registry does not know (anything may be).
   */
  private boolean[] walked;

  /**
   * Whether a stateless pass over this registry reads at most {@code d}'s leading fields (or
   * none) from its layers: {@code d} may then skip the rest of its header (a TCP segment's
   * options, flags and notes) as long as its layers, payload and hand-off stay the same.
   */
  public boolean onlyLeadingFieldsOf(Dissector d) {
    boolean[] w = walked;
    return stateless && w != null && d.id() >= 0 && d.id() < w.length && !w[d.id()];
  }

  private boolean stateless;

  /**
   * A copy of this registry for a pass that reads a capture from the middle and is asked
   * only for fields that need no earlier packet ({@link Stateless#fields}): TCP and UDP keep
   * no conversations in it, which is most of their cost.
   */
  public Protocols stateless() {
    Protocols c = copy();
    c.stateless = true;
    return c;
  }

  /** Whether this registry is for a stateless pass ({@link #stateless()}). */
  public boolean isStateless() {
    return stateless;
  }

  private Protocols copy() {
    Protocols c = new Protocols();
    c.all.addAll(all);
    c.byName.putAll(byName);
    for (Table t : Table.values()) {
      c.tables.get(t).putAll(tables.get(t));
    }
    System.arraycopy(etherTypes, 0, c.etherTypes, 0, etherTypes.length);
    System.arraycopy(ipProtocols, 0, c.ipProtocols, 0, ipProtocols.length);
    System.arraycopy(tcpPorts, 0, c.tcpPorts, 0, tcpPorts.length);
    System.arraycopy(udpPorts, 0, c.udpPorts, 0, udpPorts.length);
    System.arraycopy(linkTypes, 0, c.linkTypes, 0, linkTypes.length);
    c.preferences.putAll(preferences);
    c.stateless = stateless;
    c.walked = walked;
    heuristics.forEach((t, l) -> c.heuristics.put(t, new ArrayList<>(l)));
    c.portNames = portNames;
    return c;
  }
}
