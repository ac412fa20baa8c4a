package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/eval/ud"
	"github.com/kg-project/kg/extract/tokenize"
)

var (
	sentEpochs = flag.Int("sentences-epochs", 0, "sentences: training epochs (0: the package default)")
	sentPrune  = flag.Float64("sentences-prune", 0.5, "sentences: drop features whose averaged weights are all at most this")
	sentOut    = flag.String("sentences-out", "", "sentences: write the model here instead of "+tokenize.BoundaryModelPath)
)

func init() { register("sentences", 5, trainSentences) }

// trainSentences trains the sentence boundary model of extract/tokenize on
// the raw text of EWT and GUM train, rebuilt as eval/ud rebuilds the raw
// text it evaluates on (sentences of a paragraph joined by a space).
func trainSentences(seed int64) error {
	var texts []tokenize.BoundaryText
	for _, n := range []string{"ud-english-ewt/en_ewt-ud-train.conllu", "gum/en_gum-ud-train.conllu"} {
		rc, err := corpora.Open(n)
		if err != nil {
			return err
		}
		text, gold, err := ud.ReadGold(rc, n)
		rc.Close()
		if err != nil {
			return err
		}
		ends := make([]int, len(gold))
		for i, s := range gold {
			ends[i] = s.End
		}
		texts = append(texts, tokenize.BoundaryText{Text: text, Ends: ends})
	}
	m, err := tokenize.TrainBoundaryModel(texts, tokenize.BoundaryTrainOptions{Epochs: *sentEpochs, Seed: seed, Prune: float32(*sentPrune), Log: os.Stderr})
	if err != nil {
		return err
	}
	out := *sentOut
	if out == "" {
		dir, err := corpora.Dir()
		if err != nil {
			return err
		}
		out = filepath.Join(filepath.Dir(dir), filepath.FromSlash(tokenize.BoundaryModelPath))
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("sentences: %w", err)
	}
	fmt.Fprintf(os.Stderr, "sentences: wrote %s (%d features, %d bytes)\n", out, m.Features(), buf.Len())
	return nil
}
