package store

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/query"
	"github.com/kg-project/kg/internal/testenv"
	"github.com/kg-project/kg/queries"
)

func TestPGArray(t *testing.T) {
	at := time.Date(2021, 5, 13, 8, 30, 1, 123456789, time.FixedZone("", 2*3600+30*60+15))
	for _, c := range []struct {
		in   []any
		want string
	}{
		{nil, `{}`},
		{[]any{nil, []byte(nil), []byte{}, []byte{0x01, 0xab}}, `{NULL,NULL,"\\x","\\x01ab"}`},
		{[]any{"", `a"b\c`, "{x,y} NULL", "é\n"}, `{"","a\"b\\c","{x,y} NULL","é` + "\n" + `"}`},
		{[]any{int64(-9223372036854775808), int64(0), int64(42)}, `{-9223372036854775808,0,42}`},
		{[]any{0.1, 1e21, math.Inf(1), math.Inf(-1), math.NaN()}, `{"0.1","1000000000000000000000","+Inf","-Inf","NaN"}`},
		{[]any{true, false}, `{true,false}`},
		{[]any{at, time.Date(-1, 1, 2, 3, 4, 5, 0, time.UTC)}, `{"2021-05-13 08:30:01.123456789+02:30:15","0002-01-02 03:04:05Z BC"}`},
	} {
		a := newPGArray(len(c.in))
		for _, v := range c.in {
			if err := a.add(v); err != nil {
				t.Fatalf("add(%v): %v", v, err)
			}
		}
		if got := a.String(); got != c.want {
			t.Errorf("array of %v:\n got %s\nwant %s", c.in, got, c.want)
		}
	}
	if err := newPGArray(1).add(struct{}{}); err == nil {
		t.Error("add(struct{}{}): no error")
	}
}

// pgOpen opens a store on a fresh database.
func pgOpen(t testing.TB) (*Store, string) {
	t.Helper()
	u := testenv.PostgresDB(t)
	st, err := Open(Options{Backend: "postgres", Path: u})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, u
}

// pgDump lists the rows of cayley's tables, sorted: every column of
// nodes; quads by horizon with their hashes and, instead of ts (the time
// of each transaction), the rank of the transaction that wrote them; and
// the last value drawn from the horizon sequence.
func pgDump(t testing.TB, st *Store) []string {
	t.Helper()
	db := st.pg
	if db == nil {
		t.Fatal("no connection pool in the postgres store")
	}
	var out []string
	for _, q := range []string{
		`SELECT 'node', encode(hash, 'hex'), refs, encode(value, 'hex'), value_string, datatype, language, iri, bnode,
			value_int, value_bool, value_float::text, value_time::text FROM nodes ORDER BY hash`,
		`SELECT 'quad', horizon, encode(subject_hash, 'hex'), encode(predicate_hash, 'hex'), encode(object_hash, 'hex'),
			encode(label_hash, 'hex'), dense_rank() OVER (ORDER BY ts) FROM quads ORDER BY horizon`,
		`SELECT 'horizon', last_value FROM quads_horizon_seq`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, v := range vals {
				if i > 0 {
					b.WriteByte('|')
				}
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprint(&b, v)
			}
			out = append(out, b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return out
}

// diffLines describes the first differences between two sorted dumps.
func diffLines(a, b []string) string { return testenv.DiffLines(a, b, "normal", "bulk") }

// writeNormal runs f with the bulk path off.
func writeNormal(f func()) {
	pgBulkOff.Store(true)
	defer pgBulkOff.Store(false)
	f()
}

// articleQuads extracts the sample article as document id (with another
// title when title is set), as kg build would store it.
func articleQuads(t testing.TB, id, title string) DocQuads {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "000_3ec027d384569d0a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := article.Parse("000_3ec027d384569d0a.txt", id, data)
	if err != nil {
		t.Fatal(err)
	}
	if title != "" {
		a.Title = title
	}
	return DocQuads{ID: id, Quads: graph.Dedup(graph.Quads(extract.Extract(a, extract.Options{})))}
}

// valueQuads is a document whose quads carry one value of each type
// cayley stores in its own column (and some awkward ones), as objects of
// the document node; variant changes some of them.
func valueQuads(id string, variant int) DocQuads {
	doc := graph.Document(id)
	vals := []quad.Value{
		quad.IRI("https://kg.invalid/entity/Some_Body"),
		quad.IRI("https://kg.invalid/entity/Quote\"and\\backslash"),
		quad.BNode("b1"),
		quad.String(""),
		quad.String("plain text, with {braces}, \"quotes\", \\backslashes\\ and NULL"),
		quad.String("line\nbreak\ttab é 中文 🙂"),
		quad.String("nul\x00byte"),
		quad.String(`looks escaped \x00`),
		quad.TypedString{Value: "2021-05-13", Type: graph.XSDDate},
		quad.TypedString{Value: "x\"y", Type: "https://kg.invalid/type"},
		quad.LangString{Value: "Bonjour", Lang: "fr"},
		quad.Int(0), quad.Int(-7), quad.Int(math.MaxInt64), quad.Int(math.MinInt64),
		quad.Float(0.9), quad.Float(-0.001), quad.Float(1e300), quad.Float(math.SmallestNonzeroFloat64),
		quad.Float(math.Inf(1)), quad.Float(math.Inf(-1)),
		quad.Bool(true), quad.Bool(false),
		quad.Time(time.Date(2021, 5, 13, 8, 30, 0, 0, time.UTC)),
		quad.Time(time.Date(1999, 12, 31, 23, 59, 59, 123456000, time.FixedZone("", -5*3600))),
		quad.Time(time.Date(2024, 2, 29, 12, 0, 0, 987654321, time.FixedZone("", 5*3600+30*60))),
	}
	if variant == 1 {
		vals = append(vals[:3:3], quad.String("changed"), quad.Int(8), quad.Float(0.25),
			quad.Time(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)), quad.BNode("b2"))
	}
	qs := []quad.Quad{{Subject: doc, Predicate: graph.ContentHash, Object: quad.String(fmt.Sprint("values", variant)), Label: doc}}
	for i, v := range vals {
		qs = append(qs, quad.Quad{Subject: doc, Predicate: quad.IRI(fmt.Sprintf("https://kg.invalid/rel/v%d", i%7)), Object: v, Label: doc})
	}
	// A node used twice in one quad.
	qs = append(qs, quad.Quad{Subject: doc, Predicate: doc, Object: doc, Label: doc})
	return DocQuads{ID: id, Quads: qs}
}

// queryAnswers runs every saved query (default parameters) and some
// ad-hoc Gizmo queries and returns their answers, each sorted.
func queryAnswers(t testing.TB, st *Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	texts := map[string]string{
		"all pairs": `g.V().tag("s").out().tag("o").all()`,
		"count":     `g.emit(g.V().count())`,
	}
	for _, q := range queries.All() {
		src, err := q.Source(nil)
		if err != nil {
			t.Fatal(err)
		}
		texts["saved "+q.Name] = src
	}
	out := map[string]string{}
	for name, text := range texts {
		res, err := query.Run(ctx, st.QuadStore, text, query.Options{Timeout: time.Minute})
		if err != nil {
			t.Fatalf("query %s: %v", name, err)
		}
		var lines []string
		for _, r := range res {
			lines = append(lines, fmt.Sprint(r)) // maps print sorted by key
		}
		sort.Strings(lines)
		out[name] = fmt.Sprintf("%d results: %s", len(lines), strings.Join(lines, "\n"))
	}
	return out
}

// TestPGBulkEqualsCayleyWriter writes the same batches through cayley's
// writer into one database and through the bulk path into another, and
// checks after each batch that both give the same results, the same quads
// through cayley's API, the same table rows and the same query answers.
func TestPGBulkEqualsCayleyWriter(t *testing.T) {
	ctx := context.Background()
	normal, _ := pgOpen(t)
	bulk, _ := pgOpen(t)
	if bulk.pgDB() == nil {
		t.Fatal("the bulk path is not in use on the postgres store")
	}
	art := articleQuads(t, "art", "")
	art2 := articleQuads(t, "art", "Another title")
	if len(art.Quads) < 100 {
		t.Fatalf("extracted article has only %d quads", len(art.Quads))
	}
	steps := []struct {
		name  string
		docs  []DocQuads
		query bool
	}{
		{"new documents", []DocQuads{art, valueQuads("vals", 0), synthDoc("syn", 1)}, false},
		{"changed, unchanged and repeated", []DocQuads{
			art2, valueQuads("vals", 1), synthDoc("syn", 1), synthDoc("rep", 2), synthDoc("rep", 3),
		}, true},
		{"removed documents", []DocQuads{{ID: "vals"}, {ID: "art"}, synthDoc("new", 4)}, false},
		{"back again", []DocQuads{art, valueQuads("vals", 0)}, true},
		{"nothing", nil, false},
	}
	for _, step := range steps {
		var want, got []Result
		var errN, errB error
		writeNormal(func() { want, errN = normal.WriteBatch(ctx, step.docs) })
		got, errB = bulk.WriteBatch(ctx, step.docs)
		if errN != nil || errB != nil {
			t.Fatalf("%s: normal: %v, bulk: %v", step.name, errN, errB)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: bulk results %v, normal %v", step.name, got, want)
		}
		if a, b := allQuads(t, normal), allQuads(t, bulk); fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("%s: quads through cayley differ: %s", step.name, diffLines(a, b))
		}
		if a, b := pgDump(t, normal), pgDump(t, bulk); fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("%s: table rows differ: %s", step.name, diffLines(a, b))
		}
		na, _ := normal.Count(ctx)
		nb, _ := bulk.Count(ctx)
		if na != nb {
			t.Errorf("%s: Count %d (normal) and %d (bulk)", step.name, na, nb)
		}
		if !step.query {
			continue // queries on PostgreSQL take seconds: after two steps only
		}
		qa, qb := queryAnswers(t, normal), queryAnswers(t, bulk)
		if step.name == "back again" {
			for _, name := range []string{"all pairs", "saved sources", "saved spoke-to"} {
				if strings.HasPrefix(qb[name], "0 results") {
					t.Errorf("query %s: no results on the bulk store", name)
				}
			}
		}
		for name := range qa {
			if qa[name] != qb[name] {
				t.Errorf("%s: query %s answers differ:\nnormal %.500s\nbulk   %.500s", step.name, name, qa[name], qb[name])
			}
		}
	}
	// The bulk store holds exactly the article's quads as extracted.
	stored, err := bulk.DocumentQuads(ctx, "art")
	if err != nil {
		t.Fatal(err)
	}
	var a, b []string
	for _, q := range stored {
		a = append(a, q.NQuad())
	}
	for _, q := range art.Quads {
		b = append(b, q.NQuad())
	}
	sort.Strings(a)
	sort.Strings(b)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("stored article differs from the extracted one: %s", diffLines(b, a))
	}
	// Values of every type read back as written (times to the microsecond
	// PostgreSQL keeps).
	vals, err := bulk.DocumentQuads(ctx, "vals")
	if err != nil {
		t.Fatal(err)
	}
	back := map[string]bool{}
	for _, q := range vals {
		back[q.NQuad()] = true
	}
	for _, q := range valueQuads("vals", 0).Quads {
		if s, ok := q.Object.(quad.String); ok && strings.Contains(string(s), `\x00`) {
			continue // cayley stores a NUL byte as \x00 and reads any \x00 back as NUL
		}
		if tm, ok := q.Object.(quad.Time); ok {
			q.Object = quad.Time(time.Time(tm).Round(time.Microsecond).UTC())
		}
		if !back[q.NQuad()] {
			t.Errorf("value quad not read back: %s", q.NQuad())
		}
	}
}

// pgDeltaSteps are raw delta lists of the kinds WriteBatch never makes
// but cayley's writer handles: quads without a label, duplicates of stored
// quads, removals of missing quads, additions and removals sharing nodes.
func pgDeltaSteps() [][]cgraph.Delta {
	add := func(qs ...quad.Quad) []cgraph.Delta {
		var out []cgraph.Delta
		for _, q := range qs {
			out = append(out, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
		return out
	}
	del := func(qs ...quad.Quad) []cgraph.Delta {
		var out []cgraph.Delta
		for _, q := range qs {
			out = append(out, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		}
		return out
	}
	a, b, c := quad.IRI("a"), quad.IRI("b"), quad.IRI("c")
	p, l := quad.IRI("p"), quad.IRI("l")
	q1 := quad.Quad{Subject: a, Predicate: p, Object: b}
	q2 := quad.Quad{Subject: a, Predicate: p, Object: b, Label: l}
	q3 := quad.Quad{Subject: b, Predicate: p, Object: quad.Int(3), Label: l}
	q4 := quad.Quad{Subject: c, Predicate: p, Object: c}
	q5 := quad.Quad{Subject: c, Predicate: p, Object: quad.String("five")}
	missing := quad.Quad{Subject: a, Predicate: p, Object: quad.String("never")}
	missingL := quad.Quad{Subject: a, Predicate: p, Object: c, Label: l}
	return [][]cgraph.Delta{
		add(q1, q2, q3),
		append(add(q1, q4), add(q2)...), // duplicates of stored quads
		del(q1, missing, missingL),      // removals of missing quads
		append(add(q5), del(q2, q4)...), // adds and removals sharing nodes
		append(del(q3), add(missing)...),
		del(q1, q2, q3, q4, q5, missing),
		nil,
	}
}

// TestPGBulkDeltasEqualCayley applies raw delta lists through cayley's
// ApplyDeltas and through the bulk path and compares the table rows.
func TestPGBulkDeltasEqualCayley(t *testing.T) {
	ctx := context.Background()
	normal, _ := pgOpen(t)
	bulk, _ := pgOpen(t)
	db := bulk.pgDB()
	if db == nil {
		t.Fatal("the bulk path is not in use on the postgres store")
	}
	opts := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	for i, deltas := range pgDeltaSteps() {
		if err := normal.QuadStore.ApplyDeltas(deltas, opts); err != nil {
			t.Fatalf("step %d: cayley: %v", i, err)
		}
		if err := bulk.applyPG(ctx, db, deltas); err != nil {
			t.Fatalf("step %d: bulk: %v", i, err)
		}
		if a, b := pgDump(t, normal), pgDump(t, bulk); fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("step %d: table rows differ: %s", i, diffLines(a, b))
		}
		if a, b := allQuads(t, normal), allQuads(t, bulk); fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("step %d: quads differ: %s", i, diffLines(a, b))
		}
	}
}

// TestPGBulkFailureWritesNothing makes the server refuse one row at each
// stage of the bulk transaction (a trigger raising an error) and checks
// that the store is left as it was.
func TestPGBulkFailureWritesNothing(t *testing.T) {
	ctx := context.Background()
	st, _ := pgOpen(t)
	db := st.pgDB()
	if db == nil {
		t.Fatal("the bulk path is not in use on the postgres store")
	}
	if _, err := st.WriteBatch(ctx, []DocQuads{synthDoc("keep", 1), valueQuads("change", 0)}); err != nil {
		t.Fatal(err)
	}
	before := pgDump(t, st)
	count, _ := st.Count(ctx)
	changed := valueQuads("change", 1) // removes and adds quads
	bad := quad.IRI("https://kg.invalid/concept/refused")
	changed.Quads = append(changed.Quads, quad.Quad{Subject: graph.Document("change"), Predicate: graph.Label, Object: bad, Label: graph.Document("change")})
	badHash := pgHashHex(bad)
	doomed := pgHashHex(quad.Int(-7)) // a value variant 1 drops
	_, err := db.Exec(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`)
	if err != nil {
		t.Fatal(err)
	}
	for _, trig := range []string{
		`BEFORE INSERT ON nodes FOR EACH ROW WHEN (NEW.hash = '` + badHash + `'::bytea)`,
		`BEFORE INSERT ON quads FOR EACH ROW WHEN (NEW.object_hash = '` + badHash + `'::bytea)`,
		`BEFORE DELETE ON quads FOR EACH ROW WHEN (OLD.object_hash = '` + doomed + `'::bytea)`,
		`BEFORE UPDATE ON nodes FOR EACH ROW WHEN (NEW.refs < OLD.refs)`,
		`BEFORE DELETE ON nodes FOR EACH ROW`,
	} {
		if _, err := db.Exec(`CREATE TRIGGER refuse ` + trig + ` EXECUTE FUNCTION refuse()`); err != nil {
			t.Fatal(err)
		}
		_, err := st.WriteBatch(ctx, []DocQuads{synthDoc("new", 4), changed})
		if err == nil || !strings.Contains(err.Error(), "refused by test") {
			t.Errorf("trigger %s: WriteBatch error %v, want the trigger's", trig, err)
		}
		if _, err := db.Exec(`DROP TRIGGER refuse ON ` + map[bool]string{true: "nodes", false: "quads"}[strings.Contains(trig, "ON nodes")]); err != nil {
			t.Fatal(err)
		}
		if after := pgDump(t, st); fmt.Sprint(after[:len(after)-1]) != fmt.Sprint(before[:len(before)-1]) {
			t.Errorf("trigger %s: the failed batch changed the store: %s", trig, diffLines(before, after))
		}
		if n, _ := st.Count(ctx); n != count {
			t.Errorf("trigger %s: Count %d after the failed batch, want %d", trig, n, count)
		}
	}
	// A value the server refuses (not UTF-8) fails the batch in both paths.
	invalid := valueQuads("invalid", 0)
	invalid.Quads = append(invalid.Quads, quad.Quad{Subject: graph.Document("invalid"), Predicate: graph.Label, Object: quad.String("bad \xff byte"), Label: graph.Document("invalid")})
	for _, off := range []bool{false, true} {
		pgBulkOff.Store(off)
		_, err := st.WriteBatch(ctx, []DocQuads{synthDoc("new", 4), invalid})
		pgBulkOff.Store(false)
		if err == nil {
			t.Errorf("bulk path off=%v: a string that is not UTF-8 was written", off)
		}
		if after := pgDump(t, st); fmt.Sprint(after[:len(after)-1]) != fmt.Sprint(before[:len(before)-1]) {
			t.Errorf("bulk path off=%v: the failed batch changed the store: %s", off, diffLines(before, after))
		}
	}
	// Without the triggers the same batch goes through.
	if _, err := st.WriteBatch(ctx, []DocQuads{synthDoc("new", 4), changed}); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Count(ctx); n <= count {
		t.Errorf("Count %d after the batch, want more than %d", n, count)
	}
}

// TestPGBulkFindsPool checks that a postgres store has its connection
// pool for the bulk path and that only the postgres backend uses it.
func TestPGBulkFindsPool(t *testing.T) {
	st, _ := pgOpen(t)
	if st.pgDB() == nil {
		t.Fatal("a postgres store has no connection pool of its own")
	}
	if err := st.pgDB().Ping(); err != nil {
		t.Fatal(err)
	}
	writeNormal(func() {
		if st.pgDB() != nil {
			t.Error("bulk path in use while switched off")
		}
	})
	mem, err := Open(Options{Backend: "memstore"})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	if mem.pgDB() != nil {
		t.Error("bulk path in use on memstore")
	}
}

// pgHashHex is v's node hash as a bytea literal.
func pgHashHex(v quad.Value) string {
	h := refs.HashOf(v)
	return fmt.Sprintf(`\x%x`, h[:])
}
