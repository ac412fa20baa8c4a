package ud

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/doc"
)

const goldFixture = `# newdoc id = d1
# newpar id = p1
# sent_id = 1
# text = The cat sleeps.
1	The	the	DET	DT	_	2	det	_	_
2	cat	cat	NOUN	NN	_	3	nsubj	_	_
3	sleeps	sleep	VERB	VBZ	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = 2
# text = I don't know.
1	I	I	PRON	PRP	_	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

# newpar id = p2
# sent_id = 3
# text = Hello world
1	Hello	hello	INTJ	UH	_	0	root	_	_
2	world	world	NOUN	NN	_	1	vocative	_	_

`

func readFixture(t *testing.T, src string) []*conllu.Sentence {
	t.Helper()
	s, err := conllu.ReadAll(strings.NewReader(src), "fixture")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func docs(cs []*conllu.Sentence) []*doc.Sentence {
	out := make([]*doc.Sentence, len(cs))
	for i, c := range cs {
		s := c.Sentence
		s.Tokens = append([]doc.Token(nil), c.Tokens...)
		out[i] = &s
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScoreGold(t *testing.T) {
	gold := docs(readFixture(t, goldFixture))
	perfect := docs(readFixture(t, goldFixture))

	// one wrong head ("cat" attached to "The"), one wrong label with the
	// same universal part (nsubj:pass vs nsubj is still right), one wrong
	// label ("advmod" -> "obj"), one wrong UPOS, one wrong lemma.
	sys := docs(readFixture(t, goldFixture))
	sys[0].Tokens[1].Head = 1
	sys[1].Tokens[0].DepRel = "nsubj:pass"
	sys[1].Tokens[2].DepRel = "obj"
	sys[2].Tokens[0].UPOS = "NOUN"
	sys[2].Tokens[1].Lemma = "World"

	const n = 11.0
	tests := []struct {
		name                      string
		sys                       []*doc.Sentence
		upos, xpos, lem, uas, las float64
	}{
		{"perfect", perfect, 1, 1, 1, 1, 1},
		{"errors", sys, (n - 1) / n, 1, (n - 1) / n, (n - 1) / n, (n - 2) / n},
	}
	for _, tc := range tests {
		sc := ScoreGold(gold, tc.sys)
		got := []float64{sc.UPOS.F1, sc.XPOS.F1, sc.Lemmas.F1, sc.UAS.F1, sc.LAS.F1}
		want := []float64{tc.upos, tc.xpos, tc.lem, tc.uas, tc.las}
		for i := range got {
			if !near(got[i], want[i]) {
				t.Errorf("%s: measure %d = %v, want %v", tc.name, i, got[i], want[i])
			}
		}
		if sc.Tokens != nil || sc.Sentences != nil {
			t.Errorf("%s: ScoreGold should not report tokens/sentences", tc.name)
		}
		if sc.UAS.Gold != n || sc.UAS.System != n {
			t.Errorf("%s: counts %d/%d, want %v", tc.name, sc.UAS.Gold, sc.UAS.System, n)
		}
	}
}

func TestScoreGoldMissingSentence(t *testing.T) {
	gold := docs(readFixture(t, goldFixture))
	sys := docs(readFixture(t, goldFixture))[:2]
	sc := ScoreGold(gold, sys)
	if !near(sc.UAS.Precision, 1) || !near(sc.UAS.Recall, 9.0/11) {
		t.Errorf("P/R = %v/%v, want 1/%v", sc.UAS.Precision, sc.UAS.Recall, 9.0/11)
	}
}

func TestRawText(t *testing.T) {
	text, gold := RawText(readFixture(t, goldFixture))
	want := "The cat sleeps. I don't know.\n\nHello world"
	if text != want {
		t.Fatalf("RawText = %q, want %q", text, want)
	}
	for _, s := range gold {
		if text[s.Start:s.End] != s.Text {
			t.Errorf("sentence %q has span %d:%d", s.Text, s.Start, s.End)
		}
		for _, tk := range s.Tokens {
			if text[tk.Start:tk.End] != tk.Text {
				t.Errorf("token %q has span %d:%d = %q", tk.Text, tk.Start, tk.End, text[tk.Start:tk.End])
			}
		}
	}
}

// sysDoc builds a system document over text from sentences of
// space-separated token forms (found in order in the text) with heads,
// relations and UPOS given per token.
type sysTok struct {
	form, upos, rel string
	head            int
}

func sysDoc(t *testing.T, text string, sents [][]sysTok) *doc.Document {
	t.Helper()
	d := &doc.Document{Text: text}
	pos := 0
	for _, st := range sents {
		var s doc.Sentence
		for _, x := range st {
			k := strings.Index(text[pos:], x.form)
			if k < 0 {
				t.Fatalf("form %q not found", x.form)
			}
			start := pos + k
			pos = start + len(x.form)
			s.Tokens = append(s.Tokens, doc.Token{Text: x.form, Start: start, End: pos, UPOS: x.upos, Head: x.head, DepRel: x.rel})
		}
		s.Start, s.End = s.Tokens[0].Start, s.Tokens[len(s.Tokens)-1].End
		s.Text = text[s.Start:s.End]
		d.Sentences = append(d.Sentences, s)
	}
	return d
}

func TestScoreRaw(t *testing.T) {
	goldText, gold := RawText(readFixture(t, goldFixture))
	// The system text has different whitespace, does not split "don't",
	// and merges sentences 2 and 3.
	sysText := "The cat sleeps.\nI don't know. Hello  world"
	sys := sysDoc(t, sysText, [][]sysTok{
		{{"The", "DET", "det", 2}, {"cat", "NOUN", "nsubj", 3}, {"sleeps", "VERB", "root", 0}, {".", "PUNCT", "punct", 3}},
		{{"I", "PRON", "nsubj", 3}, {"don't", "AUX", "aux", 3}, {"know", "VERB", "root", 0}, {".", "PUNCT", "punct", 3},
			{"Hello", "INTJ", "root", 0}, {"world", "NOUN", "vocative", 5}},
	})
	sc := ScoreRaw(gold, goldText, sys)
	if sc.Warning != "" {
		t.Errorf("unexpected warning %q", sc.Warning)
	}
	// gold 11 words, system 10; all but "don't" align (9).
	checks := []struct {
		name          string
		p             *PRF
		gold, sys, ok int
	}{
		{"tokens", sc.Tokens, 11, 10, 9},
		{"sentences", sc.Sentences, 3, 2, 1},
		{"upos", &sc.UPOS, 11, 10, 9},
		// "I" -> "know": gold head 4 = know, system head 3 = know: right.
		// "Hello" is root in both; "world" -> Hello in both.
		{"uas", &sc.UAS, 11, 10, 9},
		{"las", &sc.LAS, 11, 10, 9},
	}
	for _, c := range checks {
		if c.p == nil {
			t.Fatalf("%s missing", c.name)
		}
		if c.p.Gold != c.gold || c.p.System != c.sys || c.p.Correct != c.ok {
			t.Errorf("%s: gold/system/correct = %d/%d/%d, want %d/%d/%d", c.name, c.p.Gold, c.p.System, c.p.Correct, c.gold, c.sys, c.ok)
		}
		p, r := float64(c.ok)/float64(c.sys), float64(c.ok)/float64(c.gold)
		if !near(c.p.F1, 2*p*r/(p+r)) {
			t.Errorf("%s: F1 = %v", c.name, c.p.F1)
		}
	}

	// A head that points at an unaligned word is wrong: attach "know" to
	// the merged "don't" in the system.
	sys.Sentences[1].Tokens[2].Head = 2
	sys.Sentences[1].Tokens[2].DepRel = "root"
	sc = ScoreRaw(gold, goldText, sys)
	if sc.UAS.Correct != 8 {
		t.Errorf("UAS correct = %d, want 8", sc.UAS.Correct)
	}

	// Different characters produce a warning.
	if w := ScoreRaw(gold, goldText, &doc.Document{Text: "x"}).Warning; w == "" {
		t.Error("no warning for different texts")
	}
}

func TestLinesAndJSON(t *testing.T) {
	tok := newPRF(4, 4, 3)
	sc := Scores{Tokens: &tok, LAS: newPRF(10000, 10000, 8412)}
	lines := sc.Lines()
	if lines[0] != "Tokens 75.00" || lines[len(lines)-1] != "LAS 84.12" {
		t.Errorf("Lines = %q", lines)
	}
	if len(ScoreGold(nil, nil).Lines()) != 5 {
		t.Errorf("gold scores should have 5 lines")
	}
	b, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"las":{"gold":10000,"system":10000,"correct":8412`) || strings.Contains(string(b), `"sentences"`) {
		t.Errorf("JSON = %s", b)
	}
}
