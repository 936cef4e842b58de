# Helpers shared by the side-by-side benchmarks (bench/run, bench/push-floor); sourced, not run.
free_port() {
  local p
  for _ in $(seq 100); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo "bench: no free port" >&2; return 1
}
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6g\", $* }"; }
cpu_ticks() { local p t=0; for p in "$@"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$t"; } # summed over pids
# The CPU of the JIT compilers' threads (HotSpot's C1 and C2; a JVM's only), summed over pids. A thread's
# name may hold a space, so its stat is read after the name's closing parenthesis (utime, stime: 12th, 13th).
# A compiler thread that ends inside a window (HotSpot starts and stops them on larger machines) takes its
# time with it: the figure is then an underestimate, and never below 0.
jit_ticks() {
  local p f c t=0
  for p in "$@"; do
    for f in /proc/"$p"/task/*; do
      read -r c < "$f/comm" 2>/dev/null || continue
      case $c in "C1 CompilerThre"*|"C2 CompilerThre"*) t=$((t + $(sed 's/.*) //' "$f/stat" | awk '{ print $12 + $13 }'))) ;; esac
    done
  done
  echo "$t"
}
hwm_kib() { local p t=0; for p in "$@"; do t=$((t + $(awk '/^VmHWM:/ { print $2 }' "/proc/$p/status"))); done; echo "$t"; }
range() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s %s", lo, hi }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
