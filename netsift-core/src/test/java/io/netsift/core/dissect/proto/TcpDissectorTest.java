package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.dissect;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static io.netsift.core.dissect.proto.TransportFrames.hex;
import static io.netsift.core.dissect.proto.TransportFrames.ipv4;
import static io.netsift.core.dissect.proto.TransportFrames.tcp;
import static io.netsift.core.dissect.proto.TransportFrames.tcp4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.proto.TransportFrames.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TCP against tshark 4.0.17: every expected value was printed by {@code tshark -n -T fields} on
 * the same bytes (the handshake is frames 1-3 of tcpdump__tcp-handshake-nano.pcap; the other
 * frames were written to a pcap by the same construction and read back).
 */
class TcpDissectorTest {
  // Frames 1-3 of the corpus capture tcpdump__tcp-handshake-nano.pcap, its Linux SLL header
  // replaced by an Ethernet one (the IPv4 and TCP bytes are the capture's).
  private static final String SYN = ""
      + "66 77 88 99 aa bb 00 11 22 33 44 55 08 00        # eth\n"
      + "45 00 00 3c 29 a9 40 00 40 06 db 5f 83 9b d7 45  # ip 131.155.215.69 ->\n"
      + "89 74 51 5e b6 40 00 50 2f 84 2a cb 00 00 00 00  # 137.116.81.94; tcp 46656 -> 80\n"
      + "a0 02 6a 40 50 c4 00 00 02 04 05 50 04 02 08 0a  # SYN, win 27200; MSS, SACK_PERM, TS\n"
      + "43 6a 03 62 00 00 00 00 01 03 03 07              # NOP, WS 7";
  private static final String SYN_ACK = ""
      + "00 11 22 33 44 55 66 77 88 99 aa bb 08 00\n"
      + "45 00 00 3c 1c 44 40 00 75 06 b3 c4 89 74 51 5e\n"
      + "83 9b d7 45 00 50 b6 40 b7 83 9f 90 2f 84 2a cc  # 80 -> 46656\n"
      + "a0 12 20 00 86 48 00 00 02 04 05 a0 01 03 03 08  # SYN+ACK, win 8192; MSS, NOP, WS 8\n"
      + "04 02 08 0a 0d f5 af 50 43 6a 03 62              # SACK_PERM, TS";
  private static final String ACK = ""
      + "66 77 88 99 aa bb 00 11 22 33 44 55 08 00\n"
      + "45 00 00 34 29 aa 40 00 40 06 db 66 83 9b d7 45\n"
      + "89 74 51 5e b6 40 00 50 2f 84 2a cc b7 83 9f 91\n"
      + "80 10 00 d5 d4 0c 00 00 01 01 08 0a 43 6a 03 82  # ACK, win 213 (x128); NOP, NOP, TS\n"
      + "0d f5 af 50";

  @Test
  void handshakeFieldsAndColumns() {
    DissectionEngine e = new DissectionEngine();
    Result syn = dissect(e, ethernet(hex(SYN), 1));
    assertEquals("eth:ethertype:ip:tcp", syn.protocols);
    assertEquals("46656", syn.get("tcp.srcport"));
    assertEquals("46656,80", syn.get("tcp.port"));
    assertEquals("0", syn.get("tcp.stream"));
    assertEquals("0", syn.get("tcp.len"));
    assertEquals("0", syn.get("tcp.seq"));
    assertEquals("797190859", syn.get("tcp.seq_raw"));
    assertEquals("1", syn.get("tcp.nxtseq"));
    assertEquals("0", syn.get("tcp.ack"));
    assertEquals("40", syn.get("tcp.hdr_len"));
    assertEquals("0x0002", syn.get("tcp.flags"));
    assertEquals("1", syn.get("tcp.flags.syn"));
    assertEquals("0", syn.get("tcp.flags.ae"));
    assertEquals("\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7S\u00b7", syn.get("tcp.flags.str"));
    assertEquals("27200", syn.get("tcp.window_size"));
    assertFalse(syn.has("tcp.window_size_scalefactor"), "a SYN's window is never scaled");
    assertEquals("0x50c4", syn.get("tcp.checksum"));
    assertEquals("2", syn.get("tcp.checksum.status"));
    assertEquals("020405500402080a436a03620000000001030307", syn.get("tcp.options"));
    assertEquals("2,4,8,1,3", syn.get("tcp.option_kind"));
    assertEquals("4,2,10,3", syn.get("tcp.option_len"));
    assertEquals("1360", syn.get("tcp.options.mss_val"));
    assertEquals("7", syn.get("tcp.options.wscale.shift"));
    assertEquals("128", syn.get("tcp.options.wscale.multiplier"));
    assertEquals("1131021154", syn.get("tcp.options.timestamp.tsval"));
    assertEquals(List.of("Connection establish request (SYN): server port 80"), syn.experts);
    assertEquals("TCP", syn.protocol);
    assertEquals("46656 \u2192 80 [SYN] Seq=0 Win=27200 Len=0 MSS=1360 SACK_PERM TSval=1131021154 TSecr=0 WS=128",
        syn.info);

    Result synAck = dissect(e, ethernet(hex(SYN_ACK), 2));
    assertEquals("0", synAck.get("tcp.seq"));
    assertEquals("1", synAck.get("tcp.ack"));
    assertEquals("797190860", synAck.get("tcp.ack_raw"));
    assertEquals("2,1,3,4,8", synAck.get("tcp.option_kind"));
    assertEquals(List.of("Connection establish acknowledge (SYN+ACK): server port 80"), synAck.experts);
    assertEquals("80 \u2192 46656 [SYN, ACK] Seq=0 Ack=1 Win=8192 Len=0 MSS=1440 WS=256 SACK_PERM"
        + " TSval=234205008 TSecr=1131021154", synAck.info);

    Result ack = dissect(e, ethernet(hex(ACK), 3));
    assertEquals("1", ack.get("tcp.seq"));
    assertEquals("1", ack.get("tcp.ack"));
    assertEquals("213", ack.get("tcp.window_size_value"));
    assertEquals("27264", ack.get("tcp.window_size"));
    assertEquals("128", ack.get("tcp.window_size_scalefactor"));
    assertEquals("1,1,8", ack.get("tcp.option_kind"));
    assertEquals("46656 \u2192 80 [ACK] Seq=1 Ack=1 Win=27264 Len=0 TSval=1131021186 TSecr=234205008", ack.info);
    assertEquals(List.of("tcp.srcport", "tcp.dstport", "tcp.port", "tcp.port", "tcp.stream", "tcp.completeness", "tcp.len", "tcp.seq",
        "tcp.seq_raw", "tcp.nxtseq", "tcp.ack", "tcp.ack_raw", "tcp.hdr_len", "tcp.flags"),
        ack.order.subList(ack.order.indexOf("tcp.srcport"), ack.order.indexOf("tcp.flags") + 1));
  }

  /** Streams, relative numbers and window scaling over a conversation, its port reuse and a mid-stream start. */
  @Test
  void conversationState() {
    DissectionEngine e = new DissectionEngine();
    Object[][] frames = {
        // reply, sport, dport, seq, ack, flags, options, data
        {false, 40000, 40001, 100L, 0L, 0x02, hex("02 04 05 b4 01 03 03 07"), ""},
        {true, 40001, 40000, 900L, 101L, 0x12, hex("03 03 02"), ""},
        {false, 40000, 40001, 101L, 901L, 0x10, new byte[0], ""},
        {true, 40001, 40000, 901L, 101L, 0x11, new byte[0], ""},
        {false, 40000, 40001, 101L, 902L, 0x11, new byte[0], ""},
        {false, 40000, 40001, 5000L, 0L, 0x02, new byte[0], ""},
        {false, 40002, 40003, 300000L, 400000L, 0x18, new byte[0], "abc"},
        {true, 40003, 40002, 400000L, 300003L, 0x10, new byte[0], ""},
    };
    String[][] expected = {
        // stream, seq, ack, nxtseq, len, window, scale, Info
        {"0", "0", "0", "1", "0", "65535", "", "40000 \u2192 40001 [SYN] Seq=0 Win=65535 Len=0 MSS=1460 WS=128"},
        {"0", "0", "1", "1", "0", "65535", "", "40001 \u2192 40000 [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0 WS=4"},
        {"0", "1", "1", "1", "0", "8388480", "128", "40000 \u2192 40001 [ACK] Seq=1 Ack=1 Win=8388480 Len=0"},
        {"0", "1", "1", "2", "0", "262140", "4", "40001 \u2192 40000 [FIN, ACK] Seq=1 Ack=1 Win=262140 Len=0"},
        {"0", "1", "2", "2", "0", "8388480", "128", "40000 \u2192 40001 [FIN, ACK] Seq=1 Ack=2 Win=8388480 Len=0"},
        {"1", "0", "0", "1", "0", "65535", "", "[TCP Port numbers reused] 40000 \u2192 40001 [SYN] Seq=0 Win=65535 Len=0"},
        {"2", "1", "1", "4", "3", "65535", "-1", "40002 \u2192 40003 [PSH, ACK] Seq=1 Ack=1 Win=65535 Len=3"},
        {"2", "1", "4", "1", "0", "65535", "-1", "40003 \u2192 40002 [ACK] Seq=1 Ack=4 Win=65535 Len=0"},
    };
    String[] fields = {"tcp.stream", "tcp.seq", "tcp.ack", "tcp.nxtseq", "tcp.len", "tcp.window_size",
        "tcp.window_size_scalefactor"};
    // tcp.time_relative/tcp.time_delta: frames are one second apart.
    String[] times = {"0/0", "1/1", "2/1", "3/1", "4/1", "0/0", "0/0", "1/1"};
    for (int i = 0; i < frames.length; i++) {
      Object[] f = frames[i];
      boolean reply = (Boolean) f[0];
      byte[] seg = tcp((Integer) f[1], (Integer) f[2], (Long) f[3], (Long) f[4], (Integer) f[5], 65535,
          (byte[]) f[6], ((String) f[7]).getBytes());
      byte[] frame = TransportFrames.eth(0x0800, ipv4(reply ? "10.0.0.2" : "10.0.0.1",
          reply ? "10.0.0.1" : "10.0.0.2", 6, seg));
      Result r = dissect(e, ethernet(frame, i));
      for (int k = 0; k < fields.length; k++) {
        assertEquals(expected[i][k], r.get(fields[k]), "frame " + (i + 1) + " " + fields[k]);
      }
      assertEquals(expected[i][7], r.info, "frame " + (i + 1) + " Info");
      String[] t = times[i].split("/");
      assertEquals(t[0] + ".000000000", r.get("tcp.time_relative"), "frame " + (i + 1));
      assertEquals(t[1] + ".000000000", r.get("tcp.time_delta"), "frame " + (i + 1));
    }
  }

  @Test
  void finExpertsNameTheClosingSide() {
    DissectionEngine e = new DissectionEngine();
    Result first = dissect(e, ethernet(tcp4(false, 1, 2, 10, 20, 0x11, new byte[0]), 1));
    Result second = dissect(e, ethernet(tcp4(true, 2, 1, 20, 11, 0x11, new byte[0]), 2));
    assertEquals(List.of("Connection finish (FIN)", "This frame initiates the connection closing"), first.experts);
    assertEquals(List.of("Connection finish (FIN)", "This frame undergoes the connection closing"), second.experts);
  }

  /** Every flag, RST data, URG and the option kinds that Info names (tshark on the same bytes). */
  @Test
  void allFlagsAndOptions() {
    byte[] options = hex("02 04 05 b4  01  03 03 07  04 02  08 0a 00 00 00 01 00 00 00 02"
        + "  05 0a 00 00 0b b8 00 00 0f a0  00");
    byte[] frame = TransportFrames.eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6,
        tcp(1234, 5678, 1000, 2000, 0xfff, 65535, 7, options, "hello".getBytes())));
    Result r = dissect(new DissectionEngine(), ethernet(frame, 1));
    assertEquals("0x0fff", r.get("tcp.flags"));
    assertEquals("RRRACEUAPRSF", r.get("tcp.flags.str"));
    assertEquals("2,1,3,4,8,5,0,0", r.get("tcp.option_kind"));
    assertEquals("4,3,2,10,10", r.get("tcp.option_len"));
    assertEquals("1001", r.get("tcp.options.sack_le"));
    assertEquals("2001", r.get("tcp.options.sack_re"));
    assertEquals("1", r.get("tcp.options.sack.count"));
    assertEquals("hello", r.get("tcp.reset_cause"));
    assertFalse(r.has("tcp.payload"), "data on a RST is its reset cause");
    assertEquals("eth:ethertype:ip:tcp", r.protocols);
    assertEquals("5", r.get("tcp.len"));
    assertEquals("7", r.get("tcp.urgent_pointer"));
    assertEquals(List.of("Connection reset (RST)", "Connection establish acknowledge (SYN+ACK): server port 1234",
        "Connection finish (FIN)", "This frame initiates the connection closing"), r.experts);
    assertEquals("1234 \u2192 5678 [FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE, Reserved] Seq=0 Ack=1 Win=65535"
        + " Urg=7 Len=5 MSS=1460 WS=128 SACK_PERM TSval=1 TSecr=2 SLE=1001 SRE=2001", r.info);
  }

  @Test
  void lesserOptions() {
    byte[] options = hex("63 04 01 02  13 12 aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa"
        + "  1c 04 80 0a  22 02  0b 06 00 00 00 09");
    Result r = dissect(new DissectionEngine(), ethernet(tcp4(false, 1, 2, 100, 200, 0x10, options), 1));
    assertEquals("99,19,28,34,11,0,0", r.get("tcp.option_kind"));
    assertEquals("0102", r.get("tcp.options.unknown.payload"));
    assertEquals("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", r.get("tcp.options.md5.digest"));
    assertEquals("1", r.get("tcp.options.user_to_granularity"));
    assertEquals("10", r.get("tcp.options.user_to_val"));
    assertEquals("9", r.get("tcp.options.cc_value"));
    assertTrue(r.has("tcp.options.tfo.request"));
    assertTrue(r.info.endsWith(" Len=0 MD5 USER_TO=10 TFO=R CC=9"), r.info);
    Result exp = dissect(new DissectionEngine(),
        ethernet(tcp4(false, 1, 2, 100, 0, 0x02, hex("02 04 05 b4 fd 06 0a bc 01 02")), 1));
    assertEquals("0x0abc", exp.get("tcp.options.experimental.exid"));
    assertEquals("0102", exp.get("tcp.options.experimental.data"));
    assertTrue(exp.info.endsWith(" MSS=1460 ExID=ABC"), exp.info);
  }

  /** The option-list notes tshark adds (and where it stops reading the list). */
  @Test
  void malformedOptionLists() {
    Result badLength = dissect(new DissectionEngine(), ethernet(tcp4(false, 1, 2, 100, 0, 0x02, hex("02 03 05 b4")), 1));
    assertEquals("2", badLength.get("tcp.option_kind"));
    assertEquals("3", badLength.get("tcp.option_len"));
    assertFalse(badLength.has("tcp.options.mss_val"));
    assertEquals(List.of("Connection establish request (SYN): server port 2", "option length should be 4",
        "Unknown (0xb4) (length byte past end of options)"), badLength.experts);

    Result tooShort = dissect(new DissectionEngine(), ethernet(tcp4(false, 1, 2, 100, 0, 0x02, hex("02 01 01 01")), 1));
    assertFalse(tooShort.has("tcp.option_kind"));
    assertEquals("Maximum segment size (with too-short option length = 1 byte)", tooShort.experts.get(1));

    Result pastEnd = dissect(new DissectionEngine(),
        ethernet(tcp4(false, 1, 2, 100, 0, 0x02, hex("08 0a 00 00 00 01 00 00")), 1));
    assertEquals("Timestamps (option length = 10 bytes says option goes past end of options)", pastEnd.experts.get(1));

    Result padding = dissect(new DissectionEngine(),
        ethernet(tcp4(false, 1, 2, 100, 0, 0x02, hex("00 01 03 03 07 00 00 00")), 1));
    assertEquals("0", padding.get("tcp.option_kind"));
    assertEquals(List.of("Connection establish request (SYN): server port 2", "Non-zero header padding"),
        padding.experts);

    Result noMss = dissect(new DissectionEngine(), ethernet(tcp4(false, 1, 2, 100, 0, 0x02, hex("03 03 0f 01")), 1));
    assertEquals("16384", noMss.get("tcp.options.wscale.multiplier"));
    assertEquals(List.of("Connection establish request (SYN): server port 2", "Window scale shift exceeds 14",
        "The SYN packet does not contain a MSS option"), noMss.experts);
    assertTrue(noMss.info.endsWith(" WS=16384"), noMss.info);
  }

  /** tshark counts NOPs within each 32-bit word of the header (corpus: tcpdump__mptcp-v1, zeek__ftp__ipv4). */
  @Test
  void fourNopsInARow() {
    String[][] cases = {
        {"01 01 01 01 08 0a 00 00 00 01 00 00 00 00", "true"},
        {"02 04 05 b4 01 03 03 06 04 02 01 01 01 01 08 0a 00 00 00 01 00 00 00 00", "false"},
        {"04 02 01 01 01 01 01 01", "false"},
        {"01 01 08 0a 00 00 00 01 00 00 00 00 01 01 01 01", "false"},
        {"02 04 05 b4 01 01 01 01", "true"},
    };
    for (String[] c : cases) {
      Result r = dissect(new DissectionEngine(), ethernet(tcp4(false, 1, 2, 100, 5, 0x10, hex(c[0])), 1));
      assertEquals(Boolean.parseBoolean(c[1]),
          r.experts.contains("4 NOP in a row - a router may have removed some options"), c[0]);
    }
  }

  /** SACK edges are relative to the peer's base; a block at or below the ACK is a D-SACK (RFC 2883). */
  @Test
  void dsack() {
    DissectionEngine e = new DissectionEngine();
    dissect(e, ethernet(tcp4(false, 1, 2, 1000, 5001, 0x10, new byte[0]), 1));
    Result r = dissect(e, ethernet(tcp4(false, 1, 2, 1000, 5101, 0x10,
        hex("01 01 05 0a 00 00 13 ba 00 00 13 ed")), 2));
    assertEquals("50", r.get("tcp.options.sack_le"));
    assertEquals("101", r.get("tcp.options.sack_re"));
    assertEquals("50", r.get("tcp.options.sack.dsack_le"));
    assertEquals("101", r.get("tcp.options.sack.dsack_re"));
    assertEquals(List.of("D-SACK Sequence"), r.experts);
    assertTrue(r.info.endsWith(" Ack=101 Win=65535 Len=0 SLE=50 SRE=101"), r.info);
  }

  @Test
  void bogusHeaderLength() {
    byte[] frame = tcp4(false, 5678, 1234, 2000, 5, 0x10, new byte[0]);
    frame[14 + 20 + 12] = 0x40;
    Result r = dissect(new DissectionEngine(), ethernet(frame, 1));
    assertEquals("16", r.get("tcp.hdr_len"));
    assertEquals("4", r.get("tcp.len"));
    assertFalse(r.has("tcp.flags"));
    assertEquals(List.of("Bogus TCP header length (16, must be at least 20)"), r.experts);
    assertEquals("5678 \u2192 1234 [ACK] Seq=1 Ack=1 Win=65535, bogus TCP header length (16, must be at least 20)",
        r.info);
  }

  /**
   * An IPv4 length claiming more than the frame holds (zeek__cisco-fabric-path.pcap #34): the
   * segment is short, has no length, and ends malformed where the checksum should be.
   */
  @Test
  void shortSegment() {
    byte[] ip = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(57005, 48879, 0, 0, 0x02, 8192, new byte[0], new byte[0]));
    byte[] cut = java.util.Arrays.copyOf(ip, 36);
    cut[3] = 40;
    Result r = dissect(new DissectionEngine(), ethernet(TransportFrames.eth(0x0800, cut), 1));
    assertEquals("0", r.get("tcp.stream"));
    assertFalse(r.has("tcp.len"));
    assertEquals("8192", r.get("tcp.window_size"));
    assertFalse(r.has("tcp.checksum"));
    assertTrue(r.experts.contains("Short segment. Segment/fragment does not contain a full TCP header"
        + " (might be NMAP or someone else deliberately sending unusual packets)"), r.experts.toString());
    assertTrue(r.protocols.startsWith("eth:ethertype:ip:tcp"), r.protocols);
    assertTrue(r.info.startsWith("57005 \u2192 48879 [SYN] Seq=0 Win=8192"), r.info);
  }

  @Test
  void payloadBecomesData() {
    byte[] frame = TransportFrames.eth(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6,
        tcp(40002, 40003, 300000, 400000, 0x18, 65535, new byte[0], "abc".getBytes())));
    Result r = dissect(new DissectionEngine(), ethernet(frame, 1));
    assertEquals("eth:ethertype:ip:tcp:data", r.protocols);
    assertEquals("616263", r.get("tcp.payload"));
    assertEquals("3", r.get("data.len"));
  }

  /** A SYN from 10.0.0.1:{@code sport} to 10.0.0.2:80 as frame {@code n}. */
  private static Result syn(DissectionEngine e, int sport, long n) {
    return dissect(e, ethernet(tcp4(false, sport, 80, 1000, 0, 0x02, new byte[0]), n));
  }

  @Test
  void pastStateMaxTotalTheLongestIdleStreamsAreForgotten() {
    // Room for four conversations: the fifth makes TCP forget the idlest quarter and more (the
    // streams last seen in frames 1 and 2); a stream it forgot starts afresh with a new index,
    // where tshark (which keeps everything) would continue the old one.
    DissectionEngine small = new DissectionEngine(io.netsift.core.dissect.Protocols.standard()
        .withPreference("tcp.state_max_total", String.valueOf(4 * TcpDissector.STREAM_BYTES)));
    for (int i = 0; i < 5; i++) {
      assertEquals(String.valueOf(i), syn(small, 1000 + i, i + 1).get("tcp.stream"));
    }
    assertEquals("2", syn(small, 1002, 6).get("tcp.stream"), "touched after the idlest: kept");
    assertEquals("5", syn(small, 1000, 7).get("tcp.stream"), "the idlest: forgotten");
    assertEquals("6", syn(small, 1001, 8).get("tcp.stream"));

    DissectionEngine standard = new DissectionEngine();
    for (int i = 0; i < 5; i++) {
      syn(standard, 1000 + i, i + 1);
    }
    assertEquals("0", syn(standard, 1000, 6).get("tcp.stream"), "within the default cap nothing is forgotten");
  }
}
