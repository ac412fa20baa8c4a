package carb

import (
	"math"
	"math/rand/v2"
	"testing"
)

func ex(rel string, args ...string) Extraction {
	return Extraction{Sentence: "S", Confidence: 1, Relation: rel, Args: args}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestMatch(t *testing.T) {
	cases := []struct {
		name      string
		gold, sys Extraction
		p, r      float64
	}{
		{"identical", ex("made", "President Bush", "a final offer"), ex("made", "President Bush", "a final offer"), 1, 1},
		{"no shared relation word", ex("made", "Bush", "an offer"), ex("offered", "Bush", "an offer"), 0, 0},
		{"empty system relation", ex("made", "Bush", "an offer"), ex("", "Bush", "an offer"), 0, 0},
		// rel 1/1 vs 1/5, arg1 1/2 vs 1/1, arg2 3/7 vs 3/3:
		// p = 5/10, r = 5/9.
		{"partial overlap", ex("made a final offer on", "Bush", "the minimum wage"),
			ex("made", "President Bush", "a final offer on the minimum wage"), 0.5, 5.0 / 9},
		{"case matters", ex("Made", "Bush", "offer"), ex("made", "Bush", "offer"), 0, 0},
		{"stopwords count", ex("is in", "the city", "of the north"), ex("is in", "city", "north"), 1, 4.0 / 7},
		// system "be" matches a gold form of be; not the other way round.
		{"be matches is", ex("is", "Paris", "a city"), ex("be", "Paris", "a city"), 1, 1},
		{"be matches was among others", ex("was born in", "he", "Paris"), ex("be born in", "he", "Paris"), 1, 1},
		{"is does not match gold be", ex("be", "Paris", "a city"), ex("is", "Paris", "a city"), 0, 0},
		// gold rel [is in], system [is is in]: 2 matched of 3 system words.
		{"words used once", ex("is in", "x", "y"), ex("is is in", "x", "y"), 0.8, 1},
		{"missing object", ex("made", "Bush", "an offer"), ex("made", "Bush"), 0, 0},
		{"no arguments", ex("made", "Bush", "an offer"), ex("made"), 0, 0},
		// only the gold slots are compared: the extra system object is not
		// counted against precision.
		{"extra system object ignored", ex("made", "Bush"), ex("made", "Bush", "an offer"), 1, 1},
		{"n-ary joined into object", ex("met", "A", "B", "in C"), ex("met", "A", "B in C"), 1, 1},
		{"n-ary system joined", ex("met", "A", "B in C"), ex("met", "A", "B", "in", "C"), 1, 1},
		// said-type gold relation: swapped system arguments are tried.
		{"said swap", ex("said", "the minister", "taxes will rise"), ex("said", "taxes will rise", "the minister"), 1, 1},
		{"told swap", ex("told reporters", "he", "it rained"), ex("told reporters", "it rained", "he"), 1, 1},
		// the same swap without a said-type relation: only the relation
		// word of 6 matches.
		{"no swap otherwise", ex("claimed", "the minister", "taxes will rise"), ex("claimed", "taxes will rise", "the minister"), 1.0 / 6, 1.0 / 6},
		// the said test is on the gold relation only.
		{"swap keyed on gold relation", ex("claimed", "he", "it"), ex("claimed said", "it", "he"), 1.0 / 4, 1.0 / 3},
		{"repeated gold words", ex("saw", "the cat and the dog", "x"), ex("saw", "the dog", "x"), 1, 4.0 / 7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, r := Match(c.gold, c.sys)
			if !near(p, c.p) || !near(r, c.r) {
				t.Errorf("Match = (%.4f, %.4f), want (%.4f, %.4f)", p, r, c.p, c.r)
			}
		})
	}
}

func TestNormalizeKey(t *testing.T) {
	cases := []struct{ a, b string }{
		{"He said -LRB- no -RRB- .", "He said (no)."},
		{"It 's `` fine '' , he said .", "It's fine, he said"},
		{"Café au lait .", "Café au lait"},
	}
	for _, c := range cases {
		if ka, kb := normalizeKey(c.a), normalizeKey(c.b); ka != kb {
			t.Errorf("normalizeKey(%q) = %q, normalizeKey(%q) = %q; want equal", c.a, ka, c.b, kb)
		}
	}
	if normalizeKey("a cat") == normalizeKey("a dog") {
		t.Error("different words give the same key")
	}
}

// literalGreedy is the original's matching loop as written: repeated
// arg-max over the free pairs, gold-major, strict comparison.
func literalGreedy(scores [][]pr, kept []int) float64 {
	var selRows, selCols []int
	in := func(xs []int, x int) bool {
		for _, y := range xs {
			if y == x {
				return true
			}
		}
		return false
	}
	sum := 0.0
	for t := 0; t < min(len(scores), len(kept)); t++ {
		bi, bj, best := -1, -1, -1.0
		for i := range scores {
			if in(selRows, i) {
				continue
			}
			for _, j := range kept {
				if in(selCols, j) {
					continue
				}
				if scores[i][j].p > best {
					best, bi, bj = scores[i][j].p, i, j
				}
			}
		}
		selRows, selCols = append(selRows, bi), append(selCols, bj)
		sum += best
	}
	return sum
}

func greedy(scores [][]pr, kept []int) float64 {
	cols := 0
	if len(scores) > 0 {
		cols = len(scores[0])
	}
	for _, j := range kept {
		cols = max(cols, j+1)
	}
	k := make([]bool, cols)
	for _, j := range kept {
		k[j] = true
	}
	return greedyPrecision(sortedCells(scores), len(scores), k, len(kept))
}

func TestGreedyPrecision(t *testing.T) {
	cases := []struct {
		name   string
		scores [][]pr
		kept   []int
		want   float64
	}{
		// greedy takes (0,0)=1.0 first, leaving (1,1)=0, although the
		// crossing pairs would sum to 1.7.
		{"greedy not optimal", [][]pr{{{1, 1}, {0.9, 1}}, {{0.8, 1}, {0, 0}}}, []int{0, 1}, 1.0},
		{"only kept columns", [][]pr{{{1, 1}, {0.9, 1}}, {{0.8, 1}, {0, 0}}}, []int{1}, 0.9},
		{"more system than gold", [][]pr{{{0.5, 1}, {0.7, 1}, {0.2, 1}}}, []int{0, 1, 2}, 0.7},
		{"more gold than system", [][]pr{{{0.5, 1}}, {{0.6, 1}}, {{0.1, 1}}}, []int{0}, 0.6},
		// a tie at 0.5: the first pair in gold-major order, (0,1), is taken,
		// leaving (1,0)=0.1 rather than (1,1)=0.4.
		{"tie broken gold-major", [][]pr{{{0.2, 0}, {0.5, 0}}, {{0.1, 0}, {0.5, 0}}}, []int{0, 1}, 0.6},
		{"no gold", nil, []int{0}, 0},
	}
	for _, c := range cases {
		if got := greedy(c.scores, c.kept); !near(got, c.want) {
			t.Errorf("%s: greedyPrecision = %v, want %v", c.name, got, c.want)
		}
		if got := literalGreedy(c.scores, c.kept); !near(got, c.want) {
			t.Errorf("%s: literal loop = %v, want %v (test case wrong)", c.name, got, c.want)
		}
	}
	// Random matrices with many ties: the sorted scan must pick exactly
	// the pairs of the literal loop, so the sums agree to the last bit.
	rng := rand.New(rand.NewPCG(1, 2))
	vals := []float64{0, 0.25, 0.5, 1.0 / 3, 1}
	for n := 0; n < 2000; n++ {
		rows, cols := rng.IntN(6), 1+rng.IntN(6)
		scores := make([][]pr, rows)
		for i := range scores {
			scores[i] = make([]pr, cols)
			for j := range scores[i] {
				scores[i][j].p = vals[rng.IntN(len(vals))]
			}
		}
		var kept []int
		for j := 0; j < cols; j++ {
			if rng.IntN(3) > 0 {
				kept = append(kept, j)
			}
		}
		if got, want := greedy(scores, kept), literalGreedy(scores, kept); got != want {
			t.Fatalf("scores %v kept %v: sorted scan %v, literal loop %v", scores, kept, got, want)
		}
	}
}
