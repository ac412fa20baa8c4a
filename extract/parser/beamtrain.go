package parser

import (
	"github.com/kg-project/kg/extract/perceptron"
)

// Global training of a beam parser: a structured perceptron with
// max-violation updates (Huang, Fayong & Guo 2012) over the arc-hybrid
// derivations of a beam of width k (Zhang & Nivre 2011 trained with early
// update). The trainers carry one class more than the parser needs (the
// last, dropped when the model is frozen): perceptron.Trainer.Update can
// only reward one class and penalise another for the same features, so a
// feature vector is rewarded alone by penalising nothing and penalised
// alone by rewarding the spare class.
//
// Measured, EWT dev, UAS/LAS (universal labels):
//
//   - first 2000 sentences of EWT train, 4 epochs, gold tags, no coarse
//     features: greedy with the dynamic oracle 81.98/77.67; beam 4,
//     every label proposed, 80.92/75.50; beam 4, the best label of each
//     arc type proposed (topActions) 82.22/77.44, and the same model
//     decoded greedily 77.79/73.17;
//   - first 8000 sentences of jackknifed EWT + GUM train, 6 epochs,
//     coarse features, prune 2.5, predicted tags: greedy 83.08/78.52
//     (seed 2: 83.17/78.53), beam 2 83.62/78.67, beam 4 83.83/78.80
//     (gold tags 85.83/82.55, 86.38/82.62, 86.26/82.51); training takes
//     about 1.8x (beam 2) and 2.7x (beam 4) the greedy time.
//
// Not used: parsing with a beam of 2 takes about 1.5x the time of the
// greedy parse and 4 about 2.8x (ptool -beams, EWT dev), and the parser is most of the
// time of extract.Analyze, which must stay at 30,000 tokens/s or more.

// oracleSeq returns the canonical derivation of the gold tree of g: at
// each step the first zero-cost legal action, arcs before SHIFT.
func oracleSeq(p *Parser, st *state, g *goldSent, seq []int) []int {
	seq = seq[:0]
	st.reset(g.s)
	order := [3]int{left, right, shift}
	for guard := 0; !st.terminal() && guard < 4*st.n+4; guard++ {
		cS, cL, cR := costs(st, g)
		a := -1
		for _, typ := range order {
			if !st.typeLegal(typ) {
				continue
			}
			switch typ {
			case shift:
				if cS == 0 {
					a = shift
				}
			case left:
				s0 := st.stack[len(st.stack)-1]
				if cL == 0 && g.head[s0] == st.b {
					a = leftAct(int(g.label[s0]))
				}
			case right:
				s0 := st.stack[len(st.stack)-1]
				if cR == 0 && g.head[s0] == st.stack[len(st.stack)-2] {
					a = rightAct(int(g.label[s0]))
				}
			}
			if a >= 0 {
				break
			}
		}
		if a < 0 || !st.legal(a, p.rootLabel) {
			return nil // not reachable (cannot happen for a projective tree)
		}
		seq = append(seq, a)
		st.apply(a)
	}
	return seq
}

// beamTrainer holds the scratch space of global training.
type beamTrainer struct {
	k       int
	tt, jt  *perceptron.Trainer // with one spare class each
	gold    []int
	hist    [][]beamCand // per step, the candidates kept (from = parent index)
	goldSc  []float64    // score of the gold prefix after each step
	goldTop []bool       // whether the gold prefix led the beam after each step
	topSc   []float64    // best beam score after each step
	gst     state
	replayA state
	replayB state
	pathA   []int
}

// trainSentence runs the beam over g and updates the trainers at the
// step of maximal violation. It reports whether the beam's best
// derivation was the gold one.
func (p *Parser) trainSentence(w *work, bt *beamTrainer, g *goldSent) bool {
	w.st.cl, bt.gst.cl, bt.replayA.cl, bt.replayB.cl = p.cl, p.cl, p.cl, p.cl
	bt.gold = oracleSeq(p, &bt.gst, g, bt.gold)
	if bt.gold == nil {
		return true
	}
	if w.beam == nil {
		w.beam = new(beamWork)
	}
	bw := w.beam
	st0 := &w.st
	st0.reset(g.s)
	root := bw.getState()
	root.copyConfig(st0)
	bw.cur = append(bw.cur[:0], beamItem{st: root})
	gst := &bt.gst
	gst.reset(g.s)
	var goldScore float64
	goldIdx := 0 // index in the beam of the gold prefix, -1 once it fell off
	bt.hist = bt.hist[:0]
	bt.goldSc, bt.topSc, bt.goldTop = bt.goldSc[:0], bt.topSc[:0], bt.goldTop[:0]
	for step, ga := range bt.gold {
		bw.cands = bw.cands[:0]
		for i, it := range bw.cur {
			p.scoreState(w, it.st)
			if i == goldIdx {
				goldScore += float64(w.ts[actType(ga)] + w.js[ga])
			}
			bw.cands = p.topActions(w, it.st, i, it.score, bt.k, bw.cands)
		}
		if goldIdx < 0 {
			p.scoreState(w, gst)
			goldScore += float64(w.ts[actType(ga)] + w.js[ga])
		}
		gst.apply(ga)
		if len(bw.cands) == 0 {
			break
		}
		newGold := -1
		for j, c := range bw.cands {
			if goldIdx >= 0 && c.from == goldIdx && c.act == ga {
				newGold = j
			}
		}
		goldIdx = newGold
		if step >= len(bt.hist) {
			bt.hist = append(bt.hist, nil)
		}
		bt.hist = append(bt.hist[:step], append(bt.hist[step][:0], bw.cands...))
		bt.goldSc = append(bt.goldSc, goldScore)
		bt.topSc = append(bt.topSc, bw.cands[0].score)
		bt.goldTop = append(bt.goldTop, goldIdx == 0)
		bw.advance()
	}
	for _, it := range bw.cur {
		bw.pool = append(bw.pool, it.st)
	}
	bw.cur = bw.cur[:0]
	bt.tt.Tick()
	bt.jt.Tick()
	if goldIdx == 0 {
		return true
	}
	// The step of maximal violation: where the beam's best, not the gold
	// prefix, most outscores the gold prefix (ties: the earliest).
	tStar, worst := -1, 0.0
	for t := range bt.topSc {
		if bt.goldTop[t] {
			continue
		}
		if v := bt.topSc[t] - bt.goldSc[t]; tStar < 0 || v > worst {
			tStar, worst = t, v
		}
	}
	if tStar < 0 {
		return false
	}
	// The predicted path up to tStar, from its back-pointers.
	bt.pathA = grow(bt.pathA, tStar+1)
	for t, i := tStar, 0; t >= 0; t-- {
		c := bt.hist[t][i]
		bt.pathA[t] = c.act
		i = c.from
	}
	p.updatePaths(w, bt, g, bt.gold[:tStar+1], bt.pathA[:tStar+1])
	return false
}

// updatePaths rewards the features of the gold actions and penalises
// those of the predicted ones along two derivations of equal length.
func (p *Parser) updatePaths(w *work, bt *beamTrainer, g *goldSent, gold, pred []int) {
	a, b := &bt.replayA, &bt.replayB
	a.reset(g.s)
	b.reset(g.s)
	spareT, spareJ := 3, p.nActions()
	same := true // the prefixes so far are equal, and so are the states
	for t := range gold {
		ga, pa := gold[t], pred[t]
		if same {
			if ga != pa {
				a.features(p.richJoint, p.coarse, p.labelCtx)
				bt.tt.Update(a.feats, actType(ga), actType(pa))
				bt.jt.Update(a.jfeats, ga, pa)
				same = false
				b.copyConfig(a)
			}
		} else {
			a.features(p.richJoint, p.coarse, p.labelCtx)
			bt.tt.Update(a.feats, actType(ga), -1)
			bt.jt.Update(a.jfeats, ga, -1)
			b.features(p.richJoint, p.coarse, p.labelCtx)
			bt.tt.Update(b.feats, spareT, actType(pa))
			bt.jt.Update(b.jfeats, spareJ, pa)
		}
		a.apply(ga)
		if !same {
			b.apply(pa)
		}
	}
}
