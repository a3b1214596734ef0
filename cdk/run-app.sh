#!/bin/sh
# The `app` of cdk.json: runs the compiled CDK app with the classpath Maven prepared
# (`mvn -DskipTests package` at the repository root), so synth needs neither Maven nor network.
set -eu
cd "$(dirname "$0")"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ ! -d target/classes ] || [ ! -d target/lib ]; then
  echo "pricewire-cdk: the CDK app is not built; run 'mvn -DskipTests package' at the repository root first" >&2
  exit 1
fi
version=$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
if [ "${version:-0}" -lt 21 ]; then
  echo "pricewire-cdk: needs Java 21 or newer, found '${version:-none}' at $JAVA; point JAVA_HOME at a JDK 21+" >&2
  exit 1
fi
exec "$JAVA" -cp "target/classes:target/lib/*" io.pricewire.cdk.PricewireApp
