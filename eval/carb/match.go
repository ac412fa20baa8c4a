package carb

import "strings"

// pr is the precision and recall of one system tuple against one gold
// tuple.
type pr struct{ p, r float64 }

// less orders scores as Python orders [precision, recall] lists.
func (a pr) less(b pr) bool { return a.p < b.p || (a.p == b.p && a.r < b.r) }

// Match scores the system tuple sys against the gold tuple gold with
// CaRB's binary lenient matcher and returns the precision (share of the
// system words found in the gold tuple) and recall (share of the gold
// words found in the system tuple). Both are 0 when the relations share no
// word.
func Match(gold, sys Extraction) (precision, recall float64) {
	g, s := prepare(gold), prepare(sys)
	m := match(&g, &s)
	return m.p, m.r
}

// saidVerbs are the relation substrings for which swapped system arguments
// are also tried (the original lists "adds" twice).
var saidVerbs = []string{"said", "told", "added", "adds", "says"}

func match(g, s *tuple) pr {
	straight := lenient(g, s.rel, s.args)
	said := false
	for _, v := range saidVerbs {
		if strings.Contains(g.relation, v) {
			said = true
			break
		}
	}
	if !said {
		return straight
	}
	rev := lenient(g, s.rel, s.swapped)
	if straight.less(rev) {
		return rev
	}
	return straight
}

// beForms are the gold words a system relation word "be" may match.
var beForms = []string{"be", "is", "am", "are", "was", "were", "been", "being"}

// lenient is CaRB's linient_tuple_match on binarised tuples.
func lenient(g *tuple, srel []string, sargs [][]string) pr {
	var buf [32]string
	pw := append(buf[:0], srel...)
	pDen, rDen := len(pw), len(g.rel)
	m := 0
	pw, m = overlap(g.rel, pw)
	if i := index(pw, "be"); i >= 0 {
		for _, f := range beForms {
			if index(g.rel, f) >= 0 {
				m++
				pw = append(pw[:i], pw[i+1:]...)
				break
			}
		}
	}
	if m == 0 {
		return pr{}
	}
	pNum, rNum := m, m
	for i, gw := range g.args {
		rDen += len(gw)
		if i >= len(sargs) {
			// The original skips missing slots beyond the second; binary
			// tuples have at most two, so a missing slot always fails.
			if i < 2 {
				return pr{}
			}
			continue
		}
		pw = append(pw[:0], sargs[i]...)
		pDen += len(pw)
		_, k := overlap(gw, pw)
		pNum += k
		rNum += k
	}
	var res pr
	if pDen > 0 {
		res.p = float64(pNum) / float64(pDen)
	}
	if rDen > 0 {
		res.r = float64(rNum) / float64(rDen)
	}
	return res
}

// overlap counts the gold words found in pw, each system word used once;
// the used words are removed from pw, which is returned.
func overlap(gold, pw []string) ([]string, int) {
	n := 0
	for _, w := range gold {
		if i := index(pw, w); i >= 0 {
			n++
			pw = append(pw[:i], pw[i+1:]...)
		}
	}
	return pw, n
}

func index(ws []string, w string) int {
	for i, x := range ws {
		if x == w {
			return i
		}
	}
	return -1
}
