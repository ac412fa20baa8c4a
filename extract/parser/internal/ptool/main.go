// Command ptool trains and evaluates parser variants for development
// (the shipped model is built by cmd/kgtrain). It must not be used by the
// kg binary.
//
//	go run ./extract/parser/internal/ptool -train ud-english-ewt/en_ewt-ud-train.conllu -epochs 10 -out /tmp/p.gz
//	go run ./extract/parser/internal/ptool -model /tmp/p.gz -test ud-english-ewt/en_ewt-ud-test.conllu
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/parser"
	"github.com/kg-project/kg/extract/tagger"
)

// jackknife replaces the tags of sents with those of taggers trained on
// the other k-1 of k contiguous folds, caching the result in cache.
func jackknife(sents []*doc.Sentence, k int, seed int64, cache string) ([]*doc.Sentence, error) {
	if cache != "" {
		if f, err := os.Open(cache); err == nil {
			defer f.Close()
			out, err := conllu.ReadSentences(f, cache)
			if err == nil && len(out) == len(sents) {
				fmt.Printf("jackknifed tags from %s\n", cache)
				return out, nil
			}
		}
	}
	out := make([]*doc.Sentence, len(sents))
	for fold := 0; fold < k; fold++ {
		lo, hi := fold*len(sents)/k, (fold+1)*len(sents)/k
		var tr []*doc.Sentence
		tr = append(tr, sents[:lo]...)
		tr = append(tr, sents[hi:]...)
		start := time.Now()
		tg := tagger.Train(tr, tagger.TrainOptions{Seed: seed})
		for i := lo; i < hi; i++ {
			c := *sents[i]
			c.Tokens = append([]doc.Token(nil), sents[i].Tokens...)
			tg.Tag(&c)
			out[i] = &c
		}
		fmt.Printf("jackknife fold %d/%d: %v\n", fold+1, k, time.Since(start).Round(time.Second))
	}
	if cache != "" {
		f, err := os.Create(cache)
		if err != nil {
			return nil, err
		}
		for _, s := range out {
			conllu.Write(f, s)
		}
		f.Close()
	}
	return out, nil
}

var (
	labelCtx  bool
	beamTrain int
)

func read(name string, limit int) ([]*doc.Sentence, error) {
	rc, err := corpora.Open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	out, err := conllu.ReadSentences(rc, name)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, err
}

func main() {
	train := flag.String("train", "", "comma-separated training files")
	limit := flag.Int("limit", 0, "use only the first N training sentences")
	dev := flag.String("dev", "ud-english-ewt/en_ewt-ud-dev.conllu", "dev file")
	test := flag.String("test", "", "test file to score at the end")
	epochs := flag.Int("epochs", 10, "epochs")
	evalEvery := flag.String("eval", "", "comma-separated epochs to score dev after")
	prune := flag.Float64("prune", 0, "prune threshold")
	minLift := flag.Int("minlift", 2, "min count of an encoded lift label")
	explore := flag.Int("explore", 1, "first exploring epoch (-1: never)")
	seed := flag.Int64("seed", 1, "seed")
	jk := flag.Int("jackknife", 0, "train on k-fold jackknifed tagger tags")
	jkCache := flag.String("jkcache", "", "cache file for jackknifed training data")
	rich := flag.Bool("rich", false, "rich labelled-action features")
	coarse := flag.Bool("coarse", false, "universal-tag and suffix conjunctions")
	flag.BoolVar(&labelCtx, "labelctx", false, "label context features (TrainOptions.LabelCtx)")
	flag.IntVar(&beamTrain, "beamtrain", 0, "train globally with a beam of this width (TrainOptions.Beam)")
	jkUse := flag.Int("jkuse", 0, "after jackknifing keep only the first N sentences")
	reprune := flag.String("reprune", "", "comma-separated thresholds: prune the loaded model and score each")
	devPredF := flag.Bool("devpred", false, "score dev during training with the shipped tagger's tags")
	pred := flag.Bool("pred", true, "also score with predicted tags from the shipped tagger")
	out := flag.String("out", "", "write model here")
	model := flag.String("model", "", "load model instead of training")
	beams := flag.String("beams", "", "comma-separated beam widths: score dev with each and stop")
	flag.Parse()
	if *beams != "" {
		if err := scoreBeams(*model, *dev, *beams, *pred); err != nil {
			fmt.Fprintln(os.Stderr, "ptool:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*train, *limit, *dev, *test, *epochs, *evalEvery, float32(*prune), *minLift, *explore, *seed, *out, *model, *jk, *jkCache, *pred, *reprune, *jkUse, *rich, *coarse, *devPredF); err != nil {
		fmt.Fprintln(os.Stderr, "ptool:", err)
		os.Exit(1)
	}
}

func run(train string, limit int, devName, testName string, epochs int, evalEvery string, prune float32, minLift, explore int, seed int64, out, model string, jk int, jkCache string, pred bool, reprune string, jkUse int, rich, coarse, devPred bool) error {
	var devS []*doc.Sentence
	var err error
	if devName != "" {
		if devS, err = read(devName, 0); err != nil {
			return err
		}
	}
	var p *parser.Parser
	if model != "" {
		f, err := os.Open(model)
		if err != nil {
			return err
		}
		start := time.Now()
		p, err = parser.Load(f)
		f.Close()
		if err != nil {
			return err
		}
		fmt.Printf("loaded in %v\n", time.Since(start))
	} else {
		var sents []*doc.Sentence
		for _, name := range strings.Split(train, ",") {
			ss, err := read(name, limit)
			if err != nil {
				return err
			}
			sents = append(sents, ss...)
		}
		if jk > 1 {
			if sents, err = jackknife(sents, jk, seed, jkCache); err != nil {
				return err
			}
			if jkUse > 0 && jkUse < len(sents) {
				sents = sents[:jkUse]
			}
		}
		var ev []int
		for _, e := range strings.Split(evalEvery, ",") {
			var x int
			if _, err := fmt.Sscan(e, &x); err == nil {
				ev = append(ev, x)
			}
		}
		opts := parser.TrainOptions{Epochs: epochs, Seed: seed, Prune: prune, MinLift: minLift, ExploreFrom: explore, Log: os.Stdout, RichJoint: rich, Coarse: coarse, LabelCtx: labelCtx, Beam: beamTrain}
		if len(ev) > 0 {
			opts.Dev, opts.EvalEpochs = devS, ev
			if devPred {
				// Dev with the shipped tagger's tags: the per-epoch
				// scores are then predicted-tag scores.
				opts.Dev = make([]*doc.Sentence, len(devS))
				for i, g := range devS {
					c := *g
					c.Tokens = append([]doc.Token(nil), g.Tokens...)
					tagger.Tag(&c)
					opts.Dev[i] = &c
				}
			}
		}
		start := time.Now()
		var st parser.TrainStats
		p, st = parser.TrainWithStats(sents, opts)
		fmt.Printf("trained in %v: %+v\n", time.Since(start).Round(time.Second), st)
	}
	if reprune != "" {
		for _, x := range strings.Split(reprune, ",") {
			var th float64
			fmt.Sscan(x, &th)
			q, err := p.Pruned(float32(th))
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			q.Save(&buf)
			start := time.Now()
			if _, err := parser.Load(bytes.NewReader(buf.Bytes())); err != nil {
				return err
			}
			lt := time.Since(start)
			tf, jf := q.Features()
			start = time.Now()
			sc := parser.Evaluate(devS, q.Parse)
			if out != "" {
				os.WriteFile(fmt.Sprintf("%s.%g", out, th), buf.Bytes(), 0o644)
			}
			fmt.Printf("prune %g: %d+%d features, %d bytes, load %v, dev %s [%.0f words/s]\n", th, tf, jf, buf.Len(), lt.Round(time.Millisecond), sc, float64(sc.Words)/time.Since(start).Seconds())
		}
		return nil
	}
	if len(devS) > 0 {
		start := time.Now()
		sc := parser.Evaluate(devS, p.Parse)
		fmt.Printf("dev  (gold tags): %s  [%.0f words/s]\n", sc, float64(sc.Words)/time.Since(start).Seconds())
		if pred {
			fmt.Printf("dev  (pred tags): %s\n", parser.Evaluate(devS, func(s *doc.Sentence) { tagger.Tag(s); p.Parse(s) }))
		}
	}
	if testName != "" {
		testS, err := read(testName, 0)
		if err != nil {
			return err
		}
		fmt.Printf("test (gold tags): %s\n", parser.Evaluate(testS, p.Parse))
		if pred {
			fmt.Printf("test (pred tags): %s\n", parser.Evaluate(testS, func(s *doc.Sentence) { tagger.Tag(s); p.Parse(s) }))
		}
	}
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		if err := p.Save(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		fi, _ := os.Stat(out)
		fmt.Printf("saved %s (%d bytes)\n", out, fi.Size())
	}
	return nil
}

// scoreBeams scores dev with the model (the embedded one when model is
// empty) at each beam width.
func scoreBeams(model, devName, widths string, pred bool) error {
	devS, err := read(devName, 0)
	if err != nil {
		return err
	}
	var p *parser.Parser
	if model == "" {
		p, err = parser.Default()
	} else {
		var f *os.File
		if f, err = os.Open(model); err != nil {
			return err
		}
		p, err = parser.Load(f)
		f.Close()
	}
	if err != nil {
		return err
	}
	predS := make([]*doc.Sentence, len(devS))
	for i, g := range devS {
		c := *g
		c.Tokens = append([]doc.Token(nil), g.Tokens...)
		tagger.Tag(&c)
		predS[i] = &c
	}
	for _, x := range strings.Split(widths, ",") {
		var k int
		if _, err := fmt.Sscan(x, &k); err != nil {
			return fmt.Errorf("beam width %q: %w", x, err)
		}
		p.SetBeam(k)
		start := time.Now()
		sc := parser.Evaluate(devS, p.Parse)
		fmt.Printf("beam %d: dev (gold tags): %s [%.0f words/s]\n", k, sc, float64(sc.Words)/time.Since(start).Seconds())
		if pred {
			// predS keeps the gold trees, with the shipped tagger's tags.
			fmt.Printf("beam %d: dev (pred tags): %s\n", k, parser.Evaluate(predS, p.Parse))
		}
	}
	return nil
}
