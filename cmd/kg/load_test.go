package main

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// exportLines exports store db as N-Quads and returns its lines, sorted.
func exportLines(t *testing.T, db string) []string {
	t.Helper()
	out, errOut, err := run(t, "export", "--db", db)
	if err != nil {
		t.Fatalf("kg export: %v\n%s", err, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	sort.Strings(lines)
	return lines
}

// The scale-out path: kg extract, then kg load (small batches, so that
// several transactions and the pipelined reader are exercised) gives the
// store kg build gives, plus the quads of no document; loading again
// writes nothing; a file that breaks off keeps what was written before.
func TestExtractThenLoad(t *testing.T) {
	dir := t.TempDir()
	inputs := []string{sample, "../../testdata/goldfacts/gum_news_iodine.txt", "../../testdata/goldfacts/gum_news_homeopathic.txt"}
	nq, errOut, err := run(t, append([]string{"extract"}, inputs...)...)
	if err != nil {
		t.Fatalf("kg extract: %v\n%s", err, errOut)
	}
	loose := "<https://example.org/a> <https://example.org/p> \"not from a document\" .\n"
	facts := filepath.Join(dir, "facts.nq")
	if err := os.WriteFile(facts, []byte(loose+nq+loose), 0o644); err != nil {
		t.Fatal(err)
	}

	built := filepath.Join(dir, "built.db")
	if _, errOut, err := run(t, append([]string{"build", "--db", built}, inputs...)...); err != nil {
		t.Fatalf("kg build: %v\n%s", err, errOut)
	}
	loaded := filepath.Join(dir, "loaded.db")
	_, errOut, err = run(t, "load", "--db", loaded, "--batch", "100", facts)
	if err != nil {
		t.Fatalf("kg load: %v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, "3 documents, 0 unchanged") {
		t.Errorf("load summary %q, want 3 new documents", errOut)
	}
	want := exportLines(t, built)
	got := exportLines(t, loaded)
	var gotDocs []string
	for _, l := range got {
		if !strings.Contains(l, "example.org") {
			gotDocs = append(gotDocs, l)
		}
	}
	if strings.Join(gotDocs, "\n") != strings.Join(want, "\n") {
		t.Errorf("loaded store has %d quads of documents, built store %d; they differ", len(gotDocs), len(want))
	}
	if len(got) != len(want)+1 {
		t.Errorf("loaded store has %d quads, want the built store's %d and the loose one", len(got), len(want))
	}

	_, errOut, err = run(t, "load", "--db", loaded, "--batch", "100", facts)
	if err != nil {
		t.Fatalf("kg load again: %v\n%s", err, errOut)
	}
	if !regexp.MustCompile(`3 documents, 3 unchanged; \+\d+ -0\)`).MatchString(errOut) || !strings.Contains(errOut, "-0)") {
		t.Errorf("second load %q, want every document unchanged and nothing removed", errOut)
	}
	if n := len(exportLines(t, loaded)); n != len(got) {
		t.Errorf("second load changed the store: %d quads, was %d", n, len(got))
	}

	// A file that breaks off after its first document: the error names
	// the file and the place; the first document, written before, stays.
	lines := strings.SplitAfter(nq, "\n")
	first := 0
	for first < len(lines) && strings.Contains(lines[first], "000_3ec027d384569d0a") {
		first++
	}
	broken := filepath.Join(dir, "broken.nq")
	if err := os.WriteFile(broken, []byte(strings.Join(lines[:first+5], "")+"<a> <b> not n-quads\n"+strings.Join(lines[first+5:], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	partial := filepath.Join(dir, "partial.db")
	_, errOut, err = run(t, "load", "--db", partial, "--batch", "10", broken)
	if err == nil || !strings.Contains(err.Error(), "broken.nq") || !strings.Contains(err.Error(), "after ") {
		t.Fatalf("kg load of a broken file: %v, want an error naming the file and where it broke", err)
	}
	docs, _, err := run(t, "query", "--db", partial, "--format", "json", `g.V(g.IRI("http://schema.org/NewsArticle")).in(g.IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")).all()`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(docs, "000_3ec027d384569d0a") || strings.Contains(docs, "iodine") {
		t.Errorf("after the broken load the store has documents %s, want only the first", docs)
	}
}

// TestExtractKeepsInputOrder: kg extract writes the documents in the
// order it read them, whichever worker finishes first, so that its
// output is the same on every run. The first input is ten times the
// others' size, so its worker finishes last.
func TestExtractKeepsInputOrder(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(strings.Repeat(string(b)+"\n\n", 10)), 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := []string{big}
	for _, w := range []string{"one", "two", "three", "four", "five"} {
		p := filepath.Join(dir, w+".txt")
		text := "The " + w + " engineers of Acme visited Paris on Monday. They met the mayor.\n"
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	var first string
	for i := 0; i < 2; i++ {
		out, errOut, err := run(t, append([]string{"extract", "--workers", "4"}, inputs...)...)
		if err != nil {
			t.Fatalf("kg extract: %v\n%s", err, errOut)
		}
		var order []string // documents in the order their quads first appear
		for _, l := range strings.Split(out, "\n") {
			f := strings.Fields(l)
			if len(f) < 4 {
				continue
			}
			doc := strings.TrimSuffix(strings.TrimPrefix(f[len(f)-2], "<https://kg.invalid/doc/"), ">")
			doc, _, _ = strings.Cut(doc, "/")
			if len(order) == 0 || order[len(order)-1] != doc {
				order = append(order, doc)
			}
		}
		if len(order) != len(inputs) {
			t.Fatalf("documents in output order %v, want each of the %d inputs once, in order", order, len(inputs))
		}
		for k, w := range []string{"big", "one", "two", "three", "four", "five"} {
			if !strings.HasPrefix(order[k], w) {
				t.Errorf("document %d of the output is %q, want the input %s.txt", k+1, order[k], w)
			}
		}
		if i == 0 {
			first = out
		} else if out != first {
			t.Error("two runs of kg extract on the same inputs differ")
		}
	}
}
