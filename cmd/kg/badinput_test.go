package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/extract"
	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/graph"
	"github.com/kg-project/kg/graph/store"
)

const (
	goodBefore = "Joe Biden spoke to Benjamin Netanyahu on Wednesday. Hamas fired rockets at Israel.\n"
	goodAfter  = "Emmanuel Macron met Angela Merkel in Berlin on Friday.\n"
)

func encUTF16(s string, big bool) []byte {
	out := []byte{0xFF, 0xFE}
	if big {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if big {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// words returns n space-separated words without any punctuation.
func words(n int) string {
	vocab := strings.Fields("the president said officials in Washington met leaders of Hamas and Israel on Monday while rockets fell near Gaza city as talks went on Joe Biden Benjamin Netanyahu")
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(vocab[(i*7+i/len(vocab))%len(vocab)])
		b.WriteByte(' ')
	}
	return b.String()
}

// openDB opens the store a build wrote, read-only.
func openDB(t *testing.T, db string) *store.Store {
	t.Helper()
	st, err := store.Open(store.Options{Path: db, ReadOnly: true})
	if err != nil {
		t.Fatalf("reopen the store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func docQuads(t *testing.T, st *store.Store, id string) []quad.Quad {
	t.Helper()
	qs, err := st.DocumentQuads(context.Background(), id)
	if err != nil {
		t.Fatalf("quads of %s: %v", id, err)
	}
	return qs
}

// TestBuildBadInputEndToEnd builds a good article, one odd input and
// another good article for each case. A refused input must be reported
// with its name (and line), the exit code must be 1 exactly when
// something failed, and both good articles must be in the store.
func TestBuildBadInputEndToEnd(t *testing.T) {
	cases := []struct {
		name string // file name; its id is the name without extension
		data []byte
		fail string // part of the message for a refused input; "" = accepted
		// check looks at an accepted document's quads; nil: only check
		// that the document is stored (DocumentQuads scans the store once
		// per sentence on bolt, too slow for hundreds of sentences).
		check func(t *testing.T, qs []quad.Quad)
	}{
		{name: "empty.txt", data: nil, fail: "empty"},
		{name: "blank.txt", data: []byte(" \n\t\r\n  \n"), fail: "empty"},
		{name: "image.png", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"), fail: "PNG image"},
		{name: "data.gz", data: []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcbH\xcd\xc9\xc9\x07\x00"), fail: "gzip data"},
		{name: "latin1.txt", data: []byte("Fran\xe7ois Hollande a rencontr\xe9 Angela Merkel \xe0 M\xfcnchen.\n"), fail: "not valid UTF-8"},
		{name: "binary-ctrl.txt", data: bytes.Repeat([]byte("\x01\x02\x03\x04ab"), 50), fail: "control characters"},
		{name: "utf16le.txt", data: encUTF16("President Joe Biden met Emmanuel Macron in Paris on Monday.\n", false),
			check: wantText("Macron")},
		{name: "utf16be.txt", data: encUTF16("Hamas fired rockets at Israel, officials said.\n", true),
			check: wantText("rockets")},
		{name: "ctrl.txt", data: []byte("Joe Biden\x07 met\x1b Emmanuel Macron in Paris\x0b on Monday.\n"),
			check: func(t *testing.T, qs []quad.Quad) {
				wantText("Macron")(t, qs)
				noneContains(t, qs, "\x07", "\x1b", "\x0b")
			}},
		{name: "nested.txt", data: []byte(strings.Repeat(`"'([{«“`, 300) + "Joe Biden met Emmanuel Macron." + strings.Repeat(`”»}])'"`, 300) + "\nHe said \"she said 'they said \"(no [really {deep}])\"'\".\n"),
			check: func(t *testing.T, qs []quad.Quad) {}},
		{name: "page.html", data: []byte(`<!DOCTYPE html><html><head><title>News</title><script type="text/javascript">var Evil = "<b>Joe Biden</b>"; if (a < b) { document.write("<i>x</i>"); }</script><style>p { color: red; }</style></head>
<body><p>President <b>Joe Biden</b> met <a href="https://example.org/macron">Emmanuel Macron</a> in Paris on Monday.</p></body></html>
`),
			check: func(t *testing.T, qs []quad.Quad) {
				// HTML is read as text (kg does not strip markup), but no
				// tag may leak into an entity's name or IRI.
				noMarkupInEntities(t, qs)
			}},
		{name: "nopunct.txt", data: []byte(words(nopunctWords()))},
		{name: "broken.jsonl", data: []byte(`{"id": "j1", "text": "Joe Biden spoke to Benjamin Netanyahu."}
{"id": "j2", "text": "this line is cut off
{"id": "j3", "text": "Hamas fired rockets at Israel."}
`), fail: "broken.jsonl:2: not a JSON object"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "kg.db")
			in := filepath.Join(dir, "in")
			os.Mkdir(in, 0o755)
			before := filepath.Join(in, "a-before.txt")
			after := filepath.Join(in, "z-after.txt")
			bad := filepath.Join(in, c.name)
			for p, d := range map[string][]byte{before: []byte(goodBefore), after: []byte(goodAfter), bad: c.data} {
				if err := os.WriteFile(p, d, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, stderr, err := run(t, "build", "-q", "--db", db, before, bad, after)
			if strings.Contains(stderr, "panic") {
				t.Fatalf("panic:\n%s", stderr)
			}
			if c.fail != "" {
				var ee *exitError
				if !errors.As(err, &ee) || ee.code != 1 {
					t.Errorf("err = %v, want exit code 1", err)
				}
				if !strings.Contains(stderr, bad) || !strings.Contains(stderr, c.fail) {
					t.Errorf("stderr does not name %s and say %q:\n%s", bad, c.fail, stderr)
				}
			} else if err != nil {
				t.Errorf("build failed: %v\n%s", err, stderr)
			}
			st := openDB(t, db)
			for _, id := range []string{"a-before", "z-after"} {
				if len(docQuads(t, st, id)) == 0 {
					t.Errorf("good document %s is not in the store:\n%s", id, stderr)
				}
			}
			if strings.HasSuffix(c.name, ".jsonl") {
				for id, want := range map[string]bool{"j1": true, "j2": false, "j3": true} {
					if got := len(docQuads(t, st, id)) > 0; got != want {
						t.Errorf("record %s stored = %v, want %v", id, got, want)
					}
				}
				return
			}
			id := strings.TrimSuffix(c.name, filepath.Ext(c.name))
			if c.fail == "" && c.check == nil {
				a, err := article.Parse(bad, "", c.data)
				if err != nil {
					t.Fatal(err)
				}
				if ok, err := st.Extracted(context.Background(), id, a.Hash, extract.Fingerprint(extract.Options{})); err != nil || !ok {
					t.Errorf("accepted input %s is not in the store (%v):\n%s", c.name, err, stderr)
				}
				return
			}
			qs := docQuads(t, st, id)
			if c.fail != "" {
				if len(qs) > 0 {
					t.Errorf("refused input %s has %d quads in the store", c.name, len(qs))
				}
				return
			}
			if len(qs) == 0 {
				t.Fatalf("accepted input %s has no quads in the store:\n%s", c.name, stderr)
			}
			c.check(t, qs)
		})
	}
}

func wantText(word string) func(*testing.T, []quad.Quad) {
	return func(t *testing.T, qs []quad.Quad) {
		t.Helper()
		for _, q := range qs {
			if q.Predicate == graph.Text && strings.Contains(quad.ToString(q.Object), word) {
				return
			}
		}
		t.Errorf("no sentence text contains %q", word)
	}
}

func noneContains(t *testing.T, qs []quad.Quad, subs ...string) {
	t.Helper()
	for _, q := range qs {
		for _, s := range subs {
			if strings.Contains(q.NQuad(), s) {
				t.Errorf("quad %v holds %q", q, s)
			}
		}
	}
}

// noMarkupInEntities fails if an entity or concept node's IRI, name or
// alias holds an angle bracket.
func noMarkupInEntities(t *testing.T, qs []quad.Quad) {
	t.Helper()
	for _, q := range qs {
		iri, ok := q.Subject.(quad.IRI)
		if !ok || !strings.HasPrefix(string(iri), graph.Base+"entity/") && !strings.HasPrefix(string(iri), graph.Base+"concept/") {
			continue
		}
		if strings.Contains(string(iri), "%3C") || strings.Contains(string(iri), "%3E") {
			t.Errorf("markup in entity IRI %s", iri)
		}
		if (q.Predicate == graph.Label || q.Predicate == graph.AltName) && strings.ContainsAny(quad.ToString(q.Object), "<>") {
			t.Errorf("markup in the name of %s: %q", iri, quad.ToString(q.Object))
		}
	}
}

// nopunctWords is the length of the unpunctuated "sentence": 100,000
// words, 20,000 under -short (extract's TestUnpunctuatedLinear checks
// that the time is linear in it).
func nopunctWords() int {
	if testing.Short() {
		return 20000
	}
	return 100000
}
