// Package carb scores Open IE output against the CaRB benchmark
// (Bhardwaj, Aggarwal and Mausam, EMNLP 2019), reproducing the published
// Python scorer (carb.py with Matcher.binary_linient_tuple_match, the
// tabbed system reader and the gold reader) so that figures computed here
// are comparable with published ones.
//
// Scoring, as the original does it:
//   - Sentences are matched by a key made from the sentence string with
//     spaces removed, PTB brackets (-LRB- …) unescaped and ASCII
//     punctuation removed. Should two different sentences give the same key,
//     the later one replaces the earlier one, as in the original.
//   - Arguments after the first are joined into one object (binary match).
//   - Each gold/system pair gets a precision and a recall from word
//     overlap (words split on white space, compared exactly: the original
//     ignores its ignoreCase/ignoreStopwords flags in this matcher), slot by
//     slot. A pair that shares no relation word scores 0; a system relation
//     word "be" also matches one gold form of "be" (is, are, was, …). A
//     system tuple lacking a slot the gold tuple has scores 0. For gold
//     relations containing said/told/added/adds/says the system arguments
//     are also tried swapped, keeping the better score.
//   - For every distinct system confidence t (ascending; confidences of
//     sentences without gold tuples count too), only tuples with
//     confidence >= t count: a gold tuple's recall is its best recall over
//     them, and precision comes from a greedy one-to-one matching of gold to
//     system tuples by precision; unmatched system tuples count 0.
//   - The reported point is the threshold with the best F1 (the lowest such
//     threshold on ties); AUC is the trapezoidal area under the
//     precision–recall points with (recall 0, precision 1) appended.
//
// One deliberate deviation: where precision and recall are both 0 at a
// threshold, F1 is 0 (the original's numpy arithmetic yields NaN there,
// which its argmax would then pick). The original's repeated arg-max
// matching is computed by one scan of the pairs sorted by precision, which
// picks the same pairs and keeps long system outputs tractable.
//
// Note that, unlike what summaries of CaRB often say, the matcher does not
// lower-case or drop stopwords: with that, OpenIE-5 on the dev set would
// score F1 0.4045 instead of the published 0.4581 that this package
// reproduces.
//
// The package only scores: it does not extract tuples, normalise system
// output or change any counting rule to flatter a system.
package carb

import (
	"fmt"
	"sort"
	"strings"
)

// Result is the CaRB score of a system at its best confidence threshold.
type Result struct {
	Precision, Recall, F1 float64
	// AUC is the area under the precision–recall curve.
	AUC float64
	// Threshold is the confidence at which F1 is best.
	Threshold float64
	// Curve holds one point per distinct system confidence, ascending.
	Curve []Point
	// Gold and System count the tuples taking part in the scoring (after
	// sentence matching: sentences whose keys collide drop out, as in the
	// original).
	Gold, System int
}

// Point is the precision and recall when only tuples with confidence at
// least Threshold are kept.
type Point struct {
	Threshold, Precision, Recall float64
}

// Lines returns the measures one a line: "P 0.5257", "R 0.4059",
// "F1 0.4581", "AUC 0.2400", "Threshold 0.xxxx".
func (r Result) Lines() []string {
	return []string{
		fmt.Sprintf("P %.4f", r.Precision),
		fmt.Sprintf("R %.4f", r.Recall),
		fmt.Sprintf("F1 %.4f", r.F1),
		fmt.Sprintf("AUC %.4f", r.AUC),
		fmt.Sprintf("Threshold %.4f", r.Threshold),
	}
}

// String returns Lines joined by newlines.
func (r Result) String() string { return strings.Join(r.Lines(), "\n") }

// tuple is an Extraction prepared for matching.
type tuple struct {
	conf     float64
	relation string   // as read, for the said-type test
	rel      []string // relation words
	args     [][]string
	swapped  [][]string // system only: arguments with the object first
}

func prepare(e Extraction) tuple {
	t := tuple{conf: e.Confidence, relation: e.Relation, rel: pyFields(e.Relation)}
	t.args = binary(e.Args)
	if len(e.Args) >= 2 {
		t.swapped = [][]string{joinFields(e.Args[1:]), pyFields(e.Args[0])}
	} else {
		t.swapped = t.args
	}
	return t
}

// binary joins arguments after the first into one object.
func binary(args []string) [][]string {
	switch len(args) {
	case 0:
		return nil
	case 1:
		return [][]string{pyFields(args[0])}
	}
	return [][]string{pyFields(args[0]), joinFields(args[1:])}
}

func joinFields(args []string) []string {
	var w []string
	for _, a := range args {
		w = append(w, pyFields(a)...)
	}
	return w
}

// group is the tuples of one sentence.
type group[T any] struct {
	key   string
	items []T
}

// groupBy groups items by raw sentence (first-seen order), then by
// normalised key, a later raw sentence replacing an earlier one with the
// same key (Python dict semantics of the original).
func groupBy[T any](items []T, sentence func(T) string) []group[T] {
	var raw []group[T]
	rawIdx := map[string]int{}
	for _, it := range items {
		s := sentence(it)
		i, ok := rawIdx[s]
		if !ok {
			i = len(raw)
			rawIdx[s] = i
			raw = append(raw, group[T]{key: s})
		}
		raw[i].items = append(raw[i].items, it)
	}
	var out []group[T]
	idx := map[string]int{}
	for _, g := range raw {
		k := normalizeKey(g.key)
		if i, ok := idx[k]; ok {
			out[i].items = g.items
			continue
		}
		idx[k] = len(out)
		out = append(out, group[T]{key: k, items: g.items})
	}
	return out
}

var ptbUnescape = strings.NewReplacer(
	"-LRB-", "(", "-RRB-", ")", "-LSB-", "[", "-RSB-", "]", "-LCB-", "{", "-RCB-", "}",
)

// normalizeKey is the sentence key of the original: spaces removed, PTB
// brackets unescaped, ASCII punctuation removed.
func normalizeKey(s string) string {
	s = strings.ReplaceAll(s, " ", "")
	s = ptbUnescape.Replace(s)
	return strings.Map(func(r rune) rune {
		if r < 128 && strings.ContainsRune(asciiPunct, r) {
			return -1
		}
		return r
	}, s)
}

// asciiPunct is Python's string.punctuation.
const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// Score computes the CaRB scores of s against g.
func Score(g Gold, s System) Result {
	golds := groupBy(g.Extractions, func(e Extraction) string { return pyStrip(e.Sentence) })
	syss := groupBy(s.Extractions, func(e Extraction) string { return e.Sentence })

	sysByKey := make(map[string][]Extraction, len(syss))
	var res Result
	var confs []float64
	for _, sg := range syss {
		sysByKey[sg.key] = sg.items
		for _, e := range sg.items {
			confs = append(confs, e.Confidence)
		}
		res.System += len(sg.items)
	}
	sort.Float64s(confs)
	thr := confs[:0]
	for i, c := range confs {
		if i == 0 || c != confs[i-1] {
			thr = append(thr, c)
		}
	}
	n := len(thr)
	// Sums per threshold index, in gold sentence order as in the original:
	// a sentence adds the same amounts to every threshold above one of its
	// own confidences and up to the next; r's denominator is the gold count.
	p := make([]float64, n)
	pl := make([]float64, n)
	r := make([]float64, n)
	totalGold := 0

	for _, gg := range golds {
		totalGold += len(gg.items)
		preds := sysByKey[gg.key]
		if len(preds) == 0 {
			continue
		}
		gt := make([]tuple, len(gg.items))
		for i, e := range gg.items {
			gt[i] = prepare(e)
		}
		st := make([]tuple, len(preds))
		for j, e := range preds {
			st[j] = prepare(e)
		}
		scores := make([][]pr, len(gt))
		for i := range gt {
			scores[i] = make([]pr, len(st))
			for j := range st {
				scores[i][j] = match(&gt[i], &st[j])
			}
		}
		cells := sortedCells(scores)
		kept := make([]bool, len(st))
		levels := make([]float64, len(st))
		for j := range st {
			levels[j] = st[j].conf
		}
		sort.Float64s(levels)
		prev := 0
		for li, c := range levels {
			if li > 0 && c == levels[li-1] {
				continue
			}
			ci := sort.SearchFloat64s(thr, c)
			nKept := 0
			for j := range st {
				kept[j] = st[j].conf >= c
				if kept[j] {
					nKept++
				}
			}
			pn := greedyPrecision(cells, len(gt), kept, nKept)
			rn := 0.0
			for i := range scores {
				best := 0.0
				for j, ok := range kept {
					if ok && scores[i][j].r > best {
						best = scores[i][j].r
					}
				}
				rn += best
			}
			for k := prev; k <= ci; k++ {
				p[k] += pn
				pl[k] += float64(nKept)
				r[k] += rn
			}
			prev = ci + 1
		}
	}
	res.Gold = totalGold

	if n == 0 {
		return res
	}
	res.Curve = make([]Point, n)
	bestF := -1.0
	for k := 0; k < n; k++ {
		pt := Point{Threshold: thr[k], Precision: 1}
		if pl[k] > 0 {
			pt.Precision = p[k] / pl[k]
		}
		if totalGold > 0 {
			pt.Recall = r[k] / float64(totalGold)
		}
		res.Curve[k] = pt
		f := f1(pt.Precision, pt.Recall)
		if f > bestF {
			bestF = f
			res.Precision, res.Recall, res.F1, res.Threshold = pt.Precision, pt.Recall, f, pt.Threshold
		}
	}
	res.AUC = auc(res.Curve)
	return res
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// auc is the trapezoidal area under the curve's precision over recall,
// with (recall 0, precision 1) appended; recall does not increase with the
// threshold, so the points run from high recall to low.
func auc(curve []Point) float64 {
	area := 0.0
	for k := 0; k < len(curve); k++ {
		x0, y0 := curve[k].Recall, curve[k].Precision
		x1, y1 := 0.0, 1.0
		if k+1 < len(curve) {
			x1, y1 = curve[k+1].Recall, curve[k+1].Precision
		}
		area += (x0 - x1) * (y0 + y1) / 2
	}
	return area
}

// cell is one gold/system pair of a sentence.
type cell struct {
	i, j int
	p    float64
}

// sortedCells returns all pairs by descending precision, ties in gold then
// system order: the order in which the original's repeated arg-max picks
// them.
func sortedCells(scores [][]pr) []cell {
	var cs []cell
	for i, row := range scores {
		for j, s := range row {
			cs = append(cs, cell{i, j, s.p})
		}
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].p > cs[b].p })
	return cs
}

// greedyPrecision sums the precisions of the original's greedy one-to-one
// matching among the kept system tuples: repeatedly take the free
// gold/system pair with the highest precision (first in gold-then-system
// order on ties) until one side runs out. Scanning the pairs once in
// sortedCells order gives the same matching as the repeated arg-max.
func greedyPrecision(cells []cell, rows int, kept []bool, nKept int) float64 {
	m := min(rows, nKept)
	usedRow := make([]bool, rows)
	usedCol := make([]bool, len(kept))
	sum := 0.0
	for _, c := range cells {
		if m == 0 {
			break
		}
		if !kept[c.j] || usedRow[c.i] || usedCol[c.j] {
			continue
		}
		usedRow[c.i], usedCol[c.j] = true, true
		sum += c.p
		m--
	}
	return sum
}
