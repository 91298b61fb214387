/**
 * Live capture through the system libpcap, bound with JNA: {@link io.netsift.live.Interfaces}
 * lists what can be captured on, {@link io.netsift.live.LiveSource} reads frames from one or more
 * interfaces (BPF capture filters compiled by libpcap, libpcap's drop counters),
 * {@link io.netsift.live.LiveCapture} is the pyshark-shaped packet API on top, and
 * {@link io.netsift.live.RingBufferWriter} writes pcapng or pcap files with dumpcap's ring buffer.
 * libpcap is loaded only when one of these is first used, so reading capture files never needs it.
 */
package io.netsift.live;
