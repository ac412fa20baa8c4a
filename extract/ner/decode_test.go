package ner

import (
	"math"
	"strings"
	"testing"

	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/doc"
)

func devSentences(t *testing.T, n int) []*doc.Sentence {
	t.Helper()
	rc, err := corpora.Open("gum/en_gum-ud-dev.conllu")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	cs, err := conllu.ReadAll(rc, "gum dev")
	if err != nil {
		t.Fatal(err)
	}
	var out []*doc.Sentence
	for i := range cs {
		if len(out) == n {
			break
		}
		out = append(out, &cs[i].Sentence)
	}
	return out
}

// pathScore is the decoder's score of the classes cls: the sum of their
// log-probabilities, or -Inf if a class may not follow its predecessor.
func pathScore(m *Model, sc *scratch, cls []int) float64 {
	prev, prev2 := -1, -1
	var total float64
	sv := make([]float32, len(m.labels))
	for i, c := range cls {
		if !m.allowed(prev, c) {
			return math.Inf(-1)
		}
		for k := range sv {
			sv[k] = 0
		}
		m.pm.Scores(sc.static[i], sv)
		m.pm.Scores(sc.dynamicFeatures(i, prev, prev2), sv)
		var z float64
		for k, v := range sv {
			if m.allowed(prev, k) {
				z += math.Exp(float64(v * decodeTemp))
			}
		}
		total += float64(sv[c]*decodeTemp) - math.Log(z)
		prev2, prev = prev, c
	}
	return total
}

// TestDecodeExact checks the beam decoder against exhaustive search: with
// a beam holding every pair of classes it must find the best labelling.
func TestDecodeExact(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	nl := len(m.labels)
	checked := 0
	for _, s := range devSentences(t, 400) {
		n := len(s.Tokens)
		if n < 2 || n > 3 {
			continue
		}
		sc := newScratch(m, s, m.gaz)
		got, _ := m.decode(sc, nl*nl)
		gotScore := pathScore(m, sc, got)
		best := math.Inf(-1)
		cls := make([]int, n)
		var walk func(i int)
		walk = func(i int) {
			if i == n {
				best = math.Max(best, pathScore(m, sc, cls))
				return
			}
			for c := 0; c < nl; c++ {
				cls[i] = c
				walk(i + 1)
			}
		}
		walk(0)
		if math.Abs(gotScore-best) > 1e-6 {
			t.Errorf("%q: decoder's labelling scores %.6f, best %.6f", s.Text, gotScore, best)
		}
		checked++
	}
	if checked < 5 {
		t.Fatalf("only %d short sentences checked", checked)
	}
}

// TestDecodeGreedy checks that a beam of 1 is the greedy decoder: each
// token takes the best class allowed after its predecessor.
func TestDecodeGreedy(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range devSentences(t, 100) {
		sc := newScratch(m, s, m.gaz)
		got, _ := m.decode(sc, 1)
		prev, prev2 := -1, -1
		for i := range s.Tokens {
			want := m.predict(sc.features(i, prev, prev2), prev, sc.scores)
			if got[i] != want {
				t.Fatalf("%q token %d: class %d, greedy %d", s.Text, i, got[i], want)
			}
			prev2, prev = prev, want
		}
	}
}

// TestScratchReuse checks that a reused scratch (as Tag takes from its
// pool) gives the same features and labels as a new one, whatever
// sentence it held before.
func TestScratchReuse(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	ss := devSentences(t, 200)
	reused := new(scratch)
	for k := range ss {
		// Alternate long and short sentences through one scratch.
		s := ss[(k*7)%len(ss)]
		fresh := newScratch(m, s, m.gaz)
		reused.reset(m, s, m.gaz)
		for i := range s.Tokens {
			a, b := fresh.static[i], reused.static[i]
			if len(a) != len(b) {
				t.Fatalf("%q token %d: %d static features reused, %d new", s.Text, i, len(b), len(a))
			}
			for j := range a {
				if a[j] != b[j] {
					t.Fatalf("%q token %d: static feature %d differs", s.Text, i, j)
				}
			}
		}
		for a := 0; a < len(s.Tokens); a++ {
			for b := a + 1; b <= len(s.Tokens) && b <= a+3; b++ {
				fa := append([]uint64(nil), fresh.spanFeatures(a, b, false)...)
				fb := reused.spanFeatures(a, b, false)
				if len(fa) != len(fb) {
					t.Fatalf("%q span %d-%d: %d features reused, %d new", s.Text, a, b, len(fb), len(fa))
				}
				for j := range fa {
					if fa[j] != fb[j] {
						t.Fatalf("%q span %d-%d: feature %d differs", s.Text, a, b, j)
					}
				}
			}
		}
		ca, _ := m.decode(fresh, beamWidth)
		cb, _ := m.decode(reused, beamWidth)
		for i := range ca {
			if ca[i] != cb[i] {
				t.Fatalf("%q token %d: class %d reused, %d new", s.Text, i, cb[i], ca[i])
			}
		}
	}
}

// TestAddVote checks that a document's mentions vote with probabilities:
// two mentions moderately sure of type 1 outvote one extremely sure of
// type 0, which a sum of raw scores would not, and each vote sums to 1.
func TestAddVote(t *testing.T) {
	mentions := [][]float32{{400, 0}, {0, 60}, {0, 60}}
	v := make([]float32, 2)
	var raw [2]float32
	for _, sc := range mentions {
		addVote(v, sc)
		raw[0] += sc[0]
		raw[1] += sc[1]
	}
	if raw[0] <= raw[1] {
		t.Fatalf("test scores: raw sums %v should favour type 0", raw)
	}
	if v[1] <= v[0] {
		t.Errorf("votes %v, want type 1 ahead", v)
	}
	if s := v[0] + v[1]; math.Abs(float64(s)-3) > 1e-4 {
		t.Errorf("votes sum to %v, want 3 (one a mention)", s)
	}
}

func TestInitials(t *testing.T) {
	for _, tc := range []struct{ words, want string }{
		{"world health organisation", "who"},
		{"National Library of the Netherlands", "nln"},
		{"Food Standards Australia New Zealand", "fsanz"},
		{"Kelso", ""},
		{"Bay of", ""},
		{"3M Company", ""},
	} {
		if got := initials(strings.Fields(tc.words)); got != tc.want {
			t.Errorf("initials(%q) = %q, want %q", tc.words, got, tc.want)
		}
	}
}

func TestIsAddress(t *testing.T) {
	for w, want := range map[string]bool{
		"m.p.cock@vu.nl": true, "https://kg.example/x": true, "www.adobe.com": true,
		"@POTUS": false, "Cock": false, "a@b": false, "AT&T": false,
	} {
		if got := isAddress(w); got != want {
			t.Errorf("isAddress(%q) = %v, want %v", w, got, want)
		}
	}
}
