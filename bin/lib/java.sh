# Sourced by the bin/ scripts: finds a JDK 25 or newer and sets JAVA_HOME and JAVA, or explains.
find_java() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    version="$("$candidate/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
    if [ -n "$version" ] && [ "$version" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      JAVA="$candidate/bin/java"
      return 0
    fi
  done
  printf 'ERROR: SmokeTrace needs a JDK 25 or newer. Install one (for example Temurin 25 into /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to it.\n' >&2
  exit 1
}

# Runs a module's Quarkus application jar with the given arguments, building the module if needed.
run_module_jar() {
  local root="$1" module="$2"; shift 2
  local jar="$root/$module/target/quarkus-app/quarkus-run.jar"
  find_java
  if [ ! -f "$jar" ]; then
    printf 'building %s (first use)...\n' "$module" >&2
    ( cd "$root" && ./mvnw -B -q install -DskipTests -pl "$module" -am ) >&2 || { printf 'ERROR: the build of %s failed\n' "$module" >&2; exit 1; }
  fi
  exec "$JAVA" -jar "$jar" "$@"
}
