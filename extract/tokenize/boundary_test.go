package tokenize

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/doc"
)

// sentenceTexts returns the sentences of text as ends splits them.
func sentenceTexts(text string, ends func(string, []doc.Token) []int) []string {
	toks := Tokens(text)
	var out []string
	a := 0
	for _, e := range ends(text, toks) {
		out = append(out, text[toks[a].Start:toks[e-1].End])
		a = e
	}
	return out
}

func TestBoundaryModelLoads(t *testing.T) {
	if err := LoadBoundaryModel(); err != nil {
		t.Fatal(err)
	}
}

func TestBoundaryModelSplitsUnpunctuated(t *testing.T) {
	text := "Great food and friendly staff :) We will definitely come back"
	if got := sentenceTexts(text, ruleEnds); len(got) != 1 {
		t.Fatalf("the rules already split %q: %q", text, got)
	}
	want := []string{"Great food and friendly staff :)", "We will definitely come back"}
	if got := sentenceTexts(text, sentenceEnds); !reflect.DeepEqual(got, want) {
		t.Errorf("sentences of %q = %q, want %q", text, got, want)
	}
}

func TestBoundaryModelKeepsAbbreviations(t *testing.T) {
	for _, text := range []string{
		"He met Mr. Smith and U.S. officials on Monday.",
		"U.S. officials said Gen. Milley and Dr. Jones left at 5 p.m. on Friday.",
		"The deal was signed by Acme Corp. and its partners in St. Louis.",
	} {
		if got := sentenceTexts(text, sentenceEnds); len(got) != 1 {
			t.Errorf("%q split into %q", text, got)
		}
	}
}

func TestTrainBoundaryModelDeterministic(t *testing.T) {
	sents := []string{
		"Thanks for the quick reply", "I will send the file tomorrow.",
		"Mr. Smith met U.S. officials.", "great service :)", "highly recommend",
		"See you soon", "The meeting is at 5 p.m. in Room 4.", "ok thanks",
	}
	var b strings.Builder
	var ends []int
	for i, s := range sents {
		if i > 0 {
			if i%3 == 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
		ends = append(ends, b.Len())
	}
	texts := []BoundaryText{{Text: b.String(), Ends: ends}}
	save := func() []byte {
		m, err := TrainBoundaryModel(texts, BoundaryTrainOptions{Epochs: 3, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		if m.Features() == 0 {
			t.Fatal("no features learned")
		}
		var buf bytes.Buffer
		if err := m.Save(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if a, b := save(), save(); !bytes.Equal(a, b) {
		t.Error("two trainings with the same seed give different models")
	}
}
