package io.netsift.net.ip;

/** An IPv4 address carried inside an IPv6 one, and the mechanism that put it there. */
public record EmbeddedIpv4(String mechanism, IpAddress address) {}
