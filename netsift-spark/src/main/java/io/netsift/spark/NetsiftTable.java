package io.netsift.spark;

import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
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

  /** Takes the predicates and columns Spark pushes, then builds the scan. */
  private final class Builder implements SupportsPushDownV2Filters,
      SupportsPushDownRequiredColumns {
    private final NetsiftSchema schema = options.schema();
    private FilterPushdown pushdown = new FilterPushdown(schema);
    private StructType required = schema.struct();

    @Override
    public Predicate[] pushPredicates(Predicate[] predicates) {
      pushdown = new FilterPushdown(schema);
      pushdown.push(predicates);
      return pushdown.postScan.toArray(new Predicate[0]);
    }

    @Override
    public Predicate[] pushedPredicates() {
      return pushdown.pushed.toArray(new Predicate[0]);
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
