package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * MIME multipart mail bodies against tshark 4.0: the same POP RETR replies written to a pcap
 * and dissected with {@code tshark -n -T fields -E occurrence=a -E aggregator=,} gave the
 * expected values (a multipart/mixed holding a multipart/alternative, a PDF and an octet
 * stream; and a multipart body whose segment holds no boundary).
 */
class MimeMultipartDissectorTest {
  private static final String NESTED = "From: A <a@x>\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
      + "Content-Type: multipart/mixed;\r\n\tboundary=\"outer\"\r\n\r\n"
      + "preamble text\r\n"
      + "--outer\r\nContent-Type: multipart/alternative; boundary=inner\r\n\r\n"
      + "--inner\r\nContent-Type: text/plain;\r\n charset=\"us-ascii\"\r\nContent-Transfer-Encoding: 7bit\r\n\r\n"
      + "hello\r\nworld\r\n"
      + "--inner\r\nContent-Type: text/html; charset=us-ascii\r\n\r\n<p>hello</p>\r\n"
      + "--inner--\r\n"
      + "\r\n--outer\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\nContent-Disposition: attachment;\r\n"
      + " filename=\"a.pdf\"\r\nX-Other: 1\r\n\r\n%PDF-1.4\r\n"
      + "--outer\r\nContent-Type: application/octet-stream\r\n\r\nxyz\r\n"
      + "--outer--\r\nepilogue\r\n.\r\n";

  @Test
  void nestedPartsComeOutDepthFirstWithTheirHeadersAndMediaLayers() {
    TransportFrames.Result r = ImfDissectorTest.pop(NESTED).get(3);
    assertEquals("eth:ethertype:ip:tcp:pop:imf:mime_multipart:mime_multipart:data-text-lines:data-text-lines:media:data",
        r.protocols);
    assertEquals("from: A <a@x>, subject: parts,  (text/plain) (text/html) (application/pdf)", r.info);
    assertEquals("multipart/mixed,multipart/alternative", r.get("mime_multipart.type"));
    assertEquals(",,,,", r.get("mime_multipart.part"));
    assertEquals("multipart/alternative;boundary=inner,text/plain;charset=\"us-ascii\",text/html;charset=us-ascii,"
        + "application/pdf;name=\"a.pdf\",application/octet-stream", r.get("mime_multipart.header.content-type"));
    assertEquals("attachment;filename=\"a.pdf\"", r.get("mime_multipart.header.content-disposition"));
    assertEquals("7bit", r.get("mime_multipart.header.content-transfer-encoding"));
    assertEquals("--outer\\r\\n,--inner\\r\\n", r.get("mime_multipart.first_boundary"));
    assertEquals("707265616d626c6520746578740d0a", r.get("mime_multipart.preamble"));
    assertEquals("\\r\\n--inner--\\r\\n,\\r\\n--outer--\\r\\n", r.get("mime_multipart.last_boundary"));
    assertEquals("\\r\\n--inner\\r\\n,\\r\\n--outer\\r\\n,\\r\\n--outer\\r\\n", r.get("mime_multipart.boundary"));
    assertEquals("6570696c6f6775650d0a2e0d0a", r.get("mime_multipart.trailer"));
    assertEquals("255044462d312e34", r.get("media.type"));
  }

  @Test
  void aBodyWithoutItsBoundaryIsData() {
    TransportFrames.Result r = ImfDissectorTest.pop(
        "Subject: x\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\nno boundary in this segment\r\n").get(3);
    assertEquals("eth:ethertype:ip:tcp:pop:imf:mime_multipart:data", r.protocols);
    assertEquals("multipart/mixed", r.get("mime_multipart.type"));
    assertEquals("", r.get("mime_multipart.part"));
    assertEquals("subject: x, ", r.info);
  }

  @Test
  void headersAreUnfoldedAndCompacted() {
    int[] colon = new int[1];
    assertEquals("Content-Type:text/plain;charset=\"a b\"",
        MimeMultipartDissector.compact("Content-Type : text/plain ;\r\n\tcharset = \"a b\"\r\nNext: x", colon));
    assertEquals(12, colon[0]);
    assertEquals("x y", MimeMultipartDissector.parameter(" a=1;boundary=\"x y\"", "boundary"));
    assertEquals("q", MimeMultipartDissector.parameter("Boundary=q; b=2", "boundary"));
  }
}
