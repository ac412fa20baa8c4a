// Command nereval scores kg's entity recognizer on GUM dev (named mentions,
// the same extraction as training) and Universal NER EWT dev, printing
// exact-span precision/recall/F1 per type (PERSON, ORGANIZATION, LOCATION)
// and overall, one measure a line.
//
//	go run ./eval/ner/cmd/nereval                       # embedded model, gold POS
//	go run ./eval/ner/cmd/nereval -tags tagger          # POS from extract/tagger
//	go run ./eval/ner/cmd/nereval -model m.gz -json
//	go run ./eval/ner/cmd/nereval -doc                  # by document
//
// It only measures; it does not train.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/kg-project/kg/corpora"
	evalner "github.com/kg-project/kg/eval/ner"
	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/ner"
	"github.com/kg-project/kg/extract/tagger"
)

var (
	gumFile *string
	byDoc   = flag.Bool("doc", false, "tag by document (ner.TagSentences: one type per name in a document)")
)

func main() {
	modelPath := flag.String("model", "", "model file (default: the embedded model)")
	gumFile = flag.String("gum", "gum/en_gum-ud-dev.conllu", "GUM file to score on")
	tags := flag.String("tags", "gold", "part-of-speech tags: gold (treebank) or tagger (extract/tagger)")
	asJSON := flag.Bool("json", false, "print scores as JSON")
	flag.Parse()
	if err := run(*modelPath, *tags, *asJSON); err != nil {
		fmt.Fprintln(os.Stderr, "nereval:", err)
		os.Exit(1)
	}
}

func run(modelPath, tags string, asJSON bool) error {
	var m *ner.Model
	var err error
	start := time.Now()
	if modelPath == "" {
		m, err = ner.Default()
	} else {
		var f *os.File
		if f, err = os.Open(modelPath); err != nil {
			return err
		}
		m, err = ner.Load(f)
		f.Close()
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "nereval: model loaded in %s\n", time.Since(start).Round(time.Millisecond))
	if tags != "gold" && tags != "tagger" {
		return fmt.Errorf("-tags must be gold or tagger, not %q", tags)
	}

	gumDev := *gumFile
	rc, err := corpora.Open(gumDev)
	if err != nil {
		return err
	}
	gum, err := evalner.ReadGUM(rc, gumDev, evalner.GUMTypes)
	rc.Close()
	if err != nil {
		return err
	}

	const unerDev = "uner-english-ewt/en_ewt-ud-dev.iob2"
	rc, err = corpora.Open(unerDev)
	if err != nil {
		return err
	}
	uner, err := evalner.ReadUNER(rc, unerDev, evalner.UNERTypes)
	rc.Close()
	if err != nil {
		return err
	}
	const ewtDev = "ud-english-ewt/en_ewt-ud-dev.conllu"
	rc, err = corpora.Open(ewtDev)
	if err != nil {
		return err
	}
	ewt, err := conllu.ReadAll(rc, ewtDev)
	rc.Close()
	if err != nil {
		return err
	}
	if tags == "gold" {
		if n := copyTags(uner, ewt); n < len(uner) {
			fmt.Fprintf(os.Stderr, "nereval: %d of %d UNER sentences aligned with EWT dev for gold tags\n", n, len(uner))
		}
	}

	results := map[string]*evalner.Scores{}
	for _, set := range []struct {
		name  string
		sents []*doc.Sentence
	}{{"gum_dev", gum}, {"uner_ewt_dev", uner}} {
		sc := evalner.NewScores("PERSON", "ORGANIZATION", "LOCATION")
		ntok := 0
		var tagTime time.Duration
		for _, d := range evalner.Documents(set.sents) {
			gold := make([][]ner.Entity, len(d))
			for k, s := range d {
				gold[k] = ner.Spans(s)
				if tags == "tagger" {
					tagger.Tag(s)
				}
				for i := range s.Tokens {
					s.Tokens[i].Ent = ""
				}
				ntok += len(s.Tokens)
			}
			t0 := time.Now()
			if *byDoc {
				m.TagSentences(d)
			} else {
				for _, s := range d {
					m.Tag(s)
				}
			}
			tagTime += time.Since(t0)
			for k, s := range d {
				sc.Add(gold[k], ner.Spans(s))
			}
		}
		fmt.Fprintf(os.Stderr, "nereval: %s: %d sentences, %d tokens, %.0f tokens/s\n", set.name, len(set.sents), ntok, float64(ntok)/tagTime.Seconds())
		results[set.name] = sc
		if !asJSON {
			fmt.Printf("# %s (%s POS, by %s)\n", set.name, tags, map[bool]string{false: "sentence", true: "document"}[*byDoc])
			for _, l := range sc.Lines() {
				fmt.Println(l)
			}
		}
	}
	if asJSON {
		e := json.NewEncoder(os.Stdout)
		e.SetIndent("", "  ")
		return e.Encode(results)
	}
	return nil
}

// copyTags copies gold UPOS/XPOS/lemmas from the EWT sentences into the
// UNER ones with the same sent_id and tokens; it returns how many aligned.
func copyTags(uner []*doc.Sentence, ewt []*conllu.Sentence) int {
	byID := map[string]*conllu.Sentence{}
	for _, c := range ewt {
		byID[c.ID] = c
	}
	n := 0
	for _, s := range uner {
		c := byID[s.ID]
		if c == nil || len(c.Tokens) != len(s.Tokens) {
			continue
		}
		ok := true
		for i := range s.Tokens {
			if s.Tokens[i].Text != c.Tokens[i].Text {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		for i := range s.Tokens {
			t, g := &s.Tokens[i], c.Tokens[i]
			t.UPOS, t.XPOS, t.Lemma, t.Head, t.DepRel = g.UPOS, g.XPOS, g.Lemma, g.Head, g.DepRel
		}
		n++
	}
	return n
}
