package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/parser"
	"github.com/kg-project/kg/extract/tagger"
	"github.com/kg-project/kg/extract/wordclass"
)

var (
	parserEpochs = flag.Int("parser-epochs", 20, "parser: training epochs (measured with -parser-coarse, EWT dev predicted tags: 12 85.46 UAS, 16 85.57, 18 85.68, 20 85.56)")
	parserGUM    = flag.Bool("parser-gum", true, "parser: add GUM train to EWT train (measured: +0.8 UAS on EWT dev)")
	parserDev    = flag.Bool("parser-dev", false, "parser: report EWT dev scores after every epoch")
	parserSubset = flag.Int("parser-subset", 0, "parser: train on only the first N sentences (quick experiments; the model file is not written)")
	parserPrune  = flag.Float64("parser-prune", -1, "parser: weight pruning threshold (negative: the command's default)")
	parserRich   = flag.Bool("parser-rich", false, "parser: rich labelled-action features")
	parserCoarse = flag.Bool("parser-coarse", true, "parser: universal-tag and suffix conjunctions in both models (measured: +0.56 UAS at 12 epochs, +0.23 at 16 on EWT dev with predicted tags)")
	parserLabel  = flag.Bool("parser-labelctx", false, "parser: label-context features in the labelled-action model (s0's first child word with the candidate heads, child label sets, word pairs). Measured, full 20 epochs: EWT dev predicted tags UAS/LAS 85.39/81.30 -> 85.54/82.10 (gold tags 87.82/84.70 -> 88.11/85.74), test 85.71/81.71 -> 85.85/82.57, raw test LAS 78.98 -> 79.87; model 17.2 -> 19.3 MB; but the parser is ~20% slower (BenchmarkParse 38.9-43.3k -> 31.3-32.0k tokens/cpu-s; Analyze alternated, loaded machine, 18.7-28.9k -> 16.6-19.6k tokens/s) and gold news facts F1 0.593 -> 0.572, R@P0.8 0.500 -> 0.404 (CaRB dev F1 0.521 -> 0.519): not used")
	parserJK     = flag.Int("parser-jackknife", 4, "parser: train on tags from k-fold jackknifed taggers (0 or 1: gold tags)")
	parserExpl   = flag.Float64("parser-explore", 0, "parser: probability of following a wrong prediction from the second epoch on (0: the package default, 0.9; not measured)")
	parserClu    = flag.String("parser-clusters", "", "parser: word-cluster features, comma-separated numbers of classes of exchange clusters of the training text (empty: none). Measured 32,128,512, EWT dev predicted tags: 8000 sentences, 6 epochs UAS/LAS 82.98/77.97 -> 83.43/78.19; full 20 epochs 85.39/81.30 -> 85.28/80.64 (gold tags 87.88/84.20; test predicted 85.71/81.71 -> 85.95/81.39), model 19.3 MB, 3.5 min more training: not used")
)

func init() { register("parser", 20, trainParser) }

// parserDefaultPrune keeps the embedded model under 20 MB and fast to
// load. On the 20-epoch coarse model (EWT dev, predicted tags): 2.0
// 85.56 UAS / 22.6 MB, 2.35 85.41 / 19.5 MB, 2.5 85.39 / 17.8 MB.
const parserDefaultPrune = 2.5

func trainParser(seed int64) error {
	files := []string{"ud-english-ewt/en_ewt-ud-train.conllu"}
	if *parserGUM {
		files = append(files, "gum/en_gum-ud-train.conllu")
	}
	var train []*doc.Sentence
	for _, n := range files {
		ss, err := readTreebank(n)
		if err != nil {
			return err
		}
		train = append(train, ss...)
	}
	dev, err := readTreebank("ud-english-ewt/en_ewt-ud-dev.conllu")
	if err != nil {
		return err
	}
	test, err := readTreebank("ud-english-ewt/en_ewt-ud-test.conllu")
	if err != nil {
		return err
	}
	clu, err := parseSizes(*parserClu)
	if err != nil {
		return fmt.Errorf("-parser-clusters: %w", err)
	}
	var cl *wordclass.Table
	if len(clu) > 0 {
		// Clustered over all the training text, before any subset.
		cl = wordclass.Train(train, wordclass.Options{Sizes: clu})
		fmt.Fprintf(os.Stderr, "parser: %d words clustered (%v classes)\n", len(cl.IDs), clu)
	}
	if *parserSubset > 0 && *parserSubset < len(train) {
		train = train[:*parserSubset]
	}
	if *parserJK > 1 {
		train = jackknifeTags("parser", train, nil, *parserJK, seed)
	}
	prune := float32(parserDefaultPrune)
	if *parserPrune >= 0 {
		prune = float32(*parserPrune)
	}
	opts := parser.TrainOptions{Epochs: *parserEpochs, Seed: seed, Prune: prune, Log: os.Stderr, RichJoint: *parserRich, Coarse: *parserCoarse, LabelCtx: *parserLabel, Clusters: cl, ExploreProb: *parserExpl}
	if *parserDev {
		opts.Dev = dev
	}
	p, st := parser.TrainWithStats(train, opts)
	fmt.Fprintf(os.Stderr, "parser: %+v\n", st)
	fmt.Fprintf(os.Stderr, "parser: EWT dev  gold tags: %s\n", parser.Evaluate(dev, p.Parse))
	fmt.Fprintf(os.Stderr, "parser: EWT test gold tags: %s\n", parser.Evaluate(test, p.Parse))
	if t, err := tagger.Default(); err == nil {
		tagParse := func(s *doc.Sentence) { t.Tag(s); p.Parse(s) }
		fmt.Fprintf(os.Stderr, "parser: EWT dev  predicted tags: %s\n", parser.Evaluate(dev, tagParse))
		fmt.Fprintf(os.Stderr, "parser: EWT test predicted tags: %s\n", parser.Evaluate(test, tagParse))
	} else {
		fmt.Fprintf(os.Stderr, "parser: no tagger for predicted-tag scores: %v\n", err)
	}
	if *parserSubset > 0 {
		return nil
	}
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		return err
	}
	dir, err := corpora.Dir()
	if err != nil {
		return err
	}
	out := filepath.Join(filepath.Dir(dir), filepath.FromSlash(parser.DefaultModelPath))
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write parser model: %w", err)
	}
	fmt.Fprintf(os.Stderr, "parser: wrote %s (%d bytes)\n", out, buf.Len())
	return nil
}
