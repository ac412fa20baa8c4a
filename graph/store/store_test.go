package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	cbolt "github.com/cayleygraph/cayley/graph/kv/bolt"
	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/fact"
	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/internal/testenv"
)

// sample builds a small extracted document by hand: two entities and one
// fact in one sentence.
func sample(hash, object string) *fact.Document {
	text := "Hamas fired rockets at Israel."
	d := &doc.Document{Text: text, Sentences: []doc.Sentence{{Text: text, Start: 0, End: len(text), Tokens: []doc.Token{
		{Text: "Hamas", Start: 0, End: 5}, {Text: "fired", Start: 6, End: 11}, {Text: "rockets", Start: 12, End: 19},
	}}}}
	return &fact.Document{
		ID: "d1", Title: "A title", Date: "2021-05-13", Source: "d1.txt", Hash: hash, Doc: d,
		Entities: []fact.Entity{
			{Name: "Hamas", Type: fact.Organization, Mentions: []fact.Mention{{Sent: 0, Span: doc.Span{Start: 0, End: 1}, Text: "Hamas"}}},
			{Name: object, Type: fact.Concept},
		},
		Facts: []fact.Fact{{
			Kind: fact.Action, Sent: 0, Predicate: "fired", Lemma: "fire",
			Subject: fact.Arg{Entity: 0, Text: "Hamas"}, Object: fact.Arg{Entity: 1, Text: object},
			PredSpan: doc.Span{Start: 1, End: 2}, Attribution: -1, Confidence: 0.9,
		}},
	}
}

func backends(t *testing.T) []Options {
	dir := t.TempDir()
	return []Options{
		{Backend: "bolt", Path: filepath.Join(dir, "bolt")},
		{Backend: "leveldb", Path: filepath.Join(dir, "leveldb")},
		{Backend: "memstore"},
	}
}

func TestPostgres(t *testing.T) {
	url := testenv.Postgres(t)
	ctx := context.Background()
	st, err := Open(Options{Backend: "postgres", Path: url})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.RemoveDocument(ctx, "d1") // left over from an earlier run
	before, _ := st.Count(ctx)
	d := sample("h1", "rockets")
	if _, err := st.WriteDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	r, err := st.WriteDocument(ctx, d)
	if err != nil || !r.Unchanged {
		t.Fatalf("second write: %+v, %v", r, err)
	}
	if _, err := st.WriteDocument(ctx, sample("h2", "missiles")); err != nil {
		t.Fatal(err)
	}
	got, _ := st.DocumentQuads(ctx, "d1")
	if len(got) != len(graph.Quads(sample("h2", "missiles"))) {
		t.Errorf("postgres holds %d quads of d1, want %d", len(got), len(graph.Quads(sample("h2", "missiles"))))
	}
	if _, err := st.RemoveDocument(ctx, "d1"); err != nil {
		t.Fatal(err)
	}
	if after, _ := st.Count(ctx); after != before {
		t.Errorf("postgres: %d quads after removing, want %d", after, before)
	}
}

func TestWriteIsIdempotentAndReplaces(t *testing.T) {
	ctx := context.Background()
	for _, o := range backends(t) {
		t.Run(o.Backend, func(t *testing.T) {
			st, err := Open(o)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			empty, _ := st.Count(ctx)
			d := sample("h1", "rockets")
			r, err := st.WriteDocument(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			if r.Added != len(graph.Quads(d)) || r.Removed != 0 {
				t.Fatalf("first write: %+v, want %d added", r, len(graph.Quads(d)))
			}
			n1, _ := st.Count(ctx)
			r, err = st.WriteDocument(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			n2, _ := st.Count(ctx)
			if !r.Unchanged || n1 != n2 {
				t.Fatalf("second write changed the store: %+v, %d → %d quads", r, n1, n2)
			}
			// A changed document replaces its old quads.
			d2 := sample("h2", "missiles")
			if _, err := st.WriteDocument(ctx, d2); err != nil {
				t.Fatal(err)
			}
			got, _ := st.DocumentQuads(ctx, "d1")
			want := graph.Quads(d2)
			if len(got) != len(want) {
				t.Fatalf("after replace: %d quads stored, want %d", len(got), len(want))
			}
			for _, q := range got {
				if strings.Contains(q.NQuad(), "concept/rockets") {
					t.Errorf("stale quad survived: %s", q.NQuad())
				}
			}
			// Back to the first version: deleting quads that were deleted
			// and re-added before (cayley issue #737) must work.
			if _, err := st.WriteDocument(ctx, d); err != nil {
				t.Fatal(err)
			}
			if _, err := st.WriteDocument(ctx, d2); err != nil {
				t.Fatal(err)
			}
			n, err := st.RemoveDocument(ctx, "d1")
			if err != nil {
				t.Fatal(err)
			}
			if n != len(want) {
				t.Errorf("removed %d quads, want %d", n, len(want))
			}
			if left, _ := st.Count(ctx); left != empty {
				t.Errorf("store has %d quads after removing the only document, want %d", left, empty)
			}
		})
	}
}

func TestFactLabelsNameTheSentence(t *testing.T) {
	qs := graph.Quads(sample("h", "rockets"))
	var fact *quad.Quad
	for i, q := range qs {
		if q.Predicate == graph.Rel("fired") {
			fact = &qs[i]
		}
	}
	if fact == nil {
		t.Fatal("no fired edge")
	}
	if fact.Label != graph.SentenceIRI("d1", 0) {
		t.Errorf("fact label = %v, want the sentence IRI", fact.Label)
	}
	if fact.Subject != quad.IRI(graph.Base+"entity/Hamas") {
		t.Errorf("subject = %v", fact.Subject)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(Options{Backend: "nosuch", Path: dir}); err == nil || !strings.Contains(err.Error(), "unknown backend") {
		t.Errorf("unknown backend: err = %v", err)
	}
	if _, err := Open(Options{Backend: "bolt", Path: filepath.Join(dir, "missing"), ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "no store") {
		t.Errorf("read-only missing store: err = %v", err)
	}
	st, err := Open(Options{Backend: "leveldb", Path: filepath.Join(dir, "lv")})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := Open(Options{Backend: "bolt", Path: filepath.Join(dir, "lv")}); err == nil || !strings.Contains(err.Error(), "leveldb store") {
		t.Errorf("wrong backend for directory: err = %v", err)
	}
	held, err := Open(Options{Backend: "bolt", Path: filepath.Join(dir, "b")})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if _, err := Open(Options{Backend: "bolt", Path: filepath.Join(dir, "b")}); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("bolt store held open: err = %v", err)
	}
}

// TestDocumentQuadsMatchesLabelScan checks the index-based lookup against
// the plain definition (every quad labelled with the document or one of
// its sentences), with two documents sharing entities in one store.
func TestDocumentQuadsMatchesLabelScan(t *testing.T) {
	ctx := context.Background()
	st, err := Open(Options{Backend: "bolt", Path: filepath.Join(t.TempDir(), "kg.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d1 := sample("h1", "rockets")
	d2 := sample("h2", "rockets")
	d2.ID = "d2"
	for _, d := range []*fact.Document{d1, d2} {
		if _, err := st.WriteDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"d1", "d2"} {
		got, err := st.DocumentQuads(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var want []quad.Quad
		labels := map[quad.Value]bool{graph.Document(id): true, graph.SentenceIRI(id, 0): true}
		for l := range labels {
			qs, err := st.quadsWith(ctx, quad.Label, l)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, qs...)
		}
		if len(got) != len(want) || len(got) != len(graph.Quads(d1)) {
			t.Errorf("%s: index lookup found %d quads, label scan %d, extraction %d", id, len(got), len(want), len(graph.Quads(d1)))
		}
	}
}

// TestCreateIsAtomic checks that a new store appears whole (no temporary
// directory left) and that a store whose creation was cut short is
// reported as no store rather than as a broken one.
func TestCreateIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "kg.db")
	st, err := Open(Options{Backend: "bolt", Path: path})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	entries, _ := os.ReadDir(filepath.Join(dir, "sub"))
	if len(entries) != 1 || entries[0].Name() != "kg.db" {
		t.Errorf("after creating a store, %s holds %v, want just kg.db", filepath.Join(dir, "sub"), entries)
	}
	if st, err := Open(Options{Backend: "bolt", Path: path, ReadOnly: true}); err != nil {
		t.Errorf("the new store does not open read-only: %v", err)
	} else {
		st.Close()
	}

	// A bolt file without cayley's metadata: what a kill during cayley's
	// multi-transaction initialisation used to leave.
	half := filepath.Join(dir, "half.db")
	kv, err := cbolt.Create(half, nil)
	if err != nil {
		t.Fatal(err)
	}
	kv.Close()
	_, err = Open(Options{Backend: "bolt", Path: half, ReadOnly: true})
	if err == nil || !strings.Contains(err.Error(), "no store at "+half) {
		t.Errorf("a half-created store opens with %v, want a no-store error", err)
	}
}
