package wordclass

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/doc"
)

func words(text string) *doc.Sentence {
	s := &doc.Sentence{Text: text}
	for _, w := range strings.Fields(text) {
		s.Tokens = append(s.Tokens, doc.Token{Text: w})
	}
	return s
}

// TestTrainClusters checks that words used in the same contexts share a
// class and words used in different contexts do not, at a granularity
// with fewer classes than words (which is what forces similar words
// together) but room for both groups.
func TestTrainClusters(t *testing.T) {
	var sents []*doc.Sentence
	for i := 0; i < 20; i++ {
		for _, name := range []string{"Anna", "Ben", "Cleo", "Dan"} {
			sents = append(sents, words(name+" said that it rained"))
			sents = append(sents, words("yesterday "+name+" said so"))
		}
		for _, place := range []string{"Oslo", "Lima", "Kyiv", "Pune"} {
			sents = append(sents, words("they live in "+place+" now"))
			sents = append(sents, words("the road to "+place+" is long"))
		}
	}
	ct := Train(sents, Options{Sizes: []int{2, 4}})
	if got, want := strings.Join(ct.Names, " "), "2 4"; got != want {
		t.Fatalf("names = %q, want %q", got, want)
	}
	tests := []struct {
		a, b string
		same bool
	}{
		{"anna", "ben", true},
		{"cleo", "dan", true},
		{"oslo", "lima", true},
		{"kyiv", "pune", true},
		{"anna", "oslo", false},
		{"dan", "kyiv", false},
	}
	for _, tc := range tests {
		ia, oka := ct.IDs[tc.a]
		ib, okb := ct.IDs[tc.b]
		if !oka || !okb {
			t.Fatalf("%q or %q not clustered", tc.a, tc.b)
		}
		if len(ia) != 2 || len(ib) != 2 {
			t.Fatalf("%q: %d ids, want 2", tc.a, len(ia))
		}
		if same := ia[1] == ib[1]; same != tc.same {
			t.Errorf("%q (class %d) and %q (class %d): same = %v, want %v", tc.a, ia[1], tc.b, ib[1], same, tc.same)
		}
	}
	// Deterministic: the same input gives the same classes.
	again := Train(sents, Options{Sizes: []int{2, 4}})
	for w, ids := range ct.IDs {
		if a := again.IDs[w]; a[0] != ids[0] || a[1] != ids[1] {
			t.Errorf("%q: classes %v then %v", w, ids, a)
		}
	}
	// Words seen once are not clustered.
	sents = append(sents, words("a hapax here"))
	if _, ok := Train(sents, Options{Sizes: []int{4}}).IDs["hapax"]; ok {
		t.Error("a word seen once was clustered")
	}
}
