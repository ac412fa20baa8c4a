package main

import (
	"fmt"
	"os"

	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/tagger"
)

// readTreebank reads a CoNLL-U file of corpora as sentences.
func readTreebank(name string) ([]*doc.Sentence, error) {
	rc, err := corpora.Open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return conllu.ReadSentences(rc, name)
}

// jackknifeTags returns copies of sents whose tags come from taggers
// trained on extra and the other k-1 of k contiguous folds of sents, so
// that a model trained on them learns from tags as noisy as the ones it
// will see. what names the model in progress lines.
func jackknifeTags(what string, sents, extra []*doc.Sentence, k int, seed int64) []*doc.Sentence {
	out := make([]*doc.Sentence, len(sents))
	for fold := 0; fold < k; fold++ {
		lo, hi := fold*len(sents)/k, (fold+1)*len(sents)/k
		rest := make([]*doc.Sentence, 0, len(extra)+len(sents)-(hi-lo))
		rest = append(rest, extra...)
		rest = append(rest, sents[:lo]...)
		rest = append(rest, sents[hi:]...)
		tg := tagger.Train(rest, tagger.TrainOptions{Seed: seed})
		for i := lo; i < hi; i++ {
			c := *sents[i]
			c.Tokens = append([]doc.Token(nil), sents[i].Tokens...)
			tg.Tag(&c)
			out[i] = &c
		}
		fmt.Fprintf(os.Stderr, "%s: jackknife fold %d/%d tagged\n", what, fold+1, k)
	}
	return out
}

// readTrainTreebanks reads the training sentences of EWT, then of GUM.
func readTrainTreebanks() ([]*doc.Sentence, error) {
	var sents []*doc.Sentence
	for _, name := range []string{"ud-english-ewt/en_ewt-ud-train.conllu", "gum/en_gum-ud-train.conllu"} {
		ss, err := readTreebank(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		sents = append(sents, ss...)
	}
	return sents, nil
}
