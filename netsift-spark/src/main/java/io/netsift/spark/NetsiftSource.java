package io.netsift.spark;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The Spark data source {@code format("netsift")}: packets of pcap, pcapng and gzip'd
 * captures as rows, dissected, filtered and read into typed columns by netsift's engine.
 * Options: {@code filter} (a display filter), {@code fields} (comma-separated field names;
 * a name ending in {@code []} gives every occurrence as an array), {@code splitSize} (bytes;
 * default 128 MiB). See docs/SPARK.md.
 */
public final class NetsiftSource implements TableProvider, DataSourceRegister {
  @Override
  public String shortName() {
    return "netsift";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return NetsiftOptions.of(options).schema().struct();
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new NetsiftTable(NetsiftOptions.of(new CaseInsensitiveStringMap(properties)));
  }
}
