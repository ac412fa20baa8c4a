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
func synthDoc(id string, n int) DocQuads {
	docIRI := graph.Document(id)
	qs := []quad.Quad{{Subject: docIRI, Predicate: graph.ContentHash, Object: quad.String(id), Label: docIRI}}
	for s := 0; s < 10; s++ {
		sent := quad.IRI(fmt.Sprintf("%s/s%d", docIRI, s))
		qs = append(qs, quad.Quad{Subject: sent, Predicate: graph.InDocument, Object: docIRI, Label: docIRI})
		for f := 0; f < 29; f++ {
			qs = append(qs, quad.Quad{
				Subject:   quad.IRI(fmt.Sprintf("https://kg.invalid/entity/E%d", (n*7+s*3+f)%500)),
				Predicate: quad.IRI(fmt.Sprintf("https://kg.invalid/rel/p%d", f%20)),
				Object:    quad.IRI(fmt.Sprintf("https://kg.invalid/concept/c%d_%d_%d", n, s, f)),
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
// transaction per document (WriteQuads, what kg build and kg load do) and
// 16 documents per transaction (WriteBatch), in quads/s; "unchanged"
// re-writes 16 stored documents, which must write nothing. Set
// KG_TEST_POSTGRES to include PostgreSQL, on a fresh database: its
// batched rows are given twice, through cayley's writer ("normal") and
// through the bulk path WriteBatch uses ("bulk", pgbulk.go).
//
// On bolt and leveldb "unchanged" is slow and gets slower as the store
// grows: cayley's kv stores have no index on the label, so reading a
// document's quads (DocumentQuads) scans every quad in the store once for
// the document and once per sentence.
func BenchmarkWrite(b *testing.B) {
	opts := benchBackends(b)
	if testenv.Required() || os.Getenv("KG_TEST_POSTGRES") != "" {
		opts = append(opts, Options{Backend: "postgres", Path: pgFreshDB(b)})
	}
	for _, o := range opts {
		for _, batch := range []int{1, 16} {
			name := fmt.Sprintf("%s/docs-per-tx=%d", o.Backend, batch)
			if o.Backend != "postgres" || batch == 1 {
				b.Run(name, func(b *testing.B) { benchWrite(b, o, batch, false) })
				continue
			}
			b.Run(name+"/normal", func(b *testing.B) {
				pgBulkOff.Store(true)
				defer pgBulkOff.Store(false)
				benchWrite(b, o, batch, false)
			})
			b.Run(name+"/bulk", func(b *testing.B) { benchWrite(b, o, batch, false) })
		}
		b.Run(o.Backend+"/unchanged", func(b *testing.B) { benchWrite(b, o, 16, true) })
	}
}

func benchWrite(b *testing.B, o Options, batch int, unchanged bool) {
	ctx := context.Background()
	st, err := Open(o)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	run := fmt.Sprintf("bench-%s-%d-%v-%d", o.Backend, batch, unchanged, b.N)
	docs := make([]DocQuads, batch)
	quads := 0
	mk := func(i int) {
		for j := range docs {
			n := i*batch + j
			if unchanged {
				n = j
			}
			docs[j] = synthDoc(fmt.Sprintf("%s-%d", run, n), n)
		}
	}
	if unchanged {
		mk(0)
		if _, err := st.WriteBatch(ctx, docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if !unchanged || i == 0 {
			mk(i)
		}
		b.StartTimer()
		if batch == 1 {
			for _, d := range docs {
				if _, err := st.WriteQuads(ctx, d.ID, d.Quads); err != nil {
					b.Fatal(err)
				}
			}
		} else if _, err := st.WriteBatch(ctx, docs); err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			quads += len(d.Quads)
		}
	}
	b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
}
