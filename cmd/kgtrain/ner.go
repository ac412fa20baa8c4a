package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kg-project/kg/corpora"
	evalner "github.com/kg-project/kg/eval/ner"
	"github.com/kg-project/kg/extract/ner"
	"github.com/kg-project/kg/extract/tagger"
)

var (
	nerEpochs = flag.Int("ner-epochs", 0, "ner: training epochs (0: the package default)")
	nerOut    = flag.String("ner-out", "", "ner: write the model here instead of extract/ner/model/ner.gz")
	nerTags   = flag.String("ner-tags", "gold", "ner: train on gold POS tags, on those of extract/tagger, or on those of 4-fold jackknifed taggers (jackknife)")
	nerPrune  = flag.Float64("ner-prune", 1, "ner: drop features whose averaged weights are all at most this")
	nerGaz    = flag.Bool("ner-gaz", true, "ner: add gazetteer features learned from the training names")
	nerUnseen = flag.Float64("ner-unseen", 0.3, "ner: share of training names the span typer sees without their own words")
	nerMent   = flag.Int("ner-mentions", 4, "ner: GUM mentions of up to this many tokens teach the span typer what context says about types (0: none)")
	nerNot    = flag.Bool("ner-notnames", true, "ner: the span typer learns a class for capitalised words that are not names, and drops spans it puts there")
	nerClust  = flag.String("ner-clusters", "32,128,512", "ner: numbers of word classes to learn from the unlabeled text, comma-separated (empty: no cluster features)")
)

func init() { register("ner", 30, trainNER) }

// trainNER trains the entity recognizer on the named mentions of GUM train
// (gold tags), with capitalisation statistics from GUM and EWT train, and
// writes extract/ner/model/ner.gz.
func trainNER(seed int64) error {
	const gum = "gum/en_gum-ud-train.conllu"
	f, err := corpora.Open(gum)
	if err != nil {
		return err
	}
	sents, err := evalner.ReadGUM(f, gum, evalner.GUMTypes)
	f.Close()
	if err != nil {
		return err
	}
	unl, err := readTreebank("ud-english-ewt/en_ewt-ud-train.conllu")
	if err != nil {
		return err
	}
	switch *nerTags {
	case "gold":
	case "tagger":
		for _, s := range sents {
			tagger.Tag(s)
		}
	case "jackknife":
		sents = jackknifeTags("ner", sents, unl, 4, seed)
	default:
		return fmt.Errorf("-ner-tags must be gold, tagger or jackknife, not %q", *nerTags)
	}
	var clusters []int
	for _, f := range strings.Split(*nerClust, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return fmt.Errorf("-ner-clusters: bad number %q", f)
		}
		clusters = append(clusters, n)
	}
	var mentions []ner.Mention
	if *nerMent > 0 {
		for _, s := range sents {
			ms, err := evalner.Mentions(s)
			if err != nil {
				return fmt.Errorf("%s: sentence %s: %w", gum, s.ID, err)
			}
			for _, mn := range ms {
				if typ, ok := evalner.GUMTypes[mn.Type]; ok && mn.End-mn.Start <= *nerMent {
					mentions = append(mentions, ner.Mention{Sentence: s, Start: mn.Start, End: mn.End, Type: typ})
				}
			}
		}
	}
	m, err := ner.Train(sents, ner.Options{Epochs: *nerEpochs, Prune: float32(*nerPrune), Gazetteer: *nerGaz, Unseen: *nerUnseen, Seed: seed, Unlabeled: unl, Clusters: clusters, Mentions: mentions, NotNames: *nerNot, Log: os.Stderr})
	if err != nil {
		return err
	}
	dir, err := corpora.Dir()
	if err != nil {
		return err
	}
	out := filepath.Join(filepath.Dir(dir), "extract", "ner", "model", "ner.gz")
	if *nerOut != "" {
		out = *nerOut
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("ner: %w", err)
	}
	fmt.Fprintf(os.Stderr, "ner: wrote %s (%d bytes)\n", out, buf.Len())
	return nil
}
