package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IMAP against tshark 4.0 ({@code tshark -n -T fields -E occurrence=a}) on the corpus files that
 * carry it: ndpi__imap.pcap and zeek__tls__imap-starttls.pcap. Expected rows are tshark's output.
 */
class ImapDissectorTest {
  @Test
  void linesTagsAndMatchingMatchTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("ndpi__imap.pcap", "_ws.col.Info", "imap.isrequest", "imap.line",
        "imap.request", "imap.request_tag", "imap.response", "imap.response_tag", "imap.request.command",
        "imap.response.command", "imap.response.status", "imap.tag", "imap.command", "imap.request.folder",
        "imap.request.command.uid", "imap.request.username", "imap.request.password", "imap.response_to",
        "imap.time");
    assertEquals("Request: C00001 LOGIN samir pfres\t1\tC00001 LOGIN samir pfres\\r\\n\tC00001 LOGIN samir pfres\t"
        + "C00001\t\t\tLOGIN\t\t\tC00001\tLOGIN\t\t\tsamir\tfre\t\t", TextAppsCorpus.row(rows, 11));
    assertEquals("Response: C00002 OK LIST Completed\t0\t* LIST () \"/\" \"Sent Messages\"\\r\\n,"
        + "C00002 OK LIST Completed\\r\\n\t\t\tC00002 OK LIST Completed\tC00002\t\tLIST\tOK\tC00002\tLIST\t\t\t\t\t"
        + "14\t0.039939000", TextAppsCorpus.row(rows, 17));
    assertEquals("Request: C00004 SELECT INBOX\t1\tC00004 SELECT INBOX\\r\\n\tC00004 SELECT INBOX\tC00004\t\t\t"
        + "SELECT\t\t\tC00004\tSELECT\tINBOX\t\t\t\t\t", TextAppsCorpus.row(rows, 24));
    assertEquals("Request: C00005 UID FETCH 1:* (FLAGS RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER])\t1\t"
        + "C00005 UID FETCH 1:* (FLAGS RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER])\\r\\n\t"
        + "C00005 UID FETCH 1:* (FLAGS RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER])\tC00005\t\t\tFETCH\t\t\t"
        + "C00005\tUID\t\t1\t\t\t\t", TextAppsCorpus.row(rows, 29));
  }
}
