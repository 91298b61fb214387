package io.netsift.core.dissect.proto;

/**
 * NetScape Certificate Extensions (ns_cert_exts): values inside X.509 certificates that tshark hands to this protocol by
 * object identifier; see {@link X509ValueDissector}.
 */
public final class NsCertExtsDissector extends X509ValueDissector {
  public NsCertExtsDissector() {
    super("ns_cert_exts", "NetScape Certificate Extensions", "NS_CERT_EXTS", "ns_cert_exts.");
  }
}
