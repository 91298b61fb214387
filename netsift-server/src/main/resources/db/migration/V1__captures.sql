-- ${id_column}: an auto-numbered key, spelled differently by SQLite and PostgreSQL (Database.java).
CREATE TABLE captures (
  id ${id_column},
  name VARCHAR(255) NOT NULL,
  size BIGINT NOT NULL,
  sha256 CHAR(64) NOT NULL UNIQUE,
  link_types VARCHAR(255) NOT NULL DEFAULT '',
  packets BIGINT NOT NULL DEFAULT 0,
  first_ns BIGINT,
  last_ns BIGINT,
  uploaded_ms BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL,
  percent INTEGER NOT NULL DEFAULT 0,
  warnings TEXT NOT NULL DEFAULT ''
);

CREATE TABLE packets (
  capture_id BIGINT NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  no BIGINT NOT NULL,
  time_ns BIGINT NOT NULL,
  rel_ns BIGINT NOT NULL,
  src VARCHAR(255) NOT NULL,
  dst VARCHAR(255) NOT NULL,
  proto VARCHAR(64) NOT NULL,
  len BIGINT NOT NULL,
  info TEXT NOT NULL,
  rule INTEGER,
  PRIMARY KEY (capture_id, no)
);

CREATE TABLE conversations (
  capture_id BIGINT NOT NULL REFERENCES captures(id) ON DELETE CASCADE,
  kind VARCHAR(8) NOT NULL,
  seq INTEGER NOT NULL,
  a VARCHAR(255) NOT NULL,
  b VARCHAR(255) NOT NULL,
  port_a INTEGER NOT NULL,
  port_b INTEGER NOT NULL,
  frames_ab BIGINT NOT NULL,
  bytes_ab BIGINT NOT NULL,
  frames_ba BIGINT NOT NULL,
  bytes_ba BIGINT NOT NULL,
  rel_start_ns BIGINT NOT NULL,
  duration_ns BIGINT NOT NULL,
  PRIMARY KEY (capture_id, kind, seq)
);
