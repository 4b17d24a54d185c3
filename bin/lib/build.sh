# Shared by bin/torchatd and bin/torchat: build a module's jar when it is missing or older than its sources.
# Usage: ensure_built MODULE JAR
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

ensure_built() {
  local module=$1 jar=$2
  if [ -f "$jar" ] && [ -z "$(find "$REPO/pom.xml" "$REPO/torchat-protocol/pom.xml" "$REPO/torchat-protocol/src/main" \
        "$REPO/$module/pom.xml" "$REPO/$module/src/main" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  for tool in java mvn; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "torchat: '$tool' is not installed; TORchat needs Java 17+ and Maven 3.8+ to build (e.g. apt-get install openjdk-17-jdk maven)" >&2
      exit 1
    fi
  done
  echo "torchat: building $module (first use or sources changed; output in $REPO/build.log) ..." >&2
  if ! (cd "$REPO" && mvn -B -q -DskipTests -pl "$module" -am package) >"$REPO/build.log" 2>&1; then
    echo "torchat: the build failed; see $REPO/build.log" >&2
    exit 1
  fi
}
