package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SMTP and IMF against tshark 4.0 ({@code tshark -n -T fields -E occurrence=a}) on the corpus
 * files that carry them: zeek__smtp.pcap, ndpi__smtp.pcap, zeek__smtp__smtp-many-addresses.pcap.gz.
 * Expected rows are tshark's output for the named frames.
 */
class SmtpDissectorTest {
  @Test
  void commandsRepliesAndAuthMatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("zeek__smtp.pcap", "_ws.col.Info", "smtp.req", "smtp.rsp",
        "smtp.command_line", "smtp.req.command", "smtp.req.parameter", "smtp.response", "smtp.response.code",
        "smtp.rsp.parameter", "smtp.auth.username", "smtp.auth.password");
    assertEquals("S: 250-xc90.websitewelcome.com Hello GP [122.162.143.157] | SIZE 52428800 | PIPELINING"
        + " | AUTH PLAIN LOGIN | STARTTLS | HELP\t\t1\t\t\t\t250-xc90.websitewelcome.com Hello GP "
        + "[122.162.143.157]\\r\\n\t250\txc90.websitewelcome.com Hello GP [122.162.143.157],SIZE 52428800,"
        + "PIPELINING,AUTH PLAIN LOGIN,STARTTLS,HELP\t\t", TextAppsCorpus.row(rows, 9));
    assertEquals("C: EHLO GP\t1\t\tEHLO GP\\r\\n\tEHLO\tGP\t\t\t\t\t", TextAppsCorpus.row(rows, 7));
    assertEquals("C: User: Z3VycGFydGFwQHBhdHJpb3RzLmlu\t1\t\t\t\t\t\t\t\tZ3VycGFydGFwQHBhdHJpb3RzLmlu\t",
        TextAppsCorpus.row(rows, 12));
    assertEquals("C: Pass: cHVuamFiQDEyMw==\t1\t\t\t\t\t\t\t\t\tcHVuamFiQDEyMw==", TextAppsCorpus.row(rows, 14));
    assertEquals("C: DATA fragment, 1460 bytes\t\t\t\t\t\t\t\t\t\t", TextAppsCorpus.row(rows, 22));
  }

  @Test
  void singleSegmentMessageMatchesTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("zeek__smtp.pcap", "_ws.col.Protocol", "smtp.eom",
        "smtp.data.reassembled.length", "imf.from", "imf.to", "imf.subject", "imf.date", "imf.message_id");
    assertEquals("SMTP/IMF\t1\t802\tAlbert Zaharovits <albert@example.com>\tericlim220@yahoo.com\t"
        + "Re: Bro SMTP CC Header\tSat, 25 Jul 2015 16:43:07 +0300\t"
        + "<A6202DF2-8E58-4E41-BE0B-C8D3989A4AEE@example.com>", TextAppsCorpus.row(rows, 87));
  }
}
