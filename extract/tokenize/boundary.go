package tokenize

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/perceptron"
)

// The boundary model revises the rules' sentence ends where two tokens
// are separated by spaces only: an averaged perceptron, trained on the raw
// text of the EWT and GUM training sets (cmd/kgtrain sentences), decides
// at every such gap whether a sentence ends there, from the words and
// shapes around it, the rules' own decision and the distance from the
// last end. Web text often ends sentences without punctuation (greetings,
// signatures, list items, emoticons, lowercase run-ons), which the rules
// cannot see. Gaps holding a line break, and tokens with no space between
// them, keep the rules' decision: the training text has no line breaks
// inside paragraphs.

// BoundaryModelPath is the path, relative to the module root, of the
// embedded boundary model that cmd/kgtrain writes.
const BoundaryModelPath = "extract/tokenize/model/sentences.gz"

//go:embed model/sentences.gz
var boundaryModelData []byte

// Score margins (end minus no end) above which a sentence ends at a gap
// where the rules put no end (addAt) and where they put one (keepAt).
// Chosen on EWT and GUM dev raw text (sentence F1 and LAS); 0 and 0 give
// EWT dev sentences F1 87.63 instead of 87.90, LAS 78.91 instead of 79.00.
const (
	boundaryAddAt  = -2
	boundaryKeepAt = -4
)

// boundaryModel returns the embedded model, or nil (rules only) when it
// cannot be loaded.
var boundaryModel = sync.OnceValue(func() *boundaryScorer {
	m, err := perceptron.Load(bytes.NewReader(boundaryModelData))
	if err != nil || m.NClasses != 2 {
		return nil
	}
	return &boundaryScorer{m: m, addAt: boundaryAddAt, keepAt: boundaryKeepAt}
})

// LoadBoundaryModel checks that the embedded boundary model loads.
func LoadBoundaryModel() error {
	if boundaryModel() == nil {
		return errors.New("tokenize: embedded sentence boundary model cannot be loaded")
	}
	return nil
}

type boundaryScorer struct {
	m             *perceptron.Model
	addAt, keepAt float32
}

// margin returns the score of "end" minus that of "no end".
func (b *boundaryScorer) margin(fs []uint64) float32 {
	var s [2]float32
	b.m.Scores(fs, s[:])
	return s[1] - s[0]
}

// revise returns the sentence ends (as sentenceEnds) after the model has
// decided every gap of spaces between tokens; ends are the rules' ends.
func (b *boundaryScorer) revise(text string, toks []doc.Token, ends []int) []int {
	n := len(toks)
	if n < 2 {
		return ends
	}
	w := newGapWalk(text, toks, ends)
	out := make([]int, 0, len(ends)+len(ends)/4+1)
	decide := func(i int, fs []uint64) bool {
		m := b.margin(fs)
		return w.rule[i] && m > b.keepAt || !w.rule[i] && m > b.addAt
	}
	for a := 0; a < n; {
		e := paragraphEnd(text, toks, a)
		out = append(w.paragraph(a, e, out, decide), e)
		a = e
	}
	return out
}

// gapWalk decides the gaps between the tokens of a text, paragraph by
// paragraph: as the rules do where no spaces alone separate two tokens,
// by a decision on the gap's features where they do. Parsing (revise)
// and training (TrainBoundaryModel) walk the same way.
type gapWalk struct {
	toks   []doc.Token
	rule   []bool // rule[i]: the rules end a sentence after toks[i]
	spaced []bool // spaced[i]: spaces alone, no line break, follow toks[i]
	fs     []uint64
}

// newGapWalk prepares the walk of toks, the tokens of text, whose rule
// sentence ends (exclusive token indexes, as ruleEnds) are ruled.
func newGapWalk(text string, toks []doc.Token, ruled []int) *gapWalk {
	w := &gapWalk{toks: toks, rule: make([]bool, len(toks)), spaced: make([]bool, len(toks)), fs: make([]uint64, 0, numBoundaryFeatures)}
	for _, e := range ruled {
		if e >= 1 && e <= len(toks) {
			w.rule[e-1] = true
		}
	}
	for i := 0; i+1 < len(toks); i++ {
		w.spaced[i] = spaceGap(text, toks[i].End, toks[i+1].Start)
	}
	return w
}

// paragraph walks the gaps inside the paragraph toks[a:b] (not the one
// after its last token) and appends to ends the index after every token
// where a sentence ends: the rules' ends at gaps that are not spaces
// alone, and the gaps of spaces that decide, given the gap's features,
// says end one.
func (w *gapWalk) paragraph(a, b int, ends []int, decide func(i int, fs []uint64) bool) []int {
	last := a
	g := newGapWindow(w.toks, a)
	for ; g.i+1 < b; g.advance() {
		i := g.i
		if !w.spaced[i] {
			if w.rule[i] {
				ends = append(ends, i+1)
				last = i + 1
			}
			continue
		}
		w.fs = boundaryFeatures(w.fs[:0], &g, w.rule[i], i+1-last, b-i-1)
		if decide(i, w.fs) {
			ends = append(ends, i+1)
			last = i + 1
		}
	}
	return ends
}

// paragraphEnd returns the index of the first token after toks[from]'s
// paragraph: the next gap of two or more line breaks, or len(toks).
func paragraphEnd(text string, toks []doc.Token, from int) int {
	for i := from; i+1 < len(toks); i++ {
		if newlines(text, toks[i].End, toks[i+1].Start) >= 2 {
			return i + 1
		}
	}
	return len(toks)
}

// spaceGap reports whether text[a:b] is non-empty and holds no line break.
func spaceGap(text string, a, b int) bool {
	if a >= b {
		return false
	}
	for k := a; k < b; k++ {
		if text[k] == '\n' || text[k] == '\r' {
			return false
		}
	}
	return true
}

const numBoundaryFeatures = 20

// tokInfo is what the features see of a token: hashes of its form with
// ASCII letters lower-cased, and of its shape.
type tokInfo struct{ word, shape uint64 }

func infoOf(toks []doc.Token, k int) tokInfo {
	if k < 0 || k >= len(toks) {
		return tokInfo{1, 1} // beyond the text
	}
	w := toks[k].Text
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * 1099511628211
	}
	return tokInfo{h, shape(w)}
}

// gapWindow holds the tokens around the gap after toks[i]: toks[i-1],
// toks[i], toks[i+1] and toks[i+2], each looked at once as i moves on.
type gapWindow struct {
	toks []doc.Token
	i    int
	w    [4]tokInfo
}

func newGapWindow(toks []doc.Token, i int) gapWindow {
	g := gapWindow{toks: toks, i: i}
	for k := range g.w {
		g.w[k] = infoOf(toks, i-1+k)
	}
	return g
}

// advance moves the window to the gap after toks[i+1].
func (g *gapWindow) advance() {
	g.i++
	g.w[0], g.w[1], g.w[2] = g.w[1], g.w[2], g.w[3]
	g.w[3] = infoOf(g.toks, g.i+2)
}

// mix combines a feature hash with one more part.
func mix(h, x uint64) uint64 {
	h = (h ^ x) * 0x9E3779B97F4A7C15
	return h ^ h>>29
}

// boundaryFeatures appends the features of the gap after the window's
// token to fs. rule is the rules' decision there, since the number of
// tokens since the last sentence end and left the number of tokens to the
// paragraph's end.
func boundaryFeatures(fs []uint64, g *gapWindow, rule bool, since, left int) []uint64 {
	p2, p1, n1, n2 := g.w[0].word, g.w[1].word, g.w[2].word, g.w[3].word
	sp2, sp1, sn1, sn2 := g.w[0].shape, g.w[1].shape, g.w[2].shape, g.w[3].shape
	r := uint64(2)
	if rule {
		r = 3
	}
	bs, bl := uint64(bucket(since)), uint64(bucket(left))
	t := func(n uint64) uint64 { return n * 0xD6E8FEB86659FD93 }
	fs = append(fs,
		mix(t(1), r),
		mix(mix(t(2), r), p1),
		mix(mix(t(3), r), n1),
		mix(mix(t(4), p1), n1),
		mix(mix(mix(t(5), r), sp1), sn1),
		mix(mix(t(6), p2), p1),
		mix(mix(t(7), n1), n2),
		mix(mix(mix(mix(t(8), sp2), sp1), sn1), sn2),
		mix(t(9), p2),
		mix(t(10), n2),
		mix(mix(t(11), r), bs),
		mix(mix(t(12), bs), sn1),
		mix(mix(t(13), r), bl),
		mix(mix(t(14), bl), sp1),
		mix(mix(t(15), p1), sn1),
		mix(mix(t(16), sp1), n1),
		mix(mix(mix(mix(t(17), r), sp1), sn1), sn2),
		mix(mix(mix(mix(t(18), r), sp2), sp1), sn1),
		mix(mix(mix(t(19), bs), bl), r),
		mix(mix(mix(t(20), p1), n1), n2),
	)
	return fs
}

// bucket maps a token count to a small class.
func bucket(n int) byte {
	switch {
	case n <= 4:
		return byte('0' + n)
	case n <= 6:
		return 'a'
	case n <= 9:
		return 'b'
	case n <= 14:
		return 'c'
	case n <= 24:
		return 'd'
	case n <= 39:
		return 'e'
	}
	return 'f'
}

// shape summarises w as a number: its characters classed as upper, lower,
// digit or themselves (ASCII punctuation), repeats collapsed, at most five
// classes, and whether w is longer than that.
func shape(w string) uint64 {
	var h uint64
	var prev byte
	k := 0
	for i := 0; i < len(w); {
		var c byte
		r, size := rune(w[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(w[i:])
		}
		i += size
		switch {
		case 'A' <= r && r <= 'Z':
			c = 'X'
		case 'a' <= r && r <= 'z':
			c = 'x'
		case '0' <= r && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		default:
			c = 'u'
		}
		if c == prev {
			continue
		}
		prev = c
		if k == 5 {
			h = h<<8 | '+'
			break
		}
		h = h<<8 | uint64(c)
		k++
	}
	return h
}

// BoundaryText is a training text for the boundary model: raw text, with
// the byte offset of the end of every gold sentence.
type BoundaryText struct {
	Text string
	Ends []int
}

// BoundaryTrainOptions tune TrainBoundaryModel.
type BoundaryTrainOptions struct {
	Epochs int     // passes over the data (0: 5)
	Seed   int64   // shuffles the paragraphs before every pass
	Prune  float32 // drop features whose averaged weights are all at most this
	Log    io.Writer
}

// TrainBoundaryModel trains the boundary model on texts, paragraph by
// paragraph in an order shuffled with opts.Seed, deciding every gap as
// revise does (with thresholds 0) and learning from its mistakes.
func TrainBoundaryModel(texts []BoundaryText, opts BoundaryTrainOptions) (*perceptron.Model, error) {
	if opts.Epochs <= 0 {
		opts.Epochs = 5
	}
	type para struct {
		w    *gapWalk
		gold []bool // gold[i]: a gold sentence ends after toks[i]
		a, b int    // token range
	}
	var paras []para
	for _, t := range texts {
		toks := Tokens(t.Text)
		if len(toks) == 0 {
			continue
		}
		if !sort.IntsAreSorted(t.Ends) {
			return nil, errors.New("tokenize: boundary training ends are not sorted")
		}
		w := newGapWalk(t.Text, toks, ruleEnds(t.Text, toks))
		gold := make([]bool, len(toks))
		for i := range toks {
			k := sort.SearchInts(t.Ends, toks[i].End)
			gold[i] = k < len(t.Ends) && t.Ends[k] == toks[i].End
		}
		for a := 0; a < len(toks); {
			b := paragraphEnd(t.Text, toks, a)
			paras = append(paras, para{w, gold, a, b})
			a = b
		}
	}
	if len(paras) == 0 {
		return nil, errors.New("tokenize: no boundary training text")
	}
	tr := perceptron.NewTrainer(2)
	rng := rand.New(rand.NewSource(opts.Seed))
	order := make([]int, len(paras))
	for i := range order {
		order[i] = i
	}
	var ends []int
	for ep := 0; ep < opts.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var seen, wrong int
		for _, pi := range order {
			p := paras[pi]
			ends = p.w.paragraph(p.a, p.b, ends[:0], func(i int, fs []uint64) bool {
				var s [2]float32
				tr.Scores(fs, s[:])
				guess, truth := 0, 0
				if s[1]-s[0] > 0 {
					guess = 1
				}
				if p.gold[i] {
					truth = 1
				}
				tr.Tick()
				tr.Update(fs, truth, guess)
				seen++
				if guess != truth {
					wrong++
				}
				return guess == 1
			})
		}
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "sentences: epoch %d: %d gaps, %d mistakes\n", ep+1, seen, wrong)
		}
	}
	return tr.Average(opts.Prune), nil
}
