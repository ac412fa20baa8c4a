package ner

import (
	"strings"

	"github.com/kg-project/kg/extract/doc"
)

// Entity is a named entity: a token span [Start, End) of one sentence.
type Entity struct {
	Type  string `json:"type"`
	Start int    `json:"start"` // first token, 0-based
	End   int    `json:"end"`   // one past the last token
	Text  string `json:"text"`  // the covered text
}

// Spans decodes the IOB2 tags in the tokens' Ent fields into entities. An
// I- tag that does not continue an entity of its type starts a new one.
func Spans(s *doc.Sentence) []Entity {
	var out []Entity
	cur := -1
	for i, t := range s.Tokens {
		tag := t.Ent
		var pre, typ string
		if len(tag) > 2 && tag[1] == '-' {
			pre, typ = tag[:1], tag[2:]
		}
		if cur >= 0 && (pre != "I" || out[cur].Type != typ) {
			cur = -1
		}
		switch {
		case pre == "B" || (pre == "I" && cur < 0):
			out = append(out, Entity{Type: typ, Start: i, End: i + 1})
			cur = len(out) - 1
		case pre == "I":
			out[cur].End = i + 1
		}
	}
	for k := range out {
		out[k].Text = spanText(s, out[k].Start, out[k].End)
	}
	return out
}

// spanText returns the sentence text covered by tokens [start,end), from
// the token offsets when they index s.Text, else the tokens joined by their
// SpaceAfter flags.
func spanText(s *doc.Sentence, start, end int) string {
	a, b := s.Tokens[start].Start-s.Start, s.Tokens[end-1].End-s.Start
	if a >= 0 && a <= b && b <= len(s.Text) && s.Text[a:b] != "" && strings.HasPrefix(s.Text[a:b], s.Tokens[start].Text) {
		return s.Text[a:b]
	}
	var sb strings.Builder
	for i := start; i < end; i++ {
		sb.WriteString(s.Tokens[i].Text)
		if i+1 < end && s.Tokens[i].SpaceAfter {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}
