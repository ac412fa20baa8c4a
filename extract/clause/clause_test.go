package clause

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/doc"
)

// parse reads one hand-annotated sentence: "id form lemma upos xpos head
// deprel" a line, columns separated by spaces.
func parse(t *testing.T, rows string) *doc.Sentence {
	t.Helper()
	var b strings.Builder
	var words []string
	for _, line := range strings.Split(strings.TrimSpace(rows), "\n") {
		f := strings.Fields(line)
		if len(f) != 7 {
			t.Fatalf("bad row %q", line)
		}
		words = append(words, f[1])
		b.WriteString(strings.Join([]string{f[0], f[1], f[2], f[3], f[4], "_", f[5], f[6], "_", "_"}, "\t") + "\n")
	}
	text := strings.Join(words, " ")
	ss, err := conllu.ReadAll(strings.NewReader("# text = "+text+"\n"+b.String()+"\n"), "test")
	if err != nil || len(ss) != 1 {
		t.Fatalf("read: %v", err)
	}
	return &ss[0].Sentence
}

type want struct {
	subj, pred, obj string
	neg             bool
	modal           string
	inherited       bool
}

func check(t *testing.T, s *doc.Sentence, wants []want) {
	t.Helper()
	props := Extract(s)
	var got []string
	for _, p := range props {
		o := ""
		if p.Object != nil {
			o = Text(s, p.Object.Core)
		}
		got = append(got, Text(s, p.Subject.Core)+"|"+p.Predicate+"|"+o)
	}
	for _, w := range wants {
		found := false
		for _, p := range props {
			o := ""
			if p.Object != nil {
				o = Text(s, p.Object.Core)
			}
			if Text(s, p.Subject.Core) == w.subj && p.Predicate == w.pred && o == w.obj &&
				p.Negated == w.neg && p.Modality == w.modal && p.Inherited == w.inherited {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: no %+v in %q", s.Text, w, got)
		}
	}
}

func TestSubjectVerbObject(t *testing.T) {
	s := parse(t, `
1 Hamas Hamas PROPN NNP 2 nsubj
2 fired fire VERB VBD 0 root
3 hundreds hundred NOUN NNS 2 obj
4 of of ADP IN 5 case
5 rockets rocket NOUN NNS 3 nmod
6 at at ADP IN 8 case
7 Israeli Israeli ADJ JJ 8 amod
8 cities city NOUN NNS 2 obl
9 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Hamas", pred: "fired", obj: "rockets"}})
	p := Extract(s)[0]
	if len(p.Obliques) != 1 || p.Obliques[0].Prep != "at" || Text(s, p.Obliques[0].Span) != "Israeli cities" {
		t.Errorf("obliques %+v", p.Obliques)
	}
}

func TestPrepositionalPredicateAndTime(t *testing.T) {
	s := parse(t, `
1 Biden Biden PROPN NNP 3 nsubj
2 Wednesday Wednesday PROPN NNP 3 obl:tmod
3 spoke speak VERB VBD 0 root
4 to to ADP IN 7 case
5 Prime Prime PROPN NNP 6 compound
6 Minister Minister PROPN NNP 7 nmod:desc
7 Netanyahu Netanyahu PROPN NNP 3 obl
8 by by ADP IN 9 case
9 telephone telephone NOUN NN 3 obl`)
	p := Extract(s)[0]
	if len(p.Obliques) != 1 || p.Obliques[0].Prep != "to" || p.Obliques[0].Head != 6 {
		t.Fatalf("want one 'to' oblique headed by Netanyahu, got %+v", p.Obliques)
	}
	roles := map[string]string{}
	for _, c := range p.Context {
		roles[c.Role] = Text(s, c.Span)
	}
	if roles["time"] != "Wednesday" || roles["manner"] != "telephone" {
		t.Errorf("context %v", roles)
	}
}

func TestParticipleInheritsSubjectAndPartitive(t *testing.T) {
	s := parse(t, `
1 Israel Israel PROPN NNP 3 nsubj
2 has have AUX VBZ 3 aux
3 pressed press VERB VBN 0 root
4 ahead ahead ADV RB 3 advmod
5 , , PUNCT , 6 punct
6 killing kill VERB VBG 3 advcl
7 10 10 NUM CD 9 nummod
8 senior senior ADJ JJ 9 amod
9 figures figure NOUN NNS 6 obj
10 and and CCONJ CC 11 cc
11 toppling topple VERB VBG 6 conj
12 a a DET DT 13 det
13 pair pair NOUN NN 11 obj
14 of of ADP IN 16 case
15 high high ADJ JJ 16 amod
16 towers tower NOUN NNS 13 nmod`)
	check(t, s, []want{
		{subj: "Israel", pred: "killed", obj: "senior figures", inherited: true},
		{subj: "Israel", pred: "toppled", obj: "high towers", inherited: true},
	})
}

func TestNegationModalityControl(t *testing.T) {
	s := parse(t, `
1 The the DET DT 2 det
2 leaders leader NOUN NNS 5 nsubj
3 will will AUX MD 5 aux
4 not not PART RB 5 advmod
5 agree agree VERB VB 0 root
6 to to PART TO 7 mark
7 maintain maintain VERB VB 5 xcomp
8 the the DET DT 9 det
9 talks talk NOUN NNS 7 obj`)
	check(t, s, []want{{subj: "leaders", pred: "agree-to-maintain", obj: "talks", neg: true, modal: "will"}})
	if n := len(Extract(s)); n != 1 {
		t.Errorf("xcomp verb gave a proposition of its own: %d propositions", n)
	}
}

func TestPassiveWithAgentAndCoordination(t *testing.T) {
	s := parse(t, `
1 Towers tower NOUN NNS 3 nsubj:pass
2 were be AUX VBD 3 aux:pass
3 toppled topple VERB VBN 0 root
4 by by ADP IN 5 case
5 Israel Israel PROPN NNP 3 obl:agent
6 and and CCONJ CC 7 cc
7 Egypt Egypt PROPN NNP 5 conj`)
	check(t, s, []want{{subj: "Israel", pred: "toppled", obj: "Towers"}})
	s2 := parse(t, `
1 A a DET DT 2 det
2 boy boy NOUN NN 4 nsubj:pass
3 was be AUX VBD 4 aux:pass
4 killed kill VERB VBN 0 root`)
	for _, p := range Extract(s2) {
		if p.Predicate != "was-killed" {
			t.Errorf("passive without agent: predicate %q", p.Predicate)
		}
	}
	s3 := parse(t, `
1 Israel Israel PROPN NNP 4 nsubj
2 and and CCONJ CC 3 cc
3 Egypt Egypt PROPN NNP 1 conj
4 signed sign VERB VBD 0 root
5 deals deal NOUN NNS 4 obj`)
	check(t, s3, []want{{subj: "Israel", pred: "signed", obj: "deals"}, {subj: "Egypt", pred: "signed", obj: "deals"}})
}

func TestRelativeClauseAndCopula(t *testing.T) {
	s := parse(t, `
1 attacks attack NOUN NNS 0 root
2 that that PRON WDT 3 nsubj
3 set set VERB VBD 1 acl:relcl
4 off off ADP RP 3 compound:prt
5 sirens siren NOUN NNS 3 obj`)
	check(t, s, []want{{subj: "attacks", pred: "set-off", obj: "sirens"}})
	c := parse(t, `
1 Jerusalem Jerusalem PROPN NNP 4 nsubj
2 is be AUX VBZ 4 cop
3 a a DET DT 4 det
4 place place NOUN NN 0 root
5 of of ADP IN 6 case
6 peace peace NOUN NN 4 nmod`)
	props := Extract(c)
	if len(props) != 1 || !props[0].Copula || props[0].Predicate != "is" || Text(c, props[0].Object.Span) != "a place of peace" {
		t.Errorf("copula: %+v", props)
	}
}

func TestSpeakerOfReportedClause(t *testing.T) {
	s := parse(t, `
1 Biden Biden PROPN NNP 2 nsubj
2 said say VERB VBD 0 root
3 that that SCONJ IN 6 mark
4 Israel Israel PROPN NNP 6 nsubj
5 has have AUX VBZ 6 aux
6 won win VERB VBN 2 ccomp
7 support support NOUN NN 6 obj`)
	for _, p := range Extract(s) {
		if p.Predicate == "won" && p.Speaker != 0 {
			t.Errorf("won: speaker %d, want token 0 (Biden)", p.Speaker)
		}
		if p.Predicate == "said" && (p.Object == nil || !p.Object.Clause) {
			t.Errorf("said: object should be the clause: %+v", p.Object)
		}
	}
}

func TestOddTreesDoNotPanic(t *testing.T) {
	trees := []*doc.Sentence{
		{},
		{Tokens: []doc.Token{{Text: "x", Head: 5, DepRel: "obj"}}},
		{Tokens: []doc.Token{{Text: "a", Head: 2, DepRel: "conj", UPOS: "VERB"}, {Text: "b", Head: 1, DepRel: "conj", UPOS: "VERB"}}},
		{Tokens: []doc.Token{{Text: "a", Head: -1}, {Text: "b", Head: 0, DepRel: "root", UPOS: "VERB"}}},
	}
	for _, s := range trees {
		Extract(s)
	}
}

func TestAsManyAs(t *testing.T) {
	s := parse(t, `
1 Israel Israel PROPN NNP 2 nsubj
2 killed kill VERB VBD 0 root
3 as as ADV RB 4 advmod
4 many many ADJ JJ 2 obj
5 as as ADP IN 8 case
6 10 10 NUM CD 8 nummod
7 senior senior ADJ JJ 8 amod
8 figures figure NOUN NNS 2 obl`)
	check(t, s, []want{{subj: "Israel", pred: "killed", obj: "senior figures"}})
}

func TestAgentNeedsBy(t *testing.T) {
	// The parser labelled "to the department" an agent: it is not one.
	s := parse(t, `
1 Gloria Gloria PROPN NNP 3 nsubj:pass
2 was be AUX VBD 3 aux:pass
3 taken take VERB VBN 0 root
4 to to ADP IN 6 case
5 the the DET DT 6 det
6 department department NOUN NN 3 obl:agent
7 . . PUNCT . 3 punct`)
	for _, p := range Extract(s) {
		if Text(s, p.Subject.Core) == "department" {
			t.Errorf("department made the agent: %+v", p)
		}
	}
	check(t, s, []want{{subj: "Gloria", pred: "was-taken", obj: ""}})
	s = parse(t, `
1 Gloria Gloria PROPN NNP 3 nsubj:pass
2 was be AUX VBD 3 aux:pass
3 taken take VERB VBN 0 root
4 by by ADP IN 6 case
5 her her PRON PRP$ 6 nmod:poss
6 parents parent NOUN NNS 3 obl:agent
7 . . PUNCT . 3 punct`)
	check(t, s, []want{{subj: "parents", pred: "taken", obj: "Gloria"}})
}

func TestRelativeOnPredicateNominal(t *testing.T) {
	s := parse(t, `
1 Homeopathy homeopathy NOUN NN 4 nsubj
2 is be AUX VBZ 4 cop
3 a a DET DT 4 det
4 form form NOUN NN 0 root
5 which which PRON WDT 6 nsubj
6 treats treat VERB VBZ 4 acl:relcl
7 patients patient NOUN NNS 6 obj
8 . . PUNCT . 4 punct`)
	check(t, s, []want{
		{subj: "Homeopathy", pred: "treats", obj: "patients"},
		{subj: "Homeopathy", pred: "is", obj: "form"},
	})
	for _, p := range Extract(s) {
		if p.Copula && Text(s, p.Object.Span) != "a form" {
			t.Errorf("copular complement %q, want %q (no relative clause)", Text(s, p.Object.Span), "a form")
		}
	}
}

func TestThatClauseObject(t *testing.T) {
	// "that" marks a complement even when the parser says advcl.
	s := parse(t, `
1 This this DET DT 2 det
2 finding finding NOUN NN 3 nsubj
3 indicated indicate VERB VBD 0 root
4 that that SCONJ IN 7 mark
5 compounds compound NOUN NNS 7 nsubj
6 could could AUX MD 7 aux
7 carry carry VERB VB 3 advcl
8 current current NOUN NN 7 obj
9 . . PUNCT . 3 punct`)
	check(t, s, []want{{subj: "finding", pred: "indicated", obj: "compounds could carry current"}})
	// "so that" is a purpose clause, not what was done.
	s = parse(t, `
1 He he PRON PRP 2 nsubj
2 left leave VERB VBD 0 root
3 so so ADV RB 6 mark
4 that that SCONJ IN 3 fixed
5 she she PRON PRP 6 nsubj
6 slept sleep VERB VBD 2 advcl
7 . . PUNCT . 2 punct`)
	for _, p := range Extract(s) {
		if p.Verb == 1 && p.Object != nil {
			t.Errorf("so-that clause taken as object: %q", Text(s, p.Object.Span))
		}
	}
}

func TestPredicativeComplement(t *testing.T) {
	s := parse(t, `
1 the the DET DT 2 det
2 skirts skirt NOUN NNS 3 nsubj
3 became become VERB VBD 0 root
4 longer long ADJ JJR 3 xcomp
5 . . PUNCT . 3 punct`)
	check(t, s, []want{{subj: "skirts", pred: "became", obj: "longer"}})
	s = parse(t, `
1 He he PRON PRP 2 nsubj
2 became become VERB VBD 0 root
3 Master master PROPN NNP 2 xcomp
4 of of ADP IN 6 case
5 the the DET DT 6 det
6 Rolls Rolls PROPN NNPS 3 nmod
7 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "He", pred: "became", obj: "Master"}})
}

func TestSaidAfterQuote(t *testing.T) {
	s := parse(t, `
1 `+"``"+` `+"``"+` PUNCT `+"``"+` 4 punct
2 Profits profit NOUN NNS 4 nsubj
3 are be AUX VBP 4 aux
4 rising rise VERB VBG 0 root
5 , , PUNCT , 4 punct
6 '' '' PUNCT '' 4 punct
7 said say VERB VBD 4 parataxis
8 Mills Mills PROPN NNP 7 nsubj
9 . . PUNCT . 4 punct`)
	check(t, s, []want{{subj: "Mills", pred: "said", obj: "Profits are rising"}})
}

func TestReducedPassive(t *testing.T) {
	s := parse(t, `
1 It it PRON PRP 4 nsubj
2 is be AUX VBZ 4 cop
3 a a DET DT 4 det
4 tank tank NOUN NN 0 root
5 founded found VERB VBN 4 acl
6 in in ADP IN 7 case
7 Lausanne Lausanne PROPN NNP 5 obl
8 . . PUNCT . 4 punct`)
	var found bool
	for _, p := range Extract(s) {
		if p.Verb == 4 {
			found = true
			if !p.Reduced || !p.Passive || p.Predicate != "is-founded" || Text(s, p.Subject.Core) != "It" {
				t.Errorf("reduced passive: %+v (subject %q)", p, Text(s, p.Subject.Core))
			}
		}
		if p.Copula && Text(s, p.Object.Span) != "a tank" {
			t.Errorf("copular complement %q keeps the participle clause", Text(s, p.Object.Span))
		}
	}
	if !found {
		t.Error("no proposition for the participle")
	}
}

func TestConjoinedAdjectiveComplement(t *testing.T) {
	s := parse(t, `
1 The the DET DT 2 det
2 daisy daisy NOUN NN 4 nsubj
3 is be AUX VBZ 4 cop
4 rare rare ADJ JJ 0 root
5 and and CCONJ CC 6 cc
6 endemic endemic ADJ JJ 4 conj
7 . . PUNCT . 4 punct`)
	for _, p := range Extract(s) {
		if p.Copula && Text(s, p.Object.Span) != "rare and endemic" {
			t.Errorf("complement %q, want %q", Text(s, p.Object.Span), "rare and endemic")
		}
	}
}

func TestQuestionsAreNotStatements(t *testing.T) {
	tests := []struct {
		rows     string
		embedded map[int]bool // verb token index → want Embedded
	}{
		{rows: `
1 Is be AUX VBZ 4 cop
2 the the DET DT 3 det
3 government government NOUN NN 4 nsubj
4 ready ready ADJ JJ 0 root
5 ? ? PUNCT . 4 punct`, embedded: map[int]bool{3: true}},
		{rows: `
1 It it PRON PRP 2 nsubj
2 has have VERB VBZ 0 root
3 winds wind NOUN NNS 2 obj
4 , , PUNCT , 7 punct
5 will will AUX MD 7 aux
6 it it PRON PRP 7 nsubj
7 lose lose VERB VB 2 parataxis
8 strength strength NOUN NN 7 obj
9 ? ? PUNCT . 2 punct`, embedded: map[int]bool{1: false, 6: true}},
		{rows: `
1 It it PRON PRP 2 nsubj
2 has have VERB VBZ 0 root
3 winds wind NOUN NNS 2 obj
4 . . PUNCT . 2 punct`, embedded: map[int]bool{1: false}},
	}
	for _, tc := range tests {
		s := parse(t, tc.rows)
		props := Extract(s)
		for v, want := range tc.embedded {
			found := false
			for _, p := range props {
				if p.Verb == v {
					found = true
					if p.Embedded != want {
						t.Errorf("%q: verb %q embedded=%v, want %v", s.Text, s.Tokens[v].Text, p.Embedded, want)
					}
				}
			}
			if !found {
				t.Errorf("%q: no proposition for %q", s.Text, s.Tokens[v].Text)
			}
		}
	}
}

func TestNotAssertedUnderAdjectiveOrAccusation(t *testing.T) {
	s := parse(t, `
1 Gloria Gloria PROPN NNP 2 nsubj
2 became become VERB VBD 0 root
3 unable unable ADJ JJ 2 xcomp
4 to to PART TO 5 mark
5 move move VERB VB 3 xcomp
6 legs leg NOUN NNS 5 obj
7 . . PUNCT . 2 punct`)
	for _, p := range Extract(s) {
		if p.Verb == 4 && !p.Embedded {
			t.Errorf("'unable to move' asserted as moving: %+v", p)
		}
	}
	s = parse(t, `
1 They they PRON PRP 3 nsubj:pass
2 are be AUX VBP 3 aux:pass
3 accused accuse VERB VBN 0 root
4 of of SCONJ IN 5 mark
5 taking take VERB VBG 3 advcl
6 her her PRON PRP 5 obj
7 while while SCONJ IN 8 mark
8 embarking embark VERB VBG 5 advcl
9 on on ADP IN 10 case
10 trips trip NOUN NNS 8 obl
11 . . PUNCT . 3 punct`)
	for _, p := range Extract(s) {
		if (p.Verb == 4 || p.Verb == 7) && !p.Embedded {
			t.Errorf("%q asserted under 'accused of'", s.Tokens[p.Verb].Text)
		}
	}
}

func TestCopulaForms(t *testing.T) {
	s := parse(t, `
1 homeopathy homeopathy NOUN NN 5 nsubj
2 is be AUX VBZ 5 cop
3 in in ADP IN 5 case
4 common common ADJ JJ 5 amod
5 use use NOUN NN 0 root
6 . . PUNCT . 5 punct`)
	check(t, s, []want{{subj: "homeopathy", pred: "is-in", obj: "common use"}})
	s = parse(t, `
1 he he PRON PRP 3 nsubj
2 's be AUX VBZ 3 cop
3 editor editor NOUN NN 0 root
4 . . PUNCT . 3 punct`)
	check(t, s, []want{{subj: "he", pred: "is", obj: "editor"}})
	s = parse(t, `
1 salt salt NOUN NN 4 nsubj
2 has have AUX VBZ 4 aux
3 been be AUX VBN 4 cop
4 source source NOUN NN 0 root
5 . . PUNCT . 4 punct`)
	check(t, s, []want{{subj: "salt", pred: "has-been", obj: "source"}})
}

func TestConjoinedClauseKeepsItsOwnSubject(t *testing.T) {
	// The parser hung "the parents" on "months"; it is the subject of
	// "were advised", which must not inherit Gloria.
	s := parse(t, `
1 Gloria Gloria PROPN NNP 2 nsubj
2 developed develop VERB VBD 0 root
3 eczema eczema NOUN NN 2 obj
4 at at ADP IN 5 case
5 months month NOUN NNS 2 obl
6 and and CCONJ CC 8 cc
7 the the DET DT 8 det
8 parents parent NOUN NNS 5 conj
9 were be AUX VBD 10 aux:pass
10 advised advise VERB VBN 2 conj
11 to to PART TO 12 mark
12 send send VERB VB 10 xcomp
13 her her PRON PRP 12 obj
14 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "parents", pred: "were-advised-to-send", obj: "her"}})
	for _, p := range Extract(s) {
		if p.Verb == 9 && Text(s, p.Subject.Core) == "Gloria" {
			t.Errorf("advised inherited Gloria")
		}
	}
}

func TestProgressiveTakenForAdjective(t *testing.T) {
	tests := []struct {
		rows string
		want want
		not  string // a predicate that must not appear
	}{
		{rows: `
1 They they PRON PRP 4 nsubj
2 are be AUX VBP 4 cop
3 undergoing undergoing ADJ JJ 4 amod
4 trial trial NOUN NN 0 root
5 . . PUNCT . 4 punct`, want: want{subj: "They", pred: "are-undergoing", obj: "trial"}},
		{rows: `
1 They they PRON PRP 4 nsubj
2 are be AUX VBP 4 cop
3 interesting interesting ADJ JJ 4 amod
4 people people NOUN NNS 0 root
5 . . PUNCT . 4 punct`, want: want{subj: "They", pred: "are", obj: "interesting people"}, not: "are-interesting"},
	}
	for _, tc := range tests {
		s := parse(t, tc.rows)
		check(t, s, []want{tc.want})
		for _, p := range Extract(s) {
			if tc.not != "" && p.Predicate == tc.not {
				t.Errorf("%q: predicate %q", s.Text, p.Predicate)
			}
		}
	}
}

func TestObjectControl(t *testing.T) {
	s := parse(t, `
1 His his PRON PRP$ 2 nmod:poss
2 sister sister NOUN NN 3 nsubj
3 pleaded plead VERB VBD 0 root
4 with with ADP IN 5 case
5 him he PRON PRP 3 obl
6 to to PART TO 7 mark
7 send send VERB VB 3 xcomp
8 Gloria Gloria PROPN NNP 7 obj
9 . . PUNCT . 3 punct`)
	var plead, send bool
	for _, p := range Extract(s) {
		switch p.Verb {
		case 2:
			plead = true
			if p.Predicate != "pleaded" {
				t.Errorf("predicate %q, want pleaded (the sister does not send)", p.Predicate)
			}
		case 6:
			send = true
			if Text(s, p.Subject.Core) != "him" || !p.Embedded {
				t.Errorf("send: subject %q embedded %v, want him, true", Text(s, p.Subject.Core), p.Embedded)
			}
		}
	}
	if !plead || !send {
		t.Errorf("propositions plead %v send %v", plead, send)
	}
	// Subject control stays folded.
	s = parse(t, `
1 Hamas Hamas PROPN NNP 2 nsubj
2 agreed agree VERB VBD 0 root
3 to to PART TO 4 mark
4 maintain maintain VERB VB 2 xcomp
5 calm calm NOUN NN 4 obj
6 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Hamas", pred: "agreed-to-maintain", obj: "calm"}})
}

func TestParticipleSubjectWithoutItsClause(t *testing.T) {
	s := parse(t, `
1 the the DET DT 2 det
2 case case NOUN NN 0 root
3 reviewed review VERB VBN 2 acl
4 by by ADP IN 7 case
5 a a DET DT 7 det
6 higher high ADJ JJR 7 amod
7 court court NOUN NN 3 obl:agent
8 . . PUNCT . 2 punct`)
	found := false
	for _, p := range Extract(s) {
		if p.Verb == 2 {
			found = true
			if Text(s, p.Object.Span) != "the case" {
				t.Errorf("object %q, want %q", Text(s, p.Object.Span), "the case")
			}
		}
	}
	if !found {
		t.Error("no proposition for the participle")
	}
}

func TestConjoinedVerbsShareObject(t *testing.T) {
	s := parse(t, `
1 traders trader NOUN NNS 2 nsubj
2 buy buy VERB VBP 0 root
3 and and CCONJ CC 4 cc
4 sell sell VERB VBP 2 conj
5 stocks stock NOUN NNS 4 obj
6 . . PUNCT . 2 punct`)
	check(t, s, []want{
		{subj: "traders", pred: "buy", obj: "stocks"},
		{subj: "traders", pred: "sell", obj: "stocks", inherited: true},
	})
}

func TestOtherConjunctIsACategory(t *testing.T) {
	s := parse(t, `
1 Biden Biden PROPN NNP 2 nsubj
2 condemned condemn VERB VBD 0 root
3 Hamas Hamas PROPN NNP 2 obj
4 and and CCONJ CC 7 cc
5 other other ADJ JJ 7 amod
6 militant militant ADJ JJ 7 amod
7 groups group NOUN NNS 3 conj
8 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Biden", pred: "condemned", obj: "Hamas"}})
	for _, p := range Extract(s) {
		if p.Object != nil && p.Object.Head == 6 {
			t.Errorf("'other militant groups' made an object of its own")
		}
	}
}

func TestPerfectPassive(t *testing.T) {
	s := parse(t, `
1 homeopathy homeopathy NOUN NN 4 nsubj:pass
2 has have AUX VBZ 4 aux
3 been be AUX VBN 4 aux:pass
4 described describe VERB VBN 0 root
5 as as ADP IN 6 case
6 pseudoscience pseudoscience NOUN NN 4 obl
7 . . PUNCT . 4 punct`)
	for _, p := range Extract(s) {
		if p.Verb == 3 && p.Predicate != "has-been-described" {
			t.Errorf("predicate %q, want has-been-described", p.Predicate)
		}
	}
}

func TestParticleTaggedAdverb(t *testing.T) {
	s := parse(t, `
1 she she PRON PRP 2 nsubj
2 came come VERB VBD 0 root
3 up up ADP RP 2 advmod
4 with with ADP IN 5 case
5 ideas idea NOUN NNS 2 obl
6 . . PUNCT . 2 punct`)
	found := false
	for _, p := range Extract(s) {
		if p.Predicate == "came-up" {
			found = true
		}
	}
	if !found {
		t.Errorf("no came-up predicate in %+v", Extract(s))
	}
}

func TestForAWhileIsTime(t *testing.T) {
	// "with the minister" hangs on "while"; it is the verb's.
	s := parse(t, `
1 I I PRON PRP 2 nsubj
2 had have VERB VBD 0 root
3 a a DET DT 4 det
4 talk talk NOUN NN 2 obj
5 for for ADP IN 7 case
6 a a DET DT 7 det
7 while while NOUN NN 2 obl
8 with with ADP IN 10 case
9 the the DET DT 10 det
10 minister minister NOUN NN 7 nmod
11 . . PUNCT . 2 punct`)
	for _, p := range Extract(s) {
		found := false
		for _, o := range p.Obliques {
			if o.Prep == "with" && Text(s, o.Core) == "minister" {
				found = true
			}
		}
		if !found {
			t.Errorf("no 'with minister' oblique: %+v", p.Obliques)
		}
	}
}

func TestConjoinedControlledVerb(t *testing.T) {
	s := parse(t, `
1 he he PRON PRP 2 nsubj
2 wants want VERB VBZ 0 root
3 to to PART TO 4 mark
4 take take VERB VB 2 xcomp
5 over over ADP RP 4 compound:prt
6 games game NOUN NNS 4 obj
7 and and CCONJ CC 8 cc
8 do do VERB VB 4 conj
9 news news NOUN NN 8 obj
10 . . PUNCT . 2 punct`)
	check(t, s, []want{
		{subj: "he", pred: "wants-to-take-over", obj: "games"},
		{subj: "he", pred: "wants-to-do", obj: "news", inherited: true},
	})
}

func TestParticipleOnPredicateNominal(t *testing.T) {
	s := parse(t, `
1 Acme Acme PROPN NNP 4 nsubj
2 is be AUX VBZ 4 cop
3 a a DET DT 4 det
4 firm firm NOUN NN 0 root
5 founded found VERB VBN 4 acl
6 in in ADP IN 7 case
7 2005 2005 NUM CD 5 obl
8 . . PUNCT . 4 punct`)
	for _, p := range Extract(s) {
		if p.Verb == 4 && Text(s, p.Subject.Span) != "Acme" {
			t.Errorf("founded: subject %q, want Acme", Text(s, p.Subject.Span))
		}
	}
}

func TestJudgedAndMandatedClausesAreNotAsserted(t *testing.T) {
	tests := []struct {
		name, rows string
		verb       int // 0-based index of the clause's verb
		embedded   bool
	}{
		{"adjective's that-clause", `
1 It it PRON PRP 3 expl
2 is be AUX VBZ 3 cop
3 crucial crucial ADJ JJ 0 root
4 that that SCONJ IN 6 mark
5 children child NOUN NNS 6 nsubj
6 have have VERB VBP 3 ccomp
7 iodine iodine NOUN NN 6 obj
8 . . PUNCT . 3 punct`, 5, true},
		{"adjective's clause parsed as advcl", `
1 It it PRON PRP 3 expl
2 is be AUX VBZ 3 cop
3 vital vital ADJ JJ 0 root
4 that that SCONJ IN 6 mark
5 children child NOUN NNS 6 nsubj
6 eat eat VERB VBP 3 advcl
7 fish fish NOUN NN 6 obj
8 . . PUNCT . 3 punct`, 5, true},
		{"mandative verb", `
1 The the DET DT 2 det
2 agency agency NOUN NN 3 nsubj
3 recommends recommend VERB VBZ 0 root
4 that that SCONJ IN 7 mark
5 every every DET DT 6 det
6 country country NOUN NN 8 nsubj
7 should should AUX MD 8 aux
8 iodise iodise VERB VB 3 ccomp
9 salt salt NOUN NN 8 obj
10 . . PUNCT . 3 punct`, 7, true},
		{"report verb asserts through its speaker", `
1 The the DET DT 2 det
2 agency agency NOUN NN 3 nsubj
3 reports report VERB VBZ 0 root
4 that that SCONJ IN 6 mark
5 countries country NOUN NNS 6 nsubj
6 iodise iodise VERB VBP 3 ccomp
7 salt salt NOUN NN 6 obj
8 . . PUNCT . 3 punct`, 5, false},
		{"a factive noun's clause is stated", `
1 It it PRON PRP 2 nsubj
2 grew grow VERB VBD 0 root
3 to to ADP IN 5 case
4 the the DET DT 5 det
5 point point NOUN NN 2 obl
6 that that SCONJ IN 9 mark
7 the the DET DT 8 det
8 baby baby NOUN NN 9 nsubj
9 spent spend VERB VBD 5 acl
10 energy energy NOUN NN 9 obj
11 . . PUNCT . 2 punct`, 8, false},
		{"a claim's clause is not", `
1 He he PRON PRP 2 nsubj
2 denied deny VERB VBD 0 root
3 the the DET DT 4 det
4 claim claim NOUN NN 2 obj
5 that that SCONJ IN 7 mark
6 he he PRON PRP 7 nsubj
7 left leave VERB VBD 4 acl
8 town town NOUN NN 7 obj
9 . . PUNCT . 2 punct`, 6, true},
		{"adverbial clause under an adjective is stated", `
1 They they PRON PRP 3 nsubj
2 were be AUX VBD 3 cop
3 quick quick ADJ JJ 0 root
4 in in SCONJ IN 5 mark
5 preparing prepare VERB VBG 3 advcl
6 shelters shelter NOUN NNS 5 obj
7 . . PUNCT . 3 punct`, 4, false},
	}
	for _, tc := range tests {
		s := parse(t, tc.rows)
		found := false
		for _, p := range Extract(s) {
			if p.Verb != tc.verb {
				continue
			}
			found = true
			if p.Embedded != tc.embedded {
				t.Errorf("%s: %q embedded = %v, want %v", tc.name, s.Tokens[p.Verb].Text, p.Embedded, tc.embedded)
			}
		}
		if !found {
			t.Errorf("%s: no proposition for %q", tc.name, s.Tokens[tc.verb].Text)
		}
	}
}

func TestPrepositionalParticipleHasNoSubject(t *testing.T) {
	s := parse(t, `
1 Given give VERB VBN 7 advcl
2 the the DET DT 3 det
3 costs cost NOUN NNS 1 obj
4 , , PUNCT , 1 punct
5 evacuation evacuation NOUN NN 6 nsubj
6 is be AUX VBZ 7 cop
7 necessary necessary ADJ JJ 0 root
8 . . PUNCT . 7 punct`)
	for _, p := range Extract(s) {
		if p.Verb == 0 && p.Subject != nil {
			t.Errorf("'given the costs' took the subject %q", Text(s, p.Subject.Span))
		}
	}
	// An ordinary participle still shares the main clause's subject.
	s = parse(t, `
1 Hoping hope VERB VBG 6 advcl
2 for for ADP IN 3 case
3 calm calm NOUN NN 1 obl
4 , , PUNCT , 1 punct
5 leaders leader NOUN NNS 6 nsubj
6 met meet VERB VBD 0 root
7 . . PUNCT . 6 punct`)
	ok := false
	for _, p := range Extract(s) {
		if p.Verb == 0 && p.Subject != nil && Text(s, p.Subject.Span) == "leaders" {
			ok = true
		}
	}
	if !ok {
		t.Errorf("'hoping for calm' lost the subject 'leaders'")
	}
}

func TestParticipleByPhraseIsAgent(t *testing.T) {
	// The parser labelled the agent a plain oblique.
	s := parse(t, `
1 She she PRON PRP 2 nsubj
2 died die VERB VBD 0 root
3 from from ADP IN 4 case
4 infection infection NOUN NN 2 obl
5 caused cause VERB VBN 4 acl
6 by by ADP IN 8 case
7 severe severe ADJ JJ 8 amod
8 eczema eczema NOUN NN 5 obl
9 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "severe eczema", pred: "caused", obj: "infection"}})
	// A time after "by" is no agent.
	s = parse(t, `
1 Rules rule NOUN NNS 0 root
2 approved approve VERB VBN 1 acl
3 by by ADP IN 5 case
4 the the DET DT 5 det
5 end end NOUN NN 2 obl
6 of of ADP IN 7 case
7 May May PROPN NNP 5 nmod`)
	for _, p := range Extract(s) {
		if p.Agent {
			t.Errorf("'by the end of May' taken as an agent: %+v", p)
		}
	}
	// A finite passive keeps its voice.
	s = parse(t, `
1 Heat heat NOUN NN 3 nsubj:pass
2 is be AUX VBZ 3 aux:pass
3 released release VERB VBN 0 root
4 by by ADP IN 5 case
5 moisture moisture NOUN NN 3 obl
6 . . PUNCT . 3 punct`)
	for _, p := range Extract(s) {
		if p.Agent {
			t.Errorf("finite passive turned active: %+v", p)
		}
	}
}

func TestAdjectiveWithComplementAfterNounIsNoName(t *testing.T) {
	tests := []struct {
		rows, core string
	}{
		{`
1 People people NOUN NNS 2 nsubj
2 live live VERB VBP 0 root
3 in in ADP IN 4 case
4 areas area NOUN NNS 2 obl
5 prone prone ADJ JJ 4 amod
6 to to ADP IN 7 case
7 drought drought NOUN NN 5 obl
8 . . PUNCT . 2 punct`, "areas"},
		{`
1 People people NOUN NNS 2 nsubj
2 live live VERB VBP 0 root
3 in in ADP IN 5 case
4 dry dry ADJ JJ 5 amod
5 areas area NOUN NNS 2 obl
6 . . PUNCT . 2 punct`, "dry areas"},
		{`
1 Troops troop NOUN NNS 2 nsubj
2 pressed press VERB VBD 0 root
3 with with ADP IN 4 case
4 military military NOUN NN 2 obl
5 offensive offensive ADJ JJ 4 amod
6 in in ADP IN 7 case
7 Gaza Gaza PROPN NNP 5 obl
8 . . PUNCT . 2 punct`, "military offensive"},
	}
	for _, tc := range tests {
		s := parse(t, tc.rows)
		var got []string
		for _, p := range Extract(s) {
			for _, o := range p.Obliques {
				got = append(got, Text(s, o.Core))
			}
		}
		if len(got) == 0 || got[0] != tc.core {
			t.Errorf("%q: oblique cores %q, want %q first", s.Text, got, tc.core)
		}
	}
}

func TestReasonClauseUnderPassiveIsStated(t *testing.T) {
	// "as the parents came from India, they were declared innocent": the
	// as-clause is stated, unlike "accused of taking"; the where-clause
	// hung on it is no object.
	s := parse(t, `
1 as as SCONJ IN 4 mark
2 the the DET DT 3 det
3 parents parent NOUN NNS 4 nsubj
4 came come VERB VBD 15 advcl
5 from from ADP IN 6 case
6 India India PROPN NNP 4 obl
7 , , PUNCT , 12 punct
8 where where ADV WRB 12 advmod
9 homeopathy homeopathy NOUN NN 12 nsubj
10 is be AUX VBZ 12 cop
11 in in ADP IN 12 case
12 use use NOUN NN 4 obl
13 they they PRON PRP 15 nsubj:pass
14 were be AUX VBD 15 aux:pass
15 declared declare VERB VBN 0 root
16 innocent innocent ADJ JJ 15 xcomp
17 . . PUNCT . 15 punct`)
	found := false
	for _, p := range Extract(s) {
		if p.Verb != 3 {
			continue
		}
		found = true
		if p.Embedded {
			t.Errorf("'as the parents came from India' taken as not asserted")
		}
		if p.Object != nil {
			t.Errorf("the where-clause taken as the object: %q", Text(s, p.Object.Span))
		}
		if len(p.Obliques) != 1 || p.Obliques[0].Prep != "from" {
			t.Errorf("obliques %+v, want from India", p.Obliques)
		}
	}
	if !found {
		t.Errorf("no proposition for 'came'")
	}
}

func TestNounMisreadAsVerbMakesNoProposition(t *testing.T) {
	s := parse(t, `
1 Border border NOUN NN 3 compound
2 violent violent ADJ JJ 3 amod
3 clashes clash VERB VBZ 0 root
4 escalate escalate NOUN NN 3 obj`)
	if ps := Extract(s); len(ps) > 0 {
		t.Errorf("a verb with an adjective made %d propositions: %+v", len(ps), ps[0])
	}
	s = parse(t, `
1 Violent violent ADJ JJ 2 amod
2 clashes clash NOUN NNS 3 nsubj
3 escalate escalate VERB VBP 0 root`)
	if ps := Extract(s); len(ps) != 1 {
		t.Errorf("a true verb made %d propositions, want 1", len(ps))
	}
}

func TestByOnPassiveIsNoManner(t *testing.T) {
	tests := []struct {
		rows    string
		oblique bool // "by" phrase an oblique (else a manner context)
	}{
		{`
1 Cyclones cyclone NOUN NNS 3 nsubj:pass
2 are be AUX VBP 3 aux:pass
3 driven drive VERB VBN 0 root
4 by by ADP IN 6 case
5 warm warm ADJ JJ 6 amod
6 waters water NOUN NNS 3 obl
7 . . PUNCT . 3 punct`, true},
		{`
1 They they PRON PRP 2 nsubj
2 travelled travel VERB VBD 0 root
3 by by ADP IN 4 case
4 car car NOUN NN 2 obl
5 . . PUNCT . 2 punct`, false},
	}
	for _, tc := range tests {
		s := parse(t, tc.rows)
		ps := Extract(s)
		if len(ps) != 1 {
			t.Fatalf("%q: %d propositions", s.Text, len(ps))
		}
		got := len(ps[0].Obliques) == 1 && ps[0].Obliques[0].Prep == "by"
		if got != tc.oblique {
			t.Errorf("%q: by-phrase oblique = %v, want %v (%+v)", s.Text, got, tc.oblique, ps[0])
		}
	}
}

// An implicative verb's object does what the complement says ("caused a
// crane to fall": it fell); a request's object does not ("asked him to
// resign").
func TestImplicativeObjectControl(t *testing.T) {
	rows := func(verb, lemma string) string {
		return `
1 The the DET DT 2 det
2 storm storm NOUN NN 3 nsubj
3 ` + verb + ` ` + lemma + ` VERB VBD 0 root
4 a a DET DT 5 det
5 crane crane NOUN NN 3 obj
6 to to PART TO 7 mark
7 fall fall VERB VB 3 xcomp
8 into into ADP IN 9 case
9 Mecca Mecca PROPN NNP 7 obl
10 . . PUNCT . 3 punct`
	}
	for _, c := range []struct {
		verb, lemma string
		embedded    bool
	}{{"caused", "cause", false}, {"forced", "force", false}, {"asked", "ask", true}, {"allowed", "allow", true}} {
		found := false
		for _, p := range Extract(parse(t, rows(c.verb, c.lemma))) {
			if p.Verb == 6 {
				found = true
				if p.Embedded != c.embedded {
					t.Errorf("%q a crane to fall: embedded %v, want %v", c.verb, p.Embedded, c.embedded)
				}
			}
		}
		if !found {
			t.Errorf("%q a crane to fall: no proposition for fall", c.verb)
		}
	}
}

// Headlines drop "be": a past participle with a subject and no object is
// a passive ("Seekers rescued off coast"); an intransitive verb, an
// object or a full sentence keeps the active.
func TestHeadlinePassive(t *testing.T) {
	cases := []struct {
		rows, pred string
		passive    bool
	}{
		{`
1 Seekers seeker NOUN NNS 2 nsubj
2 rescued rescue VERB VBD 0 root
3 off off ADP IN 4 case
4 coast coast NOUN NN 2 obl`, "were-rescued", true},
		{`
1 Hundreds hundred NOUN NNS 2 nsubj
2 died die VERB VBD 0 root
3 in in ADP IN 4 case
4 stampede stampede NOUN NN 2 obl`, "died", false},
		{`
1 Police police NOUN NNS 2 nsubj
2 rescued rescue VERB VBD 0 root
3 seekers seeker NOUN NNS 2 obj`, "rescued", false},
		{`
1 Seekers seeker NOUN NNS 2 nsubj
2 rescued rescue VERB VBD 0 root
3 off off ADP IN 4 case
4 coast coast NOUN NN 2 obl
5 . . PUNCT . 2 punct`, "rescued", false},
	}
	for _, c := range cases {
		s := parse(t, c.rows)
		found := false
		for _, p := range Extract(s) {
			if p.Verb != 1 {
				continue
			}
			found = true
			if p.Passive != c.passive || p.Predicate != c.pred {
				t.Errorf("%q: predicate %q passive %v, want %q %v", s.Text, p.Predicate, p.Passive, c.pred, c.passive)
			}
		}
		if !found {
			t.Errorf("%q: no proposition", s.Text)
		}
	}
}

// TestTensedAdverbialClauseInheritsNoSubject: a tensed clause the parser
// left without a subject ("many" misattached) gets none from the main
// clause, while the participle beside it still inherits.
func TestTensedAdverbialClauseInheritsNoSubject(t *testing.T) {
	s := parse(t, `
1 A a DET DT 3 det
2 new new ADJ JJ 3 amod
3 study study NOUN NN 5 nsubj
4 has have AUX VBZ 5 aux
5 revealed reveal VERB VBN 0 root
6 many many ADJ JJ 5 xcomp
7 are be AUX VBP 9 aux
8 not not PART RB 9 advmod
9 getting get VERB VBG 5 advcl
10 enough enough ADJ JJ 11 amod
11 iodine iodine NOUN NN 9 obj
12 , , PUNCT , 13 punct
13 prompting prompt VERB VBG 5 advcl
14 calls call NOUN NNS 13 obj`)
	for _, p := range Extract(s) {
		if strings.Contains(p.Predicate, "get") && p.Subject != nil && Text(s, p.Subject.Core) == "new study" {
			t.Errorf("%q: the tensed clause took the main subject: %s %s", s.Text, Text(s, p.Subject.Core), p.Predicate)
		}
	}
	check(t, s, []want{{subj: "new study", pred: "prompted", obj: "calls", inherited: true}})
}

// TestPurposeIsNotAsserted: "went to Paris to meet the minister" says
// he went, not that he met the minister.
func TestPurposeIsNotAsserted(t *testing.T) {
	s := parse(t, `
1 He he PRON PRP 2 nsubj
2 went go VERB VBD 0 root
3 to to ADP IN 4 case
4 Paris Paris PROPN NNP 2 obl
5 to to PART TO 6 mark
6 meet meet VERB VB 2 advcl
7 the the DET DT 8 det
8 minister minister NOUN NN 6 obj
9 . . PUNCT . 2 punct`)
	asserted := map[string]bool{}
	for _, p := range Extract(s) {
		asserted[s.Tokens[p.Verb].Text] = !p.Embedded
	}
	if !asserted["went"] || asserted["meet"] {
		t.Errorf("asserted: %v, want went and not meet", asserted)
	}
}

// TestComplementWithPrepositionIsOblique: a nominal "xcomp" with a case
// marker is an oblique the parser mislabelled, not a predicate nominal.
func TestComplementWithPrepositionIsOblique(t *testing.T) {
	s := parse(t, `
1 The the DET DT 2 det
2 boat boat NOUN NN 4 nsubj:pass
3 was be AUX VBD 4 aux:pass
4 turned turn VERB VBN 0 root
5 toward toward ADP IN 6 case
6 Malaysia Malaysia PROPN NNP 4 xcomp
7 . . PUNCT . 4 punct`)
	ps := Extract(s)
	if len(ps) != 1 || ps[0].Object != nil || len(ps[0].Obliques) != 1 || ps[0].Obliques[0].Prep != "toward" || Text(s, ps[0].Obliques[0].Core) != "Malaysia" {
		t.Errorf("%q: got %+v, want one proposition with the oblique 'toward Malaysia' and no object", s.Text, ps)
	}
}

// TestAppositionAfterCoordination: "Geneva, a city of peace" renames
// Geneva; "Bangladeshis and Rohingya, a stateless minority" is left
// alone, whichever conjunct the parser hung the apposition on.
func TestAppositionAfterCoordination(t *testing.T) {
	s := parse(t, `
1 Geneva Geneva PROPN NNP 0 root
2 , , PUNCT , 5 punct
3 a a DET DT 5 det
4 peaceful peaceful ADJ JJ 5 amod
5 city city NOUN NN 1 appos`)
	if a := Appositions(s); len(a) != 1 || Text(s, a[0].Of.Span) != "Geneva" || s.Tokens[a[0].Is.Head].Text != "city" {
		t.Errorf("%q: appositions %+v, want Geneva = city", s.Text, a)
	}
	s = parse(t, `
1 Bangladeshis Bangladeshi PROPN NNPS 0 root
2 and and CCONJ CC 3 cc
3 Rohingya Rohingya PROPN NNPS 1 conj
4 , , PUNCT , 7 punct
5 a a DET DT 7 det
6 stateless stateless ADJ JJ 7 amod
7 minority minority NOUN NN 1 appos`)
	if a := Appositions(s); len(a) != 0 {
		t.Errorf("%q: appositions %+v, want none", s.Text, a)
	}
}

// TestMeasureBeforePreposition: "comes ten days before the beginning" is
// an oblique on "before", the measure "ten days" notwithstanding.
func TestMeasureBeforePreposition(t *testing.T) {
	s := parse(t, `
1 The the DET DT 2 det
2 accident accident NOUN NN 3 nsubj
3 comes come VERB VBZ 0 root
4 ten ten NUM CD 5 nummod
5 days day NOUN NNS 8 obl:unmarked
6 before before ADP IN 8 case
7 the the DET DT 8 det
8 beginning beginning NOUN NN 3 obl
9 . . PUNCT . 3 punct`)
	ps := Extract(s)
	if len(ps) != 1 || ps[0].Object != nil || len(ps[0].Obliques) != 1 || ps[0].Obliques[0].Prep != "before" {
		t.Errorf("%q: got %+v, want the oblique 'before the beginning' and no object", s.Text, ps)
	}
}

// TestNoSubjectNegates: "No injuries or deaths were reported in the
// attacks" says that none were, for both conjuncts.
func TestNoSubjectNegates(t *testing.T) {
	s := parse(t, `
1 No no DET DT 2 det
2 injuries injury NOUN NNS 6 nsubj:pass
3 or or CCONJ CC 4 cc
4 deaths death NOUN NNS 2 conj
5 were be AUX VBD 6 aux:pass
6 reported report VERB VBN 0 root
7 in in ADP IN 9 case
8 the the DET DT 9 det
9 attacks attack NOUN NNS 6 obl
10 . . PUNCT . 6 punct`)
	ps := Extract(s)
	if len(ps) != 2 {
		t.Fatalf("%q: %d propositions, want 2 (one a conjunct)", s.Text, len(ps))
	}
	for _, p := range ps {
		if !p.Negated {
			t.Errorf("%q: %s %s asserted, want negated", s.Text, Text(s, p.Subject.Core), p.Predicate)
		}
	}
}

func TestConjunctsOfPartitive(t *testing.T) {
	s := parse(t, `
1 the the DET DT 2 det
2 project project NOUN NN 4 nsubj
3 has have AUX VBZ 4 aux
4 planned plan VERB VBN 0 root
5 a a DET DT 6 det
6 number number NOUN NN 4 obj
7 of of ADP IN 8 case
8 conferences conference NOUN NNS 6 nmod
9 and and CCONJ CC 10 cc
10 roadshows roadshow NOUN NNS 8 conj
11 . . PUNCT . 4 punct`)
	check(t, s, []want{
		{subj: "project", pred: "planned", obj: "conferences"},
		{subj: "project", pred: "planned", obj: "roadshows"},
	})
}

// TestObjectWithPrepositionIsOblique: a second "object" that carries its
// own preposition is an oblique the parser mislabelled; it must not
// replace the real object.
func TestObjectWithPrepositionIsOblique(t *testing.T) {
	s := parse(t, `
1 wikiHow wikiHow PROPN NNP 2 nsubj
2 had have VERB VBD 0 root
3 many many ADJ JJ 4 amod
4 visitors visitor NOUN NNS 2 obj
5 according accord VERB VBG 8 case
6 to to ADP IN 5 fixed
7 Google Google PROPN NNP 8 compound
8 Analytics Analytics PROPN NNP 2 obj
9 . . PUNCT . 2 punct`)
	ps := Extract(s)
	if len(ps) != 1 || ps[0].Object == nil || Text(s, ps[0].Object.Core) != "visitors" ||
		len(ps[0].Obliques) != 1 || ps[0].Obliques[0].Prep != "according-to" {
		t.Errorf("%q: got %+v, want object 'visitors' and the oblique 'according to Google Analytics'", s.Text, ps)
	}
	// The preposition may hang lower in the phrase: "on" under "$".
	s = parse(t, `
1 Montalvo Montalvo PROPN NNP 3 nsubj:pass
2 was be AUX VBD 3 aux:pass
3 released release VERB VBN 0 root
4 on on ADP IN 6 case
5 US US PROPN NNP 6 compound
6 $ $ SYM $ 8 compound
7 20,000 20,000 NUM CD 6 nummod
8 bail bail NOUN NN 3 obj
9 . . PUNCT . 3 punct`)
	ps = Extract(s)
	if len(ps) != 1 || ps[0].Object != nil || len(ps[0].Obliques) != 1 || ps[0].Obliques[0].Prep != "on" {
		t.Errorf("%q: got %+v, want no object and the oblique 'on US$ 20,000 bail'", s.Text, ps)
	}
	// "at least" opens the phrase but is an adverbial, not its preposition.
	s = parse(t, `
1 Outfits outfit NOUN NNS 2 nsubj
2 involved involve VERB VBD 0 root
3 at at ADP IN 4 case
4 least least ADJ JJS 6 obl
5 some some DET DT 6 det
6 elements element NOUN NNS 2 obj
7 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Outfits", pred: "involved", obj: "elements"}})
	// A possessive marker is no preposition: "saw Ann's car" keeps its object.
	s = parse(t, `
1 Bob Bob PROPN NNP 2 nsubj
2 saw see VERB VBD 0 root
3 Ann Ann PROPN NNP 5 nmod:poss
4 's 's PART POS 3 case
5 car car NOUN NN 2 obj
6 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Bob", pred: "saw", obj: "Ann 's car"}})
}

// TestMeasureIsNoObject: an unmarked nominal counted by a number ("rose
// 5 percent", "increased 18-fold") says how much, not what: it is not
// taken as the verb's object.
func TestMeasureIsNoObject(t *testing.T) {
	s := parse(t, `
1 Traffic traffic NOUN NN 3 nsubj
2 had have AUX VBD 3 aux
3 increased increase VERB VBN 0 root
4 18 18 NUM CD 6 nummod
5 - - PUNCT HYPH 4 punct
6 fold fold NOUN NN 3 obl:unmarked
7 . . PUNCT . 3 punct`)
	ps := Extract(s)
	if len(ps) != 1 || ps[0].Object != nil {
		t.Errorf("%q: got %+v, want one proposition without an object", s.Text, ps)
	}
	// A degree phrase is no object either: "cheat a little bit".
	s = parse(t, `
1 I I PRON PRP 2 nsubj
2 cheat cheat VERB VBP 0 root
3 a a DET DT 5 det
4 little little ADJ JJ 5 amod
5 bit bit NOUN NN 2 obl:unmarked
6 . . PUNCT . 2 punct`)
	ps = Extract(s)
	if len(ps) != 1 || ps[0].Object != nil {
		t.Errorf("%q: got %+v, want one proposition without an object", s.Text, ps)
	}
	// A unit of measure labelled object says how far, not what.
	s = parse(t, `
1 NATO NATO PROPN NNP 4 nsubj
2 would would AUX MD 4 aux
3 not not PART RB 4 advmod
4 expand expand VERB VB 0 root
5 one one NUM CD 6 nummod
6 inch inch NOUN NN 4 obj
7 to to ADP IN 9 case
8 the the DET DT 9 det
9 east east NOUN NN 4 obl
10 . . PUNCT . 4 punct`)
	ps = Extract(s)
	if len(ps) != 1 || ps[0].Object != nil || len(ps[0].Obliques) != 1 || ps[0].Obliques[0].Prep != "to" {
		t.Errorf("%q: got %+v, want no object and the oblique 'to the east'", s.Text, ps)
	}
	// With an "of" phrase the measure is what was won.
	s = parse(t, `
1 Ann Ann PROPN NNP 2 nsubj
2 won win VERB VBD 0 root
3 40 40 NUM CD 4 nummod
4 percent percent NOUN NN 2 obj
5 of of ADP IN 7 case
6 the the DET DT 7 det
7 vote vote NOUN NN 4 nmod
8 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Ann", pred: "won", obj: "percent"}})
	// Without a number, a bare nominal after the verb stays its object.
	s = parse(t, `
1 Ann Ann PROPN NNP 2 nsubj
2 thanked thank VERB VBD 0 root
3 Chancellor Chancellor PROPN NNP 4 compound
4 Merkel Merkel PROPN NNP 2 obl:unmarked
5 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Ann", pred: "thanked", obj: "Chancellor Merkel"}})
}

// TestPartitiveOfMassNoun: "a lot of", "a kind of" quantify or classify
// a singular or mass noun too; the fact is about that noun.
func TestPartitiveOfMassNoun(t *testing.T) {
	s := parse(t, `
1 Gloria Gloria PROPN NNP 2 nsubj
2 spent spend VERB VBD 0 root
3 a a DET DT 4 det
4 lot lot NOUN NN 2 obj
5 of of ADP IN 6 case
6 time time NOUN NN 4 nmod
7 outside outside ADV RB 2 advmod
8 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Gloria", pred: "spent", obj: "time"}})
	s = parse(t, `
1 Russia Russia PROPN NNP 3 nsubj
2 would would AUX MD 3 aux
3 have have VERB VB 0 root
4 a a DET DT 5 det
5 kind kind NOUN NN 3 obj
6 of of ADP IN 8 case
7 security security NOUN NN 8 compound
8 zone zone NOUN NN 5 nmod
9 . . PUNCT . 3 punct`)
	check(t, s, []want{{subj: "Russia", pred: "have", obj: "security zone", modal: "would"}})
	// A definite measure names itself: "estimated the number of
	// particles" is not "estimated particles".
	s = parse(t, `
1 He he PRON PRP 2 nsubj
2 estimated estimate VERB VBD 0 root
3 the the DET DT 4 det
4 number number NOUN NN 2 obj
5 of of ADP IN 6 case
6 particles particle NOUN NNS 4 nmod
7 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "He", pred: "estimated", obj: "number"}})
}

// TestUnrealisedGerundIsNotAsserted: a gerund after "to", "without",
// "instead of" or "rather than", and a conjunct set aside by "rather
// than", name acts that did not happen; an ordinary gerund is stated.
func TestUnrealisedGerundIsNotAsserted(t *testing.T) {
	gerund := func(mark string) *doc.Sentence {
		return parse(t, `
1 Santorum Santorum PROPN NNP 2 nsubj
2 compared compare VERB VBD 0 root
3 marriage marriage NOUN NN 2 obj
4 `+mark+` `+mark+` SCONJ IN 5 mark
5 supporting support VERB VBG 2 advcl
6 bestiality bestiality NOUN NN 5 obj
7 . . PUNCT . 2 punct`)
	}
	for _, mark := range []string{"to", "without", "toward"} {
		s := gerund(mark)
		for _, p := range Extract(s) {
			if p.Verb == 4 && !p.Embedded {
				t.Errorf("%q: 'supporting bestiality' asserted", s.Text)
			}
		}
	}
	s := gerund("after")
	for _, p := range Extract(s) {
		if p.Verb == 4 && p.Embedded {
			t.Errorf("%q: 'after supporting bestiality' not asserted", s.Text)
		}
	}
	s = parse(t, `
1 That that PRON DT 3 nsubj
2 's be AUX VBZ 3 cop
3 funny funny ADJ JJ 0 root
4 rather rather ADV RB 7 cc
5 than than ADP IN 4 fixed
6 people people NOUN NNS 7 nsubj
7 falling fall VERB VBG 3 conj
8 off off ADP IN 9 case
9 chairs chair NOUN NNS 7 obl
10 . . PUNCT . 3 punct`)
	for _, p := range Extract(s) {
		if p.Verb == 6 && !p.Embedded {
			t.Errorf("%q: 'people falling off chairs' asserted", s.Text)
		}
	}
}

// TestNotOnlyIsNoNegation: "not only X but also Y" states both.
func TestNotOnlyIsNoNegation(t *testing.T) {
	s := parse(t, `
1 Lanterns lantern NOUN NNS 4 nsubj
2 not not PART RB 4 advmod
3 only only ADV RB 4 advmod
4 fill fill VERB VBP 0 root
5 the the DET DT 6 det
6 square square NOUN NN 4 obj
7 but but CCONJ CC 9 cc
8 also also ADV RB 9 advmod
9 streets street NOUN NNS 6 conj
10 . . PUNCT . 4 punct`)
	check(t, s, []want{{subj: "Lanterns", pred: "fill", obj: "square"}})
	s = parse(t, `
1 Lanterns lantern NOUN NNS 4 nsubj
2 do do AUX VBP 4 aux
3 not not PART RB 4 advmod
4 fill fill VERB VB 0 root
5 the the DET DT 6 det
6 square square NOUN NN 4 obj
7 . . PUNCT . 4 punct`)
	check(t, s, []want{{subj: "Lanterns", pred: "fill", obj: "square", neg: true}})
}

// TestDegreeLotIsNoObject: "draw a lot" says how much, not what; "a lot
// of her money" quantifies the money, definite or not.
func TestDegreeLotIsNoObject(t *testing.T) {
	s := parse(t, `
1 Ann Ann PROPN NNP 2 nsubj
2 painted paint VERB VBD 0 root
3 a a DET DT 4 det
4 lot lot NOUN NN 2 obj
5 in in ADP IN 7 case
6 her her PRON PRP$ 7 nmod:poss
7 studio studio NOUN NN 2 obl
8 . . PUNCT . 2 punct`)
	ps := Extract(s)
	if len(ps) != 1 || ps[0].Object != nil || len(ps[0].Obliques) != 1 {
		t.Errorf("%q: got %+v, want no object and the oblique 'in her studio'", s.Text, ps)
	}
	s = parse(t, `
1 Ann Ann PROPN NNP 2 nsubj
2 spent spend VERB VBD 0 root
3 a a DET DT 4 det
4 lot lot NOUN NN 2 obj
5 of of ADP IN 7 case
6 her her PRON PRP$ 7 nmod:poss
7 money money NOUN NN 4 nmod
8 on on ADP IN 9 case
9 cars car NOUN NNS 2 obl
10 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Ann", pred: "spent", obj: "money"}})
	// A lot of land is a thing: "a lot" with its own modifier.
	s = parse(t, `
1 Ann Ann PROPN NNP 2 nsubj
2 bought buy VERB VBD 0 root
3 a a DET DT 5 det
4 vacant vacant ADJ JJ 5 amod
5 lot lot NOUN NN 2 obj
6 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Ann", pred: "bought", obj: "vacant lot"}})
}

// TestContractedWouldIsModal: "'d" before a bare verb is "would".
func TestContractedWouldIsModal(t *testing.T) {
	s := parse(t, `
1 She she PRON PRP 3 nsubj
2 'd would AUX MD 3 aux
3 paint paint VERB VB 0 root
4 boats boat NOUN NNS 3 obj
5 . . PUNCT . 3 punct`)
	check(t, s, []want{{subj: "She", pred: "paint", obj: "boats", modal: "would"}})
	// Before a participle "'d" is "had": no modality.
	s = parse(t, `
1 She she PRON PRP 3 nsubj
2 'd have AUX VBD 3 aux
3 painted paint VERB VBN 0 root
4 boats boat NOUN NNS 3 obj
5 . . PUNCT . 3 punct`)
	check(t, s, []want{{subj: "She", pred: "painted", obj: "boats"}})
}

// TestFutureTimeClauseIsNotAsserted: "once the storm reaches the coast,
// it will weaken": a present-tense time clause of a future clause says
// when, not what happened; in the past it is stated.
func TestFutureTimeClauseIsNotAsserted(t *testing.T) {
	rows := func(mark, markUpos, markXpos, markRel, verb, vxpos, aux, auxXpos string) string {
		return `
1 ` + mark + ` ` + strings.ToLower(mark) + ` ` + markUpos + ` ` + markXpos + ` 4 ` + markRel + `
2 the the DET DT 3 det
3 storm storm NOUN NN 4 nsubj
4 ` + verb + ` reach VERB ` + vxpos + ` 10 advcl
5 the the DET DT 6 det
6 coast coast NOUN NN 4 obj
7 , , PUNCT , 10 punct
8 it it PRON PRP 10 nsubj
9 ` + aux + ` will AUX ` + auxXpos + ` 10 aux
10 weaken weaken VERB VB 0 root
11 . . PUNCT . 10 punct`
	}
	asserted := func(s *doc.Sentence) bool {
		for _, p := range Extract(s) {
			if p.Verb == 3 && !p.Embedded {
				return true
			}
		}
		return false
	}
	for _, s := range []*doc.Sentence{
		parse(t, rows("Once", "SCONJ", "IN", "mark", "reaches", "VBZ", "will", "MD")),
		parse(t, rows("When", "ADV", "WRB", "advmod", "reaches", "VBZ", "will", "MD")),
	} {
		if asserted(s) {
			t.Errorf("%q: 'the storm reaches the coast' asserted", s.Text)
		}
	}
	for _, s := range []*doc.Sentence{
		parse(t, rows("Once", "SCONJ", "IN", "mark", "reached", "VBD", "would", "MD")),
		parse(t, rows("Because", "SCONJ", "IN", "mark", "reaches", "VBZ", "will", "MD")),
	} {
		if !asserted(s) {
			t.Errorf("%q: 'the storm reached the coast' not asserted", s.Text)
		}
	}
}

// TestToMarkOnNounIsPreposition: "went off to college" with "to" tagged
// an infinitive marker on the noun: a noun takes no infinitive.
func TestToMarkOnNounIsPreposition(t *testing.T) {
	s := parse(t, `
1 We we PRON PRP 2 nsubj
2 went go VERB VBD 0 root
3 off off ADP RP 5 case
4 to to PART TO 5 mark
5 college college NOUN NN 2 obl
6 . . PUNCT . 2 punct`)
	ps := Extract(s)
	if len(ps) != 1 || len(ps[0].Obliques) != 1 || ps[0].Obliques[0].Prep != "off-to" {
		t.Errorf("%q: got %+v, want the oblique 'off to college'", s.Text, ps)
	}
	// With a copula after it, "to" is the copula's infinitive marker.
	s = parse(t, `
1 Sales sale NOUN NNS 2 nsubj
2 appear appear VERB VBP 0 root
3 to to PART TO 7 mark
4 be be AUX VB 7 cop
5 due due ADJ JJ 7 case
6 to to ADP IN 5 fixed
7 storms storm NOUN NNS 2 obj
8 . . PUNCT . 2 punct`)
	for _, p := range Extract(s) {
		for _, o := range p.Obliques {
			if strings.HasPrefix(o.Prep, "to") {
				t.Errorf("%q: 'to be due to' read as the preposition %q", s.Text, o.Prep)
			}
		}
	}
}

// TestDirectionWordIsNoObject: "the storm moved inland", "they went home":
// where to, not what; "bought a home" names a thing.
func TestDirectionWordIsNoObject(t *testing.T) {
	s := parse(t, `
1 The the DET DT 2 det
2 storm storm NOUN NN 3 nsubj
3 moved move VERB VBD 0 root
4 inland inland NOUN NN 3 obj
5 . . PUNCT . 3 punct`)
	for _, p := range Extract(s) {
		if p.Object != nil {
			t.Errorf("%q: object %q", s.Text, Text(s, p.Object.Span))
		}
	}
	s = parse(t, `
1 Ann Ann PROPN NNP 2 nsubj
2 bought buy VERB VBD 0 root
3 a a DET DT 4 det
4 home home NOUN NN 2 obj
5 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Ann", pred: "bought", obj: "home"}})
}

// TestUnattachedRelativeClause: "There is Maria Lopez, who runs the
// shop" parsed with "runs" conjoined to "is": "who" is still Maria
// Lopez; a "which" whose verb disagrees with the noun before the comma
// stands for something else ("they have bad teachers, which is a
// problem").
func TestUnattachedRelativeClause(t *testing.T) {
	s := parse(t, `
1 There there PRON EX 2 expl
2 is be VERB VBZ 0 root
3 Maria Maria PROPN NNP 2 nsubj
4 Lopez Lopez PROPN NNP 3 flat
5 , , PUNCT , 7 punct
6 who who PRON WP 7 nsubj
7 runs run VERB VBZ 2 conj
8 the the DET DT 9 det
9 shop shop NOUN NN 7 obj
10 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Maria Lopez", pred: "runs", obj: "shop"}})
	for _, p := range Extract(s) {
		if p.Verb == 6 && Risk(s, p) >= 1 {
			t.Errorf("%q: the guessed antecedent carries no risk", s.Text)
		}
	}
	s = parse(t, `
1 They they PRON PRP 2 nsubj
2 have have VERB VBP 0 root
3 bad bad ADJ JJ 4 amod
4 teachers teacher NOUN NNS 2 obj
5 , , PUNCT , 9 punct
6 which which PRON WDT 9 nsubj
7 is be AUX VBZ 9 cop
8 a a DET DT 9 det
9 problem problem NOUN NN 2 conj
10 . . PUNCT . 2 punct`)
	for _, p := range Extract(s) {
		if p.Subject != nil && p.Subject.Head == 3 && p.Verb != 1 {
			t.Errorf("%q: 'which' read as the teachers: %q", s.Text, p.Predicate)
		}
	}
}

// TestParenthesisIsNoConjunct: "Athens (Greek: Athina), is the capital":
// a name in brackets that the parser joined to the subject as a
// conjunct, with no "and", is no second subject.
func TestParenthesisIsNoConjunct(t *testing.T) {
	s := parse(t, `
1 Athens Athens PROPN NNP 9 nsubj
2 ( ( PUNCT -LRB- 3 punct
3 Greek Greek PROPN NNP 1 conj
4 : : PUNCT : 5 punct
5 Athina Athina PROPN NNP 3 conj
6 ) ) PUNCT -RRB- 3 punct
7 is be AUX VBZ 9 cop
8 the the DET DT 9 det
9 capital capital NOUN NN 0 root
10 . . PUNCT . 9 punct`)
	for _, p := range Extract(s) {
		if p.Subject != nil && p.Subject.Head != 0 {
			t.Errorf("subject %d (%s), want only Athens", p.Subject.Head, s.Tokens[p.Subject.Head].Text)
		}
	}
	if len(Extract(s)) == 0 {
		t.Error("no proposition for Athens")
	}
}

// TestPersonNounIsNoPartitive: "a number of conferences" quantifies
// conferences, but "a member of parties" and "a guarantor of supplies"
// name a person (GUM's person nouns, agent nouns in -or): the object is
// the person noun, not what it is "of".
func TestPersonNounIsNoPartitive(t *testing.T) {
	for _, n := range [][2]string{{"member", "member"}, {"guarantor", "guarantor"}} {
		s := parse(t, `
1 Lee Lee PROPN NNP 2 nsubj
2 met meet VERB VBD 0 root
3 a a DET DT 4 det
4 `+n[0]+` `+n[1]+` NOUN NN 2 obj
5 of of ADP IN 6 case
6 parties party NOUN NNS 4 nmod
7 . . PUNCT . 2 punct`)
		check(t, s, []want{{subj: "Lee", pred: "met", obj: n[0]}})
	}
}

// TestForGerundAfterObjectHasNoSubject: "the mayor thanked the
// firefighters for saving the house": the object as often as the subject
// does what "for" + gerund says, so the gerund gets no subject; without
// an object ("was fined for polluting") the subject is kept.
func TestForGerundAfterObjectHasNoSubject(t *testing.T) {
	s := parse(t, `
1 mayor mayor NOUN NN 2 nsubj
2 thanked thank VERB VBD 0 root
3 firefighters firefighter NOUN NNS 2 obj
4 for for SCONJ IN 5 mark
5 saving save VERB VBG 2 advcl
6 house house NOUN NN 5 obj
7 . . PUNCT . 2 punct`)
	for _, p := range Extract(s) {
		if p.Predicate == "saved" || p.Predicate == "saving" {
			t.Errorf("gerund given subject %q", Text(s, p.Subject.Core))
		}
	}
	s = parse(t, `
1 firm firm NOUN NN 3 nsubj:pass
2 was be AUX VBD 3 aux:pass
3 fined fine VERB VBN 0 root
4 for for SCONJ IN 5 mark
5 polluting pollute VERB VBG 3 advcl
6 river river NOUN NN 5 obj
7 . . PUNCT . 3 punct`)
	found := false
	for _, p := range Extract(s) {
		if p.Object != nil && Text(s, p.Object.Core) == "river" && Text(s, p.Subject.Core) == "firm" {
			found = true
		}
	}
	if !found {
		t.Error("firm polluted river missing")
	}
}

func TestBareComplementAfterObjectIsNotChained(t *testing.T) {
	// "the coach helped the players find their form": the players find
	// it, so no "helped-find"; the coach helped the players.
	s := parse(t, `
1 the the DET DT 2 det
2 coach coach NOUN NN 3 nsubj
3 helped help VERB VBD 0 root
4 the the DET DT 5 det
5 players player NOUN NNS 3 obj
6 find find VERB VB 3 xcomp
7 their their PRON PRP$ 8 nmod:poss
8 form form NOUN NN 6 obj
9 . . PUNCT . 3 punct`)
	check(t, s, []want{{subj: "coach", pred: "helped", obj: "players"}})
	for _, p := range Extract(s) {
		if strings.Contains(p.Predicate, "find") {
			t.Errorf("chained through the object's complement: %q", p.Predicate)
		}
	}
	// "the crew kept the pumps running all night": the pumps run.
	s = parse(t, `
1 the the DET DT 2 det
2 crew crew NOUN NN 3 nsubj
3 kept keep VERB VBD 0 root
4 the the DET DT 5 det
5 pumps pump NOUN NNS 3 obj
6 running run VERB VBG 3 xcomp
7 all all DET DT 8 det
8 night night NOUN NN 6 obl:tmod
9 . . PUNCT . 3 punct`)
	check(t, s, []want{{subj: "crew", pred: "kept", obj: "pumps"}})
	// Without an object the complement is the subject's: "began
	// running" stays chained.
	s = parse(t, `
1 the the DET DT 2 det
2 crew crew NOUN NN 3 nsubj
3 began begin VERB VBD 0 root
4 running run VERB VBG 3 xcomp
5 the the DET DT 6 det
6 pumps pump NOUN NNS 4 obj
7 . . PUNCT . 3 punct`)
	check(t, s, []want{{subj: "crew", pred: "began-running", obj: "pumps"}})
	// A bare infinitive with no argument of its own stays chained, the
	// object kept: "the noise made the dog bark".
	s = parse(t, `
1 the the DET DT 2 det
2 noise noise NOUN NN 3 nsubj
3 made make VERB VBD 0 root
4 the the DET DT 5 det
5 dog dog NOUN NN 3 obj
6 bark bark VERB VB 3 xcomp
7 . . PUNCT . 3 punct`)
	check(t, s, []want{{subj: "noise", pred: "made-bark", obj: "dog"}})
}

func TestRelativeOnAppositionNamesTheAnchor(t *testing.T) {
	// "they sold the farm to Acme, a firm that was founded in 1990":
	// the relative clause on the apposition "a firm" describes Acme.
	rows := `
1 they they PRON PRP 2 nsubj
2 sold sell VERB VBD 0 root
3 the the DET DT 4 det
4 farm farm NOUN NN 2 obj
5 to to ADP IN 6 case
6 Acme Acme PROPN NNP 2 obl
7 , , PUNCT , 9 punct
8 a a DET DT 9 det
9 firm firm NOUN NN %s
10 that that PRON WDT 12 nsubj:pass
11 was be AUX VBD 12 aux:pass
12 founded found VERB VBN 9 acl:relcl
13 in in ADP IN 14 case
14 1990 1990 NUM CD 12 obl
15 . . PUNCT . 2 punct`
	// Parsed as an apposition, or (as parsers often do) hung on the
	// verb as an oblique without a preposition.
	for _, attach := range []string{"6 appos", "2 obl"} {
		s := parse(t, strings.Replace(rows, "%s", attach, 1))
		check(t, s, []want{{subj: "Acme", pred: "was-founded", obj: ""}})
	}
}

func TestObjectWithCopulaIsNoObject(t *testing.T) {
	// "the delay seems to be due to repairs" parsed with "repairs" an
	// object of "seems": the delay does not "seem" repairs.
	s := parse(t, `
1 the the DET DT 2 det
2 delay delay NOUN NN 3 nsubj
3 seems seem VERB VBZ 0 root
4 to to PART TO 8 mark
5 be be AUX VB 8 cop
6 due due ADJ JJ 8 case
7 to to ADP IN 6 fixed
8 repairs repair NOUN NNS 3 obj
9 . . PUNCT . 3 punct`)
	for _, p := range Extract(s) {
		if p.Object != nil && Text(s, p.Object.Core) == "repairs" {
			t.Errorf("%q has object %q", p.Predicate, Text(s, p.Object.Core))
		}
	}
}

func TestVerbTaggedNounInSubordinateClause(t *testing.T) {
	// "once the river flows into the lake, the water slows down" with
	// "flows" tagged a plural noun and "lake" hung on it as nmod.
	s := parse(t, `
1 once once SCONJ IN 4 mark
2 the the DET DT 3 det
3 river river NOUN NN 4 nsubj
4 flows flow NOUN NNS 11 advcl
5 into into ADP IN 7 case
6 the the DET DT 7 det
7 lake lake NOUN NN 4 nmod
8 , , PUNCT , 4 punct
9 the the DET DT 10 det
10 water water NOUN NN 11 nsubj
11 reaches reach VERB VBZ 0 root
12 the the DET DT 13 det
13 dam dam NOUN NN 11 obj
14 . . PUNCT . 11 punct`)
	check(t, s, []want{{subj: "river", pred: "flows", obj: ""}, {subj: "water", pred: "reaches", obj: "dam"}})
	found := false
	for _, p := range Extract(s) {
		for _, o := range p.Obliques {
			found = found || p.Predicate == "flows" && o.Prep == "into" && Text(s, o.Core) == "lake"
		}
	}
	if !found {
		t.Error("no oblique \"into the lake\" on flows")
	}
}

func TestPieceOfIsPartitive(t *testing.T) {
	// "they bought a piece of land": what they bought is land.
	s := parse(t, `
1 they they PRON PRP 2 nsubj
2 bought buy VERB VBD 0 root
3 a a DET DT 4 det
4 piece piece NOUN NN 2 obj
5 of of ADP IN 6 case
6 land land NOUN NN 4 nmod
7 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "they", pred: "bought", obj: "land"}})
}

func TestUpTaggedAdverbBeforeObliqueIsParticle(t *testing.T) {
	// "she came up with a plan" with "up" tagged an adverb: the relation
	// is came-up-with, not came-with.
	s := parse(t, `
1 she she PRON PRP 2 nsubj
2 came come VERB VBD 0 root
3 up up ADV RB 2 advmod
4 with with ADP IN 6 case
5 a a DET DT 6 det
6 plan plan NOUN NN 2 obl
7 . . PUNCT . 2 punct`)
	found := false
	for _, p := range Extract(s) {
		found = found || p.Predicate == "came-up"
	}
	if !found {
		t.Errorf("no came-up predicate in %v", Extract(s))
	}
}

func TestCausativeWithoutItsComplementSaysNothing(t *testing.T) {
	// "the tailor makes every coat fit him": not "makes coat".
	s := parse(t, `
1 the the DET DT 2 det
2 tailor tailor NOUN NN 3 nsubj
3 makes make VERB VBZ 0 root
4 every every DET DT 5 det
5 coat coat NOUN NN 3 obj
6 fit fit VERB VB 3 xcomp
7 him he PRON PRP 6 obj
8 . . PUNCT . 3 punct`)
	for _, p := range Extract(s) {
		if p.Verb == 2 {
			t.Errorf("causative without its complement: %q", p.Predicate)
		}
	}
	// A complement away from the object is not the causative's: "Acme is
	// making this move to reach buyers using ads" keeps making-move.
	s = parse(t, `
1 Acme Acme PROPN NNP 3 nsubj
2 is be AUX VBZ 3 aux
3 making make VERB VBG 0 root
4 this this DET DT 5 det
5 move move NOUN NN 3 obj
6 to to PART TO 7 mark
7 reach reach VERB VB 3 advcl
8 buyers buyer NOUN NNS 7 obj
9 using use VERB VBG 3 xcomp
10 ads ad NOUN NNS 9 obj
11 . . PUNCT . 3 punct`)
	check(t, s, []want{{subj: "Acme", pred: "making", obj: "move"}})
}

func TestOnABasisIsManner(t *testing.T) {
	// "the staff check the pumps on a weekly basis": no checked-on basis.
	s := parse(t, `
1 the the DET DT 2 det
2 staff staff NOUN NN 3 nsubj
3 check check VERB VBP 0 root
4 the the DET DT 5 det
5 pumps pump NOUN NNS 3 obj
6 on on ADP IN 9 case
7 a a DET DT 9 det
8 weekly weekly ADJ JJ 9 amod
9 basis basis NOUN NN 3 obl
10 . . PUNCT . 3 punct`)
	for _, p := range Extract(s) {
		for _, o := range p.Obliques {
			if Text(s, o.Core) == "weekly basis" || Text(s, o.Core) == "basis" {
				t.Errorf("%q has oblique %q", p.Predicate, Text(s, o.Core))
			}
		}
	}
}

func TestParticipleReadAsMainVerbIsPassive(t *testing.T) {
	// "The report released by the ministry, showed a rise" parsed with
	// "released" as the main verb and "showed" conjoined without "and":
	// the report was released.
	s := parse(t, `
1 the the DET DT 2 det
2 report report NOUN NN 3 nsubj
3 released release VERB VBD 0 root
4 in in ADP IN 6 case
5 the the DET DT 6 det
6 capital capital NOUN NN 3 obl
7 , , PUNCT , 8 punct
8 showed show VERB VBD 3 conj
9 a a DET DT 10 det
10 rise rise NOUN NN 8 obj
11 . . PUNCT . 3 punct`)
	for _, p := range Extract(s) {
		if p.Verb == 2 && p.Predicate != "was-released" {
			t.Errorf("predicate %q, want was-released", p.Predicate)
		}
	}
}

// A number after a common noun ("the gates 4 and 5") is no determiner
// before it: the core is the noun, not empty.
func TestNumberAfterNounKeepsCore(t *testing.T) {
	s := parse(t, `
1 The the DET DT 2 det
2 crowd crowd NOUN NN 3 nsubj
3 gathered gather VERB VBD 0 root
4 near near ADP IN 6 case
5 the the DET DT 6 det
6 gates gate NOUN NNS 3 obl
7 4 4 NUM CD 6 flat
8 and and CCONJ CC 9 cc
9 5 5 NUM CD 7 conj
10 . . PUNCT . 3 punct`)
	p := Extract(s)
	if len(p) != 1 || len(p[0].Obliques) != 1 || Text(s, p[0].Obliques[0].Core) != "gates" {
		t.Fatalf("want the oblique core \"gates\", got %+v", p)
	}
	s = parse(t, `
1 Crews crew NOUN NNS 2 nsubj
2 boarded board VERB VBD 0 root
3 Apollo Apollo PROPN NNP 2 obj
4 11 11 NUM CD 3 flat
5 . . PUNCT . 2 punct`)
	if p := Extract(s); len(p) != 1 || p[0].Object == nil || Text(s, p[0].Object.Core) != "Apollo 11" {
		t.Fatalf("want the object core \"Apollo 11\", got %+v", p)
	}
}

// TestIsTime: a time noun and a year are times; a common noun is not.
func TestIsTime(t *testing.T) {
	s := parse(t, `
1 the the DET DT 2 det
2 season season NOUN NN 0 root
3 2019 2019 NUM CD 2 flat
4 gate gate NOUN NN 2 dep`)
	if !IsTime(s, 1) || !IsTime(s, 2) || IsTime(s, 3) {
		t.Errorf("IsTime: season %v, 2019 %v, gate %v", IsTime(s, 1), IsTime(s, 2), IsTime(s, 3))
	}
}

// TestReducedRelativeGardenPath: "Gold mined in the hills was the source
// of its wealth" parsed with "mined" as the main verb: the tensed "was"
// needs a subject, so gold is the source, and "mined in the hills" is a
// participle on "gold", not asserted as "gold mined".
func TestReducedRelativeGardenPath(t *testing.T) {
	s := parse(t, `
1 Gold gold NOUN NN 2 nsubj
2 mined mine VERB VBD 0 root
3 in in ADP IN 5 case
4 the the DET DT 5 det
5 hills hill NOUN NNS 2 obl
6 was be AUX VBD 8 cop
7 the the DET DT 8 det
8 source source NOUN NN 2 advcl
9 of of ADP IN 11 case
10 its its PRON PRP$ 11 nmod:poss
11 wealth wealth NOUN NN 8 nmod
12 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Gold", pred: "was", obj: "source"}})
	for _, p := range Extract(s) {
		if p.Predicate == "mined" && !p.Reduced {
			t.Errorf("%q: \"mined\" asserted: %+v", s.Text, p)
		}
	}
	// The participle as an adverbial clause of the predicate.
	s = parse(t, `
1 The the DET DT 2 det
2 dog dog NOUN NN 3 nsubj
3 found find VERB VBD 7 advcl
4 in in ADP IN 5 case
5 Leeds Leeds PROPN NNP 3 obl
6 has have AUX VBZ 7 aux
7 returned return VERB VBN 0 root
8 home home ADV RB 7 advmod
9 . . PUNCT . 7 punct`)
	check(t, s, []want{{subj: "dog", pred: "returned", obj: ""}})
	// A comma between them: two clauses, nothing to repair.
	s = parse(t, `
1 Prices price NOUN NNS 2 nsubj
2 fell fall VERB VBD 0 root
3 , , PUNCT , 5 punct
4 have have AUX VBP 5 aux
5 risen rise VERB VBN 2 conj
6 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "Prices", pred: "fell", obj: ""}})
	for _, p := range Extract(s) {
		if p.Predicate == "fell" && p.Reduced {
			t.Errorf("%q: \"fell\" taken for a participle", s.Text)
		}
	}
}

// TestOneOfClass: "Lyon is one of the oldest cities" states membership
// in a class: "is-one-of" with the class as object (the pronoun-like
// "one" alone names nothing).
func TestOneOfClass(t *testing.T) {
	s := parse(t, `
1 Lyon Lyon PROPN NNP 3 nsubj
2 is be AUX VBZ 3 cop
3 one one NUM CD 0 root
4 of of ADP IN 7 case
5 the the DET DT 7 det
6 oldest old ADJ JJS 7 amod
7 cities city NOUN NNS 3 nmod
8 . . PUNCT . 3 punct`)
	check(t, s, []want{{subj: "Lyon", pred: "is-one-of", obj: "oldest cities"}})
	if p := Extract(s); len(p) != 1 || Text(s, p[0].Object.Span) != "one of the oldest cities" {
		t.Errorf("%q: want the object span as written, got %+v", s.Text, p)
	}
}

// TestAdverbParticle: "ran out of money" with "out" tagged an adverb is
// the phrasal verb "ran-out-of", not "ran-of".
func TestAdverbParticle(t *testing.T) {
	s := parse(t, `
1 The the DET DT 2 det
2 firm firm NOUN NN 3 nsubj
3 ran run VERB VBD 0 root
4 out out ADV RB 3 advmod
5 of of ADP IN 6 case
6 money money NOUN NN 3 obl
7 . . PUNCT . 3 punct`)
	p := Extract(s)
	if len(p) != 1 || p[0].Predicate != "ran-out" || len(p[0].Obliques) != 1 || p[0].Obliques[0].Prep != "of" {
		t.Fatalf("%q: want ran-out + of money, got %+v", s.Text, p)
	}
	// With no preposition after it, the adverb stays out of the
	// predicate, as before.
	s = parse(t, `
1 Prices price NOUN NNS 2 nsubj
2 went go VERB VBD 0 root
3 up up ADV RB 2 advmod
4 . . PUNCT . 2 punct`)
	if p := Extract(s); len(p) != 1 || p[0].Predicate != "went" {
		t.Fatalf("%q: want went, got %+v", s.Text, p)
	}
}

// A "to" clause the parser put in xcomp after an argument oblique of a
// verb whose such clauses are mostly purpose adverbials is not chained
// into the predicate: "She turned to her sister to find comfort" is
// "turned" with "to her sister" and, inherited and not asserted (as a
// purpose adverbial is not), "find comfort"; not "turned-to-find".
func TestPurposeClauseNotChained(t *testing.T) {
	s := parse(t, `
1 She she PRON PRP 2 nsubj
2 turned turn VERB VBD 0 root
3 to to ADP IN 5 case
4 her her PRON PRP$ 5 nmod:poss
5 sister sister NOUN NN 2 obl
6 to to PART TO 7 mark
7 find find VERB VB 2 xcomp
8 comfort comfort NOUN NN 7 obj
9 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "She", pred: "turned"}, {subj: "She", pred: "find", obj: "comfort", inherited: true}})
	for _, p := range Extract(s) {
		if p.Predicate == "turned" && (len(p.Obliques) != 1 || Text(s, p.Obliques[0].Core) != "sister" || p.Embedded) {
			t.Errorf("turned: obliques %+v, embedded %v", p.Obliques, p.Embedded)
		}
		if p.Predicate == "find" && !p.Embedded {
			t.Errorf("find: a purpose is intended, not done: want Embedded")
		}
	}
	// A verb conjoined to the purpose clause is no "turned-to-X" either.
	s = parse(t, `
1 She she PRON PRP 2 nsubj
2 turned turn VERB VBD 0 root
3 to to ADP IN 5 case
4 her her PRON PRP$ 5 nmod:poss
5 sister sister NOUN NN 2 obl
6 to to PART TO 7 mark
7 find find VERB VB 2 xcomp
8 comfort comfort NOUN NN 7 obj
9 and and CCONJ CC 10 cc
10 share share VERB VB 7 conj
11 news news NOUN NN 10 obj
12 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "She", pred: "share", obj: "news", inherited: true}})
	// After a circumstance (an oblique the verb seldom takes) the clause
	// may complete the verb: the chain stays.
	s = parse(t, `
1 They they PRON PRP 2 nsubj
2 waited wait VERB VBD 0 root
3 until until ADP IN 4 case
4 2000 2000 NUM CD 2 obl
5 to to PART TO 6 mark
6 play play VERB VB 2 xcomp
7 France France PROPN NNP 6 obj
8 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "They", pred: "waited-to-play", obj: "France"}})
	// "for X to arrive" names who arrives: no purpose clause of "they".
	s = parse(t, `
1 They they PRON PRP 2 nsubj
2 waited wait VERB VBD 0 root
3 for for ADP IN 5 case
4 the the DET DT 5 det
5 bus bus NOUN NN 2 obl
6 to to PART TO 7 mark
7 take take VERB VB 2 xcomp
8 them they PRON PRP 7 obj
9 home home ADV RB 7 advmod
10 . . PUNCT . 2 punct`)
	for _, p := range Extract(s) {
		if p.Predicate == "take" {
			t.Errorf("%q: purpose clause of the subject: %+v", s.Text, p)
		}
	}
	// A verb not shown to take purpose clauses there keeps the chain.
	s = parse(t, `
1 He he PRON PRP 2 nsubj
2 appealed appeal VERB VBD 0 root
3 to to ADP IN 4 case
4 voters voter NOUN NNS 2 obl
5 to to PART TO 6 mark
6 reject reject VERB VB 2 xcomp
7 the the DET DT 8 det
8 plan plan NOUN NN 6 obj
9 . . PUNCT . 2 punct`)
	check(t, s, []want{{subj: "He", pred: "appealed-to-reject", obj: "plan"}})
}
