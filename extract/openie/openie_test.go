package openie

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/doc"
)

// parse reads one hand-annotated sentence: "id form lemma upos xpos head
// deprel [ner]" a line, columns separated by spaces.
func parse(t *testing.T, rows string) *doc.Sentence {
	t.Helper()
	var b strings.Builder
	var words, ents []string
	for _, line := range strings.Split(strings.TrimSpace(rows), "\n") {
		f := strings.Fields(line)
		if len(f) != 7 && len(f) != 8 {
			t.Fatalf("bad row %q", line)
		}
		ent := "O"
		if len(f) == 8 {
			ent = f[7]
		}
		words = append(words, f[1])
		ents = append(ents, ent)
		b.WriteString(strings.Join([]string{f[0], f[1], f[2], f[3], f[4], "_", f[5], f[6], "_", "_"}, "\t") + "\n")
	}
	ss, err := conllu.ReadAll(strings.NewReader("# text = "+strings.Join(words, " ")+"\n"+b.String()+"\n"), "test")
	if err != nil || len(ss) != 1 {
		t.Fatalf("read: %v", err)
	}
	s := &ss[0].Sentence
	for i := range s.Tokens {
		s.Tokens[i].Ent = ents[i]
	}
	return s
}

func has(exs []Extraction, rel string, args ...string) bool {
	for _, e := range exs {
		if e.Relation == rel && strings.Join(e.Args, "|") == strings.Join(args, "|") {
			return true
		}
	}
	return false
}

// wantExtraction parses rows and fails t unless Extract finds the
// relation rel with exactly args.
func wantExtraction(t *testing.T, rows, rel string, args ...string) {
	t.Helper()
	exs := Extract(parse(t, rows))
	if !has(exs, rel, args...) {
		t.Errorf("want [%s] %s; got %s", rel, strings.Join(args, " | "), dump(exs))
	}
}

func dump(exs []Extraction) string {
	var out []string
	for _, e := range exs {
		out = append(out, "["+e.Relation+"] "+strings.Join(e.Args, " | "))
	}
	return strings.Join(out, "; ")
}

func TestNominalRelations(t *testing.T) {
	tests := []struct {
		name, rows string
		rel        string
		args       []string
		absent     bool
	}{
		{name: "title before a person's name", rows: `
1 President president PROPN NNP 2 compound B-PERSON
2 Bush Bush PROPN NNP 3 nsubj I-PERSON
3 spoke speak VERB VBD 0 root
4 . . PUNCT . 3 punct`, rel: "be", args: []string{"Bush", "President"}},
		{name: "no title in a place name", rows: `
1 St. Saint PROPN NNP 2 compound B-LOCATION
2 Louis Louis PROPN NNP 3 nsubj I-LOCATION
3 grew grow VERB VBD 0 root
4 . . PUNCT . 3 punct`, rel: "be", args: []string{"Louis", "St."}, absent: true},
		{name: "possessor has", rows: `
1 The the DET DT 2 det
2 company company NOUN NN 5 nmod:poss
3 's 's PART POS 2 case
4 five five NUM CD 5 nummod
5 directors director NOUN NNS 6 nsubj
6 resigned resign VERB VBD 0 root
7 . . PUNCT . 6 punct`, rel: "has", args: []string{"The company", "five directors"}},
		{name: "pronoun possessor is no relation", rows: `
1 His his PRON PRP$ 2 nmod:poss
2 son son NOUN NN 3 nsubj
3 left leave VERB VBD 0 root
4 . . PUNCT . 3 punct`, rel: "has", args: []string{"His", "son"}, absent: true},
		{name: "named place in a named place", rows: `
1 Davidson Davidson PROPN NNP 2 compound
2 Township Township PROPN NNP 6 nsubj
3 in in ADP IN 5 case
4 Sullivan Sullivan PROPN NNP 5 compound
5 County County PROPN NNP 2 nmod
6 grew grow VERB VBD 0 root
7 . . PUNCT . 6 punct`, rel: "be in", args: []string{"Davidson Township", "Sullivan County"}},
	}
	for _, tc := range tests {
		exs := Extract(parse(t, tc.rows))
		if got := has(exs, tc.rel, tc.args...); got == tc.absent {
			t.Errorf("%s: [%s] %q present=%v, want %v; got %s", tc.name, tc.rel, tc.args, got, !tc.absent, dump(exs))
		}
	}
}

func TestContextKeepsPreposition(t *testing.T) {
	wantExtraction(t, `
1 From from ADP IN 2 case
2 1970 1970 NUM CD 4 obl
3 he he PRON PRP 4 nsubj
4 taught teach VERB VBD 0 root
5 at at ADP IN 6 case
6 Yale Yale PROPN NNP 4 obl
7 . . PUNCT . 4 punct`, "taught at", "he", "Yale", "From 1970")
}

func TestAppositionNameFirst(t *testing.T) {
	wantExtraction(t, `
1 the the DET DT 2 det
2 keyboardist keyboardist NOUN NN 6 nsubj
3 , , PUNCT , 4 punct
4 Philippe Philippe PROPN NNP 2 appos
5 Saisse Saisse PROPN NNP 4 flat
6 plays play VERB VBZ 0 root
7 . . PUNCT . 6 punct`, "be", "Philippe Saisse", "the keyboardist")
}

func TestPassiveWrittenAsPassive(t *testing.T) {
	wantExtraction(t, `
1 The the DET DT 2 det
2 case case NOUN NN 4 nsubj:pass
3 was be AUX VBD 4 aux:pass
4 reviewed review VERB VBN 0 root
5 by by ADP IN 8 case
6 a a DET DT 8 det
7 higher high ADJ JJR 8 amod
8 court court NOUN NN 4 obl:agent
9 . . PUNCT . 4 punct`, "was reviewed by", "The case", "a higher court")
}

func TestCopulaUnderControlVerb(t *testing.T) {
	wantExtraction(t, `
1 The the DET DT 2 det
2 effect effect NOUN NN 3 nsubj
3 continues continue VERB VBZ 0 root
4 to to PART TO 6 mark
5 be be AUX VB 6 cop
6 influential influential ADJ JJ 3 xcomp
7 . . PUNCT . 3 punct`, "continues to be", "The effect", "influential")
}

func TestIntransitiveCompletedByClauseOrAdverb(t *testing.T) {
	wantExtraction(t, `
1 Dripping dripping NOUN NN 4 nsubj:pass
2 can can AUX MD 4 aux
3 be be AUX VB 4 aux:pass
4 clarified clarify VERB VBN 0 root
5 by by SCONJ IN 6 mark
6 adding add VERB VBG 4 advcl
7 potato potato NOUN NN 6 obj
8 . . PUNCT . 4 punct`, "can be clarified", "Dripping", "by adding potato")
	wantExtraction(t, `
1 he he PRON PRP 3 nsubj
2 then then ADV RB 3 advmod
3 died die VERB VBD 0 root
4 suddenly suddenly ADV RB 3 advmod
5 . . PUNCT . 3 punct`, "died", "he", "then", "suddenly")
	s := parse(t, `
1 he he PRON PRP 3 nsubj
2 never never ADV RB 3 advmod
3 died die VERB VBD 0 root
4 . . PUNCT . 3 punct`)
	exs := Extract(s)
	if !has(exs, "never died", "he") {
		t.Errorf("want [never died] he alone; got %s", dump(exs))
	}
}

func TestReducedPassiveRendering(t *testing.T) {
	wantExtraction(t, `
1 a a DET DT 3 det
2 think think NOUN NN 3 compound
3 tank tank NOUN NN 0 root
4 founded found VERB VBN 3 acl
5 in in ADP IN 6 case
6 Lausanne Lausanne PROPN NNP 4 obl
7 . . PUNCT . 3 punct`, "be founded in", "a think tank", "Lausanne")
}

func TestFirstPrepositionAfterVerbInRelation(t *testing.T) {
	wantExtraction(t, `
1 The the DET DT 2 det
2 agency agency NOUN NN 4 nsubj:pass
3 was be AUX VBD 4 aux:pass
4 founded found VERB VBN 0 root
5 in in ADP IN 6 case
6 1984 1984 NUM CD 4 obl
7 . . PUNCT . 4 punct`, "was founded in", "The agency", "1984")
	wantExtraction(t, `
1 Because because ADP IN 3 case
2 of of ADP IN 1 fixed
3 this this PRON DT 6 obl
4 , , PUNCT , 6 punct
5 he he PRON PRP 6 nsubj
6 moved move VERB VBD 0 root
7 to to ADP IN 8 case
8 Ohio Ohio PROPN NNP 6 obl
9 . . PUNCT . 6 punct`, "moved to", "he", "Ohio", "Because of this")
}

func TestAdverbsInsideRelation(t *testing.T) {
	wantExtraction(t, `
1 He he PRON PRP 4 nsubj
2 would would AUX MD 4 aux
3 probably probably ADV RB 4 advmod
4 lose lose VERB VB 0 root
5 the the DET DT 6 det
6 race race NOUN NN 4 obj
7 . . PUNCT . 4 punct`, "would probably lose", "He", "the race")
	wantExtraction(t, `
1 The the DET DT 2 det
2 method method NOUN NN 3 nsubj
3 relies rely VERB VBZ 0 root
4 heavily heavily ADV RB 3 advmod
5 on on ADP IN 6 case
6 logic logic NOUN NN 3 obl
7 . . PUNCT . 3 punct`, "relies heavily on", "The method", "logic")
	// A sentence adverb before the subject stays out.
	wantExtraction(t, `
1 Later later ADV RB 4 advmod
2 , , PUNCT , 4 punct
3 he he PRON PRP 4 nsubj
4 sold sell VERB VBD 0 root
5 the the DET DT 6 det
6 farm farm NOUN NN 4 obj
7 . . PUNCT . 4 punct`, "sold", "he", "the farm")
}

func TestComplementizerOfClauseObject(t *testing.T) {
	wantExtraction(t, `
1 The the DET DT 2 det
2 study study NOUN NN 3 nsubj
3 found find VERB VBD 0 root
4 that that SCONJ IN 6 mark
5 prices price NOUN NNS 6 nsubj
6 fell fall VERB VBD 3 ccomp
7 . . PUNCT . 3 punct`, "found that", "The study", "prices fell")
	wantExtraction(t, `
1 He he PRON PRP 2 nsubj
2 asked ask VERB VBD 0 root
3 whether whether SCONJ IN 5 mark
4 prices price NOUN NNS 5 nsubj
5 fell fall VERB VBD 2 ccomp
6 . . PUNCT . 2 punct`, "asked", "He", "whether prices fell")
}

func TestAdjectiveComplementInRelation(t *testing.T) {
	wantExtraction(t, `
1 His his PRON PRP$ 2 nmod:poss
2 father father NOUN NN 4 nsubj
3 was be AUX VBD 4 cop
4 able able ADJ JJ 0 root
5 to to PART TO 6 mark
6 start start VERB VB 4 xcomp
7 a a DET DT 8 det
8 business business NOUN NN 6 obj
9 . . PUNCT . 4 punct`, "was able to start", "His father", "a business")
	wantExtraction(t, `
1 The the DET DT 2 det
2 totals total NOUN NNS 4 nsubj
3 are be AUX VBP 4 cop
4 equal equal ADJ JJ 0 root
5 to to ADP IN 7 case
6 the the DET DT 7 det
7 costs cost NOUN NNS 4 obl
8 . . PUNCT . 4 punct`, "are equal to", "The totals", "the costs")
	// Without a phrase after it the adjective is the argument, with the
	// adverb that grades it.
	wantExtraction(t, `
1 It it PRON PRP 4 nsubj
2 is be AUX VBZ 4 cop
3 too too ADV RB 4 advmod
4 early early ADJ JJ 0 root
5 . . PUNCT . 4 punct`, "is", "It", "too early")
}

func TestFrontedPhraseCoversCoordinatedVerbs(t *testing.T) {
	wantExtraction(t, `
1 In in ADP IN 2 case
2 1990 1990 NUM CD 4 obl
3 she she PRON PRP 4 nsubj
4 moved move VERB VBD 0 root
5 to to ADP IN 6 case
6 Ohio Ohio PROPN NNP 4 obl
7 and and CCONJ CC 8 cc
8 opened open VERB VBD 4 conj
9 a a DET DT 10 det
10 shop shop NOUN NN 8 obj
11 . . PUNCT . 4 punct`, "opened", "she", "a shop", "In 1990")
}

func TestArgumentKeepsClosingQuote(t *testing.T) {
	wantExtraction(t, `
1 He he PRON PRP 2 nsubj
2 joined join VERB VBD 0 root
3 the the DET DT 6 det
4 `+"``"+` `+"``"+` PUNCT `+"``"+` 6 punct
5 Five five NUM CD 6 nummod
6 Stars Stars PROPN NNPS 2 obj
7 '' '' PUNCT '' 6 punct
8 . . PUNCT . 2 punct`, "joined", "He", "the `` Five Stars ''")
}

func TestWordsWrittenAsInText(t *testing.T) {
	s := parse(t, `
1 The the DET DT 4 det
2 G G PROPN NNP 4 compound
3 - - PUNCT HYPH 4 punct
4 7 7 NUM CD 5 nsubj
5 met meet VERB VBD 0 root
6 in in ADP IN 7 case
7 Rome Rome PROPN NNP 5 obl
8 . . PUNCT . 5 punct`)
	// The text wrote "G-7" as one word, which the tokenizer split.
	s.Text = "The G-7 met in Rome."
	pos := 0
	for i := range s.Tokens {
		tk := &s.Tokens[i]
		tk.Start = pos + strings.Index(s.Text[pos:], tk.Text)
		tk.End = tk.Start + len(tk.Text)
		pos = tk.End
	}
	exs := Extract(s)
	if !has(exs, "met in", "The G-7", "Rome") {
		t.Errorf("want [met in] The G-7 | Rome; got %s", dump(exs))
	}
}

func TestSentenceKeepsHyphenatedWordsWhole(t *testing.T) {
	s := Sentence("The G-7 met at an open-air market - briefly .")
	var ws []string
	for _, tk := range s.Tokens {
		ws = append(ws, tk.Text)
	}
	if got := strings.Join(ws, "|"); got != "The|G-7|met|at|an|open-air|market|-|briefly|." {
		t.Errorf("tokens %s", got)
	}
}

func TestQuotationKeepsItsMarks(t *testing.T) {
	wantExtraction(t, `
1 She she PRON PRP 2 nsubj
2 said say VERB VBD 0 root
3 `+"``"+` `+"``"+` PUNCT `+"``"+` 6 punct
4 prices price NOUN NNS 6 nsubj
5 will will AUX MD 6 aux
6 fall fall VERB VB 2 ccomp
7 . . PUNCT . 6 punct
8 '' '' PUNCT '' 6 punct`, "said", "She", "`` prices will fall . ''")
}

func TestPlaceAppositionIsPlaceIn(t *testing.T) {
	wantExtraction(t, `
1 He he PRON PRP 2 nsubj
2 lived live VERB VBD 0 root
3 in in ADP IN 4 case
4 Hoboken Hoboken PROPN NNP 2 obl B-LOCATION
5 , , PUNCT , 6 punct
6 Jersey Jersey PROPN NNP 4 appos B-LOCATION
7 . . PUNCT . 2 punct`, "be in", "Hoboken", "Jersey")
}

func TestNoPunctuationArgument(t *testing.T) {
	// A misparse that makes a quotation mark the object.
	s := parse(t, `
1 He he PRON PRP 2 nsubj
2 wrote write VERB VBD 0 root
3 `+"``"+` `+"``"+` NOUN NN 2 obj
4 . . PUNCT . 2 punct`)
	for _, e := range Extract(s) {
		for _, a := range e.Args {
			if a == "``" {
				t.Errorf("argument of punctuation alone: %s", dump([]Extraction{e}))
			}
		}
	}
}

func TestPresentParticipleWrittenWithBe(t *testing.T) {
	wantExtraction(t, `
1 Firms firm NOUN NNS 4 nsubj
2 making make VERB VBG 1 acl
3 chips chip NOUN NNS 2 obj
4 grew grow VERB VBD 0 root
5 . . PUNCT . 4 punct`, "be making", "Firms", "chips")
	// With its auxiliary the participle is written as it stands.
	wantExtraction(t, `
1 Firms firm NOUN NNS 3 nsubj
2 are be AUX VBP 3 aux
3 making make VERB VBG 0 root
4 chips chip NOUN NNS 3 obj
5 . . PUNCT . 3 punct`, "are making", "Firms", "chips")
}

func TestPastParticipleWrittenWithBe(t *testing.T) {
	wantExtraction(t, `
1 The the DET DT 2 det
2 draft draft NOUN NN 6 nsubj
3 authored author VERB VBN 2 acl
4 by by ADP IN 5 case
5 Smith Smith PROPN NNP 3 obl:agent
6 failed fail VERB VBD 0 root
7 . . PUNCT . 6 punct`, "be authored by", "The draft", "Smith")
	// A past tense the tagger took for a participle: its own subject, or
	// a finite verb it is coordinated with, shows it.
	wantExtraction(t, `
1 Floods flood NOUN NNS 2 nsubj
2 hit hit VERB VBD 0 root
3 towns town NOUN NNS 2 obj
4 and and CCONJ CC 5 cc
5 damaged damage VERB VBN 2 conj
6 homes home NOUN NNS 5 obj
7 . . PUNCT . 2 punct`, "damaged", "Floods", "homes")
	wantExtraction(t, `
1 It it PRON PRP 2 nsubj
2 signed sign VERB VBN 0 root
3 a a DET DT 4 det
4 deal deal NOUN NN 2 obj
5 . . PUNCT . 2 punct`, "signed", "It", "a deal")
}

func TestTitleWithoutPreposition(t *testing.T) {
	// GUM-style trees hang the preposition on the title: "to [Prime
	// Minister] Bob Lee".
	wantExtraction(t, `
1 He he PRON PRP 2 nsubj
2 spoke speak VERB VBD 0 root
3 to to ADP IN 5 case
4 Prime prime ADJ JJ 5 amod
5 Minister minister PROPN NNP 6 nmod:desc
6 Bob Bob PROPN NNP 2 obl B-PERSON
7 Lee Lee PROPN NNP 6 flat I-PERSON
8 . . PUNCT . 2 punct`, "be", "Bob Lee", "Prime Minister")
}

func TestBeingWrittenAsBe(t *testing.T) {
	// "He left, being appointed to Paris", the subject hung on the
	// participle.
	wantExtraction(t, `
1 He he PRON PRP 5 nsubj:pass
2 left leave VERB VBD 0 root
3 , , PUNCT , 5 punct
4 being be AUX VBG 5 aux:pass
5 appointed appoint VERB VBN 2 advcl
6 to to ADP IN 7 case
7 Paris Paris PROPN NNP 5 obl
8 . . PUNCT . 2 punct`, "be appointed to", "He", "Paris")
}

func TestStrandedPrepositionInRelation(t *testing.T) {
	// A parse that leaves "to" of "referred to as" an oblique of its own.
	wantExtraction(t, `
1 Judges judge NOUN NNS 3 nsubj:pass
2 are be AUX VBP 3 aux:pass
3 referred refer VERB VBN 0 root
4 to to ADP IN 3 obl
5 as as ADP IN 6 case
6 lords lord NOUN NNS 3 obl
7 . . PUNCT . 3 punct`, "are referred to as", "Judges", "lords")
}

func TestToBetweenCopulas(t *testing.T) {
	wantExtraction(t, `
1 The the DET DT 2 det
2 aim aim NOUN NN 6 nsubj
3 is be AUX VBZ 6 cop
4 to to PART TO 6 mark
5 be be AUX VB 6 cop
6 fair fair ADJ JJ 0 root
7 to to ADP IN 8 case
8 everyone everyone PRON NN 6 obl
9 . . PUNCT . 6 punct`, "is to be fair to", "The aim", "everyone")
}

func TestInvertedQuotationAttribution(t *testing.T) {
	// "`` Prices will fall , '' says Ann Lee ." with the speaker read as
	// the verb's object.
	wantExtraction(t, `
1 `+"``"+` `+"``"+` PUNCT `+"``"+` 4 punct
2 Prices price NOUN NNS 4 nsubj
3 will will AUX MD 4 aux
4 fall fall VERB VB 7 ccomp
5 , , PUNCT , 4 punct
6 '' '' PUNCT '' 4 punct
7 says say VERB VBZ 0 root
8 Ann Ann PROPN NNP 7 obj B-PERSON
9 Lee Lee PROPN NNP 8 flat I-PERSON
10 . . PUNCT . 7 punct`, "says", "Ann Lee", "`` Prices will fall , ''")
}

func TestCoordinatedComplementKeepsItsControl(t *testing.T) {
	wantExtraction(t, `
1 He he PRON PRP 2 nsubj
2 tried try VERB VBD 0 root
3 to to PART TO 4 mark
4 sell sell VERB VB 2 xcomp
5 the the DET DT 6 det
6 house house NOUN NN 4 obj
7 and and CCONJ CC 8 cc
8 buy buy VERB VB 4 conj
9 a a DET DT 10 det
10 boat boat NOUN NN 8 obj
11 . . PUNCT . 2 punct`, "tried to buy", "He", "a boat")
}

func TestCoordinatedVerbSharesAuxiliary(t *testing.T) {
	wantExtraction(t, `
1 Acme Acme PROPN NNP 3 nsubj
2 will will AUX MD 3 aux
3 sell sell VERB VB 0 root
4 the the DET DT 5 det
5 plant plant NOUN NN 3 obj
6 and and CCONJ CC 7 cc
7 close close VERB VB 3 conj
8 the the DET DT 9 det
9 office office NOUN NN 7 obj
10 . . PUNCT . 3 punct`, "will close", "Acme", "the office")
}
