package tagger

import (
	"bytes"
	"testing"

	"github.com/kg-project/kg/extract/doc"
)

// BenchmarkTag measures tagging and lemmatizing speed on EWT dev.
func BenchmarkTag(b *testing.B) {
	tg := defaultTagger(b)
	dev := treebank(b, ewtDev)
	sents := make([]*doc.Sentence, len(dev))
	ntok := 0
	for i, g := range dev {
		sents[i] = sentence(g.Words()...)
		ntok += len(g.Tokens)
	}
	b.ResetTimer()
	tokens := 0
	for i := 0; i < b.N; i++ {
		s := sents[i%len(sents)]
		tg.Tag(s)
		tokens += len(s.Tokens)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkLoad measures loading the embedded model.
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(bytes.NewReader(defaultModel)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(defaultModel)), "model-bytes")
}

// BenchmarkAccuracy scores the embedded model on the whole EWT dev and
// test sets (gold tokenization) and reports the accuracies in percent.
//
//	go test ./extract/tagger -run '^$' -bench Accuracy -benchtime 1x
func BenchmarkAccuracy(b *testing.B) {
	tg := defaultTagger(b)
	for _, set := range []struct{ name, file string }{{"dev", ewtDev}, {"test", ewtTest}} {
		gold := treebank(b, set.file)
		b.Run(set.name, func(b *testing.B) {
			var sc Scores
			for i := 0; i < b.N; i++ {
				sc = tg.Evaluate(gold)
			}
			b.ReportMetric(100*sc.UPOS, "UPOS%")
			b.ReportMetric(100*sc.XPOS, "XPOS%")
			b.ReportMetric(100*sc.Lemma, "lemma%")
			b.ReportMetric(100*sc.LemmaGoldTags, "lemma-goldXPOS%")
		})
	}
}
