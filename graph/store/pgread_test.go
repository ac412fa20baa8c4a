package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/query"
	"github.com/kg-project/kg/queries"
)

func nquads(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	sort.Strings(out)
	return out
}

// TestPGQuadsWithEqualsCayley looks up every value of a store holding an
// extracted article and a value of each type in every direction, through
// cayley's iterators and through pgQuadsWith, and compares the quads.
func TestPGQuadsWithEqualsCayley(t *testing.T) {
	ctx := context.Background()
	st, _ := pgOpen(t)
	db := st.pg
	if db == nil {
		t.Fatal("no connection pool in the postgres store")
	}
	docs := []DocQuads{articleQuads(t, "art", ""), valueQuads("vals", 0), synthDoc("syn", 1)}
	if _, err := st.WriteBatch(ctx, docs); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var vals []quad.Value
	for _, d := range docs {
		for _, q := range d.Quads {
			for _, dir := range quad.Directions {
				if v := q.Get(dir); v != nil && !seen[quad.StringOf(v)] {
					seen[quad.StringOf(v)] = true
					vals = append(vals, v)
				}
			}
		}
	}
	vals = append(vals, quad.IRI("https://kg.invalid/not-stored"))
	found := 0
	for _, v := range vals {
		for _, dir := range quad.Directions {
			want, err := st.quadsWith(ctx, dir, v)
			if err != nil {
				t.Fatal(err)
			}
			got, err := pgQuadsWith(ctx, db, dir, v)
			if err != nil {
				t.Fatal(err)
			}
			found += len(got)
			if a, b := nquads(want), nquads(got); fmt.Sprint(a) != fmt.Sprint(b) {
				t.Errorf("quads with %s %v: cayley %d, pgQuadsWith %d: %s", dir, v, len(a), len(b), diffLines(a, b))
			}
		}
	}
	if n, _ := st.Count(ctx); int64(found) < 3*n {
		t.Errorf("lookups found %d quads in all, want at least 3 × the %d stored", found, n)
	}
}

// BenchmarkPGQuadsWith reads the quads of the entities of 64 stored
// documents by subject (more nodes than cayley's value cache holds, as
// DocumentQuads reads on a store of some size), through cayley's
// iterators and through pgQuadsWith (needs KG_TEST_POSTGRES).
func BenchmarkPGQuadsWith(b *testing.B) {
	ctx := context.Background()
	st, _ := pgOpen(b)
	db := st.pg
	var docs []DocQuads
	for i := 0; i < 64; i++ {
		docs = append(docs, synthDoc(fmt.Sprint("d", i), i))
	}
	if _, err := st.WriteBatch(ctx, docs); err != nil {
		b.Fatal(err)
	}
	var ents []quad.Value
	seen := map[quad.Value]bool{}
	for _, d := range docs {
		for _, q := range d.Quads {
			if q.Predicate == graph.MentionedIn && !seen[q.Subject] {
				seen[q.Subject] = true
				ents = append(ents, q.Subject)
			}
		}
	}
	for name, f := range map[string]func(quad.Value) ([]quad.Quad, error){
		"cayley": func(v quad.Value) ([]quad.Quad, error) { return st.quadsWith(ctx, quad.Subject, v) },
		"pg":     func(v quad.Value) ([]quad.Quad, error) { return pgQuadsWith(ctx, db, quad.Subject, v) },
	} {
		b.Run(name, func(b *testing.B) {
			n := 0
			for i := 0; i < b.N; i++ {
				for _, v := range ents {
					qs, err := f(v)
					if err != nil {
						b.Fatal(err)
					}
					n += len(qs)
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}

// TestSQLCountAfterWrite counts the nodes with Gizmo on PostgreSQL, writes
// more, and counts at once again: the planner's size cache must not answer
// the second count with the first (cayley's count() trusts an exact size).
func TestSQLCountAfterWrite(t *testing.T) {
	ctx := context.Background()
	st, _ := pgOpen(t)
	count := func() string {
		res, err := query.Run(ctx, st.QuadStore, `g.emit(g.V().count())`, query.Options{Timeout: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(res)
	}
	if _, err := st.WriteBatch(ctx, []DocQuads{synthDoc("a", 1)}); err != nil {
		t.Fatal(err)
	}
	before := count()
	if _, err := st.WriteBatch(ctx, []DocQuads{synthDoc("b", 2)}); err != nil {
		t.Fatal(err)
	}
	after := count()
	if after == before {
		t.Fatalf("node count %s before and after a write of new nodes", before)
	}
	bolt, err := Open(Options{Backend: "bolt", Path: t.TempDir() + "/c.db"})
	if err != nil {
		t.Fatal(err)
	}
	defer bolt.Close()
	if _, err := bolt.WriteBatch(ctx, []DocQuads{synthDoc("a", 1), synthDoc("b", 2)}); err != nil {
		t.Fatal(err)
	}
	res, err := query.Run(ctx, bolt.QuadStore, `g.emit(g.V().count())`, query.Options{Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprint(res); after != want {
		t.Errorf("node count after the write %s on PostgreSQL, %s on bolt", after, want)
	}
}

func TestPGOneRoundTrip(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"postgres://u@h:5432/db?sslmode=disable", "postgres://u@h:5432/db?binary_parameters=yes&sslmode=disable"},
		{"postgresql://h/db", "postgresql://h/db?binary_parameters=yes"},
		{"postgres://h/db?binary_parameters=no", "postgres://h/db?binary_parameters=no"},
		{"host=h dbname=db sslmode=disable", "host=h dbname=db sslmode=disable binary_parameters=yes"},
		{"host=h binary_parameters=no", "host=h binary_parameters=no"},
	} {
		if got := pgOneRoundTrip(c.in); got != c.want {
			t.Errorf("pgOneRoundTrip(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestSQLQueriesReuseConnections runs the saved queries on a PostgreSQL
// store and counts the sessions the server opened meanwhile: cayley holds
// a connection per open cursor, and with database/sql's default of 2 idle
// connections the others were closed and opened again for the next
// statements (702 sessions for one query of 127,799 quads).
func TestSQLQueriesReuseConnections(t *testing.T) {
	ctx := context.Background()
	st, u := pgOpen(t)
	if _, err := st.WriteBatch(ctx, []DocQuads{articleQuads(t, "art", ""), synthDoc("syn", 1), synthDoc("syn2", 2)}); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("postgres", u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sessions := func() int64 {
		// Sessions are counted when they start; a closed one's statistics
		// may take a moment to reach the view, so read until it settles.
		var last int64 = -1
		for i := 0; i < 30; i++ {
			var n int64
			// Each statement is a transaction of its own, which reads the
			// statistics afresh.
			err := db.QueryRow(`SELECT sessions FROM pg_stat_database WHERE datname = current_database()`).Scan(&n)
			if err != nil {
				t.Fatal(err)
			}
			if n == last {
				return n
			}
			last = n
			time.Sleep(200 * time.Millisecond)
		}
		return last
	}
	before := sessions()
	queryAnswers(t, st)
	opened := sessions() - before
	t.Logf("%d sessions opened by %d queries", opened, len(queries.All())+2)
	if opened > 40 {
		t.Errorf("the saved queries opened %d sessions on the server", opened)
	}
}

// TestPGDocumentQuadsEqualBolt writes the same documents, one of them
// sharing entities with the others, to PostgreSQL (where DocumentQuads
// reads layer by layer with label filters in SQL) and to bolt (one lookup
// a node, filtered in Go), and compares every document's quads.
func TestPGDocumentQuadsEqualBolt(t *testing.T) {
	ctx := context.Background()
	pg, _ := pgOpen(t)
	bolt, err := Open(Options{Backend: "bolt", Path: t.TempDir() + "/d.db"})
	if err != nil {
		t.Fatal(err)
	}
	defer bolt.Close()
	docs := []DocQuads{articleQuads(t, "art", ""), articleQuads(t, "art2", "Another title"), synthDoc("syn", 1), synthDoc("syn2", 2), valueQuads("vals", 0)}
	for _, st := range []*Store{pg, bolt} {
		if _, err := st.WriteBatch(ctx, docs); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range append(docs, DocQuads{ID: "absent"}) {
		a, err := pg.DocumentQuads(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, err := bolt.DocumentQuads(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Values of other types (times, floats) are stored by each backend
		// in its own way; kg's own quads compare exactly.
		if na, nb := nquads(a), nquads(b); d.ID != "vals" && fmt.Sprint(na) != fmt.Sprint(nb) {
			t.Errorf("document %s: %d quads on PostgreSQL, %d on bolt", d.ID, len(na), len(nb))
		}
		if d.ID != "absent" && len(a) != len(d.Quads) {
			t.Errorf("document %s: %d quads read, %d written", d.ID, len(a), len(d.Quads))
		}
	}
}
