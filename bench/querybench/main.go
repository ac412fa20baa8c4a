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
	"sort"
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
	flag.Parse()
	clog.SetV(*verbose)
	if err := run(*backend, *db, *runs, *limit, *timeout, *only); err != nil {
		fmt.Fprintln(os.Stderr, "querybench:", err)
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
		text, err := q.Source(nil)
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
		fmt.Printf("| %s | %d | %s | %s | %s |\n", q.Name, results, ms(ds[len(ds)/2]), ms(ds[(len(ds)*99)/100]), ms(first))
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
