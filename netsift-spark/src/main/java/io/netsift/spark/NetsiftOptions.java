package io.netsift.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netsift.core.filter.Filter;
import io.netsift.core.filter.FilterException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The options of one {@code spark.read.format("netsift")}, checked once on the driver. */
final class NetsiftOptions implements Serializable {
  private static final long serialVersionUID = 1L;
  static final long DEFAULT_SPLIT = 128L << 20;

  final List<String> paths;
  /** The user's display filter, or null. */
  final String filter;
  final List<String> fields;
  final long splitSize;

  private NetsiftOptions(List<String> paths, String filter, List<String> fields, long splitSize) {
    this.paths = paths;
    this.filter = filter;
    this.fields = fields;
    this.splitSize = splitSize;
  }

  static NetsiftOptions of(CaseInsensitiveStringMap o) {
    List<String> paths = new ArrayList<>();
    if (o.containsKey("paths")) {
      try {
        paths.addAll(Arrays.asList(new ObjectMapper().readValue(o.get("paths"), String[].class)));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("option paths: " + e.getMessage(), e);
      }
    }
    if (o.containsKey("path")) {
      paths.add(o.get("path"));
    }
    String filter = o.get("filter");
    if (filter != null && filter.isBlank()) {
      filter = null;
    }
    if (filter != null) {
      try {
        Filter.compile(filter);
      } catch (FilterException e) {
        throw new IllegalArgumentException("option filter: " + e.pointer(), e);
      }
    }
    List<String> fields = new ArrayList<>();
    String f = o.get("fields");
    if (f != null) {
      for (String name : f.split(",")) {
        if (!name.isBlank()) {
          fields.add(name.strip());
        }
      }
    }
    long split = DEFAULT_SPLIT;
    if (o.containsKey("splitSize")) {
      try {
        split = Long.parseLong(o.get("splitSize").strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("option splitSize: not a number of bytes: "
            + o.get("splitSize"));
      }
      if (split <= 0) {
        throw new IllegalArgumentException("option splitSize must be positive: " + split);
      }
    }
    NetsiftOptions opts = new NetsiftOptions(paths, filter, fields, split);
    opts.schema(); // unknown fields fail here, on the driver
    return opts;
  }

  NetsiftSchema schema() {
    return new NetsiftSchema(fields);
  }
}
