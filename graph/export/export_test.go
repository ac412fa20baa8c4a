package export

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/fact"
	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/store"
	"github.com/kg-project/kg/internal/testenv"
)

// tricky is a document whose names and texts need escaping in N-Quads.
func tricky() *fact.Document {
	text := "O'Brien said \"no\" to the \\ tab\tand <angle> brackets — und Ümlaut."
	d := &doc.Document{Text: text, Sentences: []doc.Sentence{{Text: text, End: len(text), Tokens: []doc.Token{{Text: "O'Brien", End: 7}, {Text: "said", Start: 8, End: 12}}}}}
	return &fact.Document{
		ID: "doc with spaces/and#hash", Title: "Title \"quoted\"", Date: "2021-05-13", Source: "dir/a b.txt", Hash: "abc", Doc: d,
		Entities: []fact.Entity{
			{Name: "Seán O'Brien", Type: fact.Person, Aliases: []string{"O'Brien", "Mr. <O'Brien>"}, Mentions: []fact.Mention{{Sent: 0, Span: doc.Span{Start: 0, End: 1}}}},
			{Name: "{weird} | name ^ `x`", Type: fact.Organization},
		},
		Facts: []fact.Fact{{Kind: fact.Action, Predicate: "said-to", Lemma: "say", Subject: fact.Arg{Entity: 0}, Object: fact.Arg{Entity: 1},
			PredSpan: doc.Span{Start: 1, End: 2}, Attribution: -1, Confidence: 0.5, Context: []fact.Context{{Role: "time", Text: "on Wednesday\nnight"}}}},
	}
}

func storeWith(t *testing.T, d *fact.Document) *store.Store {
	t.Helper()
	st, err := store.Open(store.Options{Backend: "bolt", Path: filepath.Join(t.TempDir(), "kg.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.WriteDocument(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return st
}

func lines(qs []quad.Quad) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.NQuad())
	}
	sort.Strings(out)
	return out
}

func TestNQuadsRoundTrip(t *testing.T) {
	st := storeWith(t, tricky())
	var buf bytes.Buffer
	n, err := Write(context.Background(), st, &buf, "nquads")
	if err != nil {
		t.Fatal(err)
	}
	var back []quad.Quad
	r := nquads.NewReader(bytes.NewReader(buf.Bytes()), false)
	for {
		q, err := r.ReadQuad()
		if err != nil {
			break
		}
		back = append(back, q)
	}
	if len(back) != n {
		t.Fatalf("read back %d quads of %d written", len(back), n)
	}
	var all []quad.Quad
	qr := storeReader(t, st)
	all = append(all, qr...)
	got, want := lines(back), lines(all)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("round trip differs:\n got %d quads\nwant %d quads", len(got), len(want))
	}
	for _, q := range graph.Quads(tricky()) {
		found := false
		for _, b := range back {
			if b.NQuad() == q.NQuad() {
				found = true
			}
		}
		if !found {
			t.Errorf("exported graph lacks %s", q.NQuad())
		}
	}
}

func storeReader(t *testing.T, st *store.Store) []quad.Quad {
	var buf bytes.Buffer
	if _, err := Write(context.Background(), st, &buf, "nquads"); err != nil {
		t.Fatal(err)
	}
	var out []quad.Quad
	r := nquads.NewReader(&buf, false)
	for {
		q, err := r.ReadQuad()
		if err != nil {
			return out
		}
		out = append(out, q)
	}
}

// TestRapperAcceptsExport checks the export with an independent RDF
// parser, raptor's rapper, in strict N-Quads mode.
func TestRapperAcceptsExport(t *testing.T) {
	rapper := testenv.LookPath(t, "rapper", "raptor2-utils")
	st := storeWith(t, tricky())
	path := filepath.Join(t.TempDir(), "out.nq")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := Write(context.Background(), st, f, "nquads")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(rapper, "-i", "nquads", "-c", path).CombinedOutput()
	if err != nil {
		t.Fatalf("rapper rejected the export: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "returned "+itoa(n)+" ") {
		t.Errorf("rapper counted differently from the %d quads written:\n%s", n, out)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestEveryFormatWrites(t *testing.T) {
	st := storeWith(t, tricky())
	for _, f := range Formats() {
		var buf bytes.Buffer
		if _, err := Write(context.Background(), st, &buf, f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if buf.Len() == 0 {
			t.Errorf("%s: empty output", f)
		}
	}
	if _, err := Write(context.Background(), st, &bytes.Buffer{}, "nosuch"); err == nil {
		t.Error("unknown format accepted")
	}
}
