-- Sorting a page of a large capture by a column reads the index instead of sorting every row.
CREATE INDEX packets_src ON packets (capture_id, src, no);
CREATE INDEX packets_dst ON packets (capture_id, dst, no);
CREATE INDEX packets_proto ON packets (capture_id, proto, no);
CREATE INDEX packets_len ON packets (capture_id, len, no);
CREATE INDEX packets_time ON packets (capture_id, time_ns, no);
