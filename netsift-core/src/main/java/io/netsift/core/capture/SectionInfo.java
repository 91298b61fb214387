package io.netsift.core.capture;

import java.util.List;

/**
 * One pcapng Section Header Block as read: byte order, version and the descriptive options
 * (shb_hardware, shb_os, shb_userappl, and every opt_comment). Text options are null when
 * absent; {@code firstInterfaceId} is the global id the section's first interface gets.
 */
public record SectionInfo(
    int index,
    long fileOffset,
    boolean bigEndian,
    int versionMajor,
    int versionMinor,
    List<String> comments,
    String hardware,
    String os,
    String userApplication,
    int firstInterfaceId) {}
