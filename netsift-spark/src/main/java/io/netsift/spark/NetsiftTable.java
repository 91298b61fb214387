package io.netsift.spark;

import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The captures named by the read's paths, as one table. */
final class NetsiftTable implements SupportsRead {
  private final NetsiftOptions options;

  NetsiftTable(NetsiftOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "netsift " + String.join(",", options.paths);
  }

  @Override
  public StructType schema() {
    return options.schema().struct();
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
    return new Builder();
  }

  /** Takes the filters and columns Spark pushes, then builds the scan. */
  private final class Builder implements SupportsPushDownFilters, SupportsPushDownRequiredColumns {
    private final NetsiftSchema schema = options.schema();
    private FilterPushdown pushdown = new FilterPushdown(schema);
    private StructType required = schema.struct();

    @Override
    public Filter[] pushFilters(Filter[] filters) {
      pushdown = new FilterPushdown(schema);
      pushdown.push(filters);
      return pushdown.postScan.toArray(new Filter[0]);
    }

    @Override
    public Filter[] pushedFilters() {
      return pushdown.pushed.toArray(new Filter[0]);
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
      required = requiredSchema;
    }

    @Override
    public Scan build() {
      return new NetsiftScan(options, schema, required, pushdown.displayFilter(),
          pushdown.pushed);
    }
  }
}
