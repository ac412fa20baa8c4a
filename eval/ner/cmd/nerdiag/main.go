// Command nerdiag is an error analysis of kg's entity recognizer on GUM
// dev: for PERSON, ORGANIZATION and LOCATION it counts exact matches, type
// errors (same span, other type), boundary errors (overlapping span),
// misses and spurious predictions, per gold or predicted type, and prints
// examples of each with -v.
//
//	go run ./eval/ner/cmd/nerdiag -tags tagger -v 20
//
// It only measures; it does not train.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/kg-project/kg/corpora"
	evalner "github.com/kg-project/kg/eval/ner"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/ner"
	"github.com/kg-project/kg/extract/tagger"
)

func main() {
	modelPath := flag.String("model", "", "model file (default: the embedded model)")
	gumFile := flag.String("gum", "gum/en_gum-ud-dev.conllu", "GUM CoNLL-U file, or Universal NER IOB2 file (.iob2; tagger tags)")
	tags := flag.String("tags", "tagger", "gold or tagger")
	verbose := flag.Int("v", 0, "examples to print per category")
	byDoc := flag.Bool("doc", false, "tag by document (ner.TagSentences), as kg eval ner --doc")
	flag.Parse()
	if err := run(*modelPath, *gumFile, *tags, *verbose, *byDoc); err != nil {
		fmt.Fprintln(os.Stderr, "nerdiag:", err)
		os.Exit(1)
	}
}

var evalTypes = map[string]bool{"PERSON": true, "ORGANIZATION": true, "LOCATION": true}

func run(modelPath, gumFile, tags string, verbose int, byDoc bool) error {
	m, err := ner.Default()
	if modelPath != "" {
		f, err2 := os.Open(modelPath)
		if err2 != nil {
			return err2
		}
		m, err = ner.Load(f)
		f.Close()
	}
	if err != nil {
		return err
	}
	rc, err := corpora.Open(gumFile)
	if err != nil {
		return err
	}
	var sents []*doc.Sentence
	if strings.HasSuffix(gumFile, ".iob2") {
		sents, err = evalner.ReadUNER(rc, gumFile, evalner.UNERTypes)
		tags = "tagger"
	} else {
		sents, err = evalner.ReadGUM(rc, gumFile, evalner.GUMTypes)
	}
	rc.Close()
	if err != nil {
		return err
	}
	counts := map[string]int{}
	examples := map[string][]string{}
	add := func(cat, ex string) {
		counts[cat]++
		if len(examples[cat]) < verbose {
			examples[cat] = append(examples[cat], ex)
		}
	}
	tagged := make([]*doc.Sentence, len(sents))
	for k, g := range sents {
		s := &doc.Sentence{ID: g.ID, Text: g.Text, Start: g.Start, End: g.End}
		for _, t := range g.Tokens {
			nt := doc.Token{Text: t.Text, Start: t.Start, End: t.End, SpaceAfter: t.SpaceAfter, Head: -1}
			if tags == "gold" {
				nt.UPOS, nt.XPOS, nt.Lemma = t.UPOS, t.XPOS, t.Lemma
			}
			s.Tokens = append(s.Tokens, nt)
		}
		if tags != "gold" {
			tagger.Tag(s)
		}
		tagged[k] = s
	}
	if byDoc {
		for _, d := range evalner.Documents(tagged) {
			m.TagSentences(d)
		}
	} else {
		for _, s := range tagged {
			m.Tag(s)
		}
	}
	for k, g := range sents {
		gold := ner.Spans(g)
		pred := ner.Spans(tagged[k])
		ctx := func(e ner.Entity) string {
			var b strings.Builder
			for i, t := range g.Tokens {
				if i == e.Start {
					b.WriteString("[[")
				}
				b.WriteString(t.Text)
				if i == e.End-1 {
					b.WriteString("]]")
				}
				b.WriteByte(' ')
			}
			return b.String()
		}
		usedP := map[int]bool{}
		for _, ge := range gold {
			if !evalTypes[ge.Type] {
				continue
			}
			found := false
			for k, pe := range pred {
				if pe.Start == ge.Start && pe.End == ge.End {
					usedP[k] = true
					found = true
					if pe.Type == ge.Type {
						add("match "+ge.Type, ge.Text)
					} else {
						add("type "+ge.Type+"->"+pe.Type, ge.Text+"  ||  "+ctx(ge))
					}
				}
			}
			if found {
				continue
			}
			for k, pe := range pred {
				if pe.Start < ge.End && ge.Start < pe.End {
					usedP[k] = true
					found = true
					same := "sametype"
					if pe.Type != ge.Type {
						same = "othertype"
					}
					add("boundary "+ge.Type+" "+same, fmt.Sprintf("gold %q pred %q %s || %s", ge.Text, pe.Text, pe.Type, ctx(ge)))
				}
			}
			if !found {
				add("miss "+ge.Type, ge.Text+"  ||  "+ctx(ge))
			}
		}
		for k, pe := range pred {
			if usedP[k] || !evalTypes[pe.Type] {
				continue
			}
			// Spurious: does it match a gold entity of another (non-evaluated) type?
			why := "none"
			for _, ge := range gold {
				if ge.Start == pe.Start && ge.End == pe.End {
					why = "gold " + ge.Type
				} else if ge.Start < pe.End && pe.Start < ge.End && why == "none" {
					why = "overlaps " + ge.Type
				}
			}
			add("spurious "+pe.Type+" ("+why+")", pe.Text+"  ||  "+ctx(pe))
		}
	}
	var cats []string
	for c := range counts {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		fmt.Printf("%6d  %s\n", counts[c], c)
	}
	if verbose > 0 {
		for _, c := range cats {
			if strings.HasPrefix(c, "match") {
				continue
			}
			fmt.Printf("\n== %s\n", c)
			for _, e := range examples[c] {
				fmt.Println("  ", e)
			}
		}
	}
	return nil
}
