package queries_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/kg-project/kg/graph/query"
	"github.com/kg-project/kg/graph/store"
	"github.com/kg-project/kg/queries"
)

// BenchmarkSaved runs every saved query with its default parameters and
// kg query's default limit. It runs on the bolt store named by KG_BENCH_DB
// (e.g. the store bench/run.sh builds: more than 5M quads), else on the
// sample article's graph. bench/querybench prints median and p99 with
// parameters the store holds.
//
//	KG_BENCH_DB=/tmp/kg-bench/build.db go test ./queries -run XXX -bench Saved
func BenchmarkSaved(b *testing.B) {
	var st *store.Store
	if p := os.Getenv("KG_BENCH_DB"); p != "" {
		var err error
		if st, err = store.Open(store.Options{Backend: "bolt", Path: p, ReadOnly: true}); err != nil {
			b.Fatal(err)
		}
		defer st.Close()
	} else {
		st = sampleGraph(b)
	}
	for _, q := range queries.All() {
		text, err := q.Source(nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(q.Name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := query.Run(context.Background(), st, text, query.Options{Limit: 1000, Timeout: time.Minute}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
