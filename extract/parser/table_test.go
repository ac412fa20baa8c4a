package parser

import (
	"bytes"
	"math"
	"math/rand"
	"slices"
	"sync"
	"testing"

	"github.com/kg-project/kg/extract/doc"
)

// refScores is the plain computation the table's scoring must reproduce
// exactly: rows found through a Go map, each weight rounded to the
// nearest step of the table (ties to even), the steps of each class
// summed as integers.
func refScores(t *table, index map[uint64]int, feats []uint64, scores []float32) {
	row := make([]float32, t.nc)
	sum := make([]int64, t.nc)
	for _, f := range feats {
		r, ok := index[f]
		if !ok {
			continue
		}
		t.rowWeights(r, row)
		for c, w := range row {
			sum[c] += int64(math.RoundToEven(float64(w) / float64(t.unit)))
		}
	}
	for c := range sum {
		scores[c] += float32(sum[c]) * t.unit
	}
}

// floatScores is the unquantized score: the weights of the rows in
// float64.
func floatScores(t *table, index map[uint64]int, feats []uint64) []float64 {
	row := make([]float32, t.nc)
	sum := make([]float64, t.nc)
	for _, f := range feats {
		if r, ok := index[f]; ok {
			t.rowWeights(r, row)
			for c, w := range row {
				sum[c] += float64(w)
			}
		}
	}
	return sum
}

// TestScoringMatchesReference checks that the probing, prefetching and
// caching of the shipped model's tables give bit for bit the scores of a
// plain map lookup of the quantized weights, and within half a step a
// feature of the exact weights, on the features of real parser states
// plus features the tables do not hold.
func TestScoringMatchesReference(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Skipf("no embedded model: %v", err)
	}
	tm, jm := p.trans.(*table), p.joint.(*table)
	sents := readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 150)
	rng := rand.New(rand.NewSource(1))
	var trans, joint [][]uint64
	w := p.getWork()
	for _, s := range sents {
		st := &w.st
		st.reset(s)
		for steps := 0; !st.terminal() && steps < 4*st.n+4; steps++ {
			p.score(w)
			tf := append([]uint64(nil), st.feats...)
			jf := append([]uint64(nil), st.jfeats...)
			// Unknown features, the zero feature, and blocks longer than
			// probeBlock.
			tf = append(tf, rng.Uint64(), 0, rng.Uint64())
			jf = append(jf, rng.Uint64(), 0)
			trans, joint = append(trans, tf), append(joint, jf)
			a := p.best(w)
			if a < 0 {
				break
			}
			st.apply(a)
		}
	}
	trans = append(trans, nil, []uint64{0}, append(append([]uint64(nil), trans[0]...), trans[1]...))
	joint = append(joint, nil, []uint64{0})
	index := func(tb *table) map[uint64]int {
		m := make(map[uint64]int, len(tb.rowKeys))
		for r, k := range tb.rowKeys {
			m[k] = r
		}
		return m
	}
	tests := []struct {
		name  string
		tb    *table
		feats [][]uint64
		score func(feats []uint64, scores []float32)
	}{
		{"transition Scores", tm, trans, tm.Scores},
		{"labelled Scores", jm, joint, jm.Scores},
		{"labelled cached", jm, joint, func(f []uint64, s []float32) { jm.scoresCached(f, s, w.jacc, w.jcache) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			idx := index(tc.tb)
			got, want := make([]float32, tc.tb.nc), make([]float32, tc.tb.nc)
			for pass := 0; pass < 2; pass++ { // the second pass hits the cache
				for i, f := range tc.feats {
					for c := range got {
						got[c], want[c] = float32(c), float32(c)
					}
					tc.score(f, got)
					refScores(tc.tb, idx, f, want)
					exact := floatScores(tc.tb, idx, f)
					for c := range got {
						if got[c] != want[c] {
							t.Fatalf("pass %d, vector %d, class %d: got %v, want %v", pass, i, c, got[c], want[c])
						}
						// Each weight is off by at most half a step.
						bound := float64(len(f))*float64(tc.tb.unit)/2 + 1e-4*math.Abs(exact[c]) + 1e-4
						if d := math.Abs(float64(got[c]) - float64(c) - exact[c]); d > bound {
							t.Fatalf("pass %d, vector %d, class %d: quantized %v, exact %v: off by %v, more than %v", pass, i, c, float64(got[c])-float64(c), exact[c], d, bound)
						}
					}
				}
			}
		})
	}
}

// TestConcurrentParseMatchesSequential parses the same sentences from
// several goroutines at once: each has its own scratch (feature buffers,
// slot cache), so the trees must be those of a sequential parse (run with
// -race to check the sharing too).
func TestConcurrentParseMatchesSequential(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Skipf("no embedded model: %v", err)
	}
	sents := readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 60)
	type tree struct {
		heads  []int
		labels []string
	}
	parse := func() []tree {
		out := make([]tree, len(sents))
		for i, s := range sents {
			c := *s
			c.Tokens = append([]doc.Token(nil), s.Tokens...)
			p.Parse(&c)
			for _, tk := range c.Tokens {
				out[i].heads = append(out[i].heads, tk.Head)
				out[i].labels = append(out[i].labels, tk.DepRel)
			}
		}
		return out
	}
	want := parse()
	const workers = 4
	got := make([][]tree, workers)
	var wg sync.WaitGroup
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[g] = parse()
		}()
	}
	wg.Wait()
	for g := range got {
		for i := range want {
			if !slices.Equal(got[g][i].heads, want[i].heads) || !slices.Equal(got[g][i].labels, want[i].labels) {
				t.Fatalf("goroutine %d, sentence %d: %v %v, sequential %v %v", g, i, got[g][i].heads, got[g][i].labels, want[i].heads, want[i].labels)
			}
		}
	}
}

// TestTableFormats checks that the fixed-width format Save writes and the
// older varint format both read back the shipped model's tables exactly,
// and that damaged fixed-width tables are refused.
func TestTableFormats(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Skipf("no embedded model: %v", err)
	}
	for _, m := range []*table{p.trans.(*table), p.joint.(*table)} {
		var fixed, varint bytes.Buffer
		if err := m.writeFixed(&fixed); err != nil {
			t.Fatal(err)
		}
		if err := m.write(&varint); err != nil {
			t.Fatal(err)
		}
		a, err := readFixed(fixed.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		b, err := readSparse(bytes.NewReader(varint.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []*table{a, b} {
			if !slices.Equal(q.rowKeys, m.rowKeys) || !slices.Equal(q.w, m.w) ||
				!slices.Equal(q.rowOff, m.rowOff) || !slices.Equal(q.sp, m.sp) {
				t.Fatalf("%d-class table differs after a write and read", m.nc)
			}
		}
		buf := fixed.Bytes()
		for _, bad := range [][]byte{nil, buf[:len(buf)/2], buf[:len(buf)-1], append(slices.Clone(buf), 0)} {
			if _, err := readFixed(bad); err == nil {
				t.Fatalf("%d-class table: %d of %d bytes read without error", m.nc, len(bad), len(buf))
			}
		}
	}
}
