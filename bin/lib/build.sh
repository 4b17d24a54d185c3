# Shared by bin/torchatd and bin/torchat, in both places they run from:
#   - a source checkout (pom.xml beside bin/): the module's jar is built on first use and when sources change;
#   - an unpacked release archive (lib/*.jar beside bin/, no sources): the jars are used as they are, no build.
# Sets ROOT, LAYOUT (repo or archive), JAVA (the runtime: ROOT/runtime when the archive bundles one, else
# $JAVA_HOME, else java on PATH) and BUILD_LOG (where builds and class-archive training write).
# Usage: JAR=$(jar_path MODULE NAME.jar); ensure_built MODULE "$JAR"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REPO="$ROOT"
if [ -f "$ROOT/pom.xml" ]; then
  LAYOUT=repo
  BUILD_LOG="$ROOT/build.log"
else
  LAYOUT=archive
  BUILD_LOG=/dev/null
fi

if [ -x "$ROOT/runtime/bin/java" ]; then
  JAVA="$ROOT/runtime/bin/java"
elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  JAVA=java
else
  echo "torchat: no Java runtime found: TORchat needs Java 17 or newer (e.g. apt-get install openjdk-17-jre-headless," \
    "or set JAVA_HOME), or the release archive that bundles its own runtime" >&2
  exit 1
fi

# The runtime's version from its release file (no JVM start for this): an older Java gets one clear line, not a
# stack trace about class file versions. Unknown layouts pass and let the JVM speak.
check_java_version() {
  local home release major
  home="$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")"
  release="$home/release"
  [ -f "$release" ] || return 0
  major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")"
  if [ -n "$major" ] && [ "$major" -lt 17 ]; then
    echo "torchat: $JAVA is Java $major; TORchat needs Java 17 or newer (set JAVA_HOME to one)" >&2
    exit 1
  fi
}
check_java_version

# Where MODULE's jar NAME is in this layout.
jar_path() {
  if [ "$LAYOUT" = archive ]; then
    echo "$ROOT/lib/$2"
  else
    echo "$ROOT/$1/target/$2"
  fi
}

# Where the daemon's class-data archive is kept (bin/lib/class-archive.sh); the release archive ships it in lib/.
class_archive_path() {
  if [ "$LAYOUT" = archive ]; then
    echo "$ROOT/lib/torchatd.jsa"
  else
    echo "$ROOT/torchat-daemon/target/torchatd.jsa"
  fi
}

ensure_built() {
  local module=$1 jar=$2
  if [ "$LAYOUT" = archive ]; then
    if [ ! -f "$jar" ]; then
      echo "torchat: $jar is missing: this TORchat installation is incomplete (unpack the release archive again)" >&2
      exit 1
    fi
    return 0
  fi
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
