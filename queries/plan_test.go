package queries_test

import (
	"context"
	"path/filepath"
	"sort"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/kg-project/kg/graph/query"
	"github.com/kg-project/kg/graph/store"
	"github.com/kg-project/kg/internal/testdocs"
	"github.com/kg-project/kg/internal/testenv"
	"github.com/kg-project/kg/queries"
)

// unoptimised hides the store's shape optimiser, so cayley plans a query
// with its generic iterators only.
type unoptimised struct{ cgraph.QuadStore }

// rows runs src without a limit and returns its rows as sorted strings.
func rows(t *testing.T, qs cgraph.QuadStore, src string) []string {
	t.Helper()
	res, err := query.Run(context.Background(), qs, src, query.Options{Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(res))
	for i, r := range res {
		m, ok := r.(map[string]interface{})
		if !ok {
			out[i] = query.Short(r)
			continue
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		s := ""
		for _, k := range keys {
			s += k + "=" + query.Short(m[k]) + " "
		}
		out[i] = s
	}
	sort.Strings(out)
	return out
}

// Every saved query gives the same rows with kg's index lookups on bolt
// (graph/store/lookup.go) as with cayley's generic plan.
func TestSavedQueriesSameRowsOptimised(t *testing.T) {
	st, err := store.Open(store.Options{Backend: "bolt", Path: filepath.Join(t.TempDir(), "kg.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	testdocs.Write(t, st)
	for _, q := range queries.All() {
		src, err := q.Source(nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(q.Name, func(t *testing.T) {
			want := rows(t, unoptimised{st}, src)
			got := rows(t, st, src)
			if d := testenv.DiffLines(got, want, "optimised", "generic"); d != "" {
				t.Errorf("rows differ: %s", d)
			}
			if len(want) == 0 && q.Name != "document" && q.Name != "entity" {
				t.Errorf("no rows: the comparison shows nothing")
			}
		})
	}
}
