// Package tokenize splits English news and web text into sentences and
// UD-style tokens (the conventions of the English Web Treebank and GUM:
// clitics split off as in "do n't" and "Merkel 's", most hyphenated compounds
// split into word "-" word, punctuation separated), with byte offsets into
// the original text.
//
// Tokens are found by rules. Sentences are found by rules, revised where
// tokens are separated by spaces by a small embedded boundary model (an
// averaged perceptron, boundary.go) trained on the raw text of the EWT and
// GUM training sets; both are deterministic, and their conventions were
// measured on those training sets (see eval/ud for the scores).
// It must stay linear-time and allocation-light on any input, including
// invalid UTF-8 (an invalid byte becomes a one-byte token) and text with no
// punctuation at all; it must never panic. It does not normalise text:
// every Token.Text is exactly Document.Text[Start:End]. It does not tag,
// parse or recognise entities.
//
// Sentences longer than MaxSentenceTokens tokens are cut (preferably after
// a semicolon, colon, comma or dash) so that later quadratic stages stay
// bounded.
package tokenize

import (
	"github.com/kg-project/kg/extract/doc"
)

// MaxSentenceTokens is the largest number of tokens a sentence produced by
// Document may have; longer runs are split, preferably after ";", ":", ","
// or a dash in the second half of the run.
const MaxSentenceTokens = 300

// Document tokenizes text and splits it into sentences. Token offsets and
// sentence offsets are byte offsets into text, and for every sentence
// Text == text[Start:End].
func Document(text string) *doc.Document {
	toks := Tokens(text)
	d := &doc.Document{Text: text}
	bounds := sentenceEnds(text, toks)
	start := 0
	for _, end := range bounds {
		if end <= start {
			continue
		}
		ts := toks[start:end:end]
		s := doc.Sentence{
			Start:  ts[0].Start,
			End:    ts[len(ts)-1].End,
			Tokens: ts,
		}
		s.Text = text[s.Start:s.End]
		d.Sentences = append(d.Sentences, s)
		start = end
	}
	return d
}
