# Shared by bin/wharf and bin/test: find a JDK >= 21 and build the runnable jar when needed.

# Prints the Java feature version of a JDK home: from its release file (instant), else by asking its java.
wharf_java_major() {
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -1)
  if [ -z "$v" ]; then
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1)
  fi
  echo "$v"
}

# Prints the path of a JDK home whose java is >= 21: JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm.
wharf_find_jdk() {
  local v
  java_major() { wharf_java_major "$1"; }
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null; then echo "$JAVA_HOME"; return 0; fi
  fi
  local best="" bestv=0 d
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] || continue
    v=$(java_major "$d"); v=${v%%.*}
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  echo "wharf: no JDK >= 21 found (set JAVA_HOME, or install one under /usr/lib/jvm, e.g. apt-get install openjdk-21-jdk-headless)" >&2
  return 1
}

# Installs Maven with apt-get when it is missing.
wharf_ensure_maven() {
  command -v mvn >/dev/null 2>&1 && return 0
  echo "wharf: installing maven (apt-get)" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold maven >/dev/null
}

# True when target/wharf.jar (and target/lib) exist and no source nor the pom is newer than the jar.
wharf_jar_fresh() {
  local root=$1 jar="$1/target/wharf.jar"
  [ -f "$jar" ] && [ -d "$root/target/lib" ] && [ -z "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]
}

# Builds target/wharf.jar (and target/lib) when any source or the pom is newer than the jar. Processes
# started together build once: the build holds a lock (flock, when the system has it), and whoever
# waited on it finds the jar fresh.
wharf_build_if_stale() {
  local root=$1
  wharf_jar_fresh "$root" && return 0
  wharf_ensure_maven || return 1
  mkdir -p "$root/target"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$root/target/.build.lock"
    flock 9
    if wharf_jar_fresh "$root"; then exec 9>&-; return 0; fi
  fi
  echo "wharf: building (mvn package)..." >&2
  # Maven's own output (and the JVM's warnings about the build tool) is shown only when the build fails.
  local log
  log=$(cd "$root" && mvn -q -B -ntp -DskipTests package 2>&1) || { printf '%s\n' "$log" >&2; echo "wharf: build failed" >&2; { exec 9>&-; } 2>/dev/null; return 1; }
  { exec 9>&-; } 2>/dev/null
  return 0
}
