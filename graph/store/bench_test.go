package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/internal/testenv"
)

// synthDoc makes a document shaped like kg's output for a news article of
// about 300 words: 10 sentences linked to the document, 30 quads in each,
// over a pool of shared entities and predicates.
func synthDoc(id string, n int) DocQuads { return synthDocV(id, n, 0) }

// synthDocV is synthDoc in version v: versions differ in the objects of a
// third of the facts. As in kg's graph, each sentence names the entities
// it mentions (kg:mentionedIn), which is how DocumentQuads finds the
// facts about them.
func synthDocV(id string, n, v int) DocQuads {
	docIRI := graph.Document(id)
	qs := []quad.Quad{{Subject: docIRI, Predicate: graph.ContentHash, Object: quad.String(fmt.Sprint(id, v)), Label: docIRI}}
	for s := 0; s < 10; s++ {
		sent := quad.IRI(fmt.Sprintf("%s/s%d", docIRI, s))
		qs = append(qs, quad.Quad{Subject: sent, Predicate: graph.InDocument, Object: docIRI, Label: docIRI})
		var ents [3]quad.IRI
		for e := range ents {
			ents[e] = quad.IRI(fmt.Sprintf("https://kg.invalid/entity/E%d", (n*7+s*3+e*11)%500))
			qs = append(qs, quad.Quad{Subject: ents[e], Predicate: graph.MentionedIn, Object: sent, Label: docIRI})
		}
		for f := 0; f < 26; f++ {
			obj := fmt.Sprintf("https://kg.invalid/concept/c%d_%d_%d", n, s, f)
			if f%3 == 0 && v != 0 {
				obj += fmt.Sprintf("_v%d", v)
			}
			qs = append(qs, quad.Quad{
				Subject:   ents[f%3],
				Predicate: quad.IRI(fmt.Sprintf("https://kg.invalid/rel/p%d", f%20)),
				Object:    quad.IRI(obj),
				Label:     sent,
			})
		}
	}
	return DocQuads{ID: id, Quads: qs}
}

func benchBackends(b *testing.B) []Options {
	dir := b.TempDir()
	opts := []Options{
		{Backend: "bolt", Path: filepath.Join(dir, "bolt")},
		{Backend: "leveldb", Path: filepath.Join(dir, "leveldb")},
		{Backend: "memstore"},
	}
	return opts
}

// BenchmarkWrite measures writing new documents into each store, one
// transaction per document (WriteQuads) and 16 documents per transaction
// (WriteBatch, what kg build and kg load do), in quads/s (the documents'
// quads, whatever is written); "unchanged" re-writes 16 stored documents,
// which must write nothing, and "changed" re-writes 16 stored documents
// with a third of their facts changed (each removed and another added).
// Set KG_TEST_POSTGRES to include PostgreSQL, on a fresh database: its
// batched rows are given twice, through cayley's writer ("normal") and
// through the bulk path WriteBatch uses ("bulk", pgbulk.go).
//
// "unchanged" and "changed" are slow and get slower as the store grows:
// they read each document's quads (DocumentQuads) through the entities it
// mentions, which the documents share, so every quad of those entities is
// read. On PostgreSQL each quad read costs a query per node not in
// cayley's 1024-entry value cache, and reading dominates the "changed"
// rows whichever path writes.
func BenchmarkWrite(b *testing.B) {
	opts := benchBackends(b)
	if testenv.Required() || os.Getenv("KG_TEST_POSTGRES") != "" {
		opts = append(opts, Options{Backend: "postgres", Path: testenv.PostgresDB(b)})
	}
	for _, o := range opts {
		run := func(name string, batch int, m benchMode) {
			// One path on the other stores, for single documents (WriteQuads
			// is cayley's writer) and for unchanged ones (nothing is written).
			if o.Backend != "postgres" || batch == 1 || m == benchUnchanged {
				b.Run(name, func(b *testing.B) { benchWrite(b, o, batch, m) })
				return
			}
			b.Run(name+"/normal", func(b *testing.B) {
				pgBulkOff.Store(true)
				defer pgBulkOff.Store(false)
				benchWrite(b, o, batch, m)
			})
			b.Run(name+"/bulk", func(b *testing.B) { benchWrite(b, o, batch, m) })
		}
		for _, batch := range []int{1, 16} {
			run(fmt.Sprintf("%s/docs-per-tx=%d", o.Backend, batch), batch, benchNew)
		}
		run(o.Backend+"/unchanged", 16, benchUnchanged)
		run(o.Backend+"/changed", 16, benchChanged)
	}
}

type benchMode int

const (
	benchNew benchMode = iota
	benchUnchanged
	benchChanged
)

func benchWrite(b *testing.B, o Options, batch int, mode benchMode) {
	ctx := context.Background()
	st, err := Open(o)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	run := fmt.Sprintf("bench-%s-%d-%d-%v-%d", o.Backend, batch, mode, pgBulkOff.Load(), b.N)
	docs := make([]DocQuads, batch)
	quads := 0
	mk := func(i int) {
		for j := range docs {
			n, v := i*batch+j, 0
			if mode != benchNew {
				n = j
			}
			if mode == benchChanged {
				v = i%2 + 1 // 1, 2, 1, …: each differs from the one before
			}
			docs[j] = synthDocV(fmt.Sprintf("%s-%d", run, n), n, v)
		}
	}
	if mode != benchNew {
		mk(0)
		if mode == benchChanged {
			for j := range docs {
				docs[j] = synthDocV(docs[j].ID, j, 0)
			}
		}
		if _, err := st.WriteBatch(ctx, docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if mode != benchUnchanged || i == 0 {
			mk(i)
		}
		b.StartTimer()
		var res []Result
		if batch == 1 {
			for _, d := range docs {
				r, err := st.WriteQuads(ctx, d.ID, d.Quads)
				if err != nil {
					b.Fatal(err)
				}
				res = append(res, r)
			}
		} else if res, err = st.WriteBatch(ctx, docs); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		for j, r := range res {
			want := map[benchMode]Result{
				benchNew:       {Added: len(docs[j].Quads)},
				benchUnchanged: {Unchanged: true},
				benchChanged:   {Added: 1 + 90, Removed: 1 + 90},
			}[mode]
			if r != want {
				b.Fatalf("document %s: %+v, want %+v", docs[j].ID, r, want)
			}
		}
		b.StartTimer()
		for _, d := range docs {
			quads += len(d.Quads)
		}
	}
	b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
}
