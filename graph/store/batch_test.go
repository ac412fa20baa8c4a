package store

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/internal/testenv"
)

// docQuads makes document id's quads from the hand-built sample.
func docQuads(id, hash, object string) DocQuads {
	d := sample(hash, object)
	d.ID = id
	d.Source = id + ".txt"
	return DocQuads{ID: id, Quads: graph.Quads(d)}
}

// allQuads lists every quad in the store as sorted N-Quads lines.
func allQuads(t testing.TB, st *Store) []string {
	t.Helper()
	var out []string
	ctx := context.Background()
	err := iterator.Iterate(ctx, st.QuadsAllIterator()).Each(func(r refs.Ref) error {
		q, err := st.Quad(r)
		if err != nil {
			return err
		}
		out = append(out, q.NQuad())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// batchSteps are successive batches: new documents, an unchanged one, a
// changed one, and a document repeated inside one batch.
var batchSteps = [][]DocQuads{
	{docQuads("a", "h1", "rockets"), docQuads("b", "h1", "rockets"), docQuads("c", "h2", "missiles")},
	{docQuads("a", "h1", "rockets"), docQuads("b", "h3", "missiles")},
	{docQuads("c", "h4", "shells"), docQuads("d", "h1", "rockets"), docQuads("c", "h5", "drones")},
	{},
}

func TestWriteBatchEqualsWriteQuads(t *testing.T) {
	dir := t.TempDir()
	opts := []Options{{Backend: "memstore"}, {Backend: "bolt"}, {Backend: "leveldb"}}
	for _, o := range opts {
		t.Run(o.Backend, func(t *testing.T) {
			one, batched := o, o
			if o.Backend != "memstore" {
				one.Path = filepath.Join(dir, o.Backend+"-one")
				batched.Path = filepath.Join(dir, o.Backend+"-batch")
			}
			compareWriters(t, one, batched, "")
		})
	}
}

func TestWriteBatchPostgres(t *testing.T) {
	url := testenv.Postgres(t)
	// Both writers share the server: documents get distinct ids per writer.
	compareWriters(t, Options{Backend: "postgres", Path: url}, Options{Backend: "postgres", Path: url}, "pg")
}

// compareWriters applies batchSteps with WriteQuads into store one and
// with WriteBatch into store batched, and checks that both report the same
// results and hold the same quads. With prefix set, both stores are one
// database: ids are prefixed per writer and the documents compared.
func compareWriters(t *testing.T, oneOpts, batchOpts Options, prefix string) {
	ctx := context.Background()
	one, err := Open(oneOpts)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	batched := one
	if prefix == "" {
		if batched, err = Open(batchOpts); err != nil {
			t.Fatal(err)
		}
		defer batched.Close()
	}
	rename := func(d DocQuads, who string) DocQuads {
		if prefix == "" {
			return d
		}
		id := prefix + who + d.ID
		return DocQuads{ID: id, Quads: relabel(d, id)}
	}
	ids := map[string]bool{}
	for step, docs := range batchSteps {
		var want []Result
		var bdocs []DocQuads
		for _, d := range docs {
			d1 := rename(d, "one-")
			ids[d1.ID] = true
			r, err := one.WriteQuads(ctx, d1.ID, graph.Dedup(d1.Quads))
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, r)
			bdocs = append(bdocs, rename(d, "batch-"))
		}
		got, err := batched.WriteBatch(ctx, bdocs)
		if err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("step %d: WriteBatch results %v, WriteQuads results %v", step, got, want)
		}
		if prefix == "" {
			a, b := allQuads(t, one), allQuads(t, batched)
			if fmt.Sprint(a) != fmt.Sprint(b) {
				t.Fatalf("step %d: stores differ:\nWriteQuads %d quads\nWriteBatch %d quads", step, len(a), len(b))
			}
		}
	}
	for id := range ids {
		if prefix == "" {
			break
		}
		bid := prefix + "batch-" + id[len(prefix+"one-"):]
		a, _ := one.DocumentQuads(ctx, id)
		b, _ := batched.DocumentQuads(ctx, bid)
		if len(a) == 0 || len(a) != len(b) {
			t.Errorf("document %s: %d quads by WriteQuads, %d by WriteBatch", id, len(a), len(b))
		}
		one.RemoveDocument(ctx, id)
		batched.RemoveDocument(ctx, bid)
	}
}

// relabel rebuilds document d's quads under a new id, so that labels and
// document nodes name it.
func relabel(d DocQuads, id string) []quad.Quad {
	oldDoc, newDoc := string(graph.Document(d.ID)), string(graph.Document(id))
	sw := func(v quad.Value) quad.Value {
		if iri, ok := v.(quad.IRI); ok {
			s := string(iri)
			if len(s) >= len(oldDoc) && s[:len(oldDoc)] == oldDoc && (len(s) == len(oldDoc) || s[len(oldDoc)] == '/') {
				return quad.IRI(newDoc + s[len(oldDoc):])
			}
		}
		return v
	}
	out := make([]quad.Quad, len(d.Quads))
	for i, q := range d.Quads {
		out[i] = quad.Quad{Subject: sw(q.Subject), Predicate: q.Predicate, Object: sw(q.Object), Label: sw(q.Label)}
	}
	return out
}

func TestWriteBatchReadOnly(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "db")
	st, err := Open(Options{Backend: "bolt", Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	ro, err := Open(Options{Backend: "bolt", Path: dir, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.WriteBatch(context.Background(), []DocQuads{docQuads("a", "h", "x")}); err == nil {
		t.Error("WriteBatch on a read-only store: no error")
	}
}

// A re-written document whose quads hold times and NaNs must come out
// unchanged: == on time.Time compares locations, and NaN != NaN.
func TestWriteBatchTimesAndNaNUnchanged(t *testing.T) {
	ctx := context.Background()
	st, err := Open(Options{Backend: "bolt", Path: filepath.Join(t.TempDir(), "kg.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	doc := graph.Document("t")
	when := time.Date(2021, 5, 13, 9, 30, 0, 0, time.FixedZone("EDT", -4*3600))
	mk := func(tm time.Time) DocQuads {
		return DocQuads{ID: "t", Quads: []quad.Quad{
			quad.MakeIRI(string(doc), "https://example.org/published", "", string(doc)),
			{Subject: doc, Predicate: quad.IRI("https://example.org/published"), Object: quad.Time(tm), Label: doc},
			{Subject: doc, Predicate: quad.IRI("https://example.org/score"), Object: quad.Float(math.NaN()), Label: doc},
		}}
	}
	if _, err := st.WriteBatch(ctx, []DocQuads{mk(when)}); err != nil {
		t.Fatal(err)
	}
	res, err := st.WriteBatch(ctx, []DocQuads{mk(when.UTC())})
	if err != nil {
		t.Fatal(err)
	}
	if !res[0].Unchanged || res[0].Added != 0 || res[0].Removed != 0 {
		t.Errorf("same quads again: %+v, want unchanged", res[0])
	}
}

func TestLosesNodes(t *testing.T) {
	q := func(s, p, o string) quad.Quad { return quad.MakeIRI(s, p, o, "doc") }
	ql := func(s, p, o, l string) quad.Quad { return quad.MakeIRI(s, p, o, l) }
	add := func(x quad.Quad) cgraph.Delta { return cgraph.Delta{Quad: x, Action: cgraph.Add} }
	del := func(x quad.Quad) cgraph.Delta { return cgraph.Delta{Quad: x, Action: cgraph.Delete} }
	for _, c := range []struct {
		name   string
		deltas []cgraph.Delta
		want   bool
	}{
		{"adds only", []cgraph.Delta{add(q("s", "p", "a")), add(q("s", "p", "b"))}, false},
		{"deletes only", []cgraph.Delta{del(q("s", "p", "a")), del(q("s", "p", "b"))}, false},
		{"one out, one in", []cgraph.Delta{del(q("s", "p", "a")), add(q("s", "p", "b"))}, false},
		// s loses two references and gains one: its count falls while an
		// added quad names it.
		{"two out, one in", []cgraph.Delta{del(q("s", "p", "a")), del(q("s", "p", "c")), add(q("s", "p", "b"))}, true},
		{"two out elsewhere", []cgraph.Delta{del(ql("x", "p", "a", "d1")), del(ql("x", "p", "c", "d1")), add(ql("s", "r", "b", "d2"))}, false},
		// The label counts too: a document that shrinks names its own
		// label in the quads it adds.
		{"label falls", []cgraph.Delta{del(ql("x", "p", "a", "d1")), del(ql("x", "p", "c", "d1")), add(ql("s", "r", "b", "d1"))}, true},
	} {
		if got := losesNodes(c.deltas); got != c.want {
			t.Errorf("%s: losesNodes = %v, want %v", c.name, got, c.want)
		}
	}
}
