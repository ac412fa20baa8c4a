package parser

import (
	"fmt"
	"io"
	"math"
	"math/rand"
	"sort"

	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/perceptron"
	"github.com/kg-project/kg/extract/wordclass"
)

// TrainOptions controls Train. Zero values select the defaults noted.
type TrainOptions struct {
	Epochs      int     // passes over the data (default 15)
	Seed        int64   // shuffling and exploration seed
	ExploreFrom int     // first epoch (0-based) that follows its own predictions (default 1; negative: never)
	ExploreProb float64 // probability of following a wrong prediction when exploring (default 0.9)
	Prune       float32 // drop features whose averaged weights are all ≤ Prune in magnitude (default 0: keep non-zero)
	// MinLift is the minimum count for a lifted label "rel|headrel" to be
	// encoded (default 2); rarer lifts are kept lifted with a plain label.
	MinLift int
	// Dev, when set, is parsed after each epoch listed in EvalEpochs (or
	// after every epoch when EvalEpochs is empty) and the score logged.
	Dev        []*doc.Sentence
	EvalEpochs []int
	// Beam, above 1, trains globally with a beam of this width
	// (beamtrain.go) instead of greedily with the dynamic oracle; the
	// parser then parses with that beam (not saved with the model).
	Beam int
	Log  io.Writer // progress messages; nil for none
	// RichJoint gives the labelled-action model a larger feature set
	// (more word conjunctions); it costs memory in training.
	RichJoint bool
	// Coarse adds universal-tag and suffix conjunctions to both models,
	// for robustness to tagging errors within a coarse class.
	Coarse bool
	// Clusters, when set, adds word-cluster features (extract/wordclass)
	// to both models; the table is saved with the model.
	Clusters *wordclass.Table
	// LabelCtx adds to the labelled-action model the leftmost child word
	// of s0 (a case marker or subordinator) with each candidate head, the
	// label sets of s0's children and of the heads' children, and word
	// pairs of s0 with its candidate heads.
	LabelCtx bool
}

// TrainStats describes the training data as Train saw it.
type TrainStats struct {
	Sentences   int // sentences used
	Skipped     int // sentences that were not single-rooted trees
	NonProj     int // sentences with at least one non-projective arc
	Lifted      int // arcs lifted
	Encoded     int // lifted arcs whose label records the lift
	Labels      int // label set size including encoded lifts
	TransFeats  int // features kept in the transition model
	JointFeats  int // features kept in the labelled-action model
	FinalTrainA float64
}

type goldSent struct {
	s     *doc.Sentence
	head  []int32 // 1-based, index 0 unused
	label []int16
}

// Train trains a parser on treebank sentences (gold Head and DepRel; the
// tags present on the tokens are the ones features will see, so train on
// the kind of tags the parser will get at run time).
func Train(sents []*doc.Sentence, opts TrainOptions) *Parser {
	p, _ := TrainWithStats(sents, opts)
	return p
}

// TrainWithStats is Train that also reports what it did with the data.
func TrainWithStats(sents []*doc.Sentence, opts TrainOptions) (*Parser, TrainStats) {
	if opts.Epochs <= 0 {
		opts.Epochs = 15
	}
	if opts.ExploreFrom == 0 {
		opts.ExploreFrom = 1
	}
	if opts.ExploreProb == 0 {
		opts.ExploreProb = 0.9
	}
	if opts.MinLift <= 0 {
		opts.MinLift = 2
	}
	logf := func(format string, a ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format, a...)
		}
	}
	var stats TrainStats

	// Pass 1: validate trees and count the lifted labels they would need.
	type prepared struct {
		s      *doc.Sentence
		heads  []int
		labels []string
	}
	var data []prepared
	liftCount := map[string]int{}
	for _, s := range sents {
		heads, labels, ok := treeOf(s)
		if !ok {
			stats.Skipped++
			continue
		}
		h2 := append([]int(nil), heads...)
		l2 := append([]string(nil), labels...)
		if n, _ := Projectivize(h2, l2, nil); n > 0 {
			stats.NonProj++
			for i := range l2 {
				if l2[i] != labels[i] {
					liftCount[l2[i]]++
				}
			}
		}
		data = append(data, prepared{s, heads, labels})
	}
	encode := func(l string) bool { return liftCount[l] >= opts.MinLift }
	labelSet := map[string]bool{"root": true}
	for _, d := range data {
		l, e := Projectivize(d.heads, d.labels, encode)
		stats.Lifted += l
		stats.Encoded += e
		for _, x := range d.labels {
			labelSet[x] = true
		}
	}
	labels := make([]string, 0, len(labelSet))
	for l := range labelSet {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	labelID := map[string]int16{}
	for i, l := range labels {
		labelID[l] = int16(i)
	}
	stats.Labels = len(labels)
	stats.Sentences = len(data)
	gold := make([]goldSent, len(data))
	for i, d := range data {
		g := goldSent{s: d.s, head: make([]int32, len(d.heads)+1), label: make([]int16, len(d.heads)+1)}
		for k := range d.heads {
			g.head[k+1] = int32(d.heads[k] + 1)
			g.label[k+1] = labelID[d.labels[k]]
		}
		gold[i] = g
	}
	logf("parser: %d sentences (%d skipped), %d non-projective, %d arcs lifted (%d encoded), %d labels\n",
		stats.Sentences, stats.Skipped, stats.NonProj, stats.Lifted, stats.Encoded, stats.Labels)

	p := &Parser{labels: labels, rootLabel: int(labelID["root"]), lifted: make([]bool, len(labels)), richJoint: opts.RichJoint, coarse: opts.Coarse, cl: opts.Clusters, labelCtx: opts.LabelCtx}
	for i, l := range labels {
		p.lifted[i] = containsSep(l)
	}
	tt := perceptron.NewTrainer(3)
	jt := perceptron.NewTrainer(p.nActions())
	var bt *beamTrainer
	if opts.Beam > 1 {
		// One spare class each (see beamtrain.go).
		tt = perceptron.NewTrainer(4)
		jt = perceptron.NewTrainer(p.nActions() + 1)
		bt = &beamTrainer{k: opts.Beam, tt: tt, jt: jt}
		p.beam = opts.Beam
	}
	p.trans, p.joint = tt, jt

	rng := rand.New(rand.NewSource(opts.Seed))
	order := make([]int, len(gold))
	for i := range order {
		order[i] = i
	}
	w := &work{ts: make([]float32, tt.NClasses), js: make([]float32, jt.NClasses)}
	evalAt := map[int]bool{}
	for _, e := range opts.EvalEpochs {
		evalAt[e] = true
	}
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		explore := opts.ExploreFrom >= 0 && epoch >= opts.ExploreFrom
		var steps, correct int
		for _, idx := range order {
			g := &gold[idx]
			if bt != nil {
				steps++
				if p.trainSentence(w, bt, g) {
					correct++
				}
				continue
			}
			st := &w.st
			st.cl = opts.Clusters
			st.reset(g.s)
			for guard := 0; !st.terminal() && guard < 4*st.n+4; guard++ {
				p.score(w)
				pred := p.best(w)
				if pred < 0 {
					break
				}
				cS, cL, cR := costs(st, g)
				cost := func(a int) int { return actionCost(st, g, a, cS, cL, cR) }
				// The best-scoring action among the cheapest legal ones.
				minCost, best, bestScore := math.MaxInt, -1, float32(math.Inf(-1))
				for a := 0; a < p.nActions(); a++ {
					if !st.legal(a, p.rootLabel) {
						continue
					}
					c := cost(a)
					sc := w.ts[actType(a)] + w.js[a]
					if c < minCost || (c == minCost && sc > bestScore) {
						minCost, best, bestScore = c, a, sc
					}
				}
				steps++
				tt.Tick()
				jt.Tick()
				next := pred
				if cost(pred) > minCost {
					tt.Update(st.feats, actType(best), actType(pred))
					jt.Update(st.jfeats, best, pred)
					if !explore || rng.Float64() >= opts.ExploreProb {
						next = best
					}
				} else {
					correct++
				}
				st.apply(next)
			}
		}
		stats.FinalTrainA = float64(correct) / float64(max(steps, 1))
		unit := "transitions"
		if bt != nil {
			unit = "sentences" // correct: the beam's best derivation is the gold one
		}
		logf("parser: epoch %d: %d %s, %.2f%% correct, %d+%d features\n",
			epoch+1, steps, unit, 100*stats.FinalTrainA, tt.NClasses, jt.NClasses)
		if len(opts.Dev) > 0 && (len(evalAt) == 0 || evalAt[epoch+1]) {
			if q, err := freeze(labels, tt, jt, opts.Prune, p); err == nil {
				sc := Evaluate(opts.Dev, q.Parse)
				logf("parser: epoch %d dev: %s\n", epoch+1, sc)
			}
		}
	}
	out, err := freeze(labels, tt, jt, opts.Prune, p)
	if err != nil { // cannot happen: "root" is always in the label set
		logf("parser: %v\n", err)
		return &Parser{}, stats
	}
	stats.TransFeats, stats.JointFeats = len(out.trans.(*table).rowKeys), len(out.joint.(*table).rowKeys)
	logf("parser: %d transition features, %d labelled-action features\n", stats.TransFeats, stats.JointFeats)
	return out, stats
}

// freeze averages the trainers into a parser with proto's feature set.
func freeze(labels []string, tt, jt *perceptron.Trainer, prune float32, proto *Parser) (*Parser, error) {
	spare := tt.NClasses == 4 // global training's spare classes
	th := prune
	if spare {
		prune = 0 // after dropping them
	}
	tm, err := tableFromModel(tt.Average(prune))
	if err != nil {
		return nil, err
	}
	jm, err := tableFromModel(jt.Average(prune))
	if err != nil {
		return nil, err
	}
	if spare {
		tm = tm.withoutLastClass().pruned(th)
		jm = jm.withoutLastClass().pruned(th)
	}
	p, err := newParser(labels, tm, jm)
	if err != nil {
		return nil, err
	}
	p.richJoint, p.coarse, p.cl, p.labelCtx, p.beam = proto.richJoint, proto.coarse, proto.cl, proto.labelCtx, proto.beam
	return p, nil
}

func containsSep(s string) bool {
	for i := 0; i+len(liftSep) <= len(s); i++ {
		if s[i:i+len(liftSep)] == liftSep {
			return true
		}
	}
	return false
}

// treeOf returns 0-based heads (-1 root) and labels of a treebank
// sentence, and whether they form a single-rooted tree.
func treeOf(s *doc.Sentence) ([]int, []string, bool) {
	n := len(s.Tokens)
	if n == 0 {
		return nil, nil, false
	}
	heads := make([]int, n)
	labels := make([]string, n)
	roots := 0
	for i, t := range s.Tokens {
		if t.Head < 0 || t.Head > n || t.Head == i+1 || t.DepRel == "" || containsSep(t.DepRel) {
			return nil, nil, false
		}
		heads[i] = t.Head - 1
		labels[i] = t.DepRel
		if t.Head == 0 {
			roots++
			labels[i] = "root"
		} else if t.DepRel == "root" {
			return nil, nil, false
		}
	}
	if roots != 1 {
		return nil, nil, false
	}
	for i := range heads {
		if !reachesRoot(heads, i) {
			return nil, nil, false
		}
	}
	return heads, labels, true
}

// actionCost is the cost of the labelled action a given the unlabelled
// costs from costs: a wrong label on a gold arc costs one more.
func actionCost(st *state, g *goldSent, a, cS, cL, cR int) int {
	s0 := st.stack[len(st.stack)-1]
	switch actType(a) {
	case shift:
		return cS
	case left:
		c := cL
		if g.head[s0] == st.b && int(g.label[s0]) != actLabel(a) {
			c++
		}
		return c
	default:
		c := cR
		if g.head[s0] == st.stack[len(st.stack)-2] && int(g.label[s0]) != actLabel(a) {
			c++
		}
		return c
	}
}

// costs returns the number of gold arcs each unlabelled transition type
// makes unreachable (Goldberg & Nivre 2013, arc-hybrid); the label part is
// added by the caller. Illegal types get a cost that is never used.
func costs(st *state, g *goldSent) (cS, cL, cR int) {
	sp := len(st.stack)
	b := st.b
	n := int32(st.n)
	s0 := st.stack[sp-1]
	bufNonEmpty := b <= n
	// Dependents of s0 still in the buffer.
	depsInBuf := 0
	if s0 != 0 {
		for k := b; k <= n; k++ {
			if g.head[k] == s0 {
				depsInBuf++
			}
		}
	}
	if bufNonEmpty {
		for i := 0; i < sp; i++ {
			k := st.stack[i]
			if k != 0 && g.head[k] == b {
				cS++
			}
			if i < sp-1 && g.head[b] == k {
				cS++
			}
		}
	}
	if s0 != 0 {
		h := g.head[s0]
		var s1 int32 = -1
		if sp >= 2 {
			s1 = st.stack[sp-2]
		}
		cL = depsInBuf
		if h != b && (h == s1 || h >= b) {
			cL++
		}
		cR = depsInBuf
		if h >= b {
			cR++
		}
	}
	return cS, cL, cR
}
