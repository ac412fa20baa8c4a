package parser

import (
	"fmt"
	"strings"

	"github.com/kg-project/kg/extract/doc"
)

// Score is an attachment score over a set of sentences, counting every
// word including punctuation, as the CoNLL 2018 shared-task scorer does.
type Score struct {
	Words    int
	Heads    int // correct heads
	Labelled int // correct head and full label (e.g. "nmod:poss")
	Univ     int // correct head and universal label part ("nmod")
}

// UAS returns the unlabelled attachment score in percent.
func (s Score) UAS() float64 { return pct(s.Heads, s.Words) }

// LAS returns the labelled attachment score with full labels, in percent.
func (s Score) LAS() float64 { return pct(s.Labelled, s.Words) }

// ULAS returns the labelled attachment score on the universal part of the
// label (before ':'), the CoNLL 2018 definition of LAS, in percent.
func (s Score) ULAS() float64 { return pct(s.Univ, s.Words) }

func (s Score) String() string {
	return fmt.Sprintf("UAS %.2f LAS %.2f (universal %.2f) over %d words", s.UAS(), s.LAS(), s.ULAS(), s.Words)
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// Add accumulates the comparison of a predicted sentence with its gold.
func (s *Score) Add(gold, pred *doc.Sentence) {
	for i := range gold.Tokens {
		s.Words++
		if i >= len(pred.Tokens) {
			continue
		}
		g, p := gold.Tokens[i], pred.Tokens[i]
		if g.Head != p.Head {
			continue
		}
		s.Heads++
		if g.DepRel == p.DepRel {
			s.Labelled++
		}
		if univ(g.DepRel) == univ(p.DepRel) {
			s.Univ++
		}
	}
}

func univ(l string) string {
	u, _, _ := strings.Cut(l, ":")
	return u
}

// Evaluate parses a copy of each gold sentence (heads and labels cleared,
// tags as they are unless parse replaces them) with parse and scores it.
// To measure with predicted tags, pass a function that tags then parses.
func Evaluate(gold []*doc.Sentence, parse func(*doc.Sentence)) Score {
	var sc Score
	for _, g := range gold {
		c := *g
		c.Tokens = append([]doc.Token(nil), g.Tokens...)
		for i := range c.Tokens {
			c.Tokens[i].Head, c.Tokens[i].DepRel = -1, ""
		}
		parse(&c)
		sc.Add(g, &c)
	}
	return sc
}
