package parser

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/doc"
)

// fuzzTags are the tags the fuzzer draws from: every UD UPOS, common Penn
// XPOS, and junk a broken tagger might produce.
var fuzzTags = []string{
	"", "NOUN", "VERB", "PROPN", "ADJ", "ADV", "ADP", "AUX", "CCONJ", "DET", "INTJ", "NUM", "PART", "PRON", "PUNCT", "SCONJ", "SYM", "X",
	"NN", "NNS", "NNP", "VBD", "VBZ", "VB", "IN", "DT", "JJ", ".", ",", "``", "''", "-LRB-", "-RRB-", "HYPH", "POS",
	"\xff", "root", "_",
}

// FuzzParse parses random token sequences with random tags with the
// shipped model: the result must be one well-formed single-rooted tree
// with known labels, and parsing must not panic.
func FuzzParse(f *testing.F) {
	f.Add("Hamas fired rockets at Israel .", []byte{3, 2, 1, 7, 3, 14})
	f.Add("", []byte{})
	f.Add("( ( ( \" \" ) ) )", []byte{14, 14, 14, 14, 14, 14, 14, 14})
	f.Add("word", []byte{})
	f.Add(strings.Repeat("a ", 320), []byte{1, 2, 3})
	f.Add("\xff \x00 é 日本", []byte{35, 36, 37, 0})
	p, err := Default()
	if err != nil {
		f.Fatalf("load the shipped parser: %v", err)
	}
	f.Fuzz(func(t *testing.T, words string, tags []byte) {
		fields := strings.Fields(words)
		if len(fields) > 400 {
			fields = fields[:400]
		}
		s := &doc.Sentence{}
		for i, w := range fields {
			tk := doc.Token{Text: w, Head: -1}
			if len(tags) > 0 {
				b := tags[i%len(tags)]
				tk.UPOS = fuzzTags[int(b)%len(fuzzTags)]
				tk.XPOS = fuzzTags[int(b>>3)%len(fuzzTags)]
			}
			s.Tokens = append(s.Tokens, tk)
		}
		p.Parse(s)
		checkTree(t, "fuzz", s)
		for i, tk := range s.Tokens {
			if tk.Head < 0 || tk.Head > len(s.Tokens) {
				t.Fatalf("token %d head %d out of range", i+1, tk.Head)
			}
		}
	})
}
