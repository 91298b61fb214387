package io.netsift.live;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * The system libpcap, bound with JNA direct mapping (static natives: the cheapest JNA call, which
 * matters for one {@code pcap_next_ex} per packet). Nothing here loads until {@link #load()} is
 * called, so reading capture files never needs libpcap. The library is looked up as
 * {@code pcap} (the unversioned {@code libpcap.so} comes only with the -dev package), then as
 * {@code libpcap.so.0.8} (Debian's libpcap0.8); the system property {@code netsift.libpcap}
 * names another file or name to use instead.
 *
 * <p>Out-parameters are passed as preallocated native memory, never as JNA Structures: the
 * layouts used are written out once below, as offsets in units of the pointer size.
 */
final class Libpcap {
  private Libpcap() {}

  static final int ERRBUF_SIZE = 256;

  // pcap.h status codes
  static final int ERROR = -1;
  static final int ERROR_BREAK = -2;
  static final int ERROR_NO_SUCH_DEVICE = -5;
  static final int ERROR_PERM_DENIED = -8;
  static final int ERROR_IFACE_NOT_UP = -9;
  static final int ERROR_PROMISC_PERM_DENIED = -11;
  static final int TSTAMP_PRECISION_NANO = 1;
  static final int NETMASK_UNKNOWN = 0xffffffff;

  // pcap_if_t.flags
  static final int IF_LOOPBACK = 0x1;
  static final int IF_UP = 0x2;
  static final int IF_RUNNING = 0x4;
  static final int IF_WIRELESS = 0x8;
  static final int IF_CONNECTION_STATUS = 0x30;

  /*
   * struct pcap_if   { pcap_if *next; char *name; char *description; pcap_addr *addresses; bpf_u_int32 flags; }
   * struct pcap_addr { pcap_addr *next; sockaddr *addr; sockaddr *netmask; sockaddr *broadaddr; sockaddr *dstaddr; }
   * struct pcap_pkthdr { struct timeval ts (long, long); bpf_u_int32 caplen; bpf_u_int32 len; }
   * struct pcap_stat { u_int ps_recv; u_int ps_drop; u_int ps_ifdrop; }
   * struct bpf_program { u_int bf_len; struct bpf_insn *bf_insns; }   (16 bytes on LP64)
   */
  static final int P = Native.POINTER_SIZE;
  static final int L = NativeLong.SIZE;
  static final int HDR_CAPLEN = 2 * L;
  static final int HDR_LEN = 2 * L + 4;

  static native int pcap_findalldevs(Pointer alldevsp, byte[] errbuf);

  static native void pcap_freealldevs(Pointer alldevs);

  static native Pointer pcap_create(String source, byte[] errbuf);

  static native int pcap_set_snaplen(Pointer p, int snaplen);

  static native int pcap_set_promisc(Pointer p, int promisc);

  static native int pcap_set_timeout(Pointer p, int millis);

  static native int pcap_set_immediate_mode(Pointer p, int immediate);

  static native int pcap_set_buffer_size(Pointer p, int bytes);

  static native int pcap_set_tstamp_precision(Pointer p, int precision);

  static native int pcap_get_tstamp_precision(Pointer p);

  static native int pcap_activate(Pointer p);

  static native Pointer pcap_geterr(Pointer p);

  static native Pointer pcap_statustostr(int status);

  static native int pcap_lookupnet(String device, Pointer netp, Pointer maskp, byte[] errbuf);

  static native int pcap_compile(Pointer p, Pointer program, String filter, int optimize, int netmask);

  static native int pcap_setfilter(Pointer p, Pointer program);

  static native void pcap_freecode(Pointer program);

  static native int pcap_setnonblock(Pointer p, int nonblock, byte[] errbuf);

  static native int pcap_get_selectable_fd(Pointer p);

  static native int pcap_next_ex(Pointer p, Pointer headerp, Pointer datap);

  static native int pcap_stats(Pointer p, Pointer stats);

  static native void pcap_breakloop(Pointer p);

  static native void pcap_close(Pointer p);

  static native int pcap_datalink(Pointer p);

  static native int pcap_snapshot(Pointer p);

  static native Pointer pcap_lib_version();

  private static boolean loaded;
  private static LiveCaptureException failure;
  private static String loadedFrom;

  /** Loads and binds libpcap once; throws the same clear error on every call when it is missing. */
  static synchronized void load() {
    if (loaded) {
      return;
    }
    if (failure != null) {
      throw new LiveCaptureException(failure.kind(), failure.getMessage(), failure);
    }
    String override = System.getProperty("netsift.libpcap");
    List<String> names = override != null && !override.isBlank()
        ? List.of(override) : List.of("pcap", "libpcap.so.0.8");
    List<String> reasons = new ArrayList<>();
    for (String name : names) {
      try {
        NativeLibrary lib = NativeLibrary.getInstance(name);
        Native.register(Libpcap.class, lib);
        Poll.bind();
        loaded = true;
        loadedFrom = lib.getFile() != null ? lib.getFile().toString() : name;
        return;
      } catch (LinkageError | RuntimeException e) {
        reasons.add(name + ": " + firstLine(e.getMessage()));
      }
    }
    failure = missing(names, reasons);
    throw failure;
  }

  /** The error for a libpcap that could not be loaded under any of {@code names}. */
  static LiveCaptureException missing(List<String> names, List<String> reasons) {
    return new LiveCaptureException(LiveCaptureException.Kind.LIBPCAP_MISSING,
        "libpcap not found (tried " + String.join(", ", names) + "): install libpcap: apt-get install libpcap0.8"
            + (reasons.isEmpty() ? "" : "\n  " + String.join("\n  ", reasons)));
  }

  /** Tries the library names without binding anything (tests of the error path). */
  static void probe(List<String> names) {
    List<String> reasons = new ArrayList<>();
    for (String name : names) {
      try {
        NativeLibrary.getInstance(name);
        return;
      } catch (LinkageError | RuntimeException e) {
        reasons.add(name + ": " + firstLine(e.getMessage()));
      }
    }
    throw missing(names, reasons);
  }

  /** The library file that was bound (after {@link #load()}). */
  static synchronized String loadedFrom() {
    return loadedFrom;
  }

  static String string(Pointer p) {
    return p == null ? "" : p.getString(0);
  }

  static String errbuf(byte[] b) {
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The line of JNA's long message that says why (dlopen's "cannot open shared object file"). */
  private static String firstLine(String s) {
    if (s == null) {
      return "not found";
    }
    for (String line : s.split("\n")) {
      if (line.contains("cannot open") || line.contains("undefined symbol") || line.contains("Error looking up")) {
        return line.trim();
      }
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** poll(2) from the C library, to wait on several pcap handles at once. */
  static final class Poll {
    private Poll() {}

    static final short POLLIN = 0x1;
    /** struct pollfd { int fd; short events; short revents; } */
    static final int SIZE = 8;

    static native int poll(Pointer fds, NativeLong nfds, int timeoutMillis);

    private static boolean bound;

    static void bind() {
      if (!bound) {
        Native.register(Poll.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        bound = true;
      }
    }
  }
}
