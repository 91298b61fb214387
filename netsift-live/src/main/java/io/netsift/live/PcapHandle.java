package io.netsift.live;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.netsift.core.capture.Frame;
import io.netsift.core.capture.InterfaceInfo;
import io.netsift.core.capture.LinkType;

/**
 * One activated {@code pcap_t}: created, configured, activated, filtered and switched to
 * non-blocking mode, so that {@link LiveSource} can wait on several of them with one poll(2).
 * Every call except {@link #breakLoop()} must come from the thread that owns the handle.
 */
final class PcapHandle {
  final String name;
  final int linkType;
  final int snapLength;
  final boolean nanoseconds;
  final int fd;
  final InterfaceInfo info;
  private Pointer p;
  private final Memory headerOut = new Memory(Libpcap.P);
  private final Memory dataOut = new Memory(Libpcap.P);
  private final Memory statsOut = new Memory(16);
  long captured;

  private PcapHandle(String name, Pointer p, int id, String filter) {
    this.name = name;
    this.p = p;
    this.linkType = linkType(Libpcap.pcap_datalink(p));
    this.snapLength = Libpcap.pcap_snapshot(p);
    this.nanoseconds = Libpcap.pcap_get_tstamp_precision(p) == Libpcap.TSTAMP_PRECISION_NANO;
    this.fd = Libpcap.pcap_get_selectable_fd(p);
    this.info = new InterfaceInfo(id, 0, linkType, snapLength, name, null, filter, null,
        nanoseconds ? 9 : 6, 0);
  }

  /** Opens {@code name}; on any failure the pcap_t is closed and a clear error thrown. */
  static PcapHandle open(String name, int id, LiveSource.Builder o) {
    Libpcap.load();
    byte[] err = new byte[Libpcap.ERRBUF_SIZE];
    Pointer p = Libpcap.pcap_create(name, err);
    if (p == null) {
      throw new LiveCaptureException(LiveCaptureException.Kind.FAILED,
          "can't capture on " + name + ": " + Libpcap.errbuf(err));
    }
    try {
      Libpcap.pcap_set_snaplen(p, o.snapLength);
      Libpcap.pcap_set_promisc(p, o.promiscuous ? 1 : 0);
      Libpcap.pcap_set_timeout(p, o.timeoutMillis);
      Libpcap.pcap_set_immediate_mode(p, o.immediate ? 1 : 0);
      if (o.bufferSize > 0) {
        Libpcap.pcap_set_buffer_size(p, o.bufferSize);
      }
      // Nanosecond timestamps where the platform has them; pcap_activate falls back otherwise.
      Libpcap.pcap_set_tstamp_precision(p, Libpcap.TSTAMP_PRECISION_NANO);
      int rc = Libpcap.pcap_activate(p);
      if (rc < 0) {
        throw activationError(name, rc, Libpcap.string(Libpcap.pcap_geterr(p)));
      }
      if (o.bpfFilter != null && !o.bpfFilter.isBlank()) {
        setFilter(p, name, o.bpfFilter);
      }
      if (Libpcap.pcap_setnonblock(p, 1, err) != 0) {
        throw new LiveCaptureException(LiveCaptureException.Kind.FAILED,
            "can't capture on " + name + ": " + Libpcap.errbuf(err));
      }
      return new PcapHandle(name, p, id, o.bpfFilter);
    } catch (RuntimeException e) {
      Libpcap.pcap_close(p);
      throw e;
    }
  }

  /** The message for a failed pcap_activate, per libpcap status code. */
  static LiveCaptureException activationError(String name, int rc, String detail) {
    String d = detail == null || detail.isEmpty() ? "" : " (libpcap: " + detail + ")";
    switch (rc) {
      case Libpcap.ERROR_PERM_DENIED:
      case Libpcap.ERROR_PROMISC_PERM_DENIED:
        return new LiveCaptureException(LiveCaptureException.Kind.PERMISSION,
            "capturing on " + name + " needs root or CAP_NET_RAW/CAP_NET_ADMIN: run as root or grant with setcap, e.g. "
                + "sudo setcap cap_net_raw,cap_net_admin=eip \"$(readlink -f \"$(command -v java)\")\"" + d);
      case Libpcap.ERROR_NO_SUCH_DEVICE:
        String known;
        try {
          known = Interfaces.names(Interfaces.list());
        } catch (LiveCaptureException e) {
          known = "(could not list them: " + e.getMessage() + ")";
        }
        return new LiveCaptureException(LiveCaptureException.Kind.NO_SUCH_INTERFACE,
            "no such interface: " + name + "; interfaces: " + known + " (see netsift ifaces)");
      case Libpcap.ERROR_IFACE_NOT_UP:
        return new LiveCaptureException(LiveCaptureException.Kind.FAILED,
            "interface " + name + " is down: bring it up (ip link set " + name + " up)" + d);
      default:
        return new LiveCaptureException(LiveCaptureException.Kind.FAILED, "can't capture on " + name + ": "
            + (detail == null || detail.isEmpty() ? Libpcap.string(Libpcap.pcap_statustostr(rc)) : detail));
    }
  }

  private static void setFilter(Pointer p, String name, String filter) {
    // The netmask only matters for "ip broadcast"; unknown (e.g. on "any") is fine otherwise.
    Memory net = new Memory(4);
    Memory mask = new Memory(4);
    byte[] err = new byte[Libpcap.ERRBUF_SIZE];
    int netmask = Libpcap.pcap_lookupnet(name, net, mask, err) == 0 ? mask.getInt(0) : Libpcap.NETMASK_UNKNOWN;
    Memory program = new Memory(2L * Libpcap.P);
    if (Libpcap.pcap_compile(p, program, filter, 1, netmask) != 0) {
      throw new LiveCaptureException(LiveCaptureException.Kind.BAD_FILTER,
          "invalid capture filter \"" + filter + "\" for interface " + name + ": "
              + Libpcap.string(Libpcap.pcap_geterr(p)));
    }
    try {
      if (Libpcap.pcap_setfilter(p, program) != 0) {
        throw new LiveCaptureException(LiveCaptureException.Kind.BAD_FILTER,
            "can't set capture filter \"" + filter + "\" on " + name + ": " + Libpcap.string(Libpcap.pcap_geterr(p)));
      }
    } finally {
      Libpcap.pcap_freecode(program);
    }
  }

  /**
   * Reads the next packet into {@code f} (bytes copied into {@code buffer}).
   *
   * @return 1 for a packet, 0 when none is waiting, {@link Libpcap#ERROR_BREAK} after
   *     {@link #breakLoop()}
   */
  int next(Frame f, byte[] buffer) {
    int r = Libpcap.pcap_next_ex(p, headerOut, dataOut);
    if (r == 1) {
      Pointer h = headerOut.getPointer(0);
      long sec;
      long frac;
      if (Libpcap.L == 8) {
        sec = h.getLong(0);
        frac = h.getLong(8);
      } else {
        sec = h.getInt(0) & 0xffffffffL;
        frac = h.getInt(4) & 0xffffffffL;
      }
      int caplen = Math.min(h.getInt(Libpcap.HDR_CAPLEN), buffer.length);
      dataOut.getPointer(0).read(0, buffer, 0, caplen);
      f.data = buffer;
      f.offset = 0;
      f.capturedLength = caplen;
      f.originalLength = h.getInt(Libpcap.HDR_LEN) & 0xffffffffL;
      f.timestampNanos = sec * 1_000_000_000L + (nanoseconds ? frac : frac * 1000L);
      f.linkType = linkType;
      f.interfaceId = info.id();
      f.interfaceInfo = info;
      f.timestampDigits = nanoseconds ? 9 : 6;
      f.fileOffset = -1;
      f.comment = null;
      f.sectionNumber = 0;
      f.packetFlags = -1;
      f.dropCount = -1;
      captured++;
      return 1;
    }
    if (r == 0 || r == Libpcap.ERROR_BREAK) {
      return r;
    }
    throw new LiveCaptureException(LiveCaptureException.Kind.FAILED,
        "capture on " + name + " failed: " + Libpcap.string(Libpcap.pcap_geterr(p)));
  }

  /** libpcap's counters for this interface. */
  CaptureStats stats() {
    if (Libpcap.pcap_stats(p, statsOut) != 0) {
      return new CaptureStats(captured, -1, 0, 0);
    }
    return new CaptureStats(captured, statsOut.getInt(0) & 0xffffffffL, statsOut.getInt(4) & 0xffffffffL,
        statsOut.getInt(8) & 0xffffffffL);
  }

  /** Makes the next read return {@link Libpcap#ERROR_BREAK}; safe from any thread and signal hooks. */
  void breakLoop() {
    Pointer x = p;
    if (x != null) {
      Libpcap.pcap_breakloop(x);
    }
  }

  void close() {
    Pointer x = p;
    p = null;
    if (x != null) {
      Libpcap.pcap_close(x);
    }
  }

  /**
   * The LINKTYPE_ value for a DLT_ value: they are the same number except where BSDs disagreed
   * (DLT_RAW is 12 on Linux, 14 on OpenBSD; LINKTYPE_RAW is 101).
   */
  static int linkType(int dlt) {
    switch (dlt) {
      case 12:
      case 14:
        return LinkType.RAW;
      default:
        return dlt;
    }
  }
}
