package ner

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/extract/doc"
	kner "github.com/kg-project/kg/extract/ner"
)

func TestMentions(t *testing.T) {
	tests := []struct {
		misc []string
		want string
	}{
		{[]string{"Entity=(1-person-new-x-coref", "_", "Entity=1)"}, "[1 person 0-3]"},
		{[]string{"Entity=(4-abstract-new(5-object-new)", "_", "Entity=4)"}, "[5 object 0-1][4 abstract 0-3]"},
		{[]string{"Entity=(8-organization-a-b-University_of_X|MSeg=x", "Entity=(9-place-n-Portsmouth%2C_UK", "Entity=(10-place)", "Entity=9)8)"}, "[10 place 2-3][9 place 1-4][8 organization 0-4]"},
		{[]string{"_", "SpaceAfter=No"}, ""},
	}
	for _, tc := range tests {
		s := &doc.Sentence{}
		for i, m := range tc.misc {
			s.Tokens = append(s.Tokens, doc.Token{Text: fmt.Sprint("w", i), Misc: m, Head: 0})
		}
		ms, err := Mentions(s)
		if err != nil {
			t.Errorf("%v: %v", tc.misc, err)
			continue
		}
		var b strings.Builder
		for _, m := range ms {
			fmt.Fprintf(&b, "[%s %s %d-%d]", m.ID, m.Type, m.Start, m.End)
		}
		if b.String() != tc.want {
			t.Errorf("Mentions(%v) = %s, want %s", tc.misc, b.String(), tc.want)
		}
	}
	for _, bad := range []string{"Entity=3)", "Entity=(x", "Entity=12", "Entity=?"} {
		s := &doc.Sentence{Tokens: []doc.Token{{Text: "a", Misc: bad}}}
		if _, err := Mentions(s); err == nil {
			t.Errorf("Mentions(%q): want error", bad)
		}
	}
}

// tok is "text/UPOS/XPOS/head/deprel/entity".
func gumSentence(toks ...string) *doc.Sentence {
	s := &doc.Sentence{}
	for _, x := range toks {
		f := strings.Split(x, "/")
		var h int
		fmt.Sscan(f[3], &h)
		s.Tokens = append(s.Tokens, doc.Token{Text: f[0], UPOS: f[1], XPOS: f[2], Head: h, DepRel: f[4], Misc: f[5], SpaceAfter: true})
	}
	return s
}

func TestNamedEntities(t *testing.T) {
	tests := []struct {
		name string
		s    *doc.Sentence
		want string
	}{
		{"determiner trimmed, outermost named kept",
			gumSentence("the/DET/DT/3/det/Entity=(1-place", "White/ADJ/NNP/3/amod/_", "House/PROPN/NNP/0/root/Entity=1)"),
			"[LOCATION White House]"},
		{"common-noun head is not named; named inner kept",
			gumSentence("Australian/ADJ/JJ/2/amod/Entity=(1-person(2-place)", "children/NOUN/NNS/0/root/Entity=1)"),
			""},
		{"inner named mention inside a common one",
			gumSentence("the/DET/DT/3/det/Entity=(1-person", "Hamas/PROPN/NNP/3/compound/Entity=(2-organization)", "leader/NOUN/NN/0/root/Entity=1)"),
			"[ORGANIZATION Hamas]"},
		{"title attached as nmod:desc is cut",
			gumSentence("President/PROPN/NNP/2/nmod:desc/Entity=(1-person", "Joe/PROPN/NNP/0/root/_", "Biden/PROPN/NNP/2/flat/Entity=1)"),
			"[PERSON Joe Biden]"},
		{"coordination split; possessive dropped",
			gumSentence("Coase/PROPN/NNP/0/root/Entity=(1-person(2-person)", "and/CCONJ/CC/4/cc/_", "North/PROPN/NNP/1/conj/Entity=(3-person", "'s/PART/POS/4/case/Entity=3)1)"),
			"[PERSON Coase][PERSON North]"},
		{"parenthesis ends a name",
			gumSentence("WHO/PROPN/NNP/0/root/Entity=(1-organization", "(/PUNCT/-LRB-/3/punct/_", "2020/NUM/CD/1/nmod/_", ")/PUNCT/-RRB-/3/punct/Entity=1)"),
			"[ORGANIZATION WHO]"},
		{"relative clause after the head ends the name",
			gumSentence("Tagbanuas/PROPN/NNPS/0/root/Entity=(1-person", "who/PRON/WP/3/nsubj/_", "belong/VERB/VBP/1/acl:relcl/Entity=1)"),
			"[PERSON Tagbanuas]"},
		{"leading conjunction and determiner trimmed",
			gumSentence("Neither/CCONJ/CC/3/cc:preconj/Entity=(1-organization", "the/DET/DT/3/det/_", "Senate/PROPN/NNP/0/root/Entity=1)"),
			"[ORGANIZATION Senate]"},
		{"quantity before the head is not part of the name",
			gumSentence("43/NUM/CD/2/compound/Entity=(1-person", "million/NUM/CD/3/nummod/_", "Americans/PROPN/NNPS/0/root/Entity=1)"),
			"[PERSON Americans]"},
		{"ordinal kept, reflexive cut",
			gumSentence("42nd/NUM/CD/2/amod/Entity=(1-place", "Street/PROPN/NNP/0/root/_", "itself/PRON/PRP/2/nmod:npmod/Entity=1)"),
			"[LOCATION 42nd Street]"},
		{"function word left by a cut is dropped; a name outside the cut is kept",
			gumSentence("Latino/ADJ/JJ/2/amod/Entity=(1-person", "Senator/PROPN/NNP/0/root/_", "to/PART/TO/4/mark/_", "represent/VERB/VB/2/acl/_", "California/PROPN/NNP/4/obj/Entity=(2-place)1)"),
			"[PERSON Latino Senator][LOCATION California]"},
		{"a title is not a name; the name inside it is",
			gumSentence("the/DET/DT/3/det/Entity=(1-person", "Prime/PROPN/NNP/3/compound/_", "Minister/PROPN/NNP/0/root/_", "of/ADP/IN/5/case/_", "Israel/PROPN/NNP/3/nmod/Entity=(2-place)1)"),
			"[LOCATION Israel]"},
		{"a title before a name is cut, not dropped",
			gumSentence("General/PROPN/NNP/2/compound/Entity=(1-organization", "Motors/PROPN/NNPS/0/root/Entity=1)"),
			"[ORGANIZATION General Motors]"},
		{"unmapped type dropped",
			gumSentence("Nobel/PROPN/NNP/2/compound/Entity=(1-plant", "Prize/PROPN/NNP/0/root/Entity=1)"),
			""},
	}
	types := map[string]string{"person": "PERSON", "place": "LOCATION", "organization": "ORGANIZATION"}
	for _, tc := range tests {
		es, err := NamedEntities(tc.s, types)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var b strings.Builder
		for _, e := range es {
			fmt.Fprintf(&b, "[%s %s]", e.Type, e.Text)
		}
		if b.String() != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, b.String(), tc.want)
		}
	}
}

func TestScores(t *testing.T) {
	e := func(typ string, a, b int) kner.Entity { return kner.Entity{Type: typ, Start: a, End: b} }
	sc := NewScores("PERSON", "LOCATION")
	// Sentence 1: one right, one wrong type, one missed; MISC ignored.
	sc.Add([]kner.Entity{e("PERSON", 0, 2), e("LOCATION", 3, 4), e("PERSON", 5, 6), e("MISC", 7, 8)},
		[]kner.Entity{e("PERSON", 0, 2), e("PERSON", 3, 4), e("MISC", 9, 10)})
	// Sentence 2: a boundary error and a spurious location.
	sc.Add([]kner.Entity{e("LOCATION", 0, 2)}, []kner.Entity{e("LOCATION", 0, 1), e("LOCATION", 4, 5)})
	// gold: PERSON 2, LOCATION 2; predicted: PERSON 2 (1 right), LOCATION 2 (0 right).
	check := func(name string, got, want float64) {
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %.4f, want %.4f", name, got, want)
		}
	}
	check("PERSON P", sc.ByType["PERSON"].P, 50)
	check("PERSON R", sc.ByType["PERSON"].R, 50)
	check("LOCATION F1", sc.ByType["LOCATION"].F1, 0)
	check("overall P", sc.Overall.P, 25)
	check("overall R", sc.Overall.R, 25)
	check("overall F1", sc.Overall.F1, 25)
	lines := sc.Lines()
	if len(lines) != 9 || lines[0] != "LOCATION_P 0.00" || lines[5] != "PERSON_F1 50.00" || lines[8] != "OVERALL_F1 25.00" {
		t.Errorf("Lines() = %q", lines)
	}
}

func TestReadUNER(t *testing.T) {
	in := "# sent_id = a-1\n# text = I love New York.\n1\tI\tO\t-\t-\n2\tlove\tO\t-\t-\n3\tNew\tB-LOC\t-\t-\n4\tYork\tI-LOC\t-\t-\n5\t.\tO\t-\t-\n\n" +
		"# sent_id = a-2\n# text = Ask Bob at IBM\n1\tAsk\tO\t-\t-\n2\tBob\tB-PER\t-\t-\n3\tat\tO\t-\t-\n4\tIBM\tB-ORG\t-\t-\n5\tx\tB-OTH\t-\t-\n"
	ss, err := ReadUNER(strings.NewReader(in), "test", UNERTypes)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || ss[0].ID != "a-1" {
		t.Fatalf("got %d sentences", len(ss))
	}
	got := fmt.Sprint(kner.Spans(ss[0]), kner.Spans(ss[1]))
	want := "[{LOCATION 2 4 New York}] [{PERSON 1 2 Bob} {ORGANIZATION 3 4 IBM}]"
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if ss[0].Tokens[3].SpaceAfter || !ss[0].Tokens[2].SpaceAfter {
		t.Errorf("SpaceAfter wrong: %+v", ss[0].Tokens)
	}
	for _, bad := range []string{"1\tx\n", "1\tx\tQ-LOC\n"} {
		if _, err := ReadUNER(strings.NewReader(bad), "bad", UNERTypes); err == nil {
			t.Errorf("ReadUNER(%q): want error", bad)
		}
	}
}

// TestDefaultModelGUMDev is a conservative floor on the first 300
// sentences of GUM dev with gold POS tags; the full figures come from
// cmd/nereval.
func TestDefaultModelGUMDev(t *testing.T) {
	rc, err := corpora.Open("gum/en_gum-ud-dev.conllu")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	ss, err := ReadGUM(rc, "gum dev", GUMTypes)
	if err != nil {
		t.Fatal(err)
	}
	m, err := kner.Default()
	if err != nil {
		t.Fatal(err)
	}
	sc := NewScores("PERSON", "ORGANIZATION", "LOCATION")
	for _, s := range ss[:300] {
		gold := kner.Spans(s)
		m.Tag(s)
		sc.Add(gold, kner.Spans(s))
	}
	t.Log(strings.Join(sc.Lines(), "; "))
	if sc.Overall.Gold < 100 {
		t.Fatalf("only %d gold entities in sample", sc.Overall.Gold)
	}
	if sc.Overall.F1 < 50 {
		t.Errorf("overall F1 %.2f on 300 GUM dev sentences, want at least 50", sc.Overall.F1)
	}
}

func TestDocuments(t *testing.T) {
	var sents []*doc.Sentence
	for _, id := range []string{"GUM_news_a-1", "GUM_news_a-2", "GUM_bio_b-1", "", "", "GUM_news_a-3"} {
		sents = append(sents, &doc.Sentence{ID: id})
	}
	var got []string
	for _, d := range Documents(sents) {
		var ids []string
		for _, s := range d {
			ids = append(ids, s.ID)
		}
		got = append(got, strings.Join(ids, ","))
	}
	want := []string{"GUM_news_a-1,GUM_news_a-2", "GUM_bio_b-1", "", "", "GUM_news_a-3"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Documents: %q, want %q", got, want)
	}
}
