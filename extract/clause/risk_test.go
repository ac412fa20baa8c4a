package clause

import "testing"

func TestRiskOrdersClauses(t *testing.T) {
	s := parse(t, `
1 Smith Smith PROPN NNP 2 nsubj
2 sold sell VERB VBD 0 root
3 houses house NOUN NNS 2 obj
4 , , PUNCT , 5 punct
5 buying buy VERB VBG 2 advcl
6 land land NOUN NN 5 obj
7 that that PRON WDT 8 nsubj
8 lies lie VERB VBZ 6 acl:relcl
9 near near ADP IN 10 case
10 rivers river NOUN NNS 8 obl
11 . . PUNCT . 2 punct`)
	risk := map[int]float64{}
	for _, p := range Extract(s) {
		risk[p.Verb] = Risk(s, p)
	}
	sold, buying, lies := risk[1], risk[4], risk[7]
	if sold != 1 {
		t.Errorf("a finite main clause has risk %.3f, want 1", sold)
	}
	if buying >= sold || buying <= 0 {
		t.Errorf("participle risk %.3f, want in (0, %.3f)", buying, sold)
	}
	if lies >= sold || lies <= 0 {
		t.Errorf("relative clause risk %.3f, want in (0, %.3f)", lies, sold)
	}
	// The same words as a heading score lower than as a sentence.
	h := parse(t, `
1 Smith Smith PROPN NNP 2 nsubj
2 sold sell VERB VBD 0 root
3 houses house NOUN NNS 2 obj`)
	for _, p := range Extract(h) {
		if r := Risk(h, p); r >= sold {
			t.Errorf("heading risk %.3f, want below %.3f", r, sold)
		}
	}
	// Out-of-range verbs are no risk and no panic.
	if r := Risk(s, Proposition{Verb: 99}); r != 1 {
		t.Errorf("out-of-range verb: risk %.3f", r)
	}
}
