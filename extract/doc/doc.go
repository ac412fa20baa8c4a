// Package doc holds the annotated-document types that every stage of kg's
// language pipeline reads and fills in, in the manner of spaCy's Doc: a
// document is its original text plus sentences of tokens, and each token
// keeps byte offsets into that text so that any later result (an entity, a
// fact) can point back at the exact characters it came from.
//
// The package defines data only. It does not tokenize, tag, parse or
// extract; those stages live in sibling packages and communicate through
// these types.
package doc

import "strings"

// Token is one word or punctuation mark of a sentence.
//
// Fields after Text are filled in by later stages; a zero value means "not
// annotated yet". Head is 1-based within the sentence as in CoNLL-U (0 is
// the root); -1 means no head assigned.
type Token struct {
	Text  string // surface form as it appears in Document.Text
	Start int    // byte offset of the first byte in Document.Text
	End   int    // byte offset one past the last byte
	// SpaceAfter reports whether whitespace follows the token in the text.
	SpaceAfter bool

	Lemma string
	UPOS  string // Universal POS tag (NOUN, VERB, PROPN, ...)
	XPOS  string // Penn Treebank tag (NN, VBD, NNP, ...)
	Feats string // UD morphological features, "_" or "" when absent

	Head   int    // 1-based index of the syntactic head, 0 for root
	DepRel string // UD basic relation (nsubj, obj, obl, ...)

	// Ent is the token's named-entity tag in IOB2 form: "O", "B-PERSON",
	// "I-ORGANIZATION", ... Empty means no NER ran.
	Ent string

	Misc string // CoNLL-U MISC column, kept verbatim when read from a file
}

// Sentence is a run of tokens that the splitter (or a treebank) grouped
// into one sentence.
type Sentence struct {
	ID     string // sent_id when read from CoNLL-U, else "" or a generated id
	Text   string // the sentence's text as in the source
	Start  int    // byte offset of the sentence in Document.Text
	End    int
	Tokens []Token
}

// Document is a whole text and its analysis.
type Document struct {
	Text      string
	Sentences []Sentence
}

// Span is a half-open range of token indices [Start, End) in one sentence.
type Span struct {
	Start, End int
}

// Len returns the number of tokens in the span.
func (s Span) Len() int { return s.End - s.Start }

// Children returns, for each token index i (0-based), the 0-based indices
// of its dependents in sentence order. It reads Head, so the sentence must
// have been parsed.
func (s *Sentence) Children() [][]int {
	ch := make([][]int, len(s.Tokens))
	for i, t := range s.Tokens {
		if h := t.Head - 1; h >= 0 && h < len(s.Tokens) {
			ch[h] = append(ch[h], i)
		}
	}
	return ch
}

// SpanText returns the text of token span sp as it appears in the
// sentence (tokens joined by spaces when the offsets do not index Text),
// or "" for an empty or out-of-range span.
func (s *Sentence) SpanText(sp Span) string {
	if sp.Start < 0 || sp.End > len(s.Tokens) || sp.Start >= sp.End {
		return ""
	}
	a, b := s.Tokens[sp.Start].Start-s.Start, s.Tokens[sp.End-1].End-s.Start
	if a < 0 || b > len(s.Text) || a > b {
		return strings.Join(s.Words()[sp.Start:sp.End], " ")
	}
	return s.Text[a:b]
}

// SpanHead returns the first token of span sp whose head lies outside it
// (or is the root): the head of the phrase sp covers; sp.Start if none
// does, or -1 for an empty or out-of-range span.
func (s *Sentence) SpanHead(sp Span) int {
	if sp.Start < 0 || sp.End > len(s.Tokens) || sp.Start >= sp.End {
		return -1
	}
	for i := sp.Start; i < sp.End; i++ {
		if h := s.Tokens[i].Head - 1; h < sp.Start || h >= sp.End {
			return i
		}
	}
	return sp.Start
}

// Words returns the surface forms of the sentence's tokens.
func (s *Sentence) Words() []string {
	w := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		w[i] = t.Text
	}
	return w
}
