package extract

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/kg-project/kg/extract/article"
	"github.com/kg-project/kg/graph"
)

// checkQuads extracts text and checks the quads: every one valid, and
// the whole set written as N-Quads reads back to the same quads.
func checkQuads(t *testing.T, text string) []quad.Quad {
	t.Helper()
	a, err := article.Parse("fuzz.txt", "", []byte(text))
	if err != nil {
		return nil // refused input: article's tests cover the refusal
	}
	qs := checkArticle(t, a)
	// The same text as a JSON Lines record, which skips the byte-level
	// checks of plain files (control characters survive JSON escapes).
	rec, _ := json.Marshal(map[string]string{"id": "fuzz", "text": text})
	if b, err := article.FromJSON("fuzz.jsonl:1", rec); err == nil {
		checkArticle(t, b)
	}
	return qs
}

func checkArticle(t *testing.T, a *article.Article) []quad.Quad {
	t.Helper()
	text := a.Text
	d := Extract(a, Options{})
	qs := graph.Quads(d)
	for _, q := range qs {
		if !q.IsValid() {
			t.Fatalf("invalid quad %v from %q", q, text)
		}
	}
	var buf bytes.Buffer
	w := nquads.NewWriter(&buf)
	if _, err := w.WriteQuads(qs); err != nil {
		t.Fatalf("write N-Quads: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("close N-Quads writer: %v", err)
	}
	r := nquads.NewReader(bytes.NewReader(buf.Bytes()), false)
	for i := 0; ; i++ {
		q, err := r.ReadQuad()
		if err == io.EOF {
			if i != len(qs) {
				t.Fatalf("wrote %d quads, read back %d from %q", len(qs), i, buf.String())
			}
			break
		}
		if err != nil {
			t.Fatalf("read back quad %d: %v\nN-Quads:\n%s", i+1, err, buf.String())
		}
		if i >= len(qs) {
			t.Fatalf("read back more quads than the %d written", len(qs))
		}
		if q.NQuad() != qs[i].NQuad() || q != qs[i] {
			t.Fatalf("quad %d does not round-trip:\nwrote %#v\nread  %#v", i+1, qs[i], q)
		}
	}
	return qs
}

func TestExtractQuadsRoundTrip(t *testing.T) {
	cases := []struct {
		name, text string
		wantQuads  bool
	}{
		{"plain", "Joe Biden spoke to Benjamin Netanyahu on Wednesday. Hamas fired rockets at Israel.", true},
		{"quotes in names", `"Biden" said "Netanyahu \"Bibi\" met <Abbas> {today}".`, false},
		{"backslashes", `Mr. O\'Brien met C:\Users\Smith in New York.`, false},
		{"html", `<script>alert("x")</script><p>President Joe Biden met <b>Emmanuel Macron</b> in Paris.</p>`, false},
		{"nested brackets", strings.Repeat("(", 200) + "Biden met Macron." + strings.Repeat(")", 200), false},
		{"control chars", "Joe Biden\u0085 met\u2028Macron\u200b in Paris.", false},
		{"non-latin", "Владимир Путин встретился с Си Цзиньпином. 习近平会见了普京。", false},
		{"title and date", "date 2021-05-13\nBiden speaks\n\nJoe Biden spoke to reporters.", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			qs := checkQuads(t, c.text)
			if c.wantQuads && len(qs) < 3 {
				t.Errorf("only %d quads from %q", len(qs), c.text)
			}
			for _, q := range qs {
				if iri, ok := q.Subject.(quad.IRI); ok && strings.ContainsAny(string(iri), "<>\" {}|\\^`") {
					t.Errorf("subject IRI %q holds characters IRIs forbid", iri)
				}
			}
		})
	}
}

// FuzzExtract runs the whole pipeline on arbitrary text: no panic, every
// quad valid, and the quads round-trip through the N-Quads writer and
// reader.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Joe Biden spoke to Benjamin Netanyahu on Wednesday.",
		"date 2021-05-13\nHeadline here\n\n\"We will,\" said Hamas spokesman Abu Obeida. He said so.",
		"((((\"'`<>\\",
		"President Biden met <b>Macron</b> & Xi in \"New York\".",
		"\xff\xfe\x00",
	} {
		f.Add(s)
	}
	if err := Ready(); err != nil {
		f.Fatalf("models: %v", err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4000 {
			text = text[:4000]
		}
		checkQuads(t, text)
	})
}
