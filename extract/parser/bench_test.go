package parser

import (
	"bytes"
	"os"
	"syscall"
	"testing"

	"github.com/kg-project/kg/corpora"
	"github.com/kg-project/kg/extract/conllu"
	"github.com/kg-project/kg/extract/doc"
	"github.com/kg-project/kg/extract/tagger"
)

func readCorpus(tb testing.TB, name string, limit int) []*doc.Sentence {
	tb.Helper()
	rc, err := corpora.Open(name)
	if err != nil {
		tb.Skipf("corpus %s: %v", name, err)
	}
	defer rc.Close()
	ss, err := conllu.ReadAll(rc, name)
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	var out []*doc.Sentence
	for _, s := range ss {
		out = append(out, &s.Sentence)
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	return out
}

func benchParser(b *testing.B) *Parser {
	if path := os.Getenv("KG_PARSER_MODEL"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		p, err := Load(f)
		if err != nil {
			b.Fatal(err)
		}
		return p
	}
	p, err := Default()
	if err != nil {
		b.Skipf("no embedded model: %v", err)
	}
	return p
}

// BenchmarkParse parses EWT dev sentences (gold tags) on one goroutine and
// reports tokens per second.
func BenchmarkParse(b *testing.B) {
	p := benchParser(b)
	sents := readCorpus(b, "ud-english-ewt/en_ewt-ud-dev.conllu", 0)
	work := make([]doc.Sentence, len(sents))
	for i, s := range sents {
		work[i] = *s
		work[i].Tokens = append([]doc.Token(nil), s.Tokens...)
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	b.ResetTimer()
	tokens := 0
	for i := 0; i < b.N; i++ {
		s := &work[i%len(work)]
		p.Parse(s)
		tokens += len(s.Tokens)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
	// On a shared machine wall time depends on the other load; CPU time
	// spent by this process is the steadier figure.
	b.ReportMetric(float64(tokens)/(cpuTime()-cpu0), "tokens/cpu-s")
}

// cpuTime returns the user+system CPU seconds used by the process.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// BenchmarkAccuracy scores the model (the embedded one, or the file named
// by KG_PARSER_MODEL) on EWT dev and test, with gold tags and with tags
// predicted by the shipped tagger, and reports UAS, LAS on full labels and
// LAS on universal labels (the CoNLL 2018 definition).
//
//	go test ./extract/parser -run XXX -bench Accuracy -benchtime 1x
func BenchmarkAccuracy(b *testing.B) {
	p := benchParser(b)
	for _, split := range []string{"dev", "test"} {
		sents := readCorpus(b, "ud-english-ewt/en_ewt-ud-"+split+".conllu", 0)
		for _, tags := range []string{"gold", "pred"} {
			b.Run(split+"-"+tags, func(b *testing.B) {
				parse := p.Parse
				if tags == "pred" {
					tg, err := tagger.Default()
					if err != nil {
						b.Skipf("no tagger: %v", err)
					}
					parse = func(s *doc.Sentence) { tg.Tag(s); p.Parse(s) }
				}
				var sc Score
				for i := 0; i < b.N; i++ {
					sc = Evaluate(sents, parse)
				}
				b.ReportMetric(sc.UAS(), "UAS")
				b.ReportMetric(sc.LAS(), "LAS")
				b.ReportMetric(sc.ULAS(), "LAS-univ")
			})
		}
	}
}

// BenchmarkLoad measures loading the embedded model.
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
}
