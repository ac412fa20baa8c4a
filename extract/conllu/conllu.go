// Package conllu reads and writes the CoNLL-U format of Universal
// Dependencies treebanks into and out of doc.Sentence values.
//
// Multi-word token ranges (lines "1-2") and empty nodes (lines "8.1") are
// skipped on read: kg works on syntactic words with basic trees only. The
// package does not validate trees; a consumer that needs a well-formed tree
// must check it.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kg-project/kg/extract/doc"
)

// Sentence is a doc.Sentence plus the comment lines that preceded it.
type Sentence struct {
	doc.Sentence
	// Comments maps "key" to "value" for lines "# key = value"; lines
	// without " = " are stored with an empty value.
	Comments map[string]string
	// NewDoc reports whether a "# newdoc" comment preceded the sentence.
	NewDoc bool
}

// Reader reads sentences one at a time.
type Reader struct {
	sc   *bufio.Scanner
	line int
	name string
}

// NewReader returns a reader; name is used in error messages.
func NewReader(r io.Reader, name string) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	return &Reader{sc: sc, name: name}
}

// Read returns the next sentence, or io.EOF when there are no more.
func (r *Reader) Read() (*Sentence, error) {
	s := &Sentence{Comments: map[string]string{}}
	started := false
	for r.sc.Scan() {
		r.line++
		line := r.sc.Text()
		if line == "" {
			if started {
				return s.finish(), nil
			}
			continue
		}
		started = true
		if line[0] == '#' {
			c := strings.TrimSpace(line[1:])
			k, v, _ := strings.Cut(c, " = ")
			k = strings.TrimSpace(k)
			s.Comments[k] = v
			if k == "newdoc" || strings.HasPrefix(k, "newdoc ") {
				s.NewDoc = true
			}
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("%s:%d: want 10 tab-separated columns, got %d", r.name, r.line, len(f))
		}
		if strings.ContainsAny(f[0], "-.") {
			continue
		}
		head := -1
		if f[6] != "_" {
			h, err := strconv.Atoi(f[6])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: bad HEAD %q", r.name, r.line, f[6])
			}
			head = h
		}
		t := doc.Token{
			Text: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5],
			Head: head, DepRel: f[7], Misc: f[9],
			SpaceAfter: !strings.Contains(f[9], "SpaceAfter=No"),
		}
		s.Tokens = append(s.Tokens, t)
	}
	if err := r.sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", r.name, r.line, err)
	}
	if started {
		return s.finish(), nil
	}
	return nil, io.EOF
}

func (s *Sentence) finish() *Sentence {
	s.ID = s.Comments["sent_id"]
	s.Text = s.Comments["text"]
	// Offsets relative to the sentence text, found by scanning forward; if
	// a token cannot be found (normalised text) offsets follow SpaceAfter.
	pos := 0
	for i := range s.Tokens {
		t := &s.Tokens[i]
		if j := strings.Index(s.Text[pos:], t.Text); j >= 0 && (j == 0 || strings.TrimSpace(s.Text[pos:pos+j]) == "") {
			t.Start = pos + j
		} else {
			t.Start = pos
		}
		t.End = t.Start + len(t.Text)
		pos = t.End
		if pos > len(s.Text) {
			pos = len(s.Text)
		}
	}
	s.Start, s.End = 0, len(s.Text)
	return s
}

// ReadAll reads every sentence from r.
func ReadAll(r io.Reader, name string) ([]*Sentence, error) {
	rd := NewReader(r, name)
	var out []*Sentence
	for {
		s, err := rd.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// ReadSentences reads every sentence from r as the doc.Sentence it holds,
// for code that needs no comments.
func ReadSentences(r io.Reader, name string) ([]*doc.Sentence, error) {
	ss, err := ReadAll(r, name)
	if err != nil {
		return nil, err
	}
	out := make([]*doc.Sentence, len(ss))
	for i := range ss {
		out[i] = &ss[i].Sentence
	}
	return out, nil
}

// Write writes one sentence in CoNLL-U form, with sent_id and text
// comments when they are set. Empty annotation fields are written as "_".
func Write(w io.Writer, s *doc.Sentence) error {
	bw := bufio.NewWriter(w)
	if s.ID != "" {
		fmt.Fprintf(bw, "# sent_id = %s\n", s.ID)
	}
	if s.Text != "" {
		fmt.Fprintf(bw, "# text = %s\n", s.Text)
	}
	for i, t := range s.Tokens {
		head := "_"
		if t.Head >= 0 {
			head = strconv.Itoa(t.Head)
		}
		misc := t.Misc
		if misc == "" {
			var m []string
			if !t.SpaceAfter && i+1 < len(s.Tokens) {
				m = append(m, "SpaceAfter=No")
			}
			if t.Ent != "" && t.Ent != "O" {
				m = append(m, "NER="+t.Ent)
			}
			misc = strings.Join(m, "|")
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t_\t%s\n", i+1,
			t.Text, blank(t.Lemma), blank(t.UPOS), blank(t.XPOS), blank(t.Feats),
			head, blank(t.DepRel), blank(misc))
	}
	bw.WriteString("\n")
	return bw.Flush()
}

func blank(s string) string {
	if s == "" {
		return "_"
	}
	return s
}
