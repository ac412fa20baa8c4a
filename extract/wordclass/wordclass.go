// Package wordclass learns word clusters: distributional classes of
// lower-cased words from unlabeled text by exchange clustering (Kneser and
// Ney 1993; with the one-sided objective of Uszkoreit and Brants 2008,
// over the words on both sides). Words seen between similar neighbours
// fall into one class. Words are clustered at several granularities,
// coarse to fine, which plays the part of the bit-string prefixes of Brown
// clusters: a word the labelled data saw rarely still shares its classes
// with words it saw often. The tagger, parser and entity recognizer use
// them as features.
//
// The package only clusters: it holds no word lists and no rules for
// particular texts, and it must not read annotations other than the
// tokens' text.
package wordclass

import (
	"math"
	"sort"
	"strings"

	"github.com/kg-project/kg/extract/doc"
)

// MaxClusters bounds the number of classes of one clustering.
const MaxClusters = 4096

// Options control clustering.
type Options struct {
	Sizes    []int // numbers of classes (at most 4096), one clustering a size
	MinCount int   // words seen fewer times are not clustered; 0 means 2
	Iters    int   // exchange passes; 0 means 12
}

// Table maps a lower-cased word to its class at each granularity.
// Names[k] describes column k (the number of classes, "512").
type Table struct {
	Names []string
	IDs   map[string][]uint16
}

// Classes returns the classes of a word (lower-cased here) at each
// granularity, or nil for a word that was not clustered.
func (t *Table) Classes(word string) []uint16 {
	if t == nil {
		return nil
	}
	return t.IDs[strings.ToLower(word)]
}

// xlogx is x·ln x with 0·ln 0 = 0.
func xlogx(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return x * math.Log(x)
}

// Train clusters the lower-cased words of sents. The result depends only
// on the sentences and options (no randomness).
func Train(sents []*doc.Sentence, opt Options) *Table {
	if opt.MinCount <= 0 {
		opt.MinCount = 2
	}
	if opt.Iters <= 0 {
		opt.Iters = 12
	}
	// Vocabulary by descending frequency (ties alphabetically); index 0
	// stands for rarer words, the last index for the sentence boundary.
	freq := map[string]int{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			freq[strings.ToLower(t.Text)]++
		}
	}
	var words []string
	for w, n := range freq {
		if n >= opt.MinCount {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		if freq[words[i]] != freq[words[j]] {
			return freq[words[i]] > freq[words[j]]
		}
		return words[i] < words[j]
	})
	id := make(map[string]int32, len(words))
	for i, w := range words {
		id[w] = int32(i + 1)
	}
	nv := len(words) + 2 // 0: rare words; nv-1: boundary
	seqs := make([][]int32, 0, len(sents))
	for _, s := range sents {
		q := make([]int32, len(s.Tokens))
		for i, t := range s.Tokens {
			q[i] = id[strings.ToLower(t.Text)]
		}
		seqs = append(seqs, q)
	}
	ct := &Table{IDs: make(map[string][]uint16, len(words))}
	for _, w := range words {
		ct.IDs[w] = nil
	}
	// Context counts: for each word, how often each word precedes it
	// (context ids 0..nv-1) and follows it (nv..2nv-1).
	ctx := make([]map[int32]int32, nv)
	for v := range ctx {
		ctx[v] = map[int32]int32{}
	}
	for _, q := range seqs {
		for i, v := range q {
			l, r := int32(nv-1), int32(nv-1)
			if i > 0 {
				l = q[i-1]
			}
			if i+1 < len(q) {
				r = q[i+1]
			}
			ctx[v][l]++
			ctx[v][int32(nv)+r]++
		}
	}
	lists := make([][]ctxCount, nv)
	for v, m := range ctx {
		l := make([]ctxCount, 0, len(m))
		for c, n := range m {
			l = append(l, ctxCount{c, n})
		}
		sort.Slice(l, func(i, j int) bool { return l[i].c < l[j].c })
		lists[v] = l
	}
	for _, size := range opt.Sizes {
		size = min(max(size, 1), MaxClusters)
		cls := exchange(lists, nv, 2*nv, size, opt.Iters)
		ct.Names = append(ct.Names, itoa(size))
		for i, w := range words {
			ct.IDs[w] = append(ct.IDs[w], uint16(cls[i+1]))
		}
	}
	return ct
}

type ctxCount struct {
	c int32 // context word
	n int32 // count
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// exchange assigns the nv words (index 0 and nv-1 are the rare-word and
// boundary symbols, also clustered) to k classes, maximising the
// likelihood of each word's contexts (nctx ids: the word before, the word
// after) given its class:
//
//	Σ_{c,w} N(c,w) log N(c,w) − 2 Σ_c (N(c)/2) log (N(c)/2)
//
// where N(c,w) counts context w next to words of class c and N(c) all
// contexts of class c (two a token). Each pass moves every word, most
// frequent first, to the class that gains most. Classes must be fewer than
// words for similar words to share one: nothing else draws them together.
func exchange(lists [][]ctxCount, nv, nctx, k, iters int) []int32 {
	if k < 1 {
		k = 1
	}
	cls := make([]int32, nv)
	// Words in frequency order: index 1 up; 0 (rare) and nv-1 last.
	order := make([]int, 0, nv)
	for v := 1; v < nv-1; v++ {
		order = append(order, v)
	}
	order = append(order, 0, nv-1)
	for i, v := range order {
		cls[v] = int32(i % k)
	}
	ncw := make([]int32, k*nctx) // N(c,w)
	nc := make([]int64, k)       // N(c)
	tot := make([]int64, nv)
	for v, l := range lists {
		for _, x := range l {
			ncw[int(cls[v])*nctx+int(x.c)] += x.n
			tot[v] += int64(x.n)
		}
		nc[cls[v]] += tot[v]
	}
	// Each token has one context on each side: the class totals of
	// both sides are N(c)/2, so the normaliser counts twice.
	// x log x of small counts from a table.
	tab := make([]float64, 1<<16)
	for i := range tab {
		tab[i] = xlogx(float64(i))
	}
	f := func(x int32) float64 {
		if x < int32(len(tab)) {
			return tab[x]
		}
		return xlogx(float64(x))
	}
	gain := make([]float64, k)
	for it := 0; it < iters; it++ {
		moved := 0
		for _, v := range order {
			l := lists[v]
			if len(l) == 0 {
				continue
			}
			a := int(cls[v])
			// Take v out of its class.
			row := ncw[a*nctx:]
			for _, x := range l {
				row[x.c] -= x.n
			}
			nc[a] -= tot[v]
			// Gain of putting it into each class.
			for c := 0; c < k; c++ {
				row := ncw[c*nctx : (c+1)*nctx]
				g := 0.0
				for _, x := range l {
					m := row[x.c]
					g += f(m+x.n) - f(m)
				}
				g -= 2 * (xlogx(float64(nc[c]+tot[v])/2) - xlogx(float64(nc[c])/2))
				gain[c] = g
			}
			best := a
			for c := 0; c < k; c++ {
				if gain[c] > gain[best]+1e-9 {
					best = c
				}
			}
			if best != a {
				moved++
			}
			cls[v] = int32(best)
			row = ncw[best*nctx:]
			for _, x := range l {
				row[x.c] += x.n
			}
			nc[best] += tot[v]
		}
		if moved == 0 {
			break
		}
	}
	return cls
}
