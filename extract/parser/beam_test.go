package parser

import (
	"testing"

	"github.com/kg-project/kg/extract/doc"
)

// parseWith parses a copy of g with p at beam width k.
func parseWith(p *Parser, k int, g *doc.Sentence) *doc.Sentence {
	c := *g
	c.Tokens = append([]doc.Token(nil), g.Tokens...)
	w := p.getWork()
	defer p.pool.Put(w)
	w.st.reset(&c)
	if k > 0 {
		p.parseBeam(w, k)
	} else {
		for !w.st.terminal() {
			p.score(w)
			w.st.apply(p.best(w))
		}
	}
	for i := range c.Tokens {
		c.Tokens[i].Head, c.Tokens[i].DepRel = int(w.st.head[i+1]), p.labels[w.st.label[i+1]]
	}
	return &c
}

// A beam of width 1 is the greedy search.
func TestBeamOneIsGreedy(t *testing.T) {
	p := small(t)
	for _, g := range readCorpus(t, "ud-english-ewt/en_ewt-ud-test.conllu", 200) {
		a, b := parseWith(p, 0, g), parseWith(p, 1, g)
		for i := range a.Tokens {
			if a.Tokens[i].Head != b.Tokens[i].Head || a.Tokens[i].DepRel != b.Tokens[i].DepRel {
				t.Fatalf("%s token %d: greedy %d/%s, beam 1 %d/%s", g.ID, i+1,
					a.Tokens[i].Head, a.Tokens[i].DepRel, b.Tokens[i].Head, b.Tokens[i].DepRel)
			}
		}
	}
}

// derivationScore replays the arcs of a parse as the arc-hybrid
// derivation that builds them and sums the model's scores of its actions.
func derivationScore(t *testing.T, p *Parser, s *doc.Sentence) float64 {
	t.Helper()
	g := goldSent{s: s, head: make([]int32, len(s.Tokens)+1), label: make([]int16, len(s.Tokens)+1)}
	for i, tok := range s.Tokens {
		g.head[i+1] = int32(tok.Head)
		for l, name := range p.labels {
			if name == tok.DepRel {
				g.label[i+1] = int16(l)
			}
		}
	}
	w := p.getWork()
	defer p.pool.Put(w)
	st := &w.st
	st.reset(s)
	var sum float64
	for !st.terminal() {
		p.score(w)
		cS, cL, cR := costs(st, &g)
		a := -1
		for x := 0; x < p.nActions() && a < 0; x++ {
			if st.legal(x, p.rootLabel) && actionCost(st, &g, x, cS, cL, cR) == 0 {
				a = x
			}
		}
		if a < 0 {
			t.Fatalf("%s: the parse is not reachable", s.ID)
		}
		sum += float64(w.ts[actType(a)] + w.js[a])
		st.apply(a)
	}
	return sum
}

// A wider beam finds derivations that score at least as well as the
// greedy one on most sentences, and never returns a malformed tree.
func TestBeamScoresAtLeastGreedy(t *testing.T) {
	p := small(t)
	worse, better := 0, 0
	sents := readCorpus(t, "ud-english-ewt/en_ewt-ud-test.conllu", 200)
	for _, g := range sents {
		a, b := parseWith(p, 0, g), parseWith(p, 8, g)
		checkTree(t, g.ID, b)
		sa, sb := derivationScore(t, p, a), derivationScore(t, p, b)
		switch {
		case sb < sa-1e-3:
			worse++
		case sb > sa+1e-3:
			better++
		}
	}
	// Beam search is not exact, so it may lose to greedy now and then,
	// but it must win far more often than it loses.
	if better == 0 || worse > better/4 {
		t.Fatalf("beam 8 scored better than greedy on %d and worse on %d of %d sentences", better, worse, len(sents))
	}
	t.Logf("beam 8 better on %d, worse on %d of %d", better, worse, len(sents))
}

// The canonical oracle derivation rebuilds the gold tree.
func TestOracleSeq(t *testing.T) {
	p := small(t)
	ids := map[string]int16{}
	for i, l := range p.labels {
		ids[l] = int16(i)
	}
	var st state
	n := 0
	for _, s := range readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 300) {
		heads, labels, ok := treeOf(s)
		if !ok {
			continue
		}
		if lifted, _ := Projectivize(heads, labels, func(string) bool { return false }); lifted > 0 {
			continue
		}
		g := goldSent{s: s, head: make([]int32, len(heads)+1), label: make([]int16, len(heads)+1)}
		known := true
		for k := range heads {
			g.head[k+1] = int32(heads[k] + 1)
			l, ok := ids[labels[k]]
			known = known && ok
			g.label[k+1] = l
		}
		if !known {
			continue
		}
		seq := oracleSeq(p, &st, &g, nil)
		if len(seq) != 2*len(s.Tokens) {
			t.Fatalf("%s: %d actions for %d tokens", s.ID, len(seq), len(s.Tokens))
		}
		for i := 1; i <= len(s.Tokens); i++ {
			if st.head[i] != g.head[i] || st.label[i] != g.label[i] {
				t.Fatalf("%s token %d: oracle built %d/%d, gold %d/%d", s.ID, i, st.head[i], st.label[i], g.head[i], g.label[i])
			}
		}
		n++
	}
	if n < 200 {
		t.Fatalf("only %d sentences checked", n)
	}
}

// Global beam training learns: on its own training sentences it parses
// far better than an untrained model, with a beam or greedily.
func TestBeamTraining(t *testing.T) {
	sents := readCorpus(t, "ud-english-ewt/en_ewt-ud-dev.conllu", 300)
	p := Train(sents, TrainOptions{Epochs: 3, Seed: 1, Beam: 4})
	if p.beam != 4 {
		t.Fatalf("beam width %d, want 4", p.beam)
	}
	tc, jc := p.trans.(*table).nc, p.joint.(*table).nc
	if tc != 3 || jc != p.nActions() {
		t.Fatalf("frozen classes %d/%d, want 3/%d", tc, jc, p.nActions())
	}
	sc := Evaluate(sents, p.Parse)
	if sc.UAS() < 80 || sc.LAS() < 70 {
		t.Fatalf("beam-trained parser on its training data: %s", sc)
	}
	for _, g := range sents[:50] {
		c := *g
		c.Tokens = append([]doc.Token(nil), g.Tokens...)
		p.Parse(&c)
		checkTree(t, g.ID, &c)
	}
	t.Logf("training data: %s", sc)
}
