package ner

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/kg-project/kg/extract/doc"
)

// UNERTypes maps Universal NER types to kg's.
var UNERTypes = map[string]string{
	"PER": "PERSON",
	"ORG": "ORGANIZATION",
	"LOC": "LOCATION",
}

// ReadUNER reads a Universal NER IOB2 file (tab-separated columns id,
// token, tag, ...; "# sent_id = " and "# text = " comments; blank lines
// between sentences). Tags are mapped through types into Token.Ent ("O"
// for unmapped types). Token offsets index the sentence text when tokens
// can be found in it in order.
func ReadUNER(r io.Reader, name string, types map[string]string) ([]*doc.Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var out []*doc.Sentence
	cur := &doc.Sentence{}
	line := 0
	flush := func() {
		if len(cur.Tokens) > 0 {
			finishOffsets(cur)
			out = append(out, cur)
		}
		cur = &doc.Sentence{}
	}
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case strings.TrimSpace(l) == "":
			flush()
		case strings.HasPrefix(l, "#"):
			k, v, ok := strings.Cut(strings.TrimSpace(l[1:]), " = ")
			if ok && k == "sent_id" {
				cur.ID = v
			} else if ok && k == "text" {
				cur.Text = v
			}
		default:
			f := strings.Split(l, "\t")
			if len(f) < 3 {
				return nil, fmt.Errorf("%s:%d: want at least 3 tab-separated columns, got %d", name, line, len(f))
			}
			tag := f[2]
			ent := "O"
			if len(tag) > 2 && tag[1] == '-' && (tag[0] == 'B' || tag[0] == 'I') {
				if t, ok := types[tag[2:]]; ok {
					ent = tag[:2] + t
				}
			} else if tag != "O" {
				return nil, fmt.Errorf("%s:%d: bad tag %q", name, line, tag)
			}
			cur.Tokens = append(cur.Tokens, doc.Token{Text: f[1], Ent: ent, Head: -1, SpaceAfter: true})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	flush()
	return out, nil
}

// finishOffsets sets token offsets into s.Text where tokens are found in
// order, and SpaceAfter from the text.
func finishOffsets(s *doc.Sentence) {
	pos := 0
	for i := range s.Tokens {
		t := &s.Tokens[i]
		if j := strings.Index(s.Text[pos:], t.Text); j >= 0 && strings.TrimSpace(s.Text[pos:pos+j]) == "" {
			t.Start = pos + j
		} else {
			t.Start = pos
		}
		t.End = min(t.Start+len(t.Text), len(s.Text))
		pos = t.End
		t.SpaceAfter = pos < len(s.Text) && s.Text[pos] == ' '
	}
	s.Start, s.End = 0, len(s.Text)
}
