// Package ud scores tokenization, tagging, lemmatization and dependency
// parsing against Universal Dependencies treebanks the way the CoNLL 2018
// shared-task script (conll18_ud_eval.py) does: ScoreGold when the system
// annotated the gold tokens, ScoreRaw when it tokenized the raw text itself
// and words must first be aligned by their characters.
//
// kg's tokens are syntactic words ("do" "n't"), so the Tokens measure here
// is the 2018 script's Words measure: in English treebanks the words of a
// multi-word token ("don't", "Merkel's") spell it exactly, so each word has
// its own character span and alignment is exact span matching. Relations
// are compared by their universal part (before ':'), as the 2018 script's
// LAS does. The package only measures; it does not read models or run any
// pipeline stage.
package ud

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kg-project/kg/extract/doc"
)

// PRF is one measure: counts, precision, recall and F1 as fractions in
// [0, 1]. For same-tokenization scores Gold == System and all three equal
// the accuracy.
type PRF struct {
	Gold      int     `json:"gold"`
	System    int     `json:"system"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func newPRF(gold, sys, correct int) PRF {
	p := PRF{Gold: gold, System: sys, Correct: correct}
	if sys > 0 {
		p.Precision = float64(correct) / float64(sys)
	}
	if gold > 0 {
		p.Recall = float64(correct) / float64(gold)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
	return p
}

// Scores holds the measures of one evaluation. Tokens and Sentences are
// nil for ScoreGold, which assumes gold tokenization.
type Scores struct {
	Tokens    *PRF `json:"tokens,omitempty"`
	Sentences *PRF `json:"sentences,omitempty"`
	UPOS      PRF  `json:"upos"`
	XPOS      PRF  `json:"xpos"`
	Lemmas    PRF  `json:"lemmas"`
	UAS       PRF  `json:"uas"`
	LAS       PRF  `json:"las"`
	// Warning is set when the gold and system texts differ in their
	// non-whitespace characters, which makes alignment unreliable.
	Warning string `json:"warning,omitempty"`
}

// Lines returns one measure a line, the name first and then the F1 in
// percent with two decimals, e.g. "LAS 84.12".
func (s Scores) Lines() []string {
	var out []string
	add := func(name string, p PRF) {
		out = append(out, fmt.Sprintf("%s %.2f", name, 100*p.F1))
	}
	if s.Tokens != nil {
		add("Tokens", *s.Tokens)
	}
	if s.Sentences != nil {
		add("Sentences", *s.Sentences)
	}
	add("UPOS", s.UPOS)
	add("XPOS", s.XPOS)
	add("Lemmas", s.Lemmas)
	add("UAS", s.UAS)
	add("LAS", s.LAS)
	return out
}

// universal returns the universal part of a relation ("nmod" for
// "nmod:poss").
func universal(rel string) string {
	if k := strings.IndexByte(rel, ':'); k >= 0 {
		return rel[:k]
	}
	return rel
}

type counts struct{ upos, xpos, lemma, uas, las int }

// compare adds the agreement of word s with word g. headOK says whether
// the system head is (aligned to) the gold head.
func (c *counts) compare(g, s *doc.Token, headOK bool) {
	if g.UPOS == s.UPOS {
		c.upos++
	}
	if g.XPOS == s.XPOS {
		c.xpos++
	}
	if g.Lemma == s.Lemma || g.Lemma == "_" {
		c.lemma++
	}
	if headOK {
		c.uas++
		if universal(g.DepRel) == universal(s.DepRel) {
			c.las++
		}
	}
}

func (c counts) scores(gold, sys int) Scores {
	return Scores{
		UPOS:   newPRF(gold, sys, c.upos),
		XPOS:   newPRF(gold, sys, c.xpos),
		Lemmas: newPRF(gold, sys, c.lemma),
		UAS:    newPRF(gold, sys, c.uas),
		LAS:    newPRF(gold, sys, c.las),
	}
}

// ScoreGold scores sys against gold when both have the same sentences and
// tokens (the system annotated gold tokenization). Sentences are paired by
// position and tokens by index; extra tokens or sentences on either side
// count as errors (they lower precision or recall).
func ScoreGold(gold, sys []*doc.Sentence) Scores {
	var c counts
	ng, ns := 0, 0
	for i, g := range gold {
		if g == nil {
			continue
		}
		ng += len(g.Tokens)
		if i >= len(sys) || sys[i] == nil {
			continue
		}
		s := sys[i]
		for k := range g.Tokens {
			if k >= len(s.Tokens) {
				break
			}
			gt, st := &g.Tokens[k], &s.Tokens[k]
			c.compare(gt, st, gt.Head == st.Head && gt.Head >= 0)
		}
	}
	for _, s := range sys {
		if s != nil {
			ns += len(s.Tokens)
		}
	}
	return c.scores(ng, ns)
}

// word is a token placed in non-whitespace character coordinates.
type word struct {
	start, end int // non-whitespace character span
	sent       int // sentence index
	base       int // global index of the sentence's first word
	tok        *doc.Token
}

// charIndex maps byte offsets of a text to the number of non-whitespace
// characters before them.
type charIndex []int32

func newCharIndex(text string) charIndex {
	idx := make(charIndex, len(text)+1)
	var n int32
	for i := 0; i < len(text); {
		r, sz := utf8.DecodeRuneInString(text[i:])
		for k := 0; k < sz; k++ {
			idx[i+k] = n
		}
		if !unicode.IsSpace(r) {
			n++
		}
		i += sz
	}
	idx[len(text)] = n
	return idx
}

func (c charIndex) at(off int) int {
	if off < 0 {
		off = 0
	}
	if off >= len(c) {
		off = len(c) - 1
	}
	return int(c[off])
}

// nonSpace returns the non-whitespace characters of text.
func nonSpace(text string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, text)
}

func place(sents []*doc.Sentence, idx charIndex) (words []word, spans [][2]int) {
	for si, s := range sents {
		if s == nil || len(s.Tokens) == 0 {
			continue
		}
		base := len(words)
		for k := range s.Tokens {
			t := &s.Tokens[k]
			words = append(words, word{start: idx.at(t.Start), end: idx.at(t.End), sent: si, base: base, tok: t})
		}
		spans = append(spans, [2]int{words[base].start, words[len(words)-1].end})
	}
	return words, spans
}

// ScoreRaw scores a system that tokenized and split the raw text itself.
// gold sentences must carry token offsets into goldText (as RawText and
// ReadGold produce); sys token offsets are into sys.Text. Words and
// sentences align when their character spans, counted in non-whitespace
// characters, are equal, as in conll18_ud_eval.py; tagging and parsing
// measures are F1 over aligned words, and a head is correct when the
// system head word is aligned to the gold head word (or both are root).
func ScoreRaw(gold []*doc.Sentence, goldText string, sys *doc.Document) Scores {
	if sys == nil {
		sys = &doc.Document{}
	}
	gw, gs := place(gold, newCharIndex(goldText))
	sysSents := make([]*doc.Sentence, len(sys.Sentences))
	for i := range sys.Sentences {
		sysSents[i] = &sys.Sentences[i]
	}
	sw, ss := place(sysSents, newCharIndex(sys.Text))

	// Align words: both lists are in text order.
	align := make([]int, len(sw)) // system word -> gold word or -1
	matched := 0
	for i, j := 0, 0; j < len(sw); j++ {
		align[j] = -1
		for i < len(gw) && (gw[i].start < sw[j].start || gw[i].start == sw[j].start && gw[i].end < sw[j].end) {
			i++
		}
		if i < len(gw) && gw[i].start == sw[j].start && gw[i].end == sw[j].end {
			align[j] = i
			matched++
			i++
		}
	}
	var c counts
	for j, gi := range align {
		if gi < 0 {
			continue
		}
		g, s := gw[gi], sw[j]
		headOK := false
		switch gh, sh := g.tok.Head, s.tok.Head; {
		case gh == 0 && sh == 0:
			headOK = true
		case gh > 0 && sh > 0 && s.base+sh-1 < len(sw):
			headOK = align[s.base+sh-1] == g.base+gh-1
		}
		c.compare(g.tok, s.tok, headOK)
	}
	sc := c.scores(len(gw), len(sw))
	tok := newPRF(len(gw), len(sw), matched)
	sc.Tokens = &tok

	sm := 0
	for i, j := 0, 0; j < len(ss); j++ {
		for i < len(gs) && (gs[i][0] < ss[j][0] || gs[i][0] == ss[j][0] && gs[i][1] < ss[j][1]) {
			i++
		}
		if i < len(gs) && gs[i] == ss[j] {
			sm++
			i++
		}
	}
	sp := newPRF(len(gs), len(ss), sm)
	sc.Sentences = &sp
	if nonSpace(goldText) != nonSpace(sys.Text) {
		sc.Warning = "gold and system texts differ in non-whitespace characters"
	}
	return sc
}
