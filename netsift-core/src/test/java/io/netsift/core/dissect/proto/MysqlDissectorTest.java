package io.netsift.core.dissect.proto;

import static io.netsift.core.dissect.proto.TransportFrames.eth;
import static io.netsift.core.dissect.proto.TransportFrames.ethernet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.analysis.ExpertTap;
import io.netsift.core.analysis.Taps;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.DissectionEngine;
import io.netsift.core.output.JsonFormat;
import io.netsift.core.output.SummaryFormat;
import io.netsift.core.output.TimeFormat;
import io.netsift.core.output.TreeFormat;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MySQL against tshark 4.0: rows of {@code tshark -n -T fields -E occurrence=a -E aggregator=,}
 * on zeek__mysql__mysql.pcap (greeting, login, OK, result sets, a SHOW FIELDS response), and
 * random segments to and from port 3306 that must never throw.
 */
class MysqlDissectorTest {
  @Test
  void conversationMatchesTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("zeek__mysql__mysql.pcap", "_ws.col.Info", "frame.protocols",
        "mysql.packet_number", "mysql.command", "mysql.query", "mysql.user", "mysql.num_fields", "mysql.field.name",
        "mysql.field.type", "mysql.field.default", "mysql.row.text", "mysql.response_code");
    String p = "\teth:ethertype:ip:tcp:mysql\t";
    assertEquals("Server Greeting  proto=10 version=5.0.54 " + p + "0\t\t\t\t\t\t\t\t\t", TextAppsCorpus.row(rows, 4));
    assertEquals("Login Request user=tfoerste " + p + "1\t\t\ttfoerste\t\t\t\t\t\t", TextAppsCorpus.row(rows, 6));
    assertEquals("Response  OK " + p + "2\t\t\t\t\t\t\t\t\t0x00", TextAppsCorpus.row(rows, 8));
    assertEquals("Request Query" + p + "0\t3\tselect @@version_comment limit 1\t\t\t\t\t\t\t",
        TextAppsCorpus.row(rows, 9));
    assertEquals("Response TABULAR Response " + p + "1,2,3,4,5\t\t\t\t1\t@@version_comment\t253\t\t"
        + "Gentoo Linux mysql-5.0.54\t0xfe,0xfe", TextAppsCorpus.row(rows, 10));
    // SHOW FIELDS: column definitions with a default value (NULL for three of them).
    assertEquals("Response " + p + "1,2,3,4,5\t\t\t\t\tid,custom_data1,custom_data2,custom_data3\t8,253,253,253"
        + "\t0,NULL,NULL,NULL\t\t0xfe", TextAppsCorpus.row(rows, 22));
    assertEquals("Response TABULAR Response " + p + "1,2,3,4,5,6,7,8\t\t\t\t3\tid,animal,name\t8,253,253\t\t"
        + "1,dog,Goofy,2,cat,Garfield\t0xfe,0xfe", TextAppsCorpus.row(rows, 34));
  }

  @Test
  void sslRequestHandsTheStreamToTls() throws IOException {
    List<String> rows = TextAppsCorpus.fields("pcapplusplus__pcapng-example.pcapng", "_ws.col.Info",
        "frame.protocols");
    assertEquals("Response: SSL Handshake user= \teth:ethertype:ip:tcp:mysql", TextAppsCorpus.row(rows, 6));
    assertEquals("Client Hello\teth:ethertype:ip:tcp:tls", TextAppsCorpus.row(rows, 8));
    // A MariaDB 5.5 server sets CLIENT_MYSQL (Long Password): its 10 reserved bytes are all unused,
    // and tshark files the language and the client's charset under MySQL's names.
    List<String> greeting = TextAppsCorpus.fields("pcapplusplus__pcapng-example.pcapng", "mysql.unused",
        "mariadb.extcaps.server", "mysql.server_language", "mariadb.server_language", "mysql.charset",
        "mariadb.charset");
    assertEquals("00000000000000000000\t\t8\t\t\t", TextAppsCorpus.row(greeting, 4));
    assertEquals("0000000000000000000000000000000000000000000000\t\t\t\t33\t", TextAppsCorpus.row(greeting, 6));
  }

  private static final byte[][] PACKETS = {
      hex("0a352e302e353400" + "5e000000" + "3e7e243475746820" + "00" + "2ca2" + "21" + "0200" + "0000" + "00"
          + "00000000000000000000" + "3e36313249575a3e6668575800"), // greeting
      hex("85a60300000000012100000000000000000000000000000000000000000000007566000100"), // login, 1-byte password
      hex("0373656c6563742031"), hex("0474616200"), hex("0274657374"), hex("01"), // query, show fields, use, quit
      hex("00000002000000"), hex("ff1504233238303030416363657373"), hex("fe00000200"), // OK, ERR, EOF
      hex("03"), hex("fc0001"), hex("fb"), hex("fe"), hex("fd010203"),
      hex("0364656604746573740161016101690169" + "0c3f001400000008034200000001fb"), // column def with default
  };

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }

  @Test
  void randomSegmentsNeverThrowInTreesJsonOrExpert() {
    Random rnd = new Random(20261129);
    DissectionEngine e = new DissectionEngine();
    ExpertTap plain = (ExpertTap) Taps.create("expert");
    ExpertTap tree = ((ExpertTap) Taps.create("expert")).withTree(true);
    int frames = 0;
    for (int i = 0; i < 5000; i++) {
      java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
      for (int k = rnd.nextInt(3); k >= 0; k--) {
        byte[] body = PACKETS[rnd.nextInt(PACKETS.length)];
        if (rnd.nextInt(4) == 0) {
          body = new byte[rnd.nextInt(40)];
          rnd.nextBytes(body);
        }
        int len = rnd.nextInt(8) == 0 ? rnd.nextInt(1 << 16) : body.length;
        data.write(len & 0xff);
        data.write(len >> 8 & 0xff);
        data.write(len >> 16 & 0xff);
        data.write(rnd.nextInt(3));
        data.writeBytes(body);
      }
      byte[] payload = data.toByteArray();
      if (rnd.nextInt(4) == 0) {
        payload = Arrays.copyOf(payload, rnd.nextInt(payload.length + 1));
      }
      boolean toServer = rnd.nextBoolean();
      int client = 40000 + rnd.nextInt(3);
      byte[] seg = TransportFrames.tcp(toServer ? client : 3306, toServer ? 3306 : client, i * 100L, 1, 0x18, 1000,
          new byte[0], payload);
      byte[] frame = eth(0x0800, TransportFrames.ipv4(toServer ? "10.0.0.1" : "10.0.0.2",
          toServer ? "10.0.0.2" : "10.0.0.1", 6, seg));
      int captured = rnd.nextInt(4) == 0 ? rnd.nextInt(frame.length + 1) : frame.length;
      Dissection d = e.dissect(ethernet(Arrays.copyOf(frame, captured), i * 1_000_000L, frame.length));
      StringBuilder sb = new StringBuilder(new TreeFormat().format(d));
      new JsonFormat().append(d, sb);
      sb.append(new SummaryFormat(TimeFormat.RELATIVE).line(d));
      plain.packet(d, true);
      tree.packet(d, true);
      frames++;
    }
    StringBuilder out = new StringBuilder();
    plain.report(out);
    tree.report(out);
    assertTrue(frames > 0);
  }
}
