#!/usr/bin/env bash
# netsift on Spark in this JVM (no Spark installation): count matching packets or export fields
# to Parquet. Builds netsift-spark (and the classpath file) when missing or older than any source;
# the build is a reactor `package`, so nothing is installed into ~/.m2.
#   ./netsift-spark.sh count --filter 'tcp.port == 80' FILE...
#   ./netsift-spark.sh export --fields ip.src,tcp.dstport --filter F --parquet OUT FILE...
# Options: --master local[2], --split-size BYTES, --timings (where the time went, on stderr).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar="$here/netsift-spark/target/netsift-spark-0.1.0-SNAPSHOT.jar"
core="$here/netsift-core/target/netsift-core-0.1.0-SNAPSHOT.jar"
cp_file="$here/netsift-spark/target/classpath.txt"
stale() {
  [ ! -f "$jar" ] || [ ! -f "$cp_file" ] || [ ! -f "$core" ] && return 0
  [ -n "$(find "$here/netsift-core" "$here/netsift-spark" "$here/pom.xml" \( -name '*.java' -o -name 'pom.xml' \
      -o -path '*/src/main/resources/*' \) -newer "$jar" -print -quit 2>/dev/null)" ]
}
if stale; then
  echo "netsift-spark: building (first run or sources changed)..." >&2
  (cd "$here" && ./mvnw -q -B -o -DskipTests -Dmaven.javadoc.skip=true package -pl netsift-spark -am >&2 \
    || ./mvnw -q -B -DskipTests -Dmaven.javadoc.skip=true package -pl netsift-spark -am >&2) || {
    echo "netsift-spark: build failed; run ./mvnw -B package -pl netsift-spark -am to see why" >&2; exit 2; }
fi
# The reactor build resolves netsift-core to its target jar; put it first explicitly.
cp="$jar:$core:$(cat "$cp_file")"
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
 --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
 --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
 --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
 --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
 -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
# shellcheck disable=SC2086
exec java ${NETSIFT_SPARK_JAVA_OPTS:--Xmx2g} $opens -cp "$cp" io.netsift.spark.SparkRunner "$@"
