package carb

// GoldMatch is a gold tuple and the system tuple that recalls it best.
type GoldMatch struct {
	Gold Extraction
	// Best is the system tuple of the same sentence, with confidence at
	// least the threshold, of highest recall (the first one on ties); nil
	// when no such tuple has a recall above 0.
	Best *Extraction
	// Precision and Recall are Best's scores against Gold (0 without Best).
	Precision, Recall float64
}

// Matches lists, for every gold tuple taking part in scoring (in sentence
// then file order), the system tuple that gives it its recall in Score when
// only tuples with confidence >= threshold are kept. It is meant for error
// analysis; Score does not use it.
func Matches(g Gold, s System, threshold float64) []GoldMatch {
	golds := groupBy(g.Extractions, func(e Extraction) string { return pyStrip(e.Sentence) })
	sysByKey := map[string][]Extraction{}
	for _, sg := range groupBy(s.Extractions, func(e Extraction) string { return e.Sentence }) {
		sysByKey[sg.key] = sg.items
	}
	var out []GoldMatch
	for _, gg := range golds {
		var kept []Extraction
		var st []tuple
		for _, e := range sysByKey[gg.key] {
			if e.Confidence >= threshold {
				kept = append(kept, e)
				st = append(st, prepare(e))
			}
		}
		for _, ge := range gg.items {
			gm := GoldMatch{Gold: ge}
			gt := prepare(ge)
			for j := range st {
				m := match(&gt, &st[j])
				if m.r > gm.Recall {
					gm.Best, gm.Precision, gm.Recall = &kept[j], m.p, m.r
				}
			}
			out = append(out, gm)
		}
	}
	return out
}
