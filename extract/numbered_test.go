package extract

import (
	"testing"

	"github.com/kg-project/kg/extract/doc"
)

// TestNumberedIsNoApposition: "the series, episode 13" and "the Red
// Sox, no. 5" name an item by its number: a part or a rank, never what
// the name is; a plain noun ("a drama") can be.
func TestNumberedIsNoApposition(t *testing.T) {
	s := &doc.Sentence{Tokens: []doc.Token{
		{Text: "Lost", UPOS: "PROPN", Head: 0, DepRel: "root"},
		{Text: ",", UPOS: "PUNCT", Head: 3, DepRel: "punct"},
		{Text: "episode", UPOS: "NOUN", Head: 1, DepRel: "appos"},
		{Text: "13", UPOS: "NUM", Head: 3, DepRel: "nummod"},
		{Text: ",", UPOS: "PUNCT", Head: 7, DepRel: "punct"},
		{Text: "a", UPOS: "DET", Head: 7, DepRel: "det"},
		{Text: "drama", UPOS: "NOUN", Head: 1, DepRel: "appos"},
	}}
	if !numbered(s, 2) || numbered(s, 6) || numbered(s, 0) {
		t.Errorf("numbered: episode 13 %v, a drama %v, Lost %v", numbered(s, 2), numbered(s, 6), numbered(s, 0))
	}
}
