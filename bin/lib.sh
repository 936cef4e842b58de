# Shared by bin/wharf and bin/test: find a JDK >= 21 and build the runnable jar when needed.

# Sets WHARF_JAVA_MAJOR to the Java feature version of a JDK home: from its release file, read by the
# shell itself, else by asking its java. bin/wharf runs this on every start, where each process the
# shell starts costs ~5-10 ms on a small VM (docs/performance.md, "Warm start": the launcher), so the
# common path starts none.
wharf_read_java_major() {
  WHARF_JAVA_MAJOR=""
  local line
  if [ -r "$1/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case $line in
        JAVA_VERSION=\"[0-9]*) line=${line#JAVA_VERSION=\"}; WHARF_JAVA_MAJOR=${line%%[!0-9]*}; break ;;
      esac
    done < "$1/release"
  fi
  if [ -z "$WHARF_JAVA_MAJOR" ]; then
    WHARF_JAVA_MAJOR=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1)
  fi
}

# Prints the Java feature version of a JDK home (wharf_read_java_major's answer).
wharf_java_major() {
  wharf_read_java_major "$1"
  echo "$WHARF_JAVA_MAJOR"
}

# Sets WHARF_JDK to a JDK home whose java is >= 21 (JAVA_HOME if it qualifies, else the newest under
# /usr/lib/jvm) and WHARF_JAVA_MAJOR to its version; fails with a message when there is none.
wharf_select_jdk() {
  local v
  WHARF_JDK=""
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    wharf_read_java_major "$JAVA_HOME"; v=${WHARF_JAVA_MAJOR%%.*}
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null; then WHARF_JDK=$JAVA_HOME; WHARF_JAVA_MAJOR=$v; return 0; fi
  fi
  local best="" bestv=0 d
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] || continue
    wharf_read_java_major "$d"; v=${WHARF_JAVA_MAJOR%%.*}
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  if [ -n "$best" ]; then WHARF_JDK=$best; WHARF_JAVA_MAJOR=$bestv; return 0; fi
  echo "wharf: no JDK >= 21 found (set JAVA_HOME, or install one under /usr/lib/jvm, e.g. apt-get install openjdk-21-jdk-headless)" >&2
  return 1
}

# Prints the path of a JDK home whose java is >= 21 (wharf_select_jdk's choice).
wharf_find_jdk() {
  wharf_select_jdk || return 1
  echo "$WHARF_JDK"
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
