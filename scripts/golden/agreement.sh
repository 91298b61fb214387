#!/usr/bin/env bash
# Regenerates docs/AGREEMENT.md: runs GoldenFieldsTest, which compares every golden value with netsift.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -pl netsift-core -am test -Dtest=GoldenFieldsTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dnetsift.agreement="$PWD/docs/AGREEMENT.md"
echo "wrote docs/AGREEMENT.md"
