#!/usr/bin/env bash
# Corpus-scale benchmarks of kg, printed as a markdown table.
#
#   bash bench/run.sh [--words N] [--slice-words N] [--load-words N]
#                     [--backends "bolt leveldb postgres"] [--no-build] [--dir DIR]
#                     [--limit SECONDS]   (time limit of each timed command, default 600)
#                     [--query-runs N]    (runs of each saved query, default 20)
#
# What it measures (every figure names its command in the table):
#   1. extraction throughput: kg extract on a fixed slice of the corpus
#      (--slice-words), 1 worker and all cores, in words/s;
#   2. load throughput: kg load and cayley load of the same N-Quads file
#      (kg extract of --load-words words) into the same backend, quads/s,
#      and the saved queries on each store kg loaded (name median/results);
#   3. kg build of the whole corpus (--words, default 7.7M, which gives
#      more than 5M quads) into bolt: wall time, words/s, peak RSS (GNU
#      time) and RSS sampled during the run; then a re-build of the same
#      corpus, which must skip every document and write nothing;
#   4. on that store: the latency of every saved query (bench/querybench,
#      median and p99 of --query-runs runs, kg query's default limit), and
#      the whole-process time of a one-shot kg query beside cayley query.
# The corpus is made by go run ./bench/mkcorpus from corpora/ (deterministic).
# cayley is built from the cayley module version kg's go.mod requires, in a
# scratch module under DIR (Go module proxy or cache needed the first time).
# PostgreSQL: a private cluster is started on 127.0.0.1:55433 (Debian's
# postgresql package; installed with apt-get when missing and run as root)
# and stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=$PATH:/usr/local/go/bin

WORDS=7700000
QRUNS=20
SLICE=20000
LOADW=200000
BACKENDS="bolt leveldb postgres"
DOBUILD=1
DIR=${TMPDIR:-/tmp}/kg-bench
LIMIT=600
PGPORT=55433
while [ $# -gt 0 ]; do
  case $1 in
    --words) WORDS=$2; shift 2 ;;
    --slice-words) SLICE=$2; shift 2 ;;
    --load-words) LOADW=$2; shift 2 ;;
    --backends) BACKENDS=$2; shift 2 ;;
    --no-build) DOBUILD=0; shift ;;
    --query-runs) QRUNS=$2; shift 2 ;;
    --dir) DIR=$2; shift 2 ;;
    --limit) LIMIT=$2; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$DIR"
LOG=$DIR/log.txt
: >"$LOG"
note() { echo "run.sh: $*" >&2; }
CORES=$(nproc)

# ---- tools
note "building kg and cayley into $DIR (log: $LOG)"
go build -o "$DIR/kg" ./cmd/kg
CAYLEY_VER=$(go list -m -f '{{.Version}}' github.com/cayleygraph/cayley)
if [ ! -x "$DIR/cayley" ] || [ "$(cat "$DIR/cayley.version" 2>/dev/null)" != "$CAYLEY_VER" ]; then
  mkdir -p "$DIR/cayleymod"
  printf 'module cayleybuild\n\ngo 1.24\n\nrequire github.com/cayleygraph/cayley %s\n' "$CAYLEY_VER" >"$DIR/cayleymod/go.mod"
  (cd "$DIR/cayleymod" && GOFLAGS=-mod=mod go build -o "$DIR/cayley" github.com/cayleygraph/cayley/cmd/cayley) >>"$LOG" 2>&1
  echo "$CAYLEY_VER" >"$DIR/cayley.version"
fi
if [ ! -x /usr/bin/time ]; then apt-get install -y -qq time >>"$LOG" 2>&1; fi

# ---- PostgreSQL
PGBIN=""
PGDATA=""
cleanup() {
  if [ -n "$PGDATA" ]; then
    su postgres -c "$PGBIN/pg_ctl -D $PGDATA -m fast stop" >>"$LOG" 2>&1 || true
    rm -rf "$PGDATA"
  fi
}
trap cleanup EXIT
if [[ " $BACKENDS " == *" postgres "* ]]; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    note "installing postgresql"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >>"$LOG" 2>&1
  fi
  PGBIN=/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -V | tail -1)/bin
  PGDATA=$(mktemp -d "${TMPDIR:-/tmp}/kg-bench-pg.XXXXXX")
  chown postgres "$PGDATA"
  su postgres -c "$PGBIN/initdb -D $PGDATA -A trust -U postgres" >>"$LOG" 2>&1
  su postgres -c "$PGBIN/pg_ctl -D $PGDATA -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1' -w start" >>"$LOG" 2>&1
  for db in kgload cayleyload; do
    su postgres -c "$PGBIN/psql -q -h 127.0.0.1 -p $PGPORT -c 'CREATE DATABASE $db'" >>"$LOG" 2>&1
  done
fi
pgurl() { echo "postgres://postgres@127.0.0.1:$PGPORT/$1?sslmode=disable"; }

# ---- corpus
note "making the corpus ($WORDS words), the extraction slice ($SLICE) and the load slice ($LOADW)"
go run ./bench/mkcorpus --words "$WORDS" -o "$DIR/corpus.jsonl" 2>>"$LOG"
go run ./bench/mkcorpus --words "$SLICE" -o "$DIR/slice.jsonl" 2>>"$LOG"
go run ./bench/mkcorpus --words "$LOADW" -o "$DIR/load.jsonl" 2>>"$LOG"
corpus_words() { grep -o '[0-9]* words' "$LOG" | sed -n "$1p" | cut -d' ' -f1; }
CW=$(corpus_words 1); SW=$(corpus_words 2); LW=$(corpus_words 3)

# secs CMD... runs CMD under `timeout $LIMIT`, writes its wall time in
# seconds to fd 3 (call it as t=$(secs … 3>&1 >out 2>err)), or ">LIMIT"
# when it did not finish in time.
secs() {
  local s e rc=0
  s=$(date +%s.%N)
  timeout "$LIMIT" "$@" || rc=$?
  e=$(date +%s.%N)
  if [ "$rc" = 124 ]; then echo ">$LIMIT" >&3; return 0; fi
  echo "$s $e" | awk '{printf "%.2f", $2-$1}' >&3
}
rate() { case $2 in ">"*) echo "<$(awk -v n="$1" -v t="${2#>}" 'BEGIN{printf "%.0f", n/t}')" ;; *) awk -v n="$1" -v t="$2" 'BEGIN{ if (t>0) printf "%.0f", n/t; else print "-" }' ;; esac; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b>0) printf "%.2f", a/b; else print "-" }'; }

ROWS=()
QS=""
row() {
  ROWS+=("| $1 | $2 | $3 | \`$4\` |")
  note "| $1 | $2 | $3 |"
}

# ---- 1. extraction
LOAD0=$(cut -d' ' -f1 /proc/loadavg)
for w in 1 "$CORES"; do
  note "kg extract --workers $w on $SW words"
  t=$(secs "$DIR/kg" extract --workers "$w" "$DIR/slice.jsonl" 3>&1 >"$DIR/slice.nq" 2>>"$LOG")
  row "extract, $w worker(s)" "$(rate "$SW" "$t") words/s" "$SW words in ${t}s" "kg extract --workers $w slice.jsonl"
done

# ---- 2. load
note "kg extract of the load slice ($LW words)"
"$DIR/kg" extract --workers "$CORES" "$DIR/load.jsonl" >"$DIR/facts.nq" 2>>"$LOG"
NQ=$(wc -l <"$DIR/facts.nq")
for b in $BACKENDS; do
  case $b in
    postgres) kdb=$(pgurl kgload); cdb=$(pgurl cayleyload) ;;
    *) kdb=$DIR/kg-$b; cdb=$DIR/cayley-$b; rm -rf "$kdb" "$cdb" ;;
  esac
  note "load $NQ quads into $b: kg, then cayley"
  tk=$(secs "$DIR/kg" load --backend "$b" --db "$kdb" "$DIR/facts.nq" 3>&1 >>"$LOG" 2>&1)
  tr=$(secs "$DIR/kg" load --backend "$b" --db "$kdb" "$DIR/facts.nq" 3>&1 >>"$LOG" 2>&1)
  if [ "$b" = postgres ]; then
    tc=$(secs "$DIR/cayley" load --db postgres --dbpath "$cdb" --init -i "$DIR/facts.nq" 3>&1 >>"$LOG" 2>&1)
  else
    tc=$(secs "$DIR/cayley" load --db "$b" --dbpath "$cdb" --init -i "$DIR/facts.nq" 3>&1 >>"$LOG" 2>&1)
  fi
  rk=$(rate "$NQ" "$tk"); rc=$(rate "$NQ" "$tc")
  row "load $b: kg" "$rk quads/s" "$NQ quads in ${tk}s; kg/cayley = $(ratio "$rk" "$rc")" "kg load --backend $b facts.nq"
  row "load $b: cayley" "$rc quads/s" "$NQ quads in ${tc}s" "cayley load --db $b --init -i facts.nq"
  row "re-load $b: kg (unchanged)" "$(rate "$NQ" "$tr") quads/s" "${tr}s; $(grep 'kg: loaded' "$LOG" | tail -1 | grep -o '[0-9]* documents, [0-9]* unchanged')" "kg load --backend $b facts.nq (again)"
  # Saved queries on this smaller store too: plans that suit a large
  # store can go wrong on a small one, and each backend plans its own.
  # One run each on PostgreSQL, where a query takes seconds.
  runs=3; [ "$b" = postgres ] && runs=1
  go run ./bench/querybench --backend "$b" --db "$kdb" --runs "$runs" --timeout 60s >"$DIR/queries-$b.md" 2>>"$LOG" || echo "querybench failed" >>"$DIR/queries-$b.md"
  while IFS='|' read -r _ name results med _ _ _; do
    name=$(echo "$name" | xargs); [ -n "$name" ] || continue
    case $name in "saved query"|---) continue ;; esac
    QS="$QS ${name%% *} ${med# }/${results// /};"
  done < <(grep '^| ' "$DIR/queries-$b.md")
  row "saved queries on the loaded $b store ($NQ quads)" "median of $runs" "${QS:-none}" "go run ./bench/querybench --backend $b --db …"
  QS=""
done

# ---- 3. build
if [ "$DOBUILD" = 1 ]; then
  rm -rf "$DIR/build.db"
  note "kg build of $CW words into bolt (this takes a while)"
  "$DIR/kg" version >/dev/null 2>&1 || true
  /usr/bin/time -v -o "$DIR/build.time" "$DIR/kg" build -q --workers "$CORES" --db "$DIR/build.db" "$DIR/corpus.jsonl" 2>"$DIR/build.err" &
  TPID=$!
  : >"$DIR/build.rss"
  while kill -0 "$TPID" 2>/dev/null; do
    sleep 15
    KPID=$(pgrep -P "$TPID" -x kg || true)
    # VmRSS = RssAnon (Go heap, models) + RssFile (bolt's memory map of the store)
    [ -n "$KPID" ] && awk '/VmRSS/{r=$2} /RssAnon/{a=$2} /RssFile/{f=$2} END{printf "%d/%d/%d ", r/1024, a/1024, f/1024}' "/proc/$KPID/status" >>"$DIR/build.rss" 2>/dev/null || true
  done
  wait "$TPID" || true
  summary=$(grep '^kg: [0-9]* documents' "$DIR/build.err" | tail -1 || true)
  wall=$(echo "$summary" | grep -oE '[0-9.]+s, [0-9]+ words/s$' | cut -d's' -f1 || true)
  rss=$(awk -F': ' '/Maximum resident/{printf "%d", $2/1024}' "$DIR/build.time")
  row "build $CW words → bolt" "$(rate "$CW" "$wall") words/s" "${wall}s, peak RSS ${rss} MB; $summary" "kg build --workers $CORES corpus.jsonl"
  row "build RSS samples (MB, every 15s: total/anon/file)" "anon $(tr ' ' '\n' <"$DIR/build.rss" | grep / | cut -d/ -f2 | sort -n | sed -n '1p;$p' | paste -sd- -)" "$(cat "$DIR/build.rss")" "/proc/PID/status VmRSS/RssAnon/RssFile"
  note "re-build of the same corpus (must write nothing)"
  wall=$(secs "$DIR/kg" build -q --workers "$CORES" --db "$DIR/build.db" "$DIR/corpus.jsonl" 3>&1 >/dev/null 2>"$DIR/rebuild.err" || true)
  summary=$(grep '^kg: [0-9]* documents' "$DIR/rebuild.err" | tail -1 || true)
  [ -n "$summary" ] || summary="killed after ${LIMIT}s (--limit)"
  ok="NOT all skipped"
  echo "$summary" | grep -qE '^kg: ([0-9]+) documents \(\1 skipped as unchanged' && echo "$summary" | grep -q 'quads +0 -0' && ok="all skipped, +0 -0"
  row "re-build (unchanged)" "$(rate "$CW" "$wall") words/s" "${wall}s, $ok; $summary" "kg build corpus.jsonl (again)"
fi

# ---- 4. queries
if [ -d "$DIR/build.db" ]; then
  note "saved queries on the build store"
  go run ./bench/querybench --db "$DIR/build.db" --runs "$QRUNS" >"$DIR/queries.md" 2>>"$LOG" || echo "querybench failed" >>"$DIR/queries.md"
  QUADS=$(grep -o '[0-9]* quads' "$DIR/queries.md" | head -1)
  while IFS='|' read -r _ name results med p99 first _; do
    name=$(echo "$name" | xargs); [ -n "$name" ] || continue
    case $name in "saved query"|---) continue ;; esac
    row "query $name ($QUADS)" "median$med" "p99$p99, first run$first,$results results" "kg query --saved $name"
  done < <(grep '^| ' "$DIR/queries.md")
  Q='g.V("fire").in(g.IRI("https://kg.invalid/schema/lemma")).all()'
  TK=""; TC=""
  for i in 1 2 3; do
    tk=$(secs "$DIR/kg" query --db "$DIR/build.db" "$Q" 3>&1 >/dev/null 2>>"$LOG")
    tc=$(secs "$DIR/cayley" query --db bolt --dbpath "$DIR/build.db" "$Q" 3>&1 >/dev/null 2>>"$LOG")
    TK="$TK ${tk}"; TC="$TC ${tc}"
  done
  row "one-shot query process: kg" "$(echo $TK | tr ' ' '\n' | sort -n | sed -n 2p) s (median of 3)" "runs:$TK s; $QUADS" "kg query '$Q'"
  row "one-shot query process: cayley" "$(echo $TC | tr ' ' '\n' | sort -n | sed -n 2p) s (median of 3)" "runs:$TC s" "cayley query --db bolt --dbpath build.db '$Q'"
fi

LOAD1=$(cut -d' ' -f1 /proc/loadavg)
echo
echo "Machine: $CORES cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average $LOAD0 at start, $LOAD1 at end; $(date -u +%Y-%m-%dT%H:%MZ); cayley $CAYLEY_VER"
echo
echo "| measure | rate | detail | command |"
echo "|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
echo "Files and logs: $DIR (corpus.jsonl, facts.nq, log.txt, build.err, build.time)."
