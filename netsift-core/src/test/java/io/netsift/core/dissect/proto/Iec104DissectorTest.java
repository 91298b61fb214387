package io.netsift.core.dissect.proto;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * IEC 60870-5-104 on nDPI's capture: S- and I-format APCIs, two APDUs in one segment, and
 * M_ME_TF_1 ASDUs (floats, QDS, CP56Time2a under summer time). Expected rows: tshark 4.0,
 * recorded by {@code scripts/messaging/make-iec104-expectations.sh}.
 */
class Iec104DissectorTest {
  @Test
  void fieldsAndColumnsMatchTshark() throws IOException {
    L2Expectations.checkIn("scada", "ndpi__IEC104.pcap", "iec60870_104.", "iec60870_asdu.");
  }
}
