package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FTP and FTP data against tshark 4.0 ({@code tshark -n -T fields -E occurrence=a}) on the
 * corpus files that carry them: ndpi__ftp.pcap, suricata__ftp__ftp-download-passive.pcap,
 * zeek__ftp__bruteforce.pcap, zeek__ftp__ipv4.pcap, zeek__ftp__ipv6.pcap. Expected rows are
 * tshark's output for the named frames.
 */
class FtpDissectorTest {
  private static final String[] FIELDS = {"_ws.col.Protocol", "_ws.col.Info", "ftp.request.command",
      "ftp.request.arg", "ftp.response.code", "ftp.response.arg", "ftp.current-working-directory",
      "ftp.passive.ip", "ftp.passive.port", "ftp-data.setup-frame", "ftp-data.setup-method",
      "ftp-data.command", "ftp-data.command-frame", "ftp-data.current-working-directory"};

  @Test
  void passiveSessionMatchesTshark() throws IOException {
    List<String> rows = TextAppsCorpus.fields("ndpi__ftp.pcap", FIELDS);
    assertEquals("FTP\tResponse: 220 (vsFTPd 3.0.3)\t\t\t220\t(vsFTPd 3.0.3)\t\t\t\t\t\t\t\t",
        TextAppsCorpus.row(rows, 4));
    assertEquals("FTP\tRequest: USER anonymous\tUSER\tanonymous\t\t\t\t\t\t\t\t\t\t",
        TextAppsCorpus.row(rows, 6));
    assertEquals("FTP\tResponse: 257 \"/\" is the current directory\t\t\t257\t\"/\" is the current directory\t/"
        + "\t\t\t\t\t\t\t", TextAppsCorpus.row(rows, 16));
    assertEquals("FTP\tResponse:  EPRT\t\t\t\t EPRT\t/\t\t\t\t\t\t\t", TextAppsCorpus.row(rows, 20));
    assertEquals("FTP\tResponse: 227 Entering Passive Mode (90,130,70,73,100,85).\t\t\t227\t"
        + "Entering Passive Mode (90,130,70,73,100,85).\t/\t90.130.70.73\t25685\t\t\t\t\t",
        TextAppsCorpus.row(rows, 35));
    assertEquals("FTP-DATA\tFTP Data: 1205 bytes (PASV) (LIST)\t\t\t\t\t\t\t\t35\tPASV\tLIST\t40\t/",
        TextAppsCorpus.row(rows, 43));
    assertEquals("FTP-DATA\tFTP Data: 1440 bytes (PASV) (RETR 1MB.zip)\t\t\t\t\t\t\t\t64\tPASV\t"
        + "RETR 1MB.zip\t69\t/", TextAppsCorpus.row(rows, 76));
  }

  @Test
  void activeAndExtendedModesMatchTshark() throws IOException {
    List<String> v4 = TextAppsCorpus.fields("zeek__ftp__ipv4.pcap", "frame.protocols", "ftp.active.cip",
        "ftp.active.port", "ftp.response.code", "ftp.response.arg");
    assertEquals("eth:ethertype:ip:tcp:ftp\t141.142.220.235\t33582\t\t", TextAppsCorpus.row(v4, 57));
    // The server answers PORT from port 61920, not 20: tshark leaves that connection undissected.
    assertEquals("eth:ethertype:ip:tcp:data\t\t\t\t", TextAppsCorpus.row(v4, 63));
    assertEquals("eth:ethertype:ip:tcp:ftp\t\t\t230\t", TextAppsCorpus.row(v4, 10));
    assertEquals("eth:ethertype:ip:tcp:ftp\t\t\t\t    The NetBSD Project FTP Server located in Redwood City, CA, USA",
        TextAppsCorpus.row(v4, 12));
    List<String> v6 = TextAppsCorpus.fields("zeek__ftp__ipv6.pcap", "ftp.epsv.ipv6", "ftp.epsv.port",
        "ftp.eprt.af", "ftp.eprt.ipv6", "ftp.eprt.port", "_ws.col.Info", "ftp-data.setup-method");
    assertEquals("2001:470:4867:99::21\t57086\t\t\t\tResponse: 229 Entering Extended Passive Mode (|||57086|)\t",
        TextAppsCorpus.row(v6, 28));
    assertEquals("\t\t2\t2001:470:1f11:81f:c999:d94:aa7c:2e3e\t49189\t"
        + "Request: EPRT |2|2001:470:1f11:81f:c999:d94:aa7c:2e3e|49189|\t", TextAppsCorpus.row(v6, 90));
    assertEquals("\t\t\t\t\tFTP Data: 342 bytes (EPASV) (LIST)\tEPASV", TextAppsCorpus.row(v6, 36));
  }
}
