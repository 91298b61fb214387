package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.dissect;
import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static io.netsift.core.dissect.proto.TransportFrames.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.proto.TransportFrames.Result;
import io.netsift.core.field.FieldFormat;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ICMP against tshark 4.0.17 on one capture of IPv4 packets (10.0.0.1 ⇄ 10.0.0.2, errors from
 * 10.0.0.9), dissected in order by one engine so echo replies find their request. Expected
 * values are {@code tshark -n -T fields} output on the same bytes and timestamps.
 */
class IcmpDissectorTest {
  private static final long T0 = 1_600_000_000L;
  private static final String TCP_QUOTE = "4500002d00014000400626c00a0000020a00000915b30050000003e8";

  /** seconds after T0 (tenths), the IPv4 packet. */
  private static final Object[][] FRAMES = {
      {5, "4500002c00014000400126ce0a0000010a0000020800c47b000100015f5e10000001e2407878787878787878"},
      {15, "4500002c00014000400126ce0a0000020a0000010000cc7b000100015f5e10000001e2407878787878787878"},
      {25, "4500002c00014000400126ce0a0000020a0000010000cc7b000100015f5e10000001e2407878787878787878"},
      {35, "4500002c00014000400126ce0a0000010a0000020800bbaf0001000201105e5ff1fb09007878787878787878"},
      {40, "4500001f00014000400126db0a0000010a0000020800123400010004616263"},
      {50, "4500004c00014000400126a60a0000090a0000020303112d000000004500003000014000401126b20a0000020a000009"
          + "15b31a0a001c4d887171717171717171717171717171717171717171"},
      {60, "4500003800014000400126ba0a0000090a0000020304dd9800000578" + TCP_QUOTE},
      {80, "4500004900014000400126a90a0000090a000002050104230a0000fe" + TCP_QUOTE
          + "000007d05018ffffafa40000474554202f"},
      {90, "4500002800014000400126d20a0000010a0000020d00db8000070008000003e8000007d000000bb8"},
      {100, "4500003800014000400126ba0a0000090a0000020c00c61414000000" + TCP_QUOTE},
      {120, "4500004d00014000400126a50a0000090a000002030110f900080000" + TCP_QUOTE
          + "000007d05018ffffafa40000474554202f20000000"},
      {130, "4500002000014000400126da0a0000010a0000021100efec00090009ffffff00"},
      {150, "4500001e00014000400126dc0a0000010a00000263001e7f010203047a7a"},
  };

  @BeforeAll
  static void utc() {
    FieldFormat.setZone(ZoneOffset.UTC);
  }

  private static Map<Integer, Result> run() {
    DissectionEngine e = new DissectionEngine();
    Map<Integer, Result> out = new LinkedHashMap<>();
    for (int i = 0; i < FRAMES.length; i++) {
      long nanos = T0 * 1_000_000_000L + (Integer) FRAMES[i][0] * 100_000_000L;
      byte[] frame = eth(0x0800, hex((String) FRAMES[i][1]));
      out.put(i + 1, dissect(e, ethernet(frame, nanos, frame.length)));
    }
    return out;
  }

  @Test
  void echoRequestReplyAndTimestamps() {
    Map<Integer, Result> r = run();
    Result request = r.get(1);
    assertEquals("eth:ethertype:ip:icmp:data", request.protocols);
    assertEquals("8", request.get("icmp.type"));
    assertEquals("1", request.get("icmp.checksum.status"));
    assertEquals("1", request.get("icmp.ident"));
    assertEquals("256", request.get("icmp.ident_le"));
    assertEquals("1", request.get("icmp.seq"));
    assertEquals("256", request.get("icmp.seq_le"));
    assertEquals("Sep 13, 2020 12:26:40.123456000 UTC", request.get("icmp.data_time"));
    assertEquals("0.376544000", request.get("icmp.data_time_relative"));
    assertEquals("8", request.get("data.len"));
    assertEquals("ICMP", request.protocol);
    assertEquals("Echo (ping) request  id=0x0001, seq=1/256, ttl=64", request.info);

    Result reply = r.get(2);
    assertEquals("1", reply.get("icmp.resp_to"));
    assertEquals("1000", reply.get("icmp.resptime"));
    assertEquals("1.376544000", reply.get("icmp.data_time_relative"));
    assertEquals("Echo (ping) reply    id=0x0001, seq=1/256, ttl=64 (request in 1)", reply.info);

    Result duplicate = r.get(3);
    assertFalse(duplicate.has("icmp.resp_to"), "a second reply matches nothing");
    assertEquals("Echo (ping) reply    id=0x0001, seq=1/256, ttl=64", duplicate.info);

    Result littleEndianStamp = r.get(4);
    assertEquals("Sep 13, 2020 12:26:41.654321000 UTC", littleEndianStamp.get("icmp.data_time"));
    assertEquals("1.845679000", littleEndianStamp.get("icmp.data_time_relative"));

    Result badChecksum = r.get(5);
    assertEquals("0", badChecksum.get("icmp.checksum.status"));
    assertEquals("Bad checksum [should be 0x3398]", String.join(",", badChecksum.experts));
    assertEquals("3", badChecksum.get("data.len"));
  }

  @Test
  void errorsQuoteTheDatagram() {
    Map<Integer, Result> r = run();
    Result unreachable = r.get(6);
    assertEquals("eth:ethertype:ip:icmp:ip:udp:data", unreachable.protocols);
    assertEquals("00000000", unreachable.get("icmp.unused"));
    assertEquals("10.0.0.9,10.0.0.2", unreachable.get("ip.src"));
    assertEquals("0", unreachable.get("udp.stream"));
    assertEquals("20", unreachable.get("data.len"));
    assertEquals("Destination unreachable (Port unreachable)", unreachable.ownInfo.get("icmp"));
    // Layers inside an error leave the columns alone (Walk.columns stops at the ICMP layer).
    assertEquals("ICMP", unreachable.protocol);
    assertEquals("Destination unreachable (Port unreachable)", unreachable.info);

    Result fragNeeded = r.get(7);
    assertEquals("eth:ethertype:ip:icmp:ip:tcp", fragNeeded.protocols);
    assertEquals("0000", fragNeeded.get("icmp.unused"));
    assertEquals("1400", fragNeeded.get("icmp.mtu"));
    assertEquals("1000", fragNeeded.get("tcp.seq"));
    assertEquals("", fragNeeded.get("tcp.stream"), "tshark stops at the 8 quoted bytes, before the stream");
    assertEquals("Destination unreachable (Fragmentation needed)", fragNeeded.ownInfo.get("icmp"));

    Result redirect = r.get(8);
    assertEquals("eth:ethertype:ip:icmp:ip:tcp", redirect.protocols);
    assertEquals("10.0.0.254", redirect.get("icmp.redir_gw"));
    assertEquals("Redirect             (Redirect for host)", redirect.ownInfo.get("icmp"));

    Result parameter = r.get(10);
    assertEquals("20", parameter.get("icmp.pointer"));
    assertEquals("000000", parameter.get("icmp.unused"));
    assertEquals("Parameter problem    (Pointer indicates the error)", parameter.ownInfo.get("icmp"));

    Result rfc4884 = r.get(11);
    assertEquals("00,0000", rfc4884.get("icmp.unused"));
    assertEquals("8", rfc4884.get("icmp.length"));
    assertEquals("32", rfc4884.get("icmp.length.original_datagram"));
    assertEquals("1000", rfc4884.get("tcp.seq"));
    assertEquals("0", rfc4884.get("tcp.stream"));
    assertEquals("Destination unreachable (Host unreachable)", rfc4884.ownInfo.get("icmp"));
  }

  @Test
  void otherTypes() {
    Map<Integer, Result> r = run();
    Result timestamp = r.get(9);
    assertEquals("eth:ethertype:ip:icmp", timestamp.protocols);
    assertEquals("1000", timestamp.get("icmp.originate_timestamp"));
    assertEquals("2000", timestamp.get("icmp.receive_timestamp"));
    assertEquals("3000", timestamp.get("icmp.transmit_timestamp"));
    assertEquals("Timestamp request    id=0x0007, seq=8/2048, ttl=64", timestamp.info);
    Result mask = r.get(12);
    assertEquals("255.255.255.0", mask.get("icmp.address_mask"));
    assertEquals("Address mask request id=0x0009, seq=9/2304, ttl=64", mask.info);
    Result unknown = r.get(13);
    assertEquals("eth:ethertype:ip:icmp", unknown.protocols);
    assertEquals("Unknown ICMP (obsolete or malformed?)", unknown.info);
  }
}
