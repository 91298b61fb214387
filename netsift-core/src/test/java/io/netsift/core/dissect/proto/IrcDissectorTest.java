package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.LayerTestFrames.dissect;
import static io.netsift.core.dissect.proto.LayerTestFrames.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.capture.LinkType;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IRC against tshark 4.0: rows of {@code tshark -n -T fields -E occurrence=a -E aggregator=,} on
 * zeek__irc-basic.pcap, and inline segments to port 6667 with tshark's values for the same bytes.
 */
class IrcDissectorTest {
  @Test
  void requestsResponsesAndACutLineMatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("zeek__irc-basic.pcap", "_ws.col.Info", "irc.response",
        "irc.response.prefix", "irc.response.command", "irc.response.num_command",
        "irc.response.command_parameter", "irc.response.trailer", "irc.request.command",
        "irc.request.command_parameter", "irc.request.trailer");
    assertEquals("Request (USER)\t\t\t\t\t\t\tUSER\tbrotest,*,*\tbrotest", TextAppsCorpus.row(rows, 8));
    assertEquals("Response (MODE) (353) (366)\t:leguin.freenode.net MODE #brotest +ns,"
        + ":leguin.freenode.net 353 brotest @ #brotest :@brotest,:leguin.freenode.net 366 brotest #brotest "
        + ":End of /NAMES list.\tleguin.freenode.net,leguin.freenode.net,leguin.freenode.net\tMODE,353,366\t"
        + "353,366\t#brotest,+ns,brotest,@,#brotest,brotest,#brotest\t@brotest,End of /NAMES list.\t\t\t",
        TextAppsCorpus.row(rows, 23));
    assertEquals("Response (ERROR)\tERROR :Closing Link: new-wifi-nat.ICSI.Berkeley.EDU (Client Quit)\t\tERROR"
        + "\t\t\tClosing Link: new-wifi-nat.ICSI.Berkeley.EDU (Client Quit)\t\t\t", TextAppsCorpus.row(rows, 31));
    // Segments are not reassembled: frame 15 starts with the end of a line and ends with ":legu".
    // A note of the Malformed group brings tshark's "Malformed Packet" item, not a layer.
    rows = TextAppsCorpus.fields("zeek__irc-basic.pcap", "irc.response", "irc.prefix_missing_ending_space",
        "_ws.malformed", "frame.protocols");
    String row = TextAppsCorpus.row(rows, 15);
    assertEquals(" 5799,", row.substring(0, 6));
    assertEquals(",:legu\t1\t_ws.malformed\teth:ethertype:ip:tcp:irc", row.substring(row.lastIndexOf(",:legu")));
  }

  @Test
  void numericRequestAndLineWithoutCommand() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00 00 31 00 01 00 00 40 06 66 c4 0a 00 00 01 0a 00 00 02 9c 40 1a 0b 00 00 00 26 00 00 00 01 50 18 ff ff 00 00 00 00 31 32 33 20 66 6f 6f 0d 0a"),
        "frame.protocols", "eth:ethertype:ip:tcp:irc",
        "_ws.col.Info", "Request (123)",
        "irc.request", "123 foo",
        "irc.request.command", "123",
        "irc.request.command_parameter", "foo",
        "irc.request.command.numeric", "1");
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00 00 2d 00 01 00 00 40 06 66 c8 0a 00 00 01 0a 00 00 02 9c 40 1a 0b 00 00 00 2f 00 00 00 01 50 18 ff ff 00 00 00 00 20 20 20 0d 0a"),
        "_ws.col.Info", "Request",
        "irc.request", "   ",
        "irc.request.command.missing", "1");
  }

  @Test
  void lonelyCarriageReturnEndsALine() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00 00 32 00 01 00 00 40 06 66 c3 0a 00 00 01 0a 00 00 02 9c 40 1a 0b 00 00 00 6c 00 00 00 01 50 18 ff ff 00 00 00 00 63 6d 64 0d 6e 65 78 74 0d 0a"),
        "_ws.col.Info", "Request (cmd) (next)",
        "irc.request.command", "cmd,next");
  }

  @Test
  void ctcpOutsideNoticeOrPrivmsg() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00 00 33 00 01 00 00 40 06 66 c2 0a 00 00 01 0a 00 00 02 9c 40 1a 0b 00 00 00 8e 00 00 00 01 50 18 ff ff 00 00 00 00 4a 4f 49 4e 20 3a 01 78 01 0d 0a"),
        "irc.request.trailer", "\u0001x\u0001",
        "irc.ctcp", "x",
        "irc.tag_data_invalid", "1");
  }

  @Test
  void numericResponse() {
    expect(dissect(LinkType.ETHERNET, "00 11 22 33 44 55 66 77 88 99 aa bb 08 00 45 00 00 43 00 01 00 00 40 06 66 b2 0a 00 00 02 0a 00 00 01 1a 0b 9c 40 00 00 00 01 00 00 00 a3 50 18 ff ff 00 00 00 00 3a 6e 69 63 6b 21 75 40 68 20 30 30 31 20 6d 65 20 3a 57 65 6c 63 6f 6d 65 0d 0a"),
        "_ws.col.Info", "Response (001)",
        "irc.response.prefix", "nick!u@h",
        "irc.response.command", "001",
        "irc.response.num_command", "1",
        "irc.response.command_parameter", "me",
        "irc.response.trailer", "Welcome");
  }
}
