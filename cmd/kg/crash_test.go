package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/store"
	"github.com/kg-project/kg/internal/testenv"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

// TestMain removes the kg binary the crash and size tests build.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// kgBinary builds the kg command once per test run.
func kgBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "kg-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "kg")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// crashCorpus writes n articles of a few sentences each, made of the
// "# text" lines of the GUM dev treebank, into dir.
func crashCorpus(t *testing.T, dir string, n, per int) []string {
	t.Helper()
	rc, err := corpora.Open("gum/en_gum-ud-dev.conllu")
	if err != nil {
		t.Fatalf("corpus: %v", err)
	}
	defer rc.Close()
	var sents []string
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() && len(sents) < n*per {
		if s, ok := strings.CutPrefix(sc.Text(), "# text = "); ok {
			sents = append(sents, s)
		}
	}
	if len(sents) < n*per {
		t.Fatalf("only %d sentences in the corpus", len(sents))
	}
	var paths []string
	for i := 0; i < n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("art%02d.txt", i))
		text := strings.Join(sents[i*per:(i+1)*per], " ") + "\n"
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// cleanQuads extracts every article in-process: the quads each document
// must have when fully stored, by id, as N-Quads lines.
func cleanQuads(t *testing.T, paths []string) map[string]map[string]bool {
	t.Helper()
	if err := extract.Ready(); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]bool{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := article.Parse(p, "", data)
		if err != nil {
			t.Fatal(err)
		}
		set := map[string]bool{}
		for _, q := range graph.Quads(extract.Extract(a, extract.Options{})) {
			set[q.NQuad()] = true
		}
		out[a.ID] = set
	}
	return out
}

// allQuads lists every quad of a store as sorted N-Quads lines.
func allQuads(t *testing.T, o store.Options) []string {
	t.Helper()
	o.ReadOnly = o.Backend != "postgres"
	st, err := store.Open(o)
	if err != nil {
		t.Fatalf("open the store after the build: %v", err)
	}
	defer st.Close()
	var out []string
	it := st.QuadsAllIterator().Iterate()
	defer it.Close()
	ctx := context.Background()
	for it.Next(ctx) {
		q, err := st.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q.NQuad())
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// checkAtomic opens the store left by a killed build and checks that each
// document is either absent or stored with exactly its clean quads. It
// returns how many documents were complete.
func checkAtomic(t *testing.T, o store.Options, want map[string]map[string]bool) int {
	t.Helper()
	o.ReadOnly = o.Backend != "postgres"
	st, err := store.Open(o)
	if err != nil {
		if o.ReadOnly && strings.Contains(err.Error(), "no store at") {
			return 0 // killed before the store was created
		}
		t.Fatalf("the store does not open after SIGKILL: %v", err)
	}
	defer st.Close()
	done := 0
	for id, set := range want {
		qs, err := st.DocumentQuads(context.Background(), id)
		if err != nil {
			t.Fatalf("read document %s after SIGKILL: %v", id, err)
		}
		if len(qs) == 0 {
			continue
		}
		got := map[string]bool{}
		for _, q := range qs {
			// The built binary's fingerprint is not the test's.
			if q.Predicate != graph.Extractor {
				got[q.NQuad()] = true
			}
		}
		missing, extra := 0, 0
		for k := range set {
			if !got[k] {
				missing++
			}
		}
		for k := range got {
			if !set[k] {
				extra++
			}
		}
		if missing > 0 || extra > 0 {
			t.Errorf("document %s is half-written after SIGKILL: %d of %d quads missing, %d extra", id, missing, len(set), extra)
			continue
		}
		done++
	}
	return done
}

// buildCmd returns the kg build command for a store.
func buildCmd(bin string, o store.Options, corpus string) *exec.Cmd {
	cmd := exec.Command(bin, "build", "-q", "--workers", "2", "--backend", o.Backend, "--db", o.Path, corpus)
	cmd.Env = append(os.Environ(), "KG_DB=", "KG_BACKEND=")
	return cmd
}

// TestCrashSafety kills kg build with SIGKILL at random points and checks
// that the store opens, holds every document whole or not at all, and
// after a complete re-run equals the store of an uninterrupted build.
func TestCrashSafety(t *testing.T) {
	t.Run("bolt", func(t *testing.T) {
		crashSafety(t, func(t *testing.T, run int) store.Options {
			return store.Options{Backend: "bolt", Path: filepath.Join(t.TempDir(), fmt.Sprintf("run%d.db", run))}
		})
	})
	t.Run("postgres", func(t *testing.T) {
		base := testenv.Postgres(t)
		db, err := sql.Open("postgres", base)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() }) // after the schemas are dropped
		crashSafety(t, func(t *testing.T, run int) store.Options {
			// A schema of its own per run, chosen through search_path.
			schema := fmt.Sprintf("kgcrash_%d_%d", os.Getpid(), run)
			if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
				t.Fatalf("create schema: %v", err)
			}
			t.Cleanup(func() { db.Exec("DROP SCHEMA " + schema + " CASCADE") })
			u, err := url.Parse(base)
			if err != nil {
				t.Fatal(err)
			}
			q := u.Query()
			q.Set("search_path", schema)
			u.RawQuery = q.Encode()
			return store.Options{Backend: "postgres", Path: u.String()}
		})
	})
}

func crashSafety(t *testing.T, newStore func(t *testing.T, run int) store.Options) {
	bin := kgBinary(t)
	corpus := filepath.Join(t.TempDir(), "corpus")
	os.Mkdir(corpus, 0o755)
	paths := crashCorpus(t, corpus, 40, 6)
	want := cleanQuads(t, paths)

	// The uninterrupted build.
	ref := newStore(t, 0)
	start := time.Now()
	if out, err := buildCmd(bin, ref, corpus).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted build: %v\n%s", err, out)
	}
	full := time.Since(start)
	refQuads := allQuads(t, ref)
	if n := checkAtomic(t, ref, want); n != len(want) {
		t.Fatalf("uninterrupted build stored %d of %d documents whole", n, len(want))
	}

	// KG_CRASH_RUNS sets the number of runs (12 for the figures in the
	// report); the default keeps go test ./... within minutes.
	runs := 5
	if n, err := strconv.Atoi(os.Getenv("KG_CRASH_RUNS")); err == nil && n > 0 {
		runs = n
	} else if testing.Short() {
		runs = 1
	}
	rng := rand.New(rand.NewSource(1))
	survived := 0
	for r := 1; r <= runs; r++ {
		o := newStore(t, r)
		// One to three kills on the same store before it is completed.
		kills := 1 + rng.Intn(3)
		for k := 0; k < kills; k++ {
			delay := time.Duration(rng.Int63n(int64(full)*11/10 + 1))
			cmd := buildCmd(bin, o, corpus)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			n := checkAtomic(t, o, want)
			t.Logf("run %d kill %d after %v: %d of %d documents stored whole", r, k+1, delay.Round(time.Millisecond), n, len(want))
		}
		if out, err := buildCmd(bin, o, corpus).CombinedOutput(); err != nil {
			t.Fatalf("run %d: re-run after SIGKILL: %v\n%s", r, err, out)
		}
		got := allQuads(t, o)
		if d := diff(refQuads, got); d != "" {
			t.Errorf("run %d: the store after re-running differs from an uninterrupted build: %s", r, d)
			continue
		}
		survived++
	}
	t.Logf("%d of %d kill -9 runs survived (uninterrupted build %v, %d quads)", survived, runs, full.Round(time.Millisecond), len(refQuads))
}

// diff summarises the difference of two sorted sets of lines.
func diff(a, b []string) string {
	in := func(s []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range s {
			m[x] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var only []string
	for _, x := range a {
		if !mb[x] {
			only = append(only, "- "+x)
		}
	}
	for _, x := range b {
		if !ma[x] {
			only = append(only, "+ "+x)
		}
	}
	if len(only) == 0 {
		return ""
	}
	if len(only) > 10 {
		only = append(only[:10], fmt.Sprintf("… %d more", len(only)-10))
	}
	return fmt.Sprintf("%d quads differ:\n%s", len(only), strings.Join(only, "\n"))
}
