package ner

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kg-project/kg/extract/doc"
	kner "github.com/kg-project/kg/extract/ner"
)

// Count is exact-span agreement for one type (or overall).
type Count struct {
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
	P         float64 `json:"precision"`
	R         float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (c *Count) finish() {
	c.P, c.R, c.F1 = 0, 0, 0
	if c.Predicted > 0 {
		c.P = 100 * float64(c.Correct) / float64(c.Predicted)
	}
	if c.Gold > 0 {
		c.R = 100 * float64(c.Correct) / float64(c.Gold)
	}
	if c.P+c.R > 0 {
		c.F1 = 2 * c.P * c.R / (c.P + c.R)
	}
}

// Scores are exact-span precision, recall and F1 (in percent) per type and
// overall across the evaluated types.
type Scores struct {
	Types     []string          `json:"types"` // the evaluated types
	ByType    map[string]*Count `json:"by_type"`
	Overall   Count             `json:"overall"`
	Sentences int               `json:"sentences"`
	// Mode says how the sentences were tagged: "sentence" (one at a
	// time) or "document" (a document at once); empty if not said.
	Mode string `json:"mode,omitempty"`
}

// NewScores returns empty scores over types (e.g. PERSON, ORGANIZATION,
// LOCATION). Entities of other types, gold or predicted, are ignored.
func NewScores(types ...string) *Scores {
	s := &Scores{Types: append([]string(nil), types...), ByType: map[string]*Count{}}
	sort.Strings(s.Types)
	for _, t := range types {
		s.ByType[t] = &Count{}
	}
	return s
}

// Add counts one sentence's gold and predicted entities. An entity is
// correct when a gold entity has the same type, start and end.
func (s *Scores) Add(gold, pred []kner.Entity) {
	s.Sentences++
	type key struct {
		typ        string
		start, end int
	}
	g := map[key]bool{}
	for _, e := range gold {
		if c := s.ByType[e.Type]; c != nil {
			k := key{e.Type, e.Start, e.End}
			if !g[k] {
				g[k] = true
				c.Gold++
				s.Overall.Gold++
			}
		}
	}
	seen := map[key]bool{}
	for _, e := range pred {
		c := s.ByType[e.Type]
		k := key{e.Type, e.Start, e.End}
		if c == nil || seen[k] {
			continue
		}
		seen[k] = true
		c.Predicted++
		s.Overall.Predicted++
		if g[k] {
			c.Correct++
			s.Overall.Correct++
		}
	}
	for _, c := range s.ByType {
		c.finish()
	}
	s.Overall.finish()
}

// Lines returns one measure a line: "PERSON_P 83.10", "PERSON_R ...",
// "PERSON_F1 ...", for each type in order, then "OVERALL_P", "OVERALL_R",
// "OVERALL_F1", with two decimals.
func (s *Scores) Lines() []string {
	var out []string
	add := func(name string, c *Count) {
		out = append(out,
			fmt.Sprintf("%s_P %.2f", name, c.P),
			fmt.Sprintf("%s_R %.2f", name, c.R),
			fmt.Sprintf("%s_F1 %.2f", name, c.F1))
	}
	for _, t := range s.Types {
		add(t, s.ByType[t])
	}
	add("OVERALL", &s.Overall)
	return out
}

// Documents groups consecutive sentences by document: the sentence id
// without its final "-N" part ("GUM_news_iodine-12" and
// "answers-20070404104007AAY1Chs_ans-0003" name their documents so).
// Sentences without an id form one-sentence documents.
func Documents(sents []*doc.Sentence) [][]*doc.Sentence {
	var out [][]*doc.Sentence
	last := ""
	for _, s := range sents {
		id := s.ID
		if i := strings.LastIndexByte(id, '-'); i > 0 {
			id = id[:i]
		}
		if len(out) == 0 || id == "" || id != last {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], s)
		last = id
	}
	return out
}
