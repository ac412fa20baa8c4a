// Command ner scores github.com/jdkato/prose/v2's named-entity recognizer
// on the same data and with the same scorer as kg's recognizer
// (eval/ner): GUM dev named mentions and Universal NER EWT dev,
// exact-span precision/recall/F1 for PERSON, ORGANIZATION and LOCATION.
//
// prose tokenizes by itself and takes no pre-split tokens. Each gold
// sentence is given to it as its gold tokens joined by single spaces
// (sentence segmentation off); each entity prose reports (its own
// chunking of its token labels) is found in that string, in order, and
// covers the gold tokens its characters fall in. prose labels PERSON,
// ORGANIZATION, GPE, GSP, LOCATION and FACILITY; all but the first two
// count as LOCATION.
//
// It lives in the bench/prosebaseline module so that prose never becomes
// a dependency of kg; it only measures.
//
//	cd bench/prosebaseline && go run ./ner
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/jdkato/prose/v2"
	"github.com/kg-project/kg/corpora"
	evalner "github.com/kg-project/kg/eval/ner"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/ner"
)

// proseTypes maps the entity labels prose v2 emits to kg's types.
var proseTypes = map[string]string{
	"PERSON":       "PERSON",
	"ORGANIZATION": "ORGANIZATION",
	"GPE":          "LOCATION",
	"GSP":          "LOCATION",
	"LOCATION":     "LOCATION",
	"FACILITY":     "LOCATION",
}

var verbose = flag.Bool("v", false, "report progress")

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "prosebaseline/ner:", err)
		os.Exit(1)
	}
}

// corporaDir finds kg's corpora folder above the working directory
// (corpora.Dir would stop at this module's go.mod).
func corporaDir() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "corpora", "corpora.go")); err == nil {
			return filepath.Join(d, "corpora"), nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("kg's corpora folder not found above %s", wd)
		}
	}
}

func run() error {
	dir, err := corporaDir()
	if err != nil {
		return err
	}
	gumDev := filepath.Join(dir, "gum/en_gum-ud-dev.conllu.gz")
	rc, err := corpora.Open(gumDev)
	if err != nil {
		return err
	}
	gum, err := evalner.ReadGUM(rc, gumDev, evalner.GUMTypes)
	rc.Close()
	if err != nil {
		return err
	}
	unerDev := filepath.Join(dir, "uner-english-ewt/en_ewt-ud-dev.iob2.gz")
	rc, err = corpora.Open(unerDev)
	if err != nil {
		return err
	}
	uner, err := evalner.ReadUNER(rc, unerDev, evalner.UNERTypes)
	rc.Close()
	if err != nil {
		return err
	}
	// prose loads its models anew for every document unless given one.
	d0, err := prose.NewDocument("x", prose.WithSegmentation(false))
	if err != nil {
		return err
	}
	model := d0.Model
	for _, set := range []struct {
		name  string
		sents []*doc.Sentence
	}{{"gum_dev", gum}, {"uner_ewt_dev", uner}} {
		sc := evalner.NewScores("PERSON", "ORGANIZATION", "LOCATION")
		for k, s := range set.sents {
			if *verbose && k%200 == 0 {
				fmt.Fprintf(os.Stderr, "prosebaseline/ner: %s %d/%d\n", set.name, k, len(set.sents))
			}
			pred, err := proseEntities(s, model)
			if err != nil {
				return fmt.Errorf("%s %s: %w", set.name, s.ID, err)
			}
			sc.Add(ner.Spans(s), pred)
		}
		if *verbose {
			fmt.Fprintf(os.Stderr, "prosebaseline/ner: %s: prose labels %v, %d entities not aligned\n", set.name, labels, unaligned)
		}
		fmt.Printf("# %s (prose v2)\n", set.name)
		for _, l := range sc.Lines() {
			fmt.Println(l)
		}
	}
	return nil
}

var (
	labels    = map[string]int{} // prose entity labels seen
	unaligned int                // prose entities not found in the text
)

// proseEntities runs prose on the sentence's tokens joined by spaces and
// returns its entities as gold-token spans.
func proseEntities(s *doc.Sentence, model *prose.Model) ([]ner.Entity, error) {
	var b strings.Builder
	starts := make([]int, len(s.Tokens)) // offset of each gold token
	for i, t := range s.Tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		starts[i] = b.Len()
		b.WriteString(t.Text)
	}
	text := b.String()
	d, err := prose.NewDocument(text, prose.WithSegmentation(false), prose.UsingModel(model))
	if err != nil {
		return nil, err
	}
	goldAt := func(off int) int { // gold token containing offset off
		k := 0
		for k+1 < len(starts) && starts[k+1] <= off {
			k++
		}
		return k
	}
	var out []ner.Entity
	pos := 0
	for _, e := range d.Entities() {
		labels[e.Label]++
		j := strings.Index(text[pos:], e.Text)
		if j < 0 {
			unaligned++
			continue
		}
		start := pos + j
		pos = start + len(e.Text)
		typ := proseTypes[e.Label]
		if typ == "" {
			continue
		}
		out = append(out, ner.Entity{Type: typ, Start: goldAt(start), End: goldAt(pos-1) + 1, Text: e.Text})
	}
	return out, nil
}
