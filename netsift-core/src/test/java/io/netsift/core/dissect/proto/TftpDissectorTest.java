package io.netsift.core.dissect.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsift.core.dissect.Dissection;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * TFTP against tshark: the sample made by scripts/samples/record.sh (reads with and without
 * options, an empty last block, an ERROR, a write) and the corpus captures that carry TFTP; the
 * server's replies come from a new port and are TFTP only because the request announced them.
 *
 * <p>Rows were recorded from tshark 4.0 with {@code TZ=UTC tshark -n -r FILE -T fields -E
 * occurrence=a -E aggregator=, -e frame.number -e frame.protocols -e _ws.col.Protocol -e
 * _ws.col.Info -e FIELD...} (the fields below), one row per chosen frame.
 */
class TftpDissectorTest {
  private static final String[] FIELDS = {
      "tftp.opcode", "tftp.source_file", "tftp.destination_file", "tftp.type", "tftp.block",
      "tftp.block.full", "tftp.error.code", "tftp.error.message", "tftp.option.name", "tftp.option.value",
      "tftp.request_frame",
  };

  private static final String[][] SAMPLE = {
      {"1", "eth:ethertype:ip:udp:tftp", "TFTP", "Read Request, File: hello.txt, Transfer type: octet, tsize=0, blksize=512, timeout=6", "1", "hello.txt", "", "octet", "", "", "", "", "tsize,blksize,timeout", "0,512,6", ""},
      {"2", "eth:ethertype:ip:udp:tftp", "TFTP", "Option Acknowledgement, tsize=36, blksize=512, timeout=6", "6", "", "hello.txt", "", "", "", "", "", "tsize,blksize,timeout", "36,512,6", "1"},
      {"3", "eth:ethertype:ip:udp:tftp", "TFTP", "Acknowledgement, Block: 0", "4", "", "hello.txt", "", "0", "0", "", "", "", "", "1"},
      {"4", "eth:ethertype:ip:udp:tftp:data", "TFTP", "Data Packet, Block: 1 (last)", "3", "", "hello.txt", "", "1", "1", "", "", "", "", "1"},
      {"13", "eth:ethertype:ip:udp:tftp:data", "TFTP", "Data Packet, Block: 3 (last)", "3", "", "image.bin", "", "3", "3", "", "", "", "", "6"},
      {"22", "eth:ethertype:ip:udp:tftp", "TFTP", "Data Packet, Block: 3 (last)", "3", "", "two-blocks.bin", "", "3", "3", "", "", "", "", "15"},
      {"24", "eth:ethertype:ip:udp:tftp", "TFTP", "Read Request, File: missing.txt, Transfer type: octet, tsize=0, blksize=512, timeout=6", "1", "missing.txt", "", "octet", "", "", "", "", "tsize,blksize,timeout", "0,512,6", ""},
      {"25", "eth:ethertype:ip:udp:tftp", "TFTP", "Error Code, Code: File not found, Message: File not found", "5", "", "missing.txt", "", "", "", "1", "File not found", "", "", "24"},
      {"26", "eth:ethertype:ip:udp:tftp", "TFTP", "Write Request, File: upload.txt, Transfer type: octet, tsize=960, blksize=512, timeout=6", "2", "", "upload.txt", "octet", "", "", "", "", "tsize,blksize,timeout", "960,512,6", ""},
      {"28", "eth:ethertype:ip:udp:tftp:data", "TFTP", "Data Packet, Block: 1", "3", "", "upload.txt", "", "1", "1", "", "", "", "", "26"},
      {"30", "eth:ethertype:ip:udp:tftp:data", "TFTP", "Data Packet, Block: 2 (last)", "3", "", "upload.txt", "", "2", "2", "", "", "", "", "26"},
      {"32", "eth:ethertype:ip:udp:tftp", "TFTP", "Read Request, File: hello.txt, Transfer type: octet", "1", "hello.txt", "", "octet", "", "", "", "", "", "", ""},
      {"33", "eth:ethertype:ip:udp:tftp:data", "TFTP", "Data Packet, Block: 1 (last)", "3", "", "hello.txt", "", "1", "1", "", "", "", "", "32"},
      {"35", "eth:ethertype:ip:udp:tftp", "TFTP", "Read Request, File: image.bin, Transfer type: octet, tsize=0, blksize=700", "1", "image.bin", "", "octet", "", "", "", "", "tsize,blksize", "0,700", ""},
      {"36", "eth:ethertype:ip:udp:tftp", "TFTP", "Option Acknowledgement, tsize=3000, blksize=700", "6", "", "image.bin", "", "", "", "", "", "tsize,blksize", "3000,700", "35"},
      {"46", "eth:ethertype:ip:udp:tftp:data", "TFTP", "Data Packet, Block: 5 (last)", "3", "", "image.bin", "", "5", "5", "", "", "", "", "35"},
  };

  /** A file's name ("#" row), then its rows: frame number, protocols, Protocol, Info, fields. */
  private static final String[][] CORPUS = {
      {"#", "ndpi__tftp.pcap"},
      {"1", "eth:ethertype:ip:udp:tftp", "TFTP", "Read Request, File: , Transfer type: , =, =, =, =, =octet", "1", "", "", "", "", "", "", "", ",,,,", ",,,,octet", ""},
      {"2", "eth:ethertype:ip:udp:tftp", "TFTP", "Read Request, File: , Transfer type: octet", "1", "", "", "octet", "", "", "", "", "", "", ""},
      {"3", "eth:ethertype:ip:udp:tftp", "TFTP", "Read Request, File: rfc1350.txt, Transfer type: octet", "1", "rfc1350.txt", "", "octet", "", "", "", "", "", "", ""},
      {"98", "eth:ethertype:ip:udp:tftp:data", "TFTP", "Data Packet, Block: 48", "3", "", "rfc1350.txt", "", "48", "48", "", "", "", "", "3"},
      {"99", "eth:ethertype:ip:udp:tftp", "TFTP", "Acknowledgement, Block: 48", "4", "", "rfc1350.txt", "", "48", "48", "", "", "", "", "3"},
      {"100", "eth:ethertype:ip:udp:tftp:data", "TFTP", "Data Packet, Block: 49 (last)", "3", "", "rfc1350.txt", "", "49", "49", "", "", "", "", "3"},
      {"101", "eth:ethertype:ip:udp:tftp", "TFTP", "Acknowledgement, Block: 49", "4", "", "rfc1350.txt", "", "49", "49", "", "", "", "", "3"},
      {"102", "eth:ethertype:ip:udp:tftp", "TFTP", "Read Request, File: sysman.lis, Transfer type: octet", "1", "sysman.lis", "", "octet", "", "", "", "", "", "", ""},
      {"103", "eth:ethertype:ip:udp:tftp", "TFTP", "Write Request, File: zz.bin, Transfer type: netascii", "2", "", "zz.bin", "netascii", "", "", "", "", "", "", ""},
      {"104", "eth:ethertype:ip:udp:tftp", "TFTP", "Acknowledgement, Block: 0", "4", "", "zz.bin", "", "0", "0", "", "", "", "", "103"},
      {"105", "eth:ethertype:ip:udp:tftp:data", "TFTP", "Data Packet, Block: 1", "3", "", "zz.bin", "", "1", "1", "", "", "", "", "103"},
      {"106", "eth:ethertype:ip:udp:tftp:data", "TFTP", "Data Packet, Block: 1", "3", "", "zz.bin", "", "1", "1", "", "", "", "", "103"},
      {"107", "eth:ethertype:ip:udp:tftp", "TFTP", "Acknowledgement, Block: 1", "4", "", "zz.bin", "", "1", "1", "", "", "", "", "103"},
      {"108", "eth:ethertype:ip:udp:tftp", "TFTP", "Write Request, File: empty100KB, Transfer type: octet, blksize=1468, tsize=100000", "2", "", "empty100KB", "octet", "", "", "", "", "blksize,tsize", "1468,100000", ""},
      {"109", "eth:ethertype:ip:udp:tftp", "TFTP", "Option Acknowledgement, blksize=1468, tsize=100000", "6", "", "empty100KB", "", "", "", "", "", "blksize,tsize", "1468,100000", "108"},
      {"#", "suricata__tftp-tx-handling-wrq.pcap"},
      {"1", "eth:ethertype:ip:udp:tftp", "TFTP", "Write Request, File: rfc1350.txt, Transfer type: octet", "2", "", "rfc1350.txt", "octet", "", "", "", "", "", "", ""},
      {"2", "eth:ethertype:ip:udp:tftp", "TFTP", "Acknowledgement, Block: 0", "4", "", "rfc1350.txt", "", "0", "0", "", "", "", "", "1"},
      {"3", "eth:ethertype:ip:udp:tftp:data", "TFTP", "Data Packet, Block: 1", "3", "", "rfc1350.txt", "", "1", "1", "", "", "", "", "1"},
      {"98", "eth:ethertype:ip:udp:tftp", "TFTP", "Acknowledgement, Block: 48", "4", "", "rfc1350.txt", "", "48", "48", "", "", "", "", "1"},
      {"99", "eth:ethertype:ip:udp:tftp:data", "TFTP", "Data Packet, Block: 49 (last)", "3", "", "rfc1350.txt", "", "49", "49", "", "", "", "", "1"},
      {"100", "eth:ethertype:ip:udp:tftp", "TFTP", "Acknowledgement, Block: 49", "4", "", "rfc1350.txt", "", "49", "49", "", "", "", "", "1"},
  };

  @Test
  void matchesTsharkOnTheSample() throws Exception {
    Path sample = Path.of(System.getProperty("netsift.root", "..")).resolve("samples/tftp.pcap");
    CorpusRows.check(sample, FIELDS, SAMPLE);
  }

  @Test
  void matchesTsharkOnCorpus() throws Exception {
    for (String file : new String[] {"ndpi__tftp.pcap", "suricata__tftp-tx-handling-wrq.pcap"}) {
      CorpusRows.check(file, FIELDS, CorpusRows.section(CORPUS, file));
    }
  }

  /** A UDP datagram from 10.0.0.1:40000 to 10.0.0.2:69 carrying {@code tftp}, as an Ethernet frame. */
  private static Dissection request(byte[] tftp) {
    byte[] udp = new byte[8 + tftp.length];
    udp[0] = (byte) (40000 >> 8);
    udp[1] = (byte) 40000;
    udp[3] = 69;
    udp[4] = (byte) (udp.length >> 8);
    udp[5] = (byte) udp.length;
    System.arraycopy(tftp, 0, udp, 8, tftp.length);
    byte[] frame = TransportFrames.eth(0x0800, TransportFrames.ipv4("10.0.0.1", "10.0.0.2", 17, udp));
    return LayerTestFrames.dissect(1, HexFormat.of().formatHex(frame));
  }

  @Test
  void cutShortRequestsKeepWhatTheyHave() {
    // 00 01 "notes" (no NUL, no mode): a read request cut after its file name.
    Dissection d = request(new byte[] {0, 1, 'n', 'o', 't', 'e', 's'});
    LayerTestFrames.expect(d, "tftp.opcode", "1", "tftp.source_file", "notes", "tftp.type", "");
    assertEquals("Read Request, File: notes, Transfer type: ", LayerTestFrames.columns(d).info());
    // 00 05 00: an ERROR without its code's second byte.
    Dissection e = request(new byte[] {0, 5, 0});
    LayerTestFrames.expect(e, "tftp.opcode", "5", "tftp.error.code", "");
    assertTrue(LayerTestFrames.columns(e).info().startsWith("Error Code"));
    // A lone byte is not even an opcode.
    Dissection f = request(new byte[] {0});
    assertEquals("TFTP", LayerTestFrames.columns(f).protocol);
  }
}
