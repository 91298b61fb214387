package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.dissect;
import static io.netsift.core.dissect.proto.LayerTestFrames.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.capture.LinkType;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RTSP against tshark 4.0: rows of {@code tshark -n -T fields -E occurrence=a -E aggregator=,} on
 * ndpi__rtsp.pcap (requests, replies with Session and Transport, a reply whose SDP body completes
 * in a later segment and goes to SDP, and the fast retransmissions of that segment, which fall inside the finished
 * PDU), and an inline segment that does not start a message.
 */
class RtspDissectorTest {
  private static final String[] FIELDS = {"frame.protocols", "_ws.col.Info", "rtsp.request", "rtsp.method",
      "rtsp.url", "rtsp.response", "rtsp.status", "rtsp.content-type", "rtsp.content-length", "rtsp.session",
      "rtsp.transport", "_ws.expert.message"};

  @Test
  void requestsAndRepliesMatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("ndpi__rtsp.pcap", FIELDS);
    assertEquals("sll:ethertype:ip:tcp:rtsp\tGET_PARAMETER rtsp://10.2.2.2:8554/ RTSP/1.0\t"
        + "GET_PARAMETER rtsp://10.2.2.2:8554/ RTSP/1.0\\r\\n\tGET_PARAMETER\trtsp://10.2.2.2:8554/\t\t\t\t\t"
        + "660fc4c0c6ad43a1\t\t", TextAppsCorpus.row(rows, 1));
    assertEquals("sll:ethertype:ip:tcp:rtsp\tOPTIONS rtsp://10.2.2.2:8554/ RTSP/1.0\t"
        + "OPTIONS rtsp://10.2.2.2:8554/ RTSP/1.0\\r\\n\tOPTIONS\trtsp://10.2.2.2:8554/\t\t\t\t\t\t\t",
        TextAppsCorpus.row(rows, 25));
    assertEquals("sll:ethertype:ip:tcp:rtsp\tReply: RTSP/1.0 200 OK\t\t\t\tRTSP/1.0 200 OK\\r\\n\t200\t\t0\t"
        + "8c30e102191f49d1;timeout=60\tRTP/AVP/UDP;unicast;client_port=55664-55665;server_port=58547-58548;"
        + "ssrc=B1964B48;mode=play\t", TextAppsCorpus.row(rows, 65));
    // The headers of a reply (frame 45) wait for its 695-byte body (frame 53), which goes to SDP.
    assertEquals("sll:ethertype:ip:tcp\t8554 \u2192 52472 [PSH, ACK] Seq=126 Ack=259 Win=64128 Len=199 "
        + "[TCP segment of a reassembled PDU]\t\t\t\t\t\t\t\t\t\t", TextAppsCorpus.row(rows, 45));
    assertEquals("sll:ethertype:ip:tcp:rtsp:sdp\tReply: RTSP/1.0 200 OK\t\t\t\tRTSP/1.0 200 OK\\r\\n\t200\t"
        + "application/sdp\t695\t\t\t", TextAppsCorpus.row(rows, 53));
    List<String> sdp = TextAppsCorpus.fields("ndpi__rtsp.pcap", "_ws.col.Protocol", "sdp.version",
        "sdp.session_name", "sdp.media");
    assertEquals("RTSP/SDP\t0\tUnnamed\tvideo 0 RTP/AVP 96,audio 0 RTP/AVP 96", TextAppsCorpus.row(sdp, 53));
    // A fast retransmission of the body's segment lies inside the finished PDU.
    assertEquals("sll:ethertype:ip:tcp\t[TCP Fast Retransmission] 8554 \u2192 52472 [PSH, ACK] Seq=325 Ack=259 "
        + "Win=64128 Len=695[Reassembly error, protocol TCP: New fragment overlaps old data (retransmission?)]"
        + "\t\t\t\t\t\t\t\t\t\tThis frame is a (suspected) fast retransmission,This frame is a (suspected) "
        + "retransmission,New fragment overlaps old data (retransmission?)", TextAppsCorpus.row(rows, 54));
  }

  private static String after(String row, String sep) {
    return row.substring(row.indexOf(sep) + sep.length());
  }

  @Test
  void bytesThatStartNoMessageAreAContinuation() {
    // "xyz\r\n" from port 554: no request or status line.
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00 00 2d 00 01 00 00 40 06 66 c8 0a 00 00 02 0a 00 00 01 02 2a 9c 40 00 00 00 01 00 00 00 01 50 18 ff ff 00 00 00 00 78 79 7a 0d 0a"),
        "frame.protocols", "eth:ethertype:ip:tcp:rtsp",
        "_ws.col.Protocol", "RTSP",
        "_ws.col.Info", "Continuation",
        "rtsp.data", "78797a0d0a");
  }
}
