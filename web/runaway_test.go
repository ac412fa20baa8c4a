package web

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"
)

// bigGraph is a random graph of n nodes with deg out-edges each:
// n*deg quads, in which every 5-step path query has deg^5 paths per node.
func bigGraph(t testing.TB, n, deg int) *cgraph.Handle {
	t.Helper()
	rng := rand.New(rand.NewSource(1))
	qs := memstore.New()
	quads := make([]quad.Quad, 0, n*deg)
	for i := 0; i < n; i++ {
		for j := 0; j < deg; j++ {
			quads = append(quads, quad.MakeIRI(fmt.Sprintf("n%d", i), "p", fmt.Sprintf("n%d", rng.Intn(n)), ""))
		}
	}
	qw, err := writer.NewSingle(qs, cgraph.IgnoreOpts{IgnoreDup: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := qw.AddQuadSet(quads); err != nil {
		t.Fatal(err)
	}
	return &cgraph.Handle{QuadStore: qs, QuadWriter: qw}
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// queryGet runs a query with its own connection and returns the status,
// body and time taken.
func queryGet(t testing.TB, client *http.Client, base, lang, q string) (int, string, time.Duration) {
	t.Helper()
	start := time.Now()
	resp, err := client.Post(base+"/api/v2/query?lang="+lang, "text/plain", strings.NewReader(q))
	if err != nil {
		t.Fatalf("query %q: %v", q, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), time.Since(start)
}

// TestRunawayQueries checks that a query that would run for hours, or an
// endless JavaScript loop, is stopped at the query timeout: the answer
// comes back in time, a cheap query is answered meanwhile, and afterwards
// no goroutine keeps running and the CPU goes quiet.
func TestRunawayQueries(t *testing.T) {
	n, deg := 2000, 100 // 200,000 quads
	if testing.Short() {
		n = 500
	}
	h := bigGraph(t, n, deg)
	const timeout = time.Second
	hd, err := New(h, Config{QueryTimeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(hd)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	cheap := `g.V("<n1>").out().limit(3).all()`

	for _, tc := range []struct {
		name, lang, q string
		short         bool // also run under -short
	}{
		{"five steps, all", "gizmo", `g.V().out().out().out().out().out().all()`, false},
		{"five steps, filtered all", "gizmo", `g.V().out().out().out().out().out().filter(regex("nowhere")).all()`, false},
		{"five steps, count", "gizmo", `g.emit(g.V().out().out().out().out().out().count())`, true},
		{"five steps, toArray", "gizmo", `g.emit(g.V().out().out().out().out().out().toArray().length)`, false},
		{"five steps, forEach", "gizmo", `var k = 0; g.V().out().out().out().out().out().forEach(function(x){ k++ }); g.emit(k)`, false},
		{"while true", "gizmo", `while(true){}`, true},
		{"loop with queries", "gizmo", `for(;;){ g.V("<n1>").out().toArray() }`, false},
		{"backtracking regexp", "gizmo", `g.emit(/^(?=x?)(a+)+$/.test("` + strings.Repeat("a", 40) + `b"))`, false},
		{"backtracking regexp 2", "gizmo", `g.emit(/^((a+)+)\1$/.test("` + strings.Repeat("a", 40) + `b"))`, true},
		{"mql five steps", "mql", `[{"id": null, "<p>": [{"<p>": [{"<p>": [{"<p>": [{"<p>": [{"id": "<nowhere>"}]}]}]}]}]}]`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && !tc.short {
				t.Skip("-short")
			}
			runtime.GC()
			g0 := runtime.NumGoroutine()
			type answer struct {
				code int
				body string
				took time.Duration
			}
			done := make(chan answer, 1)
			go func() {
				c, b, d := queryGet(t, client, srv.URL, tc.lang, tc.q)
				done <- answer{c, b, d}
			}()
			// While the runaway runs, a cheap query answers within a second.
			time.Sleep(timeout / 4)
			code, body, took := queryGet(t, client, srv.URL, "gizmo", cheap)
			if code != 200 || took > time.Second {
				t.Errorf("cheap query during the runaway: %d in %v: %.200s", code, took, body)
			}
			var a answer
			select {
			case a = <-done:
			case <-time.After(timeout + 10*time.Second):
				t.Fatalf("no answer %v after the timeout of %v", 10*time.Second, timeout)
			}
			if a.took > timeout+2*time.Second {
				t.Errorf("answered after %v, timeout %v", a.took, timeout)
			}
			timedOut := a.code == http.StatusBadRequest && strings.Contains(a.body, "deadline")
			t.Logf("%s: %d after %v: %.160s", tc.name, a.code, a.took.Round(time.Millisecond), a.body)
			if !timedOut {
				// Finishing in time with an answer is fine too, but must
				// not be a server error.
				var res map[string]any
				if a.code/100 == 5 || json.Unmarshal([]byte(a.body), &res) != nil {
					t.Errorf("answer %d %.200s", a.code, a.body)
				}
			}
			// Afterwards: nothing left running.
			var g1 int
			var cpu time.Duration
			deadline := time.Now().Add(5 * time.Second)
			for {
				runtime.GC()
				c0 := cpuTime()
				time.Sleep(300 * time.Millisecond)
				cpu = cpuTime() - c0
				g1 = runtime.NumGoroutine()
				if (g1 <= g0+1 && cpu < 150*time.Millisecond) || time.Now().After(deadline) {
					break
				}
			}
			t.Logf("%s: goroutines %d before, %d after; CPU %v in 300ms after", tc.name, g0, g1, cpu)
			if g1 > g0+1 {
				buf := make([]byte, 1<<16)
				buf = buf[:runtime.Stack(buf, true)]
				t.Errorf("goroutines %d before, %d five seconds after the answer:\n%s", g0, g1, buf)
			}
			if cpu >= 150*time.Millisecond {
				t.Errorf("the process still uses %v of CPU per 300ms after the answer", cpu)
			}
			// And the server still answers.
			if code, body, took := queryGet(t, client, srv.URL, "gizmo", cheap); code != 200 || took > time.Second {
				t.Errorf("cheap query after the runaway: %d in %v: %.200s", code, took, body)
			}
		})
	}
}
