package facts

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kg-project/kg/extract/lexicon"
)

var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "his": true, "her": true, "their": true,
	"its": true, "our": true, "my": true, "your": true,
}

// headStops end the part of a phrase that holds its head word.
var headStops = map[string]bool{
	"of": true, "in": true, "on": true, "at": true, "for": true, "from": true, "with": true,
	"to": true, "by": true, "about": true, "into": true, "over": true, "between": true,
	"against": true, "during": true, "including": true, "who": true, "which": true,
	"that": true, "where": true, "when": true, ",": true, "(": true, "-": true,
}

// normArg normalises an argument for comparison.
func normArg(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"").Replace(s)
	s = strings.Trim(s, " \t\"'.")
	f := strings.Fields(s)
	for len(f) > 1 && determiners[f[0]] {
		f = f[1:]
	}
	if n := len(f); n > 0 {
		f[n-1] = strings.TrimSuffix(f[n-1], "'s")
		if f[n-1] == "'s" || f[n-1] == "" {
			f = f[:n-1]
		}
	}
	return strings.Join(f, " ")
}

// headWord is the stem of the last word of a normalised phrase before the
// first preposition, comma or relative word.
func headWord(norm string) string {
	norm = splitCommas(norm)
	norm = strings.ReplaceAll(norm, "(", " ( ")
	var last string
	for i, w := range strings.Fields(norm) {
		if headStops[w] && i > 0 {
			break
		}
		if w == "'s" {
			continue
		}
		last = w
	}
	return stem(last)
}

// splitCommas makes each comma of s a word of its own, except inside a
// number ("10,000 people" keeps its number whole, so its head is "people").
func splitCommas(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == ',' && !(i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1])) {
			b.WriteString(" , ")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// ArgMatch reports whether a gold argument (alternatives separated by
// "|") matches any of a system argument's names.
func ArgMatch(gold string, names []string) bool {
	for _, g := range strings.Split(gold, "|") {
		ng := normArg(g)
		if ng == "" {
			continue
		}
		hg := headWord(ng)
		for _, n := range names {
			nn := normArg(n)
			if nn == "" {
				continue
			}
			if nn == ng {
				return true
			}
			if hg != "" && hg == headWord(nn) {
				return true
			}
		}
	}
	return false
}

var modals = map[string]bool{
	"will": true, "would": true, "can": true, "could": true, "may": true, "might": true,
	"must": true, "should": true, "shall": true, "ought": true,
}

var beForms = map[string]bool{"be": true, "is": true, "are": true, "was": true, "were": true, "been": true, "being": true, "am": true}

// irregularParticiples are past participles not ending in -ed or -en.
var irregularParticiples = map[string]bool{
	"been": true, "gone": true, "done": true, "made": true, "said": true, "had": true, "got": true,
	"left": true, "seen": true, "known": true, "shown": true, "told": true, "put": true, "set": true,
	"kept": true, "held": true, "brought": true, "thought": true, "found": true, "become": true,
	"come": true, "run": true, "sent": true, "spent": true, "built": true, "led": true, "met": true,
	"paid": true, "won": true, "lost": true, "fought": true, "hit": true, "cut": true, "read": true,
	"heard": true, "begun": true, "caught": true, "taught": true, "sold": true, "struck": true,
	"felt": true, "meant": true, "born": true, "hurt": true, "shot": true, "sought": true, "bought": true,
}

// participle reports whether w looks like a past participle.
func participle(w string) bool {
	return irregularParticiples[w] || len(w) > 3 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") || strings.HasSuffix(w, "wn"))
}

var preps = map[string]bool{
	"to": true, "with": true, "for": true, "from": true, "in": true, "on": true, "at": true,
	"by": true, "of": true, "into": true, "about": true, "against": true, "over": true,
	"after": true, "as": true, "toward": true, "towards": true, "between": true, "during": true,
	"under": true, "through": true, "across": true, "onto": true, "upon": true, "without": true,
	"within": true, "among": true, "since": true, "until": true, "before": true, "behind": true,
	"up": true, "down": true, "out": true, "off": true, "like": true, "near": true,
}

// irregular maps frequent irregular and auxiliary forms to their lemma.
var irregular = map[string]string{
	"is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be", "am": "be",
	"has": "have", "had": "have", "having": "have", "does": "do", "did": "do", "done": "do",
}

// Pred is a predicate reduced to what is compared.
type Pred struct {
	Verb    string // stem of the main verb; for verbless predicates the whole normalised predicate
	Prep    string // final preposition, or ""
	Negated bool
	Passive bool
	Verbal  bool
}

// ParsePred normalises a predicate written in kg's style.
func ParsePred(p string) Pred {
	p = strings.ToLower(strings.TrimSpace(p))
	if p == "has-title" || p == "affiliated-with" {
		return Pred{Verb: p}
	}
	w := strings.FieldsFunc(p, func(r rune) bool { return r == '-' || r == ' ' || r == '_' })
	var out Pred
	out.Verbal = true
	for len(w) > 0 && (w[0] == "not" || w[0] == "n't" || w[0] == "never" || modals[w[0]]) {
		if !modals[w[0]] {
			out.Negated = true
		}
		w = w[1:]
	}
	// auxiliaries before the main verb: not, modals, "be" before a
	// participle (a passive) or an -ing form, "have" before a participle,
	// "do", "to" and "get".
	for len(w) > 1 {
		a, next := w[0], w[1]
		switch {
		case a == "not" || a == "never":
			out.Negated = true
		case modals[a], a == "do", a == "does", a == "did", a == "to":
		case beForms[a] && strings.HasSuffix(next, "ing"):
		case beForms[a] && participle(next):
			out.Passive = true
		case (a == "has" || a == "have" || a == "had" || a == "having" || a == "get" || a == "got" || a == "gets") && (participle(next) || beForms[next]):
		default:
			goto done
		}
		w = w[1:]
	}
done:
	if len(w) > 1 && preps[w[len(w)-1]] {
		out.Prep = w[len(w)-1]
	}
	if len(w) > 0 {
		out.Verb = lemmaStem(w[0])
	}
	return out
}

func lemmaStem(w string) string {
	if l, ok := irregular[w]; ok {
		return l
	}
	return stem(w)
}

// stem is a light suffix stripper for comparing verb and noun forms.
func stem(w string) string {
	w = strings.ToLower(w)
	for _, suf := range []string{"ies", "ied"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return w[:len(w)-len(suf)] + "y"
		}
	}
	for _, suf := range []string{"ing", "ed", "es", "s", "e"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	// doubled final consonant: "stopp" → "stop"
	if n := len(w); n > 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		w = w[:n-1]
	}
	return strings.TrimSuffix(w, "e")
}

// PredMatch reports whether a system predicate (with its lemma) matches a
// gold predicate (alternatives separated by "|").
func PredMatch(gold, sysPred, sysLemma string) bool {
	sp := ParsePred(sysPred)
	for _, g := range strings.Split(gold, "|") {
		gp := ParsePred(g)
		if !gp.Verbal || !sp.Verbal {
			if gp.Verbal == sp.Verbal && gp.Verb == sp.Verb {
				return true
			}
			continue
		}
		if gp.Negated != sp.Negated || gp.Passive != sp.Passive {
			continue
		}
		if gp.Prep != "" && gp.Prep != sp.Prep {
			continue
		}
		if sameVerb(gp, sp, sysLemma) {
			return true
		}
	}
	return false
}

// sameVerb reports whether the gold predicate's verb is the system's, as
// written or through the system's lemma (or that lemma's past form).
func sameVerb(gp, sp Pred, sysLemma string) bool {
	if gp.Verb == sp.Verb {
		return true
	}
	l := strings.ToLower(sysLemma)
	return l != "" && (gp.Verb == lemmaStem(l) || gp.Verb == lemmaStem(lexicon.Past(l)))
}

// Match reports whether a system fact matches a gold fact: directly, or
// as the same fact in the other voice (VoiceMatch).
func Match(g Gold, s System) bool {
	if PredMatch(g.Predicate, s.Predicate, s.Lemma) &&
		ArgMatch(g.Subject, s.SubjNames) && ArgMatch(g.Object, s.ObjNames) {
		return true
	}
	return VoiceMatch(g.Predicate, s.Predicate, s.Lemma) &&
		ArgMatch(g.Subject, s.ObjNames) && ArgMatch(g.Object, s.SubjNames)
}

// VoiceMatch reports whether one predicate is a passive with its "by"
// agent ("was-caused-by") and the other the active of the same verb
// ("caused"), with the same negation: "the accident was caused by winds"
// and "winds caused the accident" state one fact, with subject and object
// exchanged.
func VoiceMatch(gold, sysPred, sysLemma string) bool {
	sp := ParsePred(sysPred)
	if !sp.Verbal {
		return false
	}
	for _, g := range strings.Split(gold, "|") {
		gp := ParsePred(g)
		if !gp.Verbal || gp.Negated != sp.Negated {
			continue
		}
		byPassive := func(p Pred) bool { return p.Passive && p.Prep == "by" }
		active := func(p Pred) bool { return !p.Passive && p.Prep == "" }
		if !(byPassive(gp) && active(sp) || active(gp) && byPassive(sp)) {
			continue
		}
		if sameVerb(gp, sp, sysLemma) {
			return true
		}
	}
	return false
}

// DocResult is the comparison of one document.
type DocResult struct {
	Name     string
	Gold     []Gold
	System   []System
	GoldHit  []bool // per gold fact: matched by some system fact
	SysHit   []bool // per system fact: matches some gold fact
	MatchOf  []int  // per system fact: the first gold fact it matches, or -1
	Matched  int    // gold facts matched
	Correct  int    // system facts that match
	NumGold  int
	NumSys   int
	P, R, F1 float64
}

// ScoreDoc compares one document's system facts with its gold facts.
func ScoreDoc(name string, gold []Gold, sys []System) DocResult {
	r := DocResult{Name: name, Gold: gold, System: sys, GoldHit: make([]bool, len(gold)),
		SysHit: make([]bool, len(sys)), MatchOf: make([]int, len(sys)), NumGold: len(gold), NumSys: len(sys)}
	for si, s := range sys {
		r.MatchOf[si] = -1
		for gi, g := range gold {
			if Match(g, s) {
				if r.MatchOf[si] < 0 {
					r.MatchOf[si] = gi
				}
				r.SysHit[si] = true
				r.GoldHit[gi] = true
			}
		}
	}
	for _, h := range r.GoldHit {
		if h {
			r.Matched++
		}
	}
	for _, h := range r.SysHit {
		if h {
			r.Correct++
		}
	}
	r.P, r.R, r.F1 = prf(r.Correct, r.NumSys, r.Matched, r.NumGold)
	return r
}

func prf(correct, nsys, matched, ngold int) (p, r, f float64) {
	if nsys > 0 {
		p = float64(correct) / float64(nsys)
	}
	if ngold > 0 {
		r = float64(matched) / float64(ngold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// Point is one point of the precision–recall curve: the measures over the
// system facts whose confidence is at least Threshold.
type Point struct {
	Threshold float64 `json:"threshold"`
	P         float64 `json:"p"`
	R         float64 `json:"r"`
	F1        float64 `json:"f1"`
}

// Result is the score over a set of documents.
type Result struct {
	Docs          []DocResult `json:"-"`
	Documents     int         `json:"documents"`
	Gold          int         `json:"gold"`
	System        int         `json:"system"`
	Correct       int         `json:"correct"` // system facts matching gold
	Matched       int         `json:"matched"` // gold facts matched
	P             float64     `json:"p"`
	R             float64     `json:"r"`
	F1            float64     `json:"f1"`
	BestF1        float64     `json:"best_f1"`
	BestThreshold float64     `json:"best_threshold"`
	RAtP80        float64     `json:"r_at_p80"` // highest recall at precision ≥ 0.8 (0 if never reached)
	// AP is the average precision over the curve: the sum over
	// thresholds, highest first, of the recall gained times the precision
	// there. It rewards confidence that ranks matching facts first and,
	// unlike R@P0.8, moves with every fact's rank, not only near one
	// threshold.
	AP float64 `json:"ap"`
	// Links judged: system facts with an argument linked by a pronoun or
	// description whose other argument and predicate match a gold fact
	// of a sentence at most two away;
	// LinksRight of them name, through the linked entity, the gold
	// argument (not by the pronoun's own words). MergeAccuracy is their
	// share: how often a link the resolver made was the right entity.
	Links         int     `json:"links_judged"`
	LinksRight    int     `json:"links_right"`
	MergeAccuracy float64 `json:"merge_accuracy"`
	Curve         []Point `json:"curve"`
}

// judgeLinks counts, over the system facts of d with a linked argument
// that some gold fact agrees with on predicate and the other argument,
// how many link to an entity whose names match that gold argument.
func judgeLinks(d DocResult) (judged, right int, wrong []int) {
	for si, s := range d.System {
		for _, side := range []struct {
			link  []string
			other []string
			obj   bool
		}{{s.SubjLink, s.ObjNames, false}, {s.ObjLink, s.SubjNames, true}} {
			if side.link == nil {
				continue
			}
			seen, ok := false, false
			for _, g := range d.Gold {
				if g.Sent > 0 && (g.Sent-s.Sent > 2 || s.Sent-g.Sent > 2) {
					continue // another sentence's fact (numbers may differ by a split)
				}
				if !PredMatch(g.Predicate, s.Predicate, s.Lemma) {
					continue
				}
				linked, other := g.Subject, g.Object
				if side.obj {
					linked, other = g.Object, g.Subject
				}
				if !ArgMatch(other, side.other) {
					continue
				}
				seen = true
				if ArgMatch(linked, side.link) {
					ok = true
				}
			}
			if seen {
				judged++
				if ok {
					right++
				} else {
					wrong = append(wrong, si)
				}
			}
		}
	}
	return judged, right, wrong
}

// Score sums document results and computes the precision–recall curve.
func Score(docs []DocResult) Result {
	res := Result{Docs: docs, Documents: len(docs)}
	thr := map[float64]bool{}
	for _, d := range docs {
		res.Gold += d.NumGold
		res.System += d.NumSys
		res.Correct += d.Correct
		res.Matched += d.Matched
		for _, s := range d.System {
			thr[s.Confidence] = true
		}
	}
	res.P, res.R, res.F1 = prf(res.Correct, res.System, res.Matched, res.Gold)
	for _, d := range docs {
		j, r, _ := judgeLinks(d)
		res.Links += j
		res.LinksRight += r
	}
	if res.Links > 0 {
		res.MergeAccuracy = float64(res.LinksRight) / float64(res.Links)
	}
	var ts []float64
	for t := range thr {
		ts = append(ts, t)
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(ts)))
	lastR := 0.0
	for _, t := range ts {
		var correct, nsys, matched int
		for _, d := range docs {
			hit := make([]bool, len(d.Gold))
			for si, s := range d.System {
				if s.Confidence < t {
					continue
				}
				nsys++
				if d.SysHit[si] {
					correct++
				}
				for gi, g := range d.Gold {
					if !hit[gi] && Match(g, s) {
						hit[gi] = true
					}
				}
			}
			for _, h := range hit {
				if h {
					matched++
				}
			}
		}
		p, r, f := prf(correct, nsys, matched, res.Gold)
		res.AP += (r - lastR) * p
		lastR = r
		res.Curve = append(res.Curve, Point{Threshold: t, P: p, R: r, F1: f})
		if f > res.BestF1 {
			res.BestF1, res.BestThreshold = f, t
		}
		if p >= 0.8 && r > res.RAtP80 {
			res.RAtP80 = r
		}
	}
	return res
}

// Lines prints the measures one a line, name first.
func (r Result) Lines() []string {
	return []string{
		fmt.Sprintf("documents %d", r.Documents),
		fmt.Sprintf("gold %d", r.Gold),
		fmt.Sprintf("system %d", r.System),
		fmt.Sprintf("P %.3f", r.P),
		fmt.Sprintf("R %.3f", r.R),
		fmt.Sprintf("F1 %.3f", r.F1),
		fmt.Sprintf("best-F1 %.3f", r.BestF1),
		fmt.Sprintf("best-F1-threshold %.3f", r.BestThreshold),
		fmt.Sprintf("R@P0.8 %.3f", r.RAtP80),
		fmt.Sprintf("AP %.3f", r.AP),
		fmt.Sprintf("merge-accuracy %.3f (%d of %d linked arguments judged)", r.MergeAccuracy, r.LinksRight, r.Links),
	}
}

// Verbose lists, per document, the matched, missed and spurious facts.
func (r Result) Verbose() []string {
	var out []string
	for _, d := range r.Docs {
		out = append(out, fmt.Sprintf("== %s: gold %d, system %d, P %.3f R %.3f F1 %.3f", d.Name, d.NumGold, d.NumSys, d.P, d.R, d.F1))
		for si, s := range d.System {
			if d.SysHit[si] {
				out = append(out, "  match    "+s.String()+"  ~  "+d.Gold[d.MatchOf[si]].String())
			}
		}
		for gi, g := range d.Gold {
			if !d.GoldHit[gi] {
				out = append(out, "  missed   "+g.String())
			}
		}
		for si, s := range d.System {
			if !d.SysHit[si] {
				out = append(out, "  spurious "+s.String())
			}
		}
		_, _, wrong := judgeLinks(d)
		for _, si := range wrong {
			out = append(out, "  wrong-link "+d.System[si].String())
		}
	}
	return out
}
