package clause

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/doc"
)

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

func TestRiskOfVerbBeforeSubjectlessTensedClause(t *testing.T) {
	// "Salt released from X has been the main source": "released" is a
	// participle the parser made the main verb.
	s := parse(t, `
1 Salt salt NOUN NN 2 nsubj
2 released release VERB VBD 0 root
3 from from ADP IN 4 case
4 rocks rock NOUN NNS 2 obl
5 has have AUX VBZ 8 aux
6 been be AUX VBN 8 cop
7 the the DET DT 8 det
8 source source NOUN NN 2 advcl
9 . . PUNCT . 2 punct`)
	// The same verb before a clause with its own subordinator.
	ok := parse(t, `
1 Salt salt NOUN NN 2 nsubj
2 released release VERB VBD 0 root
3 from from ADP IN 4 case
4 rocks rock NOUN NNS 2 obl
5 because because SCONJ IN 8 mark
6 it it PRON PRP 8 nsubj
7 has have AUX VBZ 8 aux
8 rained rain VERB VBN 2 advcl
9 . . PUNCT . 2 punct`)
	if r, o := riskAt(s, 1), riskAt(ok, 1); r < 0 || o < 0 || r >= o {
		t.Errorf("risk with a subjectless tensed clause %.3f, with a proper one %.3f: want the first lower", r, o)
	}
}

func TestRiskOfConjoinedParticipleWithObject(t *testing.T) {
	// "Iodine comes from milk and iodised salt": "iodised" misparsed as
	// a verb conjoined to "comes".
	s := parse(t, `
1 Iodine iodine NOUN NN 2 nsubj
2 comes come VERB VBZ 0 root
3 from from ADP IN 4 case
4 milk milk NOUN NN 2 obl
5 and and CCONJ CC 6 cc
6 iodised iodise VERB VBN 2 conj
7 salt salt NOUN NN 6 obj
8 . . PUNCT . 2 punct`)
	// A participle sharing a perfect auxiliary is a verb.
	ok := parse(t, `
1 Iodine iodine NOUN NN 3 nsubj
2 has have AUX VBZ 3 aux
3 left leave VERB VBN 0 root
4 milk milk NOUN NN 3 obj
5 and and CCONJ CC 6 cc
6 entered enter VERB VBN 3 conj
7 salt salt NOUN NN 6 obj
8 . . PUNCT . 3 punct`)
	r, o := riskAt(s, 5), riskAt(ok, 5)
	if r < 0 || o < 0 || r > o*0.8 {
		t.Errorf("conjoined participle risk %.3f, with an auxiliary %.3f: want the first well below", r, o)
	}
}

// TestRiskOfBareConjunctOfTensedVerb: "Ann wants to buy a car and sell
// boats" with "sell" hung on "wants" scores below the same conjunct on
// the infinitive.
func TestRiskOfBareConjunctOfTensedVerb(t *testing.T) {
	rows := func(head string) string {
		return `
1 Ann Ann PROPN NNP 2 nsubj
2 wants want VERB VBZ 0 root
3 to to PART TO 4 mark
4 buy buy VERB VB 2 xcomp
5 a a DET DT 6 det
6 car car NOUN NN 4 obj
7 and and CCONJ CC 8 cc
8 sell sell VERB VB ` + head + ` conj
9 boats boat NOUN NNS 8 obj
10 . . PUNCT . 2 punct`
	}
	onWants, onBuy := riskAt(parse(t, rows("2")), 7), riskAt(parse(t, rows("4")), 7)
	if onWants <= 0 || onBuy <= 0 || onWants >= onBuy {
		t.Errorf("'sell boats' on 'wants': risk %.3f; on 'buy': %.3f; want both, the first lower", onWants, onBuy)
	}
}

// TestRiskOfConditionalMainClause: "if it rains, Ann sells umbrellas"
// holds only if it rains; "because it rains" asserts it.
func TestRiskOfConditionalMainClause(t *testing.T) {
	rows := func(mark string) string {
		return `
1 ` + mark + ` ` + strings.ToLower(mark) + ` SCONJ IN 3 mark
2 it it PRON PRP 3 nsubj
3 rains rain VERB VBZ 6 advcl
4 , , PUNCT , 6 punct
5 Ann Ann PROPN NNP 6 nsubj
6 sells sell VERB VBZ 0 root
7 umbrellas umbrella NOUN NNS 6 obj
8 . . PUNCT . 6 punct`
	}
	cond, cause := riskAt(parse(t, rows("If")), 5), riskAt(parse(t, rows("Because")), 5)
	if cond <= 0 || cause <= 0 || cond >= cause {
		t.Errorf("'Ann sells umbrellas' under 'if': risk %.3f; under 'because': %.3f; want both, the first lower", cond, cause)
	}
}

// TestRiskOfStrandedNominal: a noun before the verb labelled an oblique
// with no preposition means the parser lost the subject.
func TestRiskOfStrandedNominal(t *testing.T) {
	rows := func(rel string) string {
		return `
1 A a DET DT 2 det
2 survey survey NOUN NN 6 ` + rel + `
3 of of ADP IN 4 case
4 schools school NOUN NNS 2 nmod
5 was be AUX VBD 6 aux:pass
6 done do VERB VBN 0 root
7 in in ADP IN 8 case
8 Ohio Ohio PROPN NNP 6 obl
9 . . PUNCT . 6 punct`
	}
	good, bad := parse(t, rows("nsubj:pass")), parse(t, rows("obl"))
	g, b := -1.0, -1.0
	for _, p := range Extract(good) {
		g = Risk(good, p)
	}
	// With the subject lost, score the verb's proposition as if the
	// subject had been found elsewhere.
	for _, p := range Extract(bad) {
		b = Risk(bad, p)
	}
	if b < 0 {
		b = Risk(bad, Proposition{Verb: 5})
	}
	if g <= 0 || b <= 0 || b >= g {
		t.Errorf("'a survey ... was done': risk %.3f with the subject, %.3f with it stranded; want the second lower", g, b)
	}
}

// TestRiskOfAsyndeticConjunct: "The report published in May, revealed
// that …" (no "and", no subject): "published" is a participle misread as
// the main verb; "came, saw and won" is a list.
func TestRiskOfAsyndeticConjunct(t *testing.T) {
	rows := func(cc string) string {
		return `
1 Ann Ann PROPN NNP 2 nsubj
2 sold sell VERB VBD 0 root
3 cars car NOUN NNS 2 obj
4 ` + cc + `
5 bought buy VERB VBD 2 conj
6 boats boat NOUN NNS 5 obj
7 . . PUNCT . 2 punct`
	}
	bare, and := riskAt(parse(t, rows(", , PUNCT , 5 punct")), 1), riskAt(parse(t, rows("and and CCONJ CC 5 cc")), 1)
	if bare <= 0 || and <= 0 || bare >= and {
		t.Errorf("'Ann sold cars' before ', bought boats': risk %.3f; before 'and bought boats': %.3f; want both, the first lower", bare, and)
	}
}

func TestHeadingParticipleOnRootNounStates(t *testing.T) {
	// The heading "Local farmers protesting against new water rules",
	// parsed with the noun as root and the participle as acl, says the
	// farmers are protesting: it scores as the same heading with the
	// participle as root, not as an unasserted participle.
	acl := parse(t, `
1 local local ADJ JJ 2 amod
2 farmers farmer NOUN NNS 0 root
3 protesting protest VERB VBG 2 acl
4 against against ADP IN 7 case
5 new new ADJ JJ 7 amod
6 water water NOUN NN 7 compound
7 rules rule NOUN NNS 3 obl`)
	root := parse(t, `
1 local local ADJ JJ 2 amod
2 farmers farmer NOUN NNS 3 nsubj
3 protesting protest VERB VBG 0 root
4 against against ADP IN 7 case
5 new new ADJ JJ 7 amod
6 water water NOUN NN 7 compound
7 rules rule NOUN NNS 3 obl`)
	riskAt := func(s *doc.Sentence) float64 {
		for _, p := range Extract(s) {
			if p.Verb == 2 {
				return Risk(s, p)
			}
		}
		t.Fatalf("%q: no proposition for the participle", s.Text)
		return 0
	}
	if a, r := riskAt(acl), riskAt(root); a != r {
		t.Errorf("heading participle as acl risk %.3f, as root %.3f; want equal", a, r)
	}
	// "Sender: roaming farmers": a label and its value, no headline.
	label := parse(t, `
1 sender sender NOUN NN 0 root
2 : : PUNCT : 3 punct
3 roaming roam VERB VBG 1 acl
4 farmers farmer NOUN NNS 3 obj`)
	for _, p := range Extract(label) {
		if p.Verb == 2 && Risk(label, p) >= riskAt(acl) {
			t.Errorf("label participle risk %.3f, want below the heading's %.3f", Risk(label, p), riskAt(acl))
		}
	}
}

// riskAt returns the risk of the proposition Extract finds on verb v
// (0-based) of s, or -1 if it finds none.
func riskAt(s *doc.Sentence, v int) float64 {
	for _, p := range Extract(s) {
		if p.Verb == v {
			return Risk(s, p)
		}
	}
	return -1
}
