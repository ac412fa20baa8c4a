package ud

import (
	"io"
	"strings"

	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/doc"
)

// RawText rebuilds the raw text of a treebank from its "# text" comments:
// sentences of a paragraph are joined by a space, and a blank line
// separates paragraphs ("# newpar", as in EWT and GUM) and documents
// ("# newdoc"). It returns the text and a copy of every sentence whose
// Start/End and token offsets are byte offsets into that text, ready for
// ScoreRaw.
func RawText(sents []*conllu.Sentence) (string, []*doc.Sentence) {
	var b strings.Builder
	out := make([]*doc.Sentence, 0, len(sents))
	for i, s := range sents {
		if i > 0 {
			if s.NewDoc || newPar(s.Comments) {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		off := b.Len()
		b.WriteString(s.Text)
		c := s.Sentence
		c.Tokens = make([]doc.Token, len(s.Tokens))
		copy(c.Tokens, s.Tokens)
		for k := range c.Tokens {
			c.Tokens[k].Start += off
			c.Tokens[k].End += off
		}
		c.Start, c.End = off, off+len(s.Text)
		out = append(out, &c)
	}
	return b.String(), out
}

func newPar(comments map[string]string) bool {
	for k := range comments {
		if k == "newpar" || strings.HasPrefix(k, "newpar ") {
			return true
		}
	}
	return false
}

// ReadGold reads a CoNLL-U treebank from r (name is used in errors) and
// returns RawText of its sentences.
func ReadGold(r io.Reader, name string) (string, []*doc.Sentence, error) {
	sents, err := conllu.ReadAll(r, name)
	if err != nil {
		return "", nil, err
	}
	text, gold := RawText(sents)
	return text, gold, nil
}
