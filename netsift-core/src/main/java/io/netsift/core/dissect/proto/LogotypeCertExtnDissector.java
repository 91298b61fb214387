package io.netsift.core.dissect.proto;

/**
 * Logotype Certificate Extensions (logotypecertextn): values inside X.509 certificates that tshark hands to this protocol by
 * object identifier; see {@link X509ValueDissector}.
 */
public final class LogotypeCertExtnDissector extends X509ValueDissector {
  public LogotypeCertExtnDissector() {
    super("logotypecertextn", "Logotype Certificate Extensions", "LogotypeCertExtn");
  }
}
