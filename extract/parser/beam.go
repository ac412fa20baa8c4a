package parser

// beamItem is one partial derivation of a beam.
type beamItem struct {
	st    *state
	score float64
}

// beamCand is an action proposed for a beam item: the item, the action
// and the derivation's score after it.
type beamCand struct {
	from  int
	act   int
	score float64
}

// copyConfig makes st the configuration of src: stack, buffer and arcs
// are copied; the per-token hashes of the sentence are shared (a beam's
// states only read them).
func (st *state) copyConfig(src *state) {
	st.n, st.b, st.cl = src.n, src.b, src.cl
	st.stack = append(st.stack[:0], src.stack...)
	m := src.n + 2
	st.head = append(grow(st.head, m)[:0], src.head[:m]...)
	st.label = append(grow(st.label, m)[:0], src.label[:m]...)
	st.lm1 = append(grow(st.lm1, m)[:0], src.lm1[:m]...)
	st.lm2 = append(grow(st.lm2, m)[:0], src.lm2[:m]...)
	st.rm1 = append(grow(st.rm1, m)[:0], src.rm1[:m]...)
	st.rm2 = append(grow(st.rm2, m)[:0], src.rm2[:m]...)
	st.nl = append(grow(st.nl, m)[:0], src.nl[:m]...)
	st.nr = append(grow(st.nr, m)[:0], src.nr[:m]...)
	st.lset = append(grow(st.lset, m)[:0], src.lset[:m]...)
	st.rset = append(grow(st.rset, m)[:0], src.rset[:m]...)
	st.tw, st.tt, st.tp, st.tsuf = src.tw, src.tt, src.tp, src.tsuf
	st.tc0, st.tc1, st.tc2 = src.tc0, src.tc1, src.tc2
}

// beamWork is the scratch space of a beam search, kept in work.
type beamWork struct {
	cur, next []beamItem
	pool      []*state // states not in cur or next
	cands     []beamCand
}

// advance makes the next beam from the candidates: each applies its
// action to a copy of its state; the old states go back to the pool.
func (bw *beamWork) advance() {
	bw.next = bw.next[:0]
	for _, c := range bw.cands {
		st := bw.getState()
		st.copyConfig(bw.cur[c.from].st)
		st.apply(c.act)
		bw.next = append(bw.next, beamItem{st: st, score: c.score})
	}
	for _, it := range bw.cur {
		bw.pool = append(bw.pool, it.st)
	}
	bw.cur, bw.next = bw.next, bw.cur
}

func (bw *beamWork) getState() *state {
	if n := len(bw.pool); n > 0 {
		st := bw.pool[n-1]
		bw.pool = bw.pool[:n-1]
		return st
	}
	return new(state)
}

// parseBeam runs a beam search of width k from the configuration in
// w.st (already reset for the sentence) and leaves the best complete
// derivation in w.st. Derivations of the arc-hybrid system all have 2n
// transitions, so the items of a beam are always comparable.
func (p *Parser) parseBeam(w *work, k int) {
	if w.beam == nil {
		w.beam = new(beamWork)
	}
	bw := w.beam
	root := bw.getState()
	root.copyConfig(&w.st)
	bw.cur = append(bw.cur[:0], beamItem{st: root})
	n := w.st.n
	for steps := 0; steps < 4*n+4; steps++ {
		if bw.cur[0].st.terminal() {
			break
		}
		bw.cands = bw.cands[:0]
		for i, it := range bw.cur {
			p.scoreState(w, it.st)
			bw.cands = p.topActions(w, it.st, i, it.score, k, bw.cands)
		}
		if len(bw.cands) == 0 {
			break
		}
		bw.advance()
	}
	w.st.copyConfig(bw.cur[0].st)
	for _, it := range bw.cur {
		bw.pool = append(bw.pool, it.st)
	}
	bw.cur = bw.cur[:0]
}

// topActions adds the legal actions of item from (state st, derivation
// score base) to cands, which holds at most k candidates sorted by
// decreasing score; on equal scores earlier items and actions win. Only
// the best label of each arc type is proposed: a beam of one tree's label
// variants would leave no room for other trees (on the shipped model,
// EWT dev predicted tags, beam 4: UAS/LAS 84.97/78.53 with every label
// proposed).
func (p *Parser) topActions(w *work, st *state, from int, base float64, k int, cands []beamCand) []beamCand {
	add := func(a int, s float32) {
		sc := base + float64(s)
		if len(cands) == k && sc <= cands[k-1].score {
			return
		}
		i := len(cands)
		if i < k {
			cands = append(cands, beamCand{})
		} else {
			i = k - 1
		}
		for i > 0 && cands[i-1].score < sc {
			cands[i] = cands[i-1]
			i--
		}
		cands[i] = beamCand{from, a, sc}
	}
	if st.typeLegal(shift) {
		add(shift, w.ts[shift]+w.js[0])
	}
	okL, okR := st.typeLegal(left), st.typeLegal(right)
	rootOnly := len(st.stack) >= 2 && st.stack[len(st.stack)-2] == 0
	bestL, bestR := -1, -1
	var scL, scR float32
	for l := range p.labels {
		if okL && l != p.rootLabel {
			if s := w.js[leftAct(l)]; bestL < 0 || s > scL {
				bestL, scL = leftAct(l), s
			}
		}
		if okR && (l == p.rootLabel) == rootOnly {
			if s := w.js[rightAct(l)]; bestR < 0 || s > scR {
				bestR, scR = rightAct(l), s
			}
		}
	}
	if bestL >= 0 {
		add(bestL, w.ts[left]+scL)
	}
	if bestR >= 0 {
		add(bestR, w.ts[right]+scR)
	}
	return cands
}
