package tagger

import (
	"bytes"
	"os"
	"testing"

	"github.com/kg-project/kg/extract/doc"
	"time"
)

func TestSweepPrune(t *testing.T) {
	if os.Getenv("TAGGER_SWEEP") == "" {
		t.Skip()
	}
	trainS := append(append([]*doc.Sentence(nil), treebank(t, ewtTrain)...), treebank(t, "gum/en_gum-ud-train.conllu")...)
	dev := treebank(t, ewtDev)
	tg, tr := train(trainS, TrainOptions{Seed: 1})
	for _, p := range []float32{0.05, 0.2, 0.5, 1, 2, 3} {
		tg.model = freeze(tr, p)
		var buf bytes.Buffer
		tg.Save(&buf)
		st := time.Now()
		Load(bytes.NewReader(buf.Bytes()))
		t.Logf("prune %v feats %d size %d load %v dev %s", p, tg.model.Features(), buf.Len(), time.Since(st), tg.Evaluate(dev))
	}
}
