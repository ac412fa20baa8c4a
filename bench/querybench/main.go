// Command querybench measures the latency of kg's saved queries on a
// store: each query runs with its default parameters and kg query's
// default result limit, several times, and the median and 99th percentile
// are printed as a markdown table. It opens the store read-only, as
// kg query does.
//
//	go run ./bench/querybench --db big.db [--backend bolt] [--runs 20] [--limit 1000]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/cayley/clog"
	"github.com/kg-project/kg/graph/query"
	"github.com/kg-project/kg/graph/store"
	"github.com/kg-project/kg/queries"
)

func main() {
	db := flag.String("db", store.DefaultPath, "store location")
	backend := flag.String("backend", store.DefaultBackend, "store backend")
	runs := flag.Int("runs", 20, "runs of each query")
	limit := flag.Int("limit", 1000, "result limit (kg query's default)")
	timeout := flag.Duration("timeout", 30*time.Second, "time limit of one run")
	only := flag.String("query", "", "run only this saved query")
	verbose := flag.Int("v", 0, "cayley's log verbosity (3 shows the query planner's choices)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the timed runs to this file")
	flag.Parse()
	clog.SetV(*verbose)
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "querybench:", err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "querybench:", err)
			os.Exit(1)
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	if err := run(*backend, *db, *runs, *limit, *timeout, *only); err != nil {
		fmt.Fprintln(os.Stderr, "querybench:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(backend, db string, runs, limit int, timeout time.Duration, only string) error {
	t0 := time.Now()
	st, err := store.Open(store.Options{Backend: backend, Path: db, ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	opened := time.Since(t0)
	ctx := context.Background()
	n, err := st.Count(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("store %s (%s): %d quads, opened in %s\n\n", db, backend, n, opened.Round(time.Millisecond))
	fmt.Println("| saved query | results | median | p99 | first run |")
	fmt.Println("|---|---|---|---|---|")
	for _, q := range queries.All() {
		if only != "" && q.Name != only {
			continue
		}
		params, err := realParams(ctx, st, q)
		if err != nil {
			return err
		}
		text, err := q.Source(params)
		if err != nil {
			return err
		}
		var ds []time.Duration
		results := 0
		for i := 0; i < runs; i++ {
			s := time.Now()
			res, err := query.Run(ctx, st, text, query.Options{Limit: limit, Timeout: timeout})
			d := time.Since(s)
			if err != nil {
				fmt.Printf("| %s | error: %v | | | |\n", q.Name, err)
				ds = nil
				break
			}
			results = len(res)
			ds = append(ds, d)
		}
		if len(ds) == 0 {
			continue
		}
		first := ds[0]
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		name := q.Name
		for k, v := range params {
			name += fmt.Sprintf(" %s=%q", k, v)
		}
		fmt.Printf("| %s | %d | %s | %s | %s |\n", name, results, ms(ds[len(ds)/2]), ms(ds[(len(ds)*99)/100]), ms(first))
	}
	return nil
}

// pickers find, for a saved query's parameter, a value the store holds:
// the defaults name things that are not in a benchmark corpus, and a
// query that finds nothing measures nothing.
var pickers = map[string]string{
	"document.id": `g.addDefaultNamespaces(); g.V(g.IRI("schema:NewsArticle")).in(g.IRI("rdf:type")).limit(1).all()`,
	"entity.name": `g.addDefaultNamespaces(); g.V(g.IRI("schema:Person")).in(g.IRI("rdf:type")).in(g.IRI("kg:subject")).out(g.IRI("kg:subject")).out(g.IRI("rdfs:label")).limit(1).all()`,
}

func realParams(ctx context.Context, st *store.Store, q *queries.Query) (map[string]string, error) {
	out := map[string]string{}
	for _, p := range q.Params {
		pick, ok := pickers[q.Name+"."+p.Name]
		if !ok {
			continue
		}
		res, err := query.Run(ctx, st, pick, query.Options{Limit: 1, Timeout: 10 * time.Second})
		if err != nil {
			return nil, fmt.Errorf("pick %s.%s: %w", q.Name, p.Name, err)
		}
		if len(res) == 0 {
			continue
		}
		v := query.Short(res[0].(map[string]interface{})["id"])
		if id, ok := strings.CutPrefix(v, "doc:"); ok {
			v = id
		}
		out[p.Name] = v
	}
	return out, nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
