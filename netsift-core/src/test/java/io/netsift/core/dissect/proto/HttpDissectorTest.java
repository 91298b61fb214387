package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsift.core.capture.CaptureReader;
import io.netsift.core.capture.CaptureReaders;
import io.netsift.core.capture.Frame;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.proto.http.HttpDissector;
import io.netsift.core.dissect.proto.http.HttpMessage;
import io.netsift.core.field.FieldRegistry;
import io.netsift.core.golden.Corpus;
import io.netsift.core.output.FieldsFormat;
import io.netsift.core.output.TimeFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HTTP and its media layers against tshark 4.0 (one pass, default preferences). Expected values
 * are tshark's output for the named frames. Corpus files with HTTP found by
 * {@code tshark -Y http}: dpkt__http.pcap, dpkt__nb6-http.pcap, ndpi__1kxun.pcap,
 * ndpi__6in4tunnel.pcap, ndpi__KakaoTalk_talk.pcap, ndpi__alexa-app.pcapng, ndpi__netflix.pcap,
 * ndpi__ocs.pcap, pcapplusplus__MplsPackets.pcap, pcapplusplus__many-protocols.pcap,
 * pcapplusplus__nanosecs_big_endian.pcap, pcapplusplus__pcapng-example.pcapng,
 * pcapplusplus__raw_ip.pcap, pcapplusplus__sll.pcap, scapy__http_chunk.pcap.gz,
 * suricata__decode-chdlc-01__hdlc-http_1tx.pcap, suricata__decode-sll2-02.pcap,
 * tcpdump__arcnet-rfc1201-arp-icmp-http.pcap, zeek__dce-rpc__mapi.pcap, zeek__erspan.pcap,
 * zeek__http__100-continue.pcap, zeek__http__1000-requests-one-dropped-response.pcap.gz,
 * zeek__http__bro.org.pcap, zeek__http__methods.pcap, zeek__http__pipelined-requests.pcap,
 * zeek__mixed-vlan-mpls.pcap, zeek__nflog-http.pcap, zeek__socks.pcap, zeek__tunnels__Teredo.pcap,
 * zeek__tunnels__ayiya3.pcap, zeek__tunnels__gtp__gtp1_gn_normal_incl_fragmentation.pcap,
 * zeek__tunnels__vxlan-encapsulated-http.pcap, zeek__vlan-qinqinq.pcap, zeek__wikipedia.pcap,
 * zeek__workshop_2011_browse.pcap; and the repository's samples/http.pcapng.
 */
class HttpDissectorTest {
  private static final Path SAMPLE = Path.of("../samples/http.pcapng");

  /** Frame number → tab-separated values of {@code fields}, as -T fields -E occurrence=a prints them. */
  private static Map<Long, String> fields(Path file, String... fields) throws IOException {
    FieldsFormat fmt = new FieldsFormat(List.of(fields), new FieldsFormat.Options(), TimeFormat.RELATIVE,
        FieldRegistry.standard(), Protocols.standard().all());
    Map<Long, String> out = new HashMap<>();
    StringBuilder sb = new StringBuilder();
    try (CaptureReader r = CaptureReaders.open(file)) {
      DissectionEngine e = new DissectionEngine();
      Frame f = new Frame();
      while (r.next(f)) {
        Dissection d = e.dissect(f);
        e.markDisplayed(d);
        sb.setLength(0);
        fmt.append(d, sb);
        out.put(d.number(), sb.substring(0, sb.length() - 1));
      }
    }
    return out;
  }

  @Test
  void requestAndResponseLinesColumnsAndMatching() throws IOException {
    assumeTrue(Files.exists(SAMPLE));
    Map<Long, String> v = fields(SAMPLE, "frame.protocols", "_ws.col.Protocol", "_ws.col.Info",
        "http.request.method", "http.request.uri", "http.request.version", "http.request.full_uri",
        "http.host", "http.user_agent", "http.accept", "http.request.line", "http.request_number",
        "http.prev_request_in", "http.chat");
    assertEquals("eth:ethertype:ip:tcp:http\tHTTP\tGET /index.html HTTP/1.1 \tGET\t/index.html\tHTTP/1.1\t"
        + "http://127.0.0.1/index.html\t127.0.0.1\tcurl/7.88.1\t*/*\t"
        + "Host: 127.0.0.1\\r\\n,User-Agent: curl/7.88.1\\r\\n,Accept: */*\\r\\n\t1\t\t1", v.get(4L));
    assertEquals("eth:ethertype:ip:tcp:http\tHTTP\tGET /data.json HTTP/1.1 \tGET\t/data.json\tHTTP/1.1\t"
        + "http://127.0.0.1/data.json\t127.0.0.1\tcurl/7.88.1\t*/*\t"
        + "Host: 127.0.0.1\\r\\n,User-Agent: curl/7.88.1\\r\\n,Accept: */*\\r\\n\t2\t94\t1", v.get(100L));

    // The sample's responses put headers and body in separate segments: tshark shows them only
    // after reassembly (the TCP reassembly in progress), so responses are checked on the corpus.
  }

  /**
   * tshark 4.0 reads a continuation whose first line (printable first byte) has a colon as header
   * lines, names checked; a known method alone on its line is a request; an unknown content
   * coding fails to decompress; a response whose segments came out of order completes when the
   * gap is filled (ndpi__1kxun frames 1267-1274).
   */
  @Test
  void continuationHeadersBareMethodsCodingsAndFilledGaps() throws IOException {
    Path dir = Corpus.dir();
    assumeTrue(dir != null);
    Path kxun = dir.resolve("ndpi__1kxun.pcap");
    Path methods = dir.resolve("zeek__http__methods.pcap");
    Path kakao = dir.resolve("ndpi__KakaoTalk_talk.pcap");
    assumeTrue(Files.exists(kxun) && Files.exists(methods) && Files.exists(kakao));
    Map<Long, String> v = fields(kxun, "frame.protocols", "_ws.col.Protocol", "_ws.col.Info", "_ws.expert.message");
    assertTrue(v.get(1257L).startsWith("eth:ethertype:ip:tcp:http:data\tHTTP\tContinuation\t"), v.get(1257L));
    assertTrue(v.get(1257L).endsWith("Illegal characters found in header name"), v.get(1257L));
    assertTrue(v.get(1049L).endsWith(",Decompression failed"), v.get(1049L));
    assertTrue(v.get(1268L).endsWith("[TCP segment of a reassembled PDU]\tThis frame is a (suspected) "
        + "out-of-order segment"), v.get(1268L));
    assertEquals("eth:ethertype:ip:tcp:http:data-text-lines\tHTTP\tHTTP/1.1 200 OK  (text/javascript)\t"
        + "HTTP/1.1 200 OK\\r\\n", v.get(1274L));
    Map<Long, String> m = fields(methods, "frame.protocols", "_ws.col.Info", "http.request.method",
        "http.request.uri", "http.request.version", "http.request.full_uri", "http.chat");
    assertEquals("eth:ethertype:ip:tcp:http\tOPTIONS \tOPTIONS\t\t\thttp://www.google.com\t1", m.get(34L));
    Map<Long, String> k = fields(kakao, "_ws.col.Protocol", "_ws.expert.message");
    assertEquals("TCP\tIllegal characters found in header name,Malformed Packet (Exception occurred)", k.get(1L));
  }

  @Test
  void chunkedGzipAndJsonBodiesAreDecoded() throws IOException {
    Path dir = Corpus.dir();
    assumeTrue(dir != null);
    Path file = dir.resolve("ndpi__1kxun.pcap");
    assumeTrue(Files.exists(file));
    Map<Long, String> v = fields(file, "frame.protocols", "_ws.col.Protocol", "_ws.col.Info",
        "http.transfer_encoding", "http.content_encoding", "http.chunk_size", "http.chunk_boundary",
        "json.object", "json.member_with_value", "json.key", "json.value.string", "json.value.number", "json.path");
    assertEquals("eth:ethertype:ip:tcp:http:data-text-lines\tHTTP\tHTTP/1.1 200 OK  (application/x-javascript)\t"
        + "chunked\tgzip\t984,0\t0d0a\t\t\t\t\t\t", v.get(34L));
    assertEquals("eth:ethertype:ip:tcp:http:json\tHTTP/JSON\tHTTP/1.1 200 OK , JavaScript Object Notation "
        + "(application/json)\t\t\t\t\t1\tstatus:-1,msg:EXCEPTION_RETURN_EMPTY\tstatus,msg\tEXCEPTION_RETURN_EMPTY\t-1\t"
        + "/status,/msg", v.get(1582L));
    Map<Long, String> data = fields(file, "http.file_data");
    assertTrue(data.get(34L).startsWith("jQuery18306855657112319022_1470103242123({\"status\":\"success\","
        + "\"data\":{\"id\":10410,\"type\":\"movie\",\"created_at\":\"2013-06-15 14:16:25\""), data.get(34L));

    // The public API object export will use: the de-chunked, inflated body of the HTTP layer.
    try (CaptureReader r = CaptureReaders.open(file)) {
      DissectionEngine e = new DissectionEngine();
      Frame f = new Frame();
      Dissector http = Protocols.standard().byName("http");
      HttpMessage m = null;
      while (r.next(f)) {
        Dissection d = e.dissect(f);
        if (d.number() == 34) {
          m = HttpDissector.message(d, d.find(http, 0));
          break;
        }
      }
      assertNotNull(m);
      assertEquals(HttpMessage.Kind.RESPONSE, m.kind());
      assertEquals("application/x-javascript", m.contentType());
      assertEquals("gzip", m.contentEncoding());
      String body = new String(m.body(), StandardCharsets.UTF_8);
      assertTrue(body.startsWith("jQuery18306855657112319022_1470103242123({\"status\":\"success\""), body);
    }
  }

  @Test
  void formLayerAndReassembledResponse() throws IOException {
    assumeTrue(Files.exists(SAMPLE));
    Map<Long, String> v = fields(SAMPLE, "frame.protocols", "_ws.col.Info", "urlencoded-form.key",
        "urlencoded-form.value", "http.file_data");
    assertEquals("eth:ethertype:ip:tcp:http:urlencoded-form\tPOST /submit HTTP/1.1  (application/x-www-form-urlencoded)\t"
        + "name,lang,note\tnetsift,java,hello world\tname=netsift&lang=java&note=hello+world", v.get(82L));
    // A response whose body is in the next segment is reassembled there (tshark one pass).
    assertEquals("eth:ethertype:ip:tcp\tHTTP/1.1 200 OK  [TCP segment of a reassembled PDU]\t\t\t", v.get(6L));
    assertTrue(v.get(8L).startsWith("eth:ethertype:ip:tcp:http:data-text-lines\tHTTP/1.1 200 OK  (text/html)\t\t\t"
        + "<!DOCTYPE html>\\n<html><head><title>netsift sample</title></head>"), v.get(8L));
  }

  @Test
  void imagesAndPipelinedRequests() throws IOException {
    Path dir = Corpus.dir();
    assumeTrue(dir != null);
    Path file = dir.resolve("zeek__http__pipelined-requests.pcap");
    assumeTrue(Files.exists(file));
    Map<Long, String> v = fields(file, "frame.protocols", "_ws.col.Info", "http.request_in",
        "http.response_number", "http.content_length", "image-gif.version", "image-gif.screen.width", "http.time");
    assertEquals("eth:ethertype:ip:tcp:http\tGET /style/enhanced.css HTTP/1.1 \t\t\t\t\t\t", v.get(4L));
    assertEquals("eth:ethertype:ip:tcp:http:data-text-lines\tHTTP/1.1 200 OK  (text/css)\t4\t1\t946\t\t\t0.018034000",
        v.get(5L));
    assertEquals("eth:ethertype:ip:tcp:http:image-gif\tHTTP/1.1 200 OK  (GIF89a)\t14\t3\t94\tGIF89a\t4\t0.005036000",
        v.get(15L));
  }

  @Test
  void ssdpNotification() throws IOException {
    Path dir = Corpus.dir();
    assumeTrue(dir != null);
    Path file = dir.resolve("ndpi__1kxun.pcap");
    assumeTrue(Files.exists(file));
    Map<Long, String> v = fields(file, "frame.protocols", "_ws.col.Protocol", "_ws.col.Info",
        "http.notification", "http.request", "http.request.full_uri", "http.unknown_header");
    assertEquals("eth:ethertype:ip:udp:ssdp\tSSDP\tNOTIFY * HTTP/1.1 \t1\t\thttp://239.255.255.250:1900*\t"
        + "NT: urn:microsoft.com:service:X_MS_MediaReceiverRegistrar:1\\r\\n,NTS: ssdp:alive\\r\\n,"
        + "USN: uuid:9319395a-4d03-4750-bb1b-4663933ab812::urn:microsoft.com:service:X_MS_MediaReceiverRegistrar:1\\r\\n,"
        + "OPT:\"http://schemas.upnp.org/upnp/1/0/\"; ns=01\\r\\n,01-NLS: d07b435d299b41784ca3d2ae2b959948\\r\\n",
        v.get(693L));
  }
}
