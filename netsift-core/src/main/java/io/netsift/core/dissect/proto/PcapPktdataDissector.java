package io.netsift.core.dissect.proto;

import io.netsift.core.dissect.Columns;
import io.netsift.core.dissect.Dissection;
import io.netsift.core.dissect.Dissector;
import io.netsift.core.dissect.Protocols;
import io.netsift.core.dissect.Tree;

/**
 * Wireshark's "pcap/pcapng packet data" hand-off ({@code pcap_pktdata}): a packet whose link type
 * a header inside the frame names (PPI's DLT) is dissected as that link type. It owns no bytes
 * and shows no tree, but tshark 4.0 lists it in frame.protocols. The layer before it leaves the
 * link type with {@link Dissection#dispatchKey(int)}.
 */
public final class PcapPktdataDissector extends Dissector {
  public PcapPktdataDissector() {
    super("pcap_pktdata", "pcap/pcapng packet data", "pcap_pktdata");
  }

  @Override
  public Dissector dissect(Dissection d, int layer) {
    d.payload(d.start(layer), d.end(layer));
    return d.protocols().lookup(Protocols.Table.LINK_TYPE, d.dispatchKey());
  }

  @Override
  public void fields(Tree t) {}

  @Override
  public boolean hiddenInTree() {
    return true;
  }

  @Override
  public void columns(Tree t, Columns c) {}
}
