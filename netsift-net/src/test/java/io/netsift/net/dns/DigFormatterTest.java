package io.netsift.net.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsift.core.dns.DnsClass;
import io.netsift.core.dns.DnsHeader;
import io.netsift.core.dns.DnsMessage;
import io.netsift.core.dns.DnsName;
import io.netsift.core.dns.DnsOpcode;
import io.netsift.core.dns.DnsQuestion;
import io.netsift.core.dns.DnsRcode;
import io.netsift.core.dns.DnsRdata;
import io.netsift.core.dns.DnsRecord;
import io.netsift.core.dns.DnsRecordType;
import io.netsift.core.dns.Edns;
import io.netsift.core.dns.EdnsOption;
import io.netsift.core.dns.Octets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dig-style text, line for line (layout checked against dig 9.18 on the same answers). */
class DigFormatterTest {
  @Test
  void layoutMatchesDig() throws Exception {
    DnsQuestion q = DnsQuestion.of(DnsName.of("test"), DnsRecordType.MX);
    DnsMessage query = DnsMessage.query(4242, q, true, Edns.of(1232, false));
    DnsRecord mx = DnsRecord.of(DnsName.of("test"), DnsRecordType.MX, 0, new DnsRdata.Mx(10, DnsName.of("mail.test")));
    DnsRecord srv = DnsRecord.of(DnsName.of("_sip._udp.test"), DnsRecordType.SRV, 600,
        new DnsRdata.Srv(1, 2, 5060, DnsName.of("sip.test")));
    DnsRecord txt = DnsRecord.of(DnsName.of("t.test"), DnsRecordType.TXT, 1,
        new DnsRdata.Txt(List.of(Octets.utf8("a \"quoted\" \\ word"), Octets.of(new byte[] {7}))));
    Edns edns = new Edns(1232, 0, 0, 0, List.of(new EdnsOption(EdnsOption.EDE, Octets.fromHex("000e"))));
    int flags = DnsHeader.flags(DnsOpcode.QUERY, DnsRcode.NOERROR, DnsHeader.QR | DnsHeader.AA | DnsHeader.RD | DnsHeader.RA);
    DnsMessage resp = new DnsMessage(new DnsHeader(4242, flags, 1, 1, 1, 2), List.of(q), List.of(mx), List.of(srv),
        List.of(txt, edns.toRecord()), 0);
    DnsExchange x = new DnsExchange(query, resp, 87, new InetSocketAddress(InetAddress.getByName("127.0.0.77"), 5399),
        DnsClient.Protocol.UDP, Duration.ofMillis(3), ZonedDateTime.of(2026, 11, 27, 19, 49, 5, 0, ZoneId.of("UTC")),
        false, false);
    assertEquals(List.of(
        ";; Got answer:",
        ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4242",
        ";; flags: qr aa rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 1, ADDITIONAL: 2",
        "",
        ";; OPT PSEUDOSECTION:",
        "; EDNS: version: 0, flags:; udp: 1232",
        "; EDE: 14 (Not Ready)",
        ";; QUESTION SECTION:",
        ";test.\t\t\t\tIN\tMX",
        "",
        ";; ANSWER SECTION:",
        "test.\t\t\t0\tIN\tMX\t10 mail.test.",
        "",
        ";; AUTHORITY SECTION:",
        "_sip._udp.test.\t\t600\tIN\tSRV\t1 2 5060 sip.test.",
        "",
        ";; ADDITIONAL SECTION:",
        "t.test.\t\t\t1\tIN\tTXT\t\"a \\\"quoted\\\" \\\\ word\" \"\\007\"",
        "",
        ";; Query time: 3 msec",
        ";; SERVER: 127.0.0.77#5399(127.0.0.77) (UDP)",
        ";; WHEN: Fri Nov 27 19:49:05 UTC 2026",
        ";; MSG SIZE  rcvd: 87",
        ""), DigFormatter.format(x));
  }

  @Test
  void errorCodesGetAPlainLine() {
    DnsQuestion q = DnsQuestion.of(DnsName.of("nope.test"), DnsRecordType.A);
    assertEquals("nope.test. does not exist (non-existent domain)", DigFormatter.rcodeMeaning(DnsRcode.NXDOMAIN, q));
    assertEquals(null, DigFormatter.rcodeMeaning(DnsRcode.NOERROR, q));
    assertEquals(true, DigFormatter.rcodeMeaning(DnsRcode.SERVFAIL, q).startsWith("the server failed"));
    assertEquals(true, DigFormatter.rcodeMeaning(DnsRcode.REFUSED, q).startsWith("the server refused"));
  }

  @Test
  void rfc3597GenericAndRrsigTimes() {
    DnsRecord unknown = DnsRecord.of(DnsName.of("x"), DnsRecordType.valueOf(65280), DnsClass.IN, 5,
        new DnsRdata.Unknown(Octets.fromHex("0a000001")));
    assertEquals("x.\t\t\t5\tIN\tTYPE65280\t\\# 4 0A000001", RecordText.line(unknown));
    DnsRecord sig = DnsRecord.of(DnsName.of("x"), DnsRecordType.RRSIG, 5, new DnsRdata.Rrsig(DnsRecordType.A, 13, 1,
        300, 1700000000L, 1690000000L, 7, DnsName.of("x"), Octets.fromHex("00")));
    assertEquals("A 13 1 300 20231114221320 20230722042640 7 x. AA==", RecordText.rdata(sig));
  }
}
