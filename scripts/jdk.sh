# Sourced by ./mtcp and ./test: finds a JDK >= 25 and Maven, or says exactly what to install.
# Sets MTCP_JAVA_HOME. Never hard-codes one machine's path: JAVA_HOME first, then every JDK under /usr/lib/jvm.

mtcp_java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

mtcp_find_jdk() {
  local candidate best="" best_major=0 major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(mtcp_java_major "$candidate/bin/java")
    [ -n "$major" ] || continue
    if [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
    # A JAVA_HOME that is new enough wins over anything found by searching.
    if [ -n "$best" ] && [ "$candidate" = "${JAVA_HOME:-}" ]; then break; fi
  done
  if [ -z "$best" ]; then
    echo "mtcp: no JDK 25 or newer found (looked at JAVA_HOME and /usr/lib/jvm). Install one, e.g. 'apt-get install temurin-25-jdk' or 'openjdk-25-jdk', or set JAVA_HOME to it." >&2
    return 1
  fi
  MTCP_JAVA_HOME="$best"
}

mtcp_require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "mtcp: Maven 3.8.7 or newer is needed to build mtcp and was not found on PATH. Install it, e.g. 'apt-get install maven'." >&2
    return 1
  fi
}
