package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kg-project/kg/graph/store"
	"github.com/kg-project/kg/internal/testdocs"
	"github.com/kg-project/kg/internal/testenv"
	"github.com/kg-project/kg/queries"
)

// savedRows answers every saved query through the query API of a server on
// a store holding the test articles, as sorted JSON rows per query.
func savedRows(t *testing.T, opts store.Options) map[string][]string {
	t.Helper()
	st, err := store.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	testdocs.Write(t, st)
	h, err := New(st.Handle, Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	out := map[string][]string{}
	for _, q := range queries.All() {
		src, err := q.Source(nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.Post(srv.URL+"/api/v2/query?lang=gizmo&limit=100000", "application/javascript", strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Result []json.RawMessage `json:"result"`
			Error  string            `json:"error"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil || body.Error != "" || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s on %s: %s, %v %s", q.Name, opts.Backend, resp.Status, err, body.Error)
		}
		rows := make([]string, len(body.Result))
		for i, r := range body.Result {
			var m map[string]any
			if json.Unmarshal(r, &m) == nil {
				b, _ := json.Marshal(m) // sorted keys
				r = b
			}
			rows[i] = string(r)
		}
		sort.Strings(rows)
		out[q.Name] = slices.Compact(rows)
	}
	return out
}

// The query API answers the saved queries with the same rows on
// PostgreSQL as on bolt: both go through the server's guarded view of the
// store, whose optimiser differs by backend (graph/store/lookup.go on
// bolt; cayley's SQL optimiser is declined, see ctxStore.OptimizeShape).
// Rows are compared as sets: cayley's key-value and SQL stores repeat a
// row a different number of times when several quads (one per label)
// lead to it.
func TestSavedQueriesSameOnBackends(t *testing.T) {
	pgURL := testenv.PostgresDB(t)
	bolt := savedRows(t, store.Options{Backend: "bolt", Path: filepath.Join(t.TempDir(), "kg.db")})
	pg := savedRows(t, store.Options{Backend: "postgres", Path: pgURL})
	nonEmpty := 0
	for name, want := range bolt {
		got := pg[name]
		if len(want) > 0 {
			nonEmpty++
		}
		if d := testenv.DiffLines(got, want, "postgres", "bolt"); d != "" {
			t.Errorf("%s: rows differ: %s", name, d)
		}
	}
	if nonEmpty < 5 {
		t.Errorf("only %d saved queries returned rows: the comparison shows little", nonEmpty)
	}
}
